"""`manage.py send_outbox [--every 30]`: the outbox relay by hand, without the broker."""

import time

from django.core.management.base import BaseCommand

from workflow.outbox import relay


class Command(BaseCommand):
    help = (
        "Sends every email still due in the outbox (notifications and reminders), as the relay "
        "in Celery beat does; for when the broker or beat is down."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Keep running, relaying again every SECONDS, until stopped (Ctrl-C).",
        )

    def handle(self, *args, every=None, **options):
        while True:
            sent = 0
            # A run sends at most PARAFEER_OUTBOX_BATCH rows per outbox: go on while it is busy.
            while batch := relay():
                sent += batch
            self.stdout.write(f"{sent} bericht(en) verzonden.")
            if not every:
                return
            time.sleep(every)  # the pace of the loop, not a wait for other work
