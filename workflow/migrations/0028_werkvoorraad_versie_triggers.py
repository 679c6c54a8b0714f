"""Every write a werkvoorraad reads bumps the version of whoever's werkvoorraad it changes, in
the same transaction, by database triggers: one mechanism that no service, bulk update, admin
edit or future write path can forget (workflow/models/werkvoorraad.py names the keys).

Which keys a row touches follows what `selectors.werkvoorraad_for` reads (the row as it was
and as it is, so that a line leaving someone's werkvoorraad bumps them too):

- a nota: its opsteller, its office (`aan`) while the nota is in an office's states, whoever
  has an open step on it (te_paraferen shows the nota's fields) and its active followers;
- a nota's cc: its active followers (which notas they may read); a step: its parafeerder and
  who finished it; a follow, an opened nota (inzage), a substitution: that person (the
  substitute: whom they stand in for); a person: themselves (office, unit);
- an afstemmingsverzoek: the asked office; a Kamerbrief: its sender's office while it is to be
  signed, and the offices asked for their akkoord (the lines show its kenmerk and betreft);
- the organisation and closing days: everyone ("g": directies, managers, werkdagen).

On PostgreSQL the triggers are per statement (a bulk write is one set-based insert) and collect
the keys in workflow_werkvoorraadbump; a deferred constraint trigger bumps them once, sorted,
just before the commit: the version rows are locked for the last moment of the transaction
only, always in the same order (no deadlock between two acts), and an office's hot key does not
serialise whole transactions. On SQLite (the README's default, one writer at a time) row
triggers bump at once.

A new key starts at a random version, not at 1: a database emptied and filled again (the
bench's --reset, the tests) must not meet the keys it had before in a cache that outlived it.
"""

from django.db import migrations

OFFICE_STATES = "('ter_beslissing', 'ter_kennisname', 'aangehouden')"
FOLLOWERS = "JOIN workflow_volger v ON v.nota_id = r.{nota} AND v.gestopt_op IS NULL"

# Per table: the columns the key queries read, and the key queries over the rows `r`.
KEYS = {
    "letters_nota": (
        ["id", "opsteller_id", "aan_id", "status"],
        [
            "SELECT 'm:' || r.opsteller_id AS k FROM {rows} r",
            f"SELECT 'b:' || r.aan_id AS k FROM {{rows}} r WHERE r.status IN {OFFICE_STATES}",
            "SELECT 'm:' || s.parafeerder_id AS k FROM {rows} r JOIN workflow_parafeerstap s"
            " ON s.nota_id = r.id AND s.status = 'aan_de_beurt'",
            "SELECT 'm:' || v.medewerker_id AS k FROM {rows} r " + FOLLOWERS.format(nota="id"),
        ],
    ),
    "letters_nota_cc": (
        ["nota_id"],
        ["SELECT 'm:' || v.medewerker_id AS k FROM {rows} r " + FOLLOWERS.format(nota="nota_id")],
    ),
    "workflow_parafeerstap": (
        ["parafeerder_id", "afgehandeld_door_id"],
        [
            "SELECT 'm:' || r.parafeerder_id AS k FROM {rows} r",
            "SELECT 'm:' || r.afgehandeld_door_id AS k FROM {rows} r",
        ],
    ),
    "workflow_volger": (["medewerker_id"], ["SELECT 'm:' || r.medewerker_id AS k FROM {rows} r"]),
    "workflow_inzage": (["medewerker_id"], ["SELECT 'm:' || r.medewerker_id AS k FROM {rows} r"]),
    "workflow_vervanging": (
        ["vervanger_id"],
        ["SELECT 'm:' || r.vervanger_id AS k FROM {rows} r"],
    ),
    "workflow_medewerker": (["id"], ["SELECT 'm:' || r.id AS k FROM {rows} r"]),
    "letters_afstemmingsverzoek": (
        ["bewindspersoon_id"],
        ["SELECT 'b:' || r.bewindspersoon_id AS k FROM {rows} r"],
    ),
    "letters_kamerbrief": (
        ["id", "afzender_id", "status"],
        [
            "SELECT 'b:' || r.afzender_id AS k FROM {rows} r"
            " WHERE r.status IN ('gereed_voor_ondertekening', 'ondertekend')",
            "SELECT 'b:' || a.bewindspersoon_id AS k FROM {rows} r JOIN letters_afstemmingsverzoek a"
            " ON a.kamerbrief_id = r.id AND a.status = 'aangevraagd'",
        ],
    ),
    "workflow_organisatieonderdeel": (["id"], ["SELECT 'g' AS k FROM {rows} r"]),
    "workflow_sluitingsdag": (["id"], ["SELECT 'g' AS k FROM {rows} r"]),
}


# Tables whose updates matter only when these columns change (a login writes last_login).
WATCHED = {"workflow_medewerker": ["bureau_van_id", "organisatieonderdeel_id"]}


def _keys(table: str, rows: str) -> str:
    return " UNION ".join(query.format(rows=rows) for query in KEYS[table][1])


# PostgreSQL ---------------------------------------------------------------------------------

PG_FLUSH = """
CREATE TABLE workflow_werkvoorraadbump (sleutel varchar(40) NOT NULL);
CREATE OR REPLACE FUNCTION werkvoorraad_flush() RETURNS trigger AS $$
BEGIN
    WITH pending AS (DELETE FROM workflow_werkvoorraadbump RETURNING sleutel)
    INSERT INTO workflow_werkvoorraadversie (sleutel, versie)
    SELECT sleutel, (random() * 1e15)::bigint FROM (SELECT DISTINCT sleutel FROM pending) p
    ORDER BY sleutel
    ON CONFLICT (sleutel) DO UPDATE SET versie = workflow_werkvoorraadversie.versie + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER werkvoorraad_flush AFTER INSERT ON workflow_werkvoorraadbump
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION werkvoorraad_flush();
"""


def _pg_collect(table: str, rows: str) -> str:
    return (
        "INSERT INTO workflow_werkvoorraadbump (sleutel) SELECT DISTINCT k FROM "
        f"({_keys(table, rows)}) keys WHERE k IS NOT NULL;"
    )


def _pg_changed(table: str, side: str) -> str:
    """The updated rows, as they were (x) or are (y), of which a watched column changed."""
    differ = " OR ".join(f"x.{c} IS DISTINCT FROM y.{c}" for c in WATCHED[table])
    return f"(SELECT {side}.* FROM old_rows x JOIN new_rows y ON x.id = y.id WHERE {differ})"


def _pg_create(table: str) -> str:
    if table in WATCHED:
        update = _pg_collect(table, _pg_changed(table, "x")) + _pg_collect(
            table, _pg_changed(table, "y")
        )
    else:
        update = _pg_collect(table, "old_rows") + _pg_collect(table, "new_rows")
    return f"""
CREATE OR REPLACE FUNCTION werkvoorraad_{table}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN {update} END IF;
    IF TG_OP = 'DELETE' THEN {_pg_collect(table, "old_rows")} END IF;
    IF TG_OP = 'INSERT' THEN {_pg_collect(table, "new_rows")} END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER werkvoorraad_ins AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION werkvoorraad_{table}();
CREATE TRIGGER werkvoorraad_upd AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION werkvoorraad_{table}();
CREATE TRIGGER werkvoorraad_del AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION werkvoorraad_{table}();
"""


def _pg_drop(table: str) -> str:
    return "".join(
        f"DROP TRIGGER IF EXISTS werkvoorraad_{op} ON {table};\n" for op in ("ins", "upd", "del")
    ) + (f"DROP FUNCTION IF EXISTS werkvoorraad_{table}();\n")


# SQLite -------------------------------------------------------------------------------------


def _sqlite_rows(table: str, row: str) -> str:
    columns = ", ".join(f"{row}.{column} AS {column}" for column in KEYS[table][0])
    return f"(SELECT {columns})"


def _sqlite_create(table: str) -> list[str]:
    statements = []
    for op, rows in (("INSERT", ["NEW"]), ("UPDATE", ["OLD", "NEW"]), ("DELETE", ["OLD"])):
        keys = " UNION ".join(_keys(table, _sqlite_rows(table, row)) for row in rows)
        of = f" OF {', '.join(WATCHED[table])}" if op == "UPDATE" and table in WATCHED else ""
        statements.append(
            f"CREATE TRIGGER werkvoorraad_{table}_{op.lower()} AFTER {op}{of} ON {table} BEGIN "
            "INSERT OR IGNORE INTO workflow_werkvoorraadversie (sleutel, versie) "
            f"SELECT k, abs(random() % 1000000000000000) FROM ({keys}) WHERE k IS NOT NULL; "
            "UPDATE workflow_werkvoorraadversie SET versie = versie + 1 "
            f"WHERE sleutel IN (SELECT k FROM ({keys})); END"
        )
    return statements


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FLUSH + "".join(_pg_create(table) for table in KEYS))
    elif vendor == "sqlite":
        for table in KEYS:
            for statement in _sqlite_create(table):
                schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "".join(_pg_drop(table) for table in KEYS)
            + "DROP TABLE IF EXISTS workflow_werkvoorraadbump;\n"
            + "DROP FUNCTION IF EXISTS werkvoorraad_flush();\n"
        )
    elif vendor == "sqlite":
        for table in KEYS:
            for op in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS werkvoorraad_{table}_{op}")


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0027_werkvoorraad_versie"),
        ("letters", "0011_nota_bij_bureau_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
