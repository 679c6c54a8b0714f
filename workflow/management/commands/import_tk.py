"""`manage.py import_tk FILE…`: toezeggingen and moties from the Tweede Kamer's open data."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from workflow.tk_import import import_file


class Command(BaseCommand):
    help = (
        "Imports Toezegging records and Zaak records of Soort Motie from OData JSON files of the "
        "House's open data. Re-importing updates; each record is taken whole or rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, files, **options):
        unreadable = []
        for path in files:
            rapport = import_file(path)
            if rapport.fout:
                unreadable.append(path)
                self.stderr.write(
                    _("%(bestand)s: cannot be read: %(fout)s")
                    % {"bestand": rapport.bestand, "fout": rapport.fout}
                )
                continue
            self.stdout.write(
                _(
                    "%(bestand)s: %(aangemaakt)d created, %(bijgewerkt)d updated, "
                    "%(ongewijzigd)d unchanged, %(afgewezen)d rejected"
                )
                % {
                    "bestand": rapport.bestand,
                    "aangemaakt": rapport.aangemaakt,
                    "bijgewerkt": rapport.bijgewerkt,
                    "ongewijzigd": rapport.ongewijzigd,
                    "afgewezen": len(rapport.afgewezen),
                }
            )
            for afwijzing in rapport.afgewezen:
                self.stdout.write(
                    "  "
                    + _("record %(positie)d (%(sleutel)s) rejected: %(reden)s")
                    % {
                        "positie": afwijzing.positie,
                        "sleutel": afwijzing.sleutel or "?",
                        "reden": afwijzing.reden,
                    }
                )
        if unreadable:
            raise CommandError(
                _("Not every file could be read: %(bestanden)s")
                % {"bestanden": ", ".join(unreadable)}
            )
