"""On PostgreSQL, the versions of documents refuse every UPDATE and DELETE, as history does.

The models refuse it in Python (ImmutableRecord); this also stops a queryset update, raw SQL and
a cascading delete. TRUNCATE is left alone: it is how test databases are emptied.
(TRUNCATE is refused too since workflow 0013, except in a session that says it empties
the whole database.)
"""

from django.db import migrations

TABLES = [
    "letters_kamerbriefversie",
    "letters_bijlageversie",
    "letters_notabijlageversie",
    "letters_ondertekenaar",
]

FUNCTION = """
CREATE OR REPLACE FUNCTION letters_version_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Een vastgelegde versie is onveranderlijk: % op % is niet toegestaan',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""

CREATE = FUNCTION + "".join(
    f"""
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION letters_version_append_only();
"""
    for table in TABLES
)

DROP = "".join(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};\n" for table in TABLES) + (
    "DROP FUNCTION IF EXISTS letters_version_append_only();\n"
)


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("letters", "0005_nota_bijlageversies")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
