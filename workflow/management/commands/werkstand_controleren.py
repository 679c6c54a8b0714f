"""Checks the werkstand (the overzicht's counts of open work) against the live tables, and
counts it again with --herstel.

uv run python manage.py werkstand_controleren [--herstel]

Triggers keep the counts in every writing transaction; they can only be wrong after something
that bypasses them: a TRUNCATE, restoring some tables from a backup, a load with triggers off.
Exits 1 when counts differ and --herstel was not given, so a monitor can run it.
"""

from django.core.management.base import BaseCommand, CommandError

from workflow.overzicht import werkstand_herberekenen, werkstand_verschillen


class Command(BaseCommand):
    help = "Compares the overzicht's counts of open work with the live tables (--herstel: recount)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--herstel", action="store_true", help="Count everything again from the live tables."
        )

    def handle(self, *args, herstel, **options):
        verschillen = werkstand_verschillen()
        if not verschillen:
            self.stdout.write("De werkstand klopt.")
            return
        if not herstel:
            raise CommandError(
                f"{verschillen} tellingen wijken af van de nota's en stappen zelf. "
                "Herstel met: manage.py werkstand_controleren --herstel"
            )
        werkstand_herberekenen()
        self.stdout.write(f"{verschillen} afwijkende tellingen; de werkstand is opnieuw geteld.")
