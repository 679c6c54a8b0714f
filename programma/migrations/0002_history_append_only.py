"""On PostgreSQL, the programme's history refuses UPDATE and DELETE row by row and TRUNCATE
unless the session empties a whole database on purpose (the function of workflow 0013)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION programma_gebeurtenis_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'De geschiedenis is onveranderlijk: % op programma_programmagebeurtenis is niet toegestaan', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER programma_gebeurtenis_append_only
    BEFORE UPDATE OR DELETE ON programma_programmagebeurtenis
    FOR EACH ROW EXECUTE FUNCTION programma_gebeurtenis_append_only();

CREATE TRIGGER programma_programmagebeurtenis_no_truncate
    BEFORE TRUNCATE ON programma_programmagebeurtenis
    FOR EACH STATEMENT EXECUTE FUNCTION parafeer_refuse_truncate();
"""

DROP = """
DROP TRIGGER IF EXISTS programma_programmagebeurtenis_no_truncate ON programma_programmagebeurtenis;
DROP TRIGGER IF EXISTS programma_gebeurtenis_append_only ON programma_programmagebeurtenis;
DROP FUNCTION IF EXISTS programma_gebeurtenis_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("programma", "0001_programma"),
        ("workflow", "0013_history_and_versions_refuse_truncate"),
    ]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
