"""De werkstand (workflow/models/werkstand.py): the open work counted as it moves, so that the
overzicht reads a few hundred counts instead of counting a DG's 1,000,000 open steps.

What each row of the live tables contributes is written here once, as SQL over a source of rows
(`_nota`, `_stap`, `_verzoek`), and used three ways:

- the view `workflow_werkstand_live`: the contributions of every live row, counted; SQLite (the
  demo) reads it, the tests compare the table with it, and a rebuild copies it;
- on PostgreSQL, statement triggers on letters_nota, workflow_parafeerstap and
  letters_afstemmingsverzoek: the contributions of the changed rows as they were (-1) and as
  they are (+1) become deltas in workflow_werkstandmutatie; the deferred flush of the
  werkvoorraad versions (migration 0028) now applies them too, summed per key and sorted, just
  before the commit (version keys first, then counts: one lock order for every transaction);
- a change to the organisation's tree or a bewindspersoon's ministry (rare, by a beheerder)
  rebuilds the table from the view in the same transaction.

Each statement's delta is the change of its own rows with every other table as it stands, so a
transaction's deltas add up to the change of the whole, whatever the order of its statements.
A nota moved to another unit or office takes its open steps and afstemmingen with it.

Bereiken (scopes): `workflow_onderdeelbereik` gives a unit each unit above it and itself
("o:<id>") and its ministry ("min:<id>"); a nota also counts for the ministry it is addressed
to. A kamerbrief never changes nota, so letters_kamerbrief needs no trigger.
"""

from django.db import migrations, models

# Nota.Status minus Nota.EINDSTATUSSEN (tests/workflow/test_werkstand.py checks they agree).
OPEN = (
    "'concept', 'in_parafering', 'ter_beslissing', 'akkoord', 'akkoord_met_wijzigingen', "
    "'niet_akkoord', 'aangehouden', 'ter_kennisname'"
)
KOLOMMEN = "bereik, soort, status, wie_id, onderdeel_id, deadline"

# A unit's bereiken: itself and the three units above it, as far up as a manager reads
# (organisation.MANAGEMENT_DEPTH), and its ministry.
ONDERDEELBEREIK = """
CREATE VIEW workflow_onderdeelbereik (organisatieonderdeel_id, bereik) AS
WITH RECURSIVE boven (id, hoger_id, niveau) AS (
    SELECT id, id, 1 FROM workflow_organisatieonderdeel
    UNION ALL
    SELECT b.id, o.bovenliggend_id, b.niveau + 1 FROM boven b
      JOIN workflow_organisatieonderdeel o ON o.id = b.hoger_id
     WHERE o.bovenliggend_id IS NOT NULL AND b.niveau < 4)
SELECT id, 'o:' || hoger_id FROM boven
UNION ALL
SELECT id, 'min:' || ministerie_id FROM workflow_organisatieonderdeel
"""


def _per_bereik(select: str, bron: str, where: str) -> str:
    """`select` (the columns after the bereik) from `bron`, whose nota is `x`, once for each
    bereik of the nota's unit and once for the ministry of the office it is addressed to when
    that is another. Written out per source rather than as a (nota, bereik) subquery joined
    back: a transition table joined to itself is a nested loop over both (64 s for a statement
    that updated 16,000 notas)."""
    return f"""SELECT b.bereik, {select} FROM {bron}
                 JOIN workflow_onderdeelbereik b
                   ON b.organisatieonderdeel_id = x.organisatieonderdeel_id
                WHERE {where}
               UNION ALL
               SELECT 'min:' || bp.ministerie_id, {select} FROM {bron}
                 JOIN workflow_bewindspersoon bp ON bp.id = x.aan_id
                 JOIN workflow_organisatieonderdeel mo ON mo.id = x.organisatieonderdeel_id
                WHERE bp.ministerie_id <> mo.ministerie_id AND {where}"""


def _nota(notas: str) -> str:
    """What notas count themselves: an open nota by status, office and unit; a nota ter
    beslissing by its deadline."""
    status = _per_bereik(
        """'status' AS soort, x.status AS status, x.aan_id AS wie_id,
           x.organisatieonderdeel_id AS onderdeel_id, CAST(NULL AS date) AS deadline""",
        f"{notas} x",
        f"x.status IN ({OPEN})",
    )
    besluit = _per_bereik(
        "'termijn', 'besluit', CAST(NULL AS bigint), CAST(NULL AS bigint), x.deadline",
        f"{notas} x",
        "x.status = 'ter_beslissing' AND x.deadline IS NOT NULL",
    )
    return f"{status} UNION ALL {besluit}"


def _stap(stappen: str, notas: str = "letters_nota") -> str:
    """What steps at someone's turn count: per parafeerder, and per deadline."""
    bron = f"{stappen} s JOIN {notas} x ON x.id = s.nota_id"
    beurt = _per_bereik(
        """'beurt' AS soort, CAST(NULL AS varchar) AS status, s.parafeerder_id AS wie_id,
           CAST(NULL AS bigint) AS onderdeel_id, CAST(NULL AS date) AS deadline""",
        bron,
        "s.status = 'aan_de_beurt'",
    )
    termijn = _per_bereik(
        "'termijn', 'paraaf', CAST(NULL AS bigint), CAST(NULL AS bigint), s.deadline",
        bron,
        "s.status = 'aan_de_beurt' AND s.deadline IS NOT NULL",
    )
    return f"{beurt} UNION ALL {termijn}"


def _verzoek(verzoeken: str, notas: str = "letters_nota") -> str:
    """What an open afstemmingsverzoek counts: its deadline."""
    return _per_bereik(
        """'termijn' AS soort, 'afstemming' AS status, CAST(NULL AS bigint) AS wie_id,
           CAST(NULL AS bigint) AS onderdeel_id, v.deadline AS deadline""",
        f"""{verzoeken} v JOIN letters_kamerbrief k ON k.id = v.kamerbrief_id
            JOIN {notas} x ON x.id = k.nota_id""",
        "v.status = 'aangevraagd' AND v.deadline IS NOT NULL",
    )


LIVE = f"""
CREATE VIEW workflow_werkstand_live ({KOLOMMEN}, aantal) AS
SELECT {KOLOMMEN}, COUNT(*) FROM (
    {_nota("letters_nota")}
    UNION ALL
    {_stap("workflow_parafeerstap")}
    UNION ALL
    {_verzoek("letters_afstemmingsverzoek")}
) bijdragen
GROUP BY {KOLOMMEN}
"""


# PostgreSQL ---------------------------------------------------------------------------------


def _delta(oud: str | None, nieuw: str | None) -> str:
    """Insert the deltas of contributions `oud` (as the rows were) and `nieuw` (as they are)."""
    parts = []
    if oud:
        parts.append(f"SELECT b.*, -1 AS d FROM ({oud}) b")
    if nieuw:
        parts.append(f"SELECT b.*, 1 AS d FROM ({nieuw}) b")
    return f"""
    INSERT INTO workflow_werkstandmutatie ({KOLOMMEN}, aantal)
    SELECT {KOLOMMEN}, SUM(d) FROM ({" UNION ALL ".join(parts)}) t
     GROUP BY {KOLOMMEN} HAVING SUM(d) <> 0;"""


# The ids of the updated notas whose unit or office changed: a set difference, which
# PostgreSQL hashes, not a join of the two transition tables.
VERPLAATST = """(SELECT id FROM (SELECT id, organisatieonderdeel_id, aan_id FROM old_rows
                                  EXCEPT
                                  SELECT id, organisatieonderdeel_id, aan_id FROM new_rows) d)"""


def _meegenomen(notas: str) -> str:
    """The open steps and afstemmingen of the moved notas (`notas`: old_rows or new_rows),
    which count where their nota counts."""
    moved = f"(SELECT * FROM {notas} WHERE id IN {VERPLAATST})"
    stappen = _stap("workflow_parafeerstap", moved)
    return f"{stappen} UNION ALL {_verzoek('letters_afstemmingsverzoek', moved)}"


SEIN = """
    IF NOT EXISTS (SELECT 1 FROM workflow_werkstandsein) THEN
        INSERT INTO workflow_werkstandsein DEFAULT VALUES;
    END IF;"""

# Everything counted again from the live view. The lock waits for the transactions that have
# written counts and makes later ones wait for this one, so no delta is lost or counted twice.
OPNIEUW = f"""
    LOCK TABLE workflow_werkstand IN EXCLUSIVE MODE;
    DELETE FROM workflow_werkstandmutatie;
    DELETE FROM workflow_werkstand;
    INSERT INTO workflow_werkstand ({KOLOMMEN}, aantal)
    SELECT {KOLOMMEN}, aantal FROM workflow_werkstand_live;"""


# What a rebuild follows: the tree of units and their ministries, and the offices' ministries.
HERBOUW = {
    "workflow_organisatieonderdeel": ("bovenliggend_id", "ministerie_id"),
    "workflow_bewindspersoon": ("ministerie_id",),
}
TABLES = ("letters_nota", "workflow_parafeerstap", "letters_afstemmingsverzoek")


def _rijfunctie(table: str, bijdragen, bij_update: str = "") -> str:
    """The trigger function of `table`: the deltas of the changed rows' contributions
    (`bijdragen` of a source of rows). An update is one delta of the rows as they were and as
    they are, so a change that moves no count (a remark, a date read nowhere) writes nothing."""
    return f"""
CREATE FUNCTION werkstand_{table}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {_delta(None, bijdragen("new_rows"))} END IF;
    IF TG_OP = 'DELETE' THEN {_delta(bijdragen("old_rows"), None)} END IF;
    IF TG_OP = 'UPDATE' THEN
        {_delta(bijdragen("old_rows"), bijdragen("new_rows"))}
        {bij_update}
    END IF;
    {SEIN}
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;"""


def _pg_functions() -> str:
    verplaatst = f"""IF EXISTS {VERPLAATST} THEN
            {_delta(_meegenomen("old_rows"), _meegenomen("new_rows"))}
        END IF;"""
    nota = _rijfunctie("letters_nota", _nota, verplaatst)
    stap = _rijfunctie("workflow_parafeerstap", _stap)
    verzoek = _rijfunctie("letters_afstemmingsverzoek", _verzoek)
    opnieuw = "".join(
        f"""
CREATE FUNCTION werkstand_opnieuw_{t}() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows x JOIN new_rows y ON x.id = y.id
                WHERE {" OR ".join(f"x.{c} IS DISTINCT FROM y.{c}" for c in columns)}) THEN
        {OPNIEUW}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;"""
        for t, columns in HERBOUW.items()
    )
    return nota + stap + verzoek + opnieuw


# The flush of migration 0028, now also applying the werkstand's deltas after the versions.
FLUSH = """
CREATE OR REPLACE FUNCTION werkvoorraad_flush() RETURNS trigger AS $$
DECLARE
    leeg bigint[];
BEGIN
    WITH pending AS (DELETE FROM workflow_werkvoorraadbump RETURNING sleutel)
    INSERT INTO workflow_werkvoorraadversie (sleutel, versie)
    SELECT sleutel, (random() * 1e15)::bigint FROM (SELECT DISTINCT sleutel FROM pending) p
    ORDER BY sleutel
    ON CONFLICT (sleutel) DO UPDATE SET versie = workflow_werkvoorraadversie.versie + 1;

    DELETE FROM workflow_werkstandsein;
    WITH pending AS (DELETE FROM workflow_werkstandmutatie RETURNING *),
    opgeteld AS (
        SELECT {k}, SUM(aantal) AS aantal FROM pending GROUP BY {k} HAVING SUM(aantal) <> 0),
    bijgewerkt AS (
        INSERT INTO workflow_werkstand ({k}, aantal)
        SELECT {k}, aantal FROM opgeteld ORDER BY {k}
        ON CONFLICT ({k}) DO UPDATE SET aantal = workflow_werkstand.aantal + excluded.aantal
        RETURNING id, aantal)
    SELECT array_agg(id) FILTER (WHERE aantal = 0) INTO leeg FROM bijgewerkt;
    IF leeg IS NOT NULL THEN
        DELETE FROM workflow_werkstand WHERE id = ANY(leeg);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
""".replace("{k}", KOLOMMEN)

FLUSH_0028 = """
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
"""


PG_CREATE = (
    f"""
CREATE UNIQUE INDEX workflow_werkstand_sleutel ON workflow_werkstand ({KOLOMMEN})
    NULLS NOT DISTINCT;
CREATE TABLE workflow_werkstandmutatie (
    bereik varchar(20) NOT NULL, soort varchar(10) NOT NULL, status varchar(30),
    wie_id bigint, onderdeel_id bigint, deadline date, aantal bigint NOT NULL);
CREATE TABLE workflow_werkstandsein (id serial PRIMARY KEY);
"""
    + FLUSH
    + """
CREATE CONSTRAINT TRIGGER werkstand_flush AFTER INSERT ON workflow_werkstandsein
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION werkvoorraad_flush();
"""
    + _pg_functions()
    + "".join(
        f"""
CREATE TRIGGER werkstand_ins AFTER INSERT ON {t} REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION werkstand_{t}();
CREATE TRIGGER werkstand_upd AFTER UPDATE ON {t}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION werkstand_{t}();
CREATE TRIGGER werkstand_del AFTER DELETE ON {t} REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION werkstand_{t}();
"""
        for t in TABLES
    )
    + "".join(
        f"""
CREATE TRIGGER werkstand_opnieuw AFTER UPDATE ON {t}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION werkstand_opnieuw_{t}();
"""
        for t in HERBOUW
    )
    + f"""
INSERT INTO workflow_werkstand ({KOLOMMEN}, aantal)
SELECT {KOLOMMEN}, aantal FROM workflow_werkstand_live;
"""
)

PG_DROP = (
    "".join(
        f"DROP TRIGGER IF EXISTS werkstand_{op} ON {t};\n"
        for t in TABLES
        for op in ("ins", "upd", "del")
    )
    + "".join(f"DROP TRIGGER IF EXISTS werkstand_opnieuw ON {t};\n" for t in HERBOUW)
    + "".join(f"DROP FUNCTION IF EXISTS werkstand_{t}();\n" for t in TABLES)
    + "".join(f"DROP FUNCTION IF EXISTS werkstand_opnieuw_{t}();\n" for t in HERBOUW)
    + "DROP TABLE IF EXISTS workflow_werkstandsein;\n"
    + "DROP TABLE IF EXISTS workflow_werkstandmutatie;\n"
    + "DROP INDEX IF EXISTS workflow_werkstand_sleutel;\n"
    + FLUSH_0028
)


def create(apps, schema_editor):
    schema_editor.execute(ONDERDEELBEREIK)
    schema_editor.execute(LIVE)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    schema_editor.execute("DROP VIEW IF EXISTS workflow_werkstand_live")
    schema_editor.execute("DROP VIEW IF EXISTS workflow_onderdeelbereik")


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0028_werkvoorraad_versie_triggers"),
        ("letters", "0011_nota_bij_bureau_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="Werkstand",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("bereik", models.CharField(max_length=20, verbose_name="scope")),
                (
                    "soort",
                    models.CharField(
                        choices=[
                            ("status", "open notas by status"),
                            ("beurt", "steps at someone's turn"),
                            ("termijn", "deadlines"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("status", models.CharField(max_length=30, null=True, verbose_name="status")),
                ("wie_id", models.BigIntegerField(null=True, verbose_name="who")),
                ("onderdeel_id", models.BigIntegerField(null=True, verbose_name="unit")),
                ("deadline", models.DateField(null=True, verbose_name="deadline")),
                ("aantal", models.BigIntegerField(verbose_name="count")),
            ],
            options={
                "verbose_name": "open work count",
                "verbose_name_plural": "open work counts",
                "indexes": [
                    models.Index(fields=["bereik", "soort", "-aantal"], name="werkstand_grootste")
                ],
            },
        ),
        migrations.RunPython(create, drop),
        # The overzicht's toezeggingen coming due, counted from the index alone.
        migrations.RemoveIndex(model_name="toezegging", name="workflow_to_status_faa5be_idx"),
        migrations.AddIndex(
            model_name="toezegging",
            index=models.Index(
                fields=["status", "deadline"],
                include=("id", "ministerie", "bewindspersoon"),
                name="toezegging_status_deadline",
            ),
        ),
        # The overzicht's most overdue steps, read in order from the index.
        migrations.RemoveIndex(model_name="parafeerstap", name="parafeerstap_open_deadline"),
        migrations.AddIndex(
            model_name="parafeerstap",
            index=models.Index(
                condition=models.Q(("status", "aan_de_beurt")),
                fields=["deadline", "nota"],
                name="parafeerstap_open_deadline",
            ),
        ),
    ]
