"""Finished steps, one row each: what the overzicht's lead times are computed from.

A fact table beside the history: the service that ends a step writes its row in the same
transaction as the event that ends it (`workflow.handelen.record_afgeronde_stap`), and
`workflow.overzicht.afgeronde_stappen_aanvullen` derives the rows of steps finished before the
table existed (migration 0024, the bench generator). A year's lead times are then a range scan
over small rows instead of joins over every step and event. Derived data: it can be rebuilt
from the route and the history at any time, so it carries no history of its own.

Begin and end are local dates; their werkdagen are counted at query time against the calendar
as it is then (a closure day added later counts, as it did when the figures were computed
from the history).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AfgerondeStap(models.Model):
    class Soort(models.TextChoices):
        PARAAF = "paraaf", _("initialling step")
        BESLUIT = "besluit", _("decision")
        AFSTEMMING = "afstemming", _("agreement of a co-signer")

    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    nota = models.ForeignKey(
        "letters.Nota", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # The nota's unit: its directie is read from the (small) organisation tree at query time.
    organisatieonderdeel = models.ForeignKey(
        "workflow.Organisatieonderdeel", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # An afstemming's: the ministry of the co-signer who answered.
    ministerie = models.ForeignKey(
        "workflow.Ministerie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    begin = models.DateField(_("began on"))
    eind = models.DateField(_("ended on"))
    # What ended: the step, the event that ended the decision, the request answered (one each,
    # unique, so that neither the live writing nor the backfill counts a step twice).
    parafeerstap = models.OneToOneField(
        "workflow.Parafeerstap", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gebeurtenis = models.OneToOneField(
        "workflow.Gebeurtenis", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afstemmingsverzoek = models.OneToOneField(
        "letters.Afstemmingsverzoek",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("finished step")
        verbose_name_plural = _("finished steps")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        soort="paraaf",
                        parafeerstap__isnull=False,
                        gebeurtenis__isnull=True,
                        afstemmingsverzoek__isnull=True,
                    )
                    | Q(
                        soort="besluit",
                        parafeerstap__isnull=True,
                        gebeurtenis__isnull=False,
                        afstemmingsverzoek__isnull=True,
                    )
                    | Q(
                        soort="afstemming",
                        parafeerstap__isnull=True,
                        gebeurtenis__isnull=True,
                        afstemmingsverzoek__isnull=False,
                    )
                ),
                name="afgeronde_stap_een_bron",
            ),
        ]
        indexes = [
            # A period's rows in one range scan, with all the figures need (index-only). The
            # columns are keys after `eind`, not INCLUDE: SQLite (the demo) has no INCLUDE.
            models.Index(
                fields=["eind", "soort", "nota", "organisatieonderdeel", "ministerie", "begin"],
                name="afgeronde_stap_eind",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.nota_id}: {self.begin} – {self.eind}"
