"""Each contribution has its own deadline: the round's for those asked when it opened, a later one
for a contribution asked afterwards. Existing contributions take their round's."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def from_the_round(apps, schema_editor):
    Voortgangsbijdrage = apps.get_model("programma", "Voortgangsbijdrage")
    Rapportageronde = apps.get_model("programma", "Rapportageronde")
    Voortgangsbijdrage.objects.update(
        deadline=Subquery(
            Rapportageronde.objects.filter(pk=OuterRef("ronde_id")).values("deadline")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [("programma", "0003_ronde_bijlage")]

    operations = [
        migrations.AddField(
            model_name="voortgangsbijdrage",
            name="deadline",
            field=models.DateField(null=True, verbose_name="deadline"),
        ),
        migrations.RunPython(from_the_round, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="voortgangsbijdrage",
            name="deadline",
            field=models.DateField(verbose_name="deadline"),
        ),
    ]
