"""On PostgreSQL, triggers refuse every UPDATE, DELETE and TRUNCATE of the audit log, as
workflow 0002 and 0013 do for the history (TRUNCATE only in a session that says it empties the
whole database: `SET parafeer.truncate_history = 'on'`)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION identiteit_auditregel_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Het auditlog is onveranderlijk: % op identiteit_auditregel is niet toegestaan', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER identiteit_auditregel_append_only
    BEFORE UPDATE OR DELETE ON identiteit_auditregel
    FOR EACH ROW EXECUTE FUNCTION identiteit_auditregel_append_only();

CREATE TRIGGER identiteit_auditregel_no_truncate BEFORE TRUNCATE ON identiteit_auditregel
    FOR EACH STATEMENT EXECUTE FUNCTION parafeer_refuse_truncate();
"""

DROP = """
DROP TRIGGER IF EXISTS identiteit_auditregel_no_truncate ON identiteit_auditregel;
DROP TRIGGER IF EXISTS identiteit_auditregel_append_only ON identiteit_auditregel;
DROP FUNCTION IF EXISTS identiteit_auditregel_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("identiteit", "0001_initial"),
        # parafeer_refuse_truncate() comes from there.
        ("workflow", "0013_history_and_versions_refuse_truncate"),
    ]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
