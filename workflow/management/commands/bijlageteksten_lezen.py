"""Reads the text of bijlage versions stored before Parafeer kept it, so that the search finds
them too (new versions get their text when they are stored).

uv run python manage.py bijlageteksten_lezen [--batch 100]

Safe to run again and to interrupt: it only reads versions that have no text yet.
"""

from django.core.management.base import BaseCommand

from workflow.services.bijlagen import bijlageteksten_aanvullen


class Command(BaseCommand):
    help = "Reads the text of every bijlage version that has none yet (for the search)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", type=int, default=100, help="Versions per transaction (default 100)."
        )

    def handle(self, *args, batch, **options):
        verbosity = options.get("verbosity", 1)
        uitkomst = bijlageteksten_aanvullen(
            batch=max(1, batch), voortgang=self.stdout.write if verbosity > 1 else None
        )
        geschreven = sum(uitkomst.geschreven.values())
        per_uitkomst = ", ".join(f"{n} {soort}" for soort, n in sorted(uitkomst.geschreven.items()))
        woord = "tekst" if geschreven == 1 else "teksten"
        self.stdout.write(
            f"{geschreven} {woord} gelezen" + (f" ({per_uitkomst})" if per_uitkomst else "")
        )
        for naam in uitkomst.niet_geopend:
            self.stderr.write(f"Niet te openen, later opnieuw: {naam}")
