"""`manage.py send_reminders [--now 2023-12-12T08:00]`: the same scan Celery beat runs."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from workflow.reminders import scan_reminders


class Command(BaseCommand):
    help = "Writes the reminders due now (once) and queues their sending."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="Pretend it is this moment (ISO 8601, local time), e.g. 2023-12-12T08:00.",
        )

    def handle(self, *args, now=None, **options):
        moment = None
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError:
                raise CommandError(
                    f"--now {now!r} is geen geldig tijdstip: gebruik bijvoorbeeld 2023-12-12T08:00."
                ) from None
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
        result = scan_reminders(now=moment)
        self.stdout.write(
            f"{result.created} nieuwe herinnering(en), {result.queued} in de wachtrij gezet."
        )
