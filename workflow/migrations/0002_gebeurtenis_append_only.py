"""On PostgreSQL, a trigger refuses every UPDATE and DELETE of a history event.

TRUNCATE is left alone: it is how test databases are emptied, and no application path uses it.
(TRUNCATE is refused too since workflow 0013, except in a session that says it empties
the whole database.)
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION workflow_gebeurtenis_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'De geschiedenis is onveranderlijk: % op workflow_gebeurtenis is niet toegestaan', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER workflow_gebeurtenis_append_only
    BEFORE UPDATE OR DELETE ON workflow_gebeurtenis
    FOR EACH ROW EXECUTE FUNCTION workflow_gebeurtenis_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS workflow_gebeurtenis_append_only ON workflow_gebeurtenis;
DROP FUNCTION IF EXISTS workflow_gebeurtenis_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
