"""On PostgreSQL, TRUNCATE of the history and of the versions of documents is refused too.

Migrations 0002 (workflow) and 0006 (letters) refuse UPDATE and DELETE row by row; a TRUNCATE
fires no row triggers, so it emptied the append-only tables in one statement, also when it
cascaded from a nota. Now a statement trigger refuses it, unless the session has said on purpose
that it empties a whole database: `SET parafeer.truncate_history = 'on'`. The test suite's
flush (tests/conftest.py) and the bench's reset do; nothing in the application does.
"""

from django.db import migrations

TABLES = [
    "workflow_gebeurtenis",
    "letters_kamerbriefversie",
    "letters_bijlageversie",
    "letters_notabijlageversie",
    "letters_ondertekenaar",
]

FUNCTION = """
CREATE OR REPLACE FUNCTION parafeer_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('parafeer.truncate_history', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'Geschiedenis en versies zijn onveranderlijk: TRUNCATE op % is niet toegestaan',
        TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""

CREATE = FUNCTION + "".join(
    f"""
CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION parafeer_refuse_truncate();
"""
    for table in TABLES
)

DROP = "".join(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};\n" for table in TABLES) + (
    "DROP FUNCTION IF EXISTS parafeer_refuse_truncate();\n"
)


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0012_parafeerstap_one_index_per_parafeerder"),
        ("letters", "0006_versions_append_only"),
    ]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
