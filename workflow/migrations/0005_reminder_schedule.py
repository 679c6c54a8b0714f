"""The reminder scan in Celery beat's schedule: every hour on the hour, 7:00–18:00, Mon–Fri.

The scan is idempotent and catches up, so running it hourly costs nothing extra and means a
reminder due this morning still goes out when the scheduler was down at 7:00.
"""

from django.db import migrations

TASK_NAME = "Herinneringen: scan"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7-18",
        day_of_week="1-5",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": "workflow.tasks.scan_reminders", "crontab": crontab},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0004_deadlines_and_reminders"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
