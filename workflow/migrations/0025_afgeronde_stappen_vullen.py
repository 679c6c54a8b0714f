"""The rows of every step finished before 0024, derived set-based from the route and the history
(`workflow.overzicht.afgeronde_stappen_aanvullen`, which the bench generator calls too). Reverse:
nothing to undo that the table's removal in 0024's reverse does not."""

from django.db import migrations


def vullen(apps, schema_editor):
    # The one derivation the services' live writing is tested against; derived data only, so
    # a later change to it that still fits this table keeps this migration right.
    from workflow.overzicht import afgeronde_stappen_aanvullen

    afgeronde_stappen_aanvullen()


class Migration(migrations.Migration):
    dependencies = [("workflow", "0024_afgeronde_stappen")]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop, elidable=True)]
