"""Writes the Woo export of a finished dossier to a zip file, as the nota page's button does.

uv run python manage.py woo_export 3730760-1057533-PG --door parlementair [-o dossier.zip]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from letters.models import Nota
from workflow import woo
from workflow.handelen import ActionNotAllowed
from workflow.models import Medewerker
from workflow.services.woo_export import nota_woo_export


class Command(BaseCommand):
    help = "Exports a finished dossier for the Woo (recorded in the nota's history)."

    def add_arguments(self, parser):
        parser.add_argument("kenmerk", help="The kenmerk of the nota, e.g. 3730760-1057533-PG.")
        parser.add_argument(
            "--door", required=True, help="Username of who exports (checked like on the page)."
        )
        parser.add_argument("-o", "--output", help="The zip to write (default: its own name).")

    def handle(self, *args, kenmerk, door, output=None, **options):
        try:
            nota = Nota.objects.get(kenmerk=kenmerk)
            by = Medewerker.objects.get(username=door)
        except (Nota.DoesNotExist, Medewerker.DoesNotExist) as missing:
            raise CommandError(str(missing)) from None
        try:
            inhoud = nota_woo_export(nota=nota, by=by)
        except ActionNotAllowed as refusal:
            raise CommandError(refusal.message) from None
        path = Path(output or woo.zip_name(nota))
        path.write_bytes(inhoud)
        self.stdout.write(f"{path} ({len(inhoud)} bytes)")
