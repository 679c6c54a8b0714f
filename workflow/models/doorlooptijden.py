"""Finished steps, one row each: what the overzicht's lead times are computed from.

A fact table beside the history: the service that ends a step writes its row in the same
transaction as the event that ends it (`workflow.handelen.record_afgeronde_stap`), and
`workflow.overzicht.afgeronde_stappen_aanvullen` derives the rows of steps finished before the
table existed (migration 0024, the bench generator). A year's lead times are then a range scan
over small rows instead of joins over every step and event. Derived data: it can be rebuilt
from the route and the history at any time, so it carries no history of its own.

Begin and end are local dates; their werkdagen are counted against the calendar as it is
(a closure day added later counts, as it did when the figures were computed from the history).

`Doorlooptijdstand` is the same steps counted: per bereik, per block of end dates, per kind,
directie, ministry and number of werkdagen (workflow/doorlooptijdstand.py folds the steps in,
a batch at a time; a step not yet folded, `werkdagen` NULL, is read live beside it).
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
    # The werkdagen this step is counted with in the Doorlooptijdstand; NULL while it is not
    # (the tail, read live). Set by the fold only, back to NULL when what it was counted under
    # changes (migration workflow/0030).
    werkdagen = models.IntegerField(_("werkdagen counted"), null=True, blank=True)

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
            # The tail: the steps not yet folded into the Doorlooptijdstand, by end date.
            models.Index(
                fields=["eind"], name="afgeronde_stap_ongevouwen", condition=Q(werkdagen=None)
            ),
            # A nota's steps, to take them out of the Doorlooptijdstand when the nota moves.
            models.Index(fields=["nota"], name="afgeronde_stap_nota"),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.nota_id}: {self.begin} – {self.eind}"


class Doorlooptijdstand(models.Model):
    """How many finished steps took `werkdagen`, per bereik, block of end dates, kind, directie
    and ministry: the histogram the overzicht's lead times are read from.

    A block is `blok` of level `niveau`: the days whose number (days since EPOCH) shifted right
    by `niveau` bits is `blok`, so 1, 2, 4, … 1024 aligned days; a step counts once at each level,
    and a period is read as the fewest whole blocks that tile it (workflow/doorlooptijdstand.py).
    Derived data, folded in by a background task and emptied whenever what it was counted with
    changes; plain numbers, not foreign keys, so that counting locks nothing it counts."""

    bereik = models.CharField(_("scope"), max_length=20)
    niveau = models.SmallIntegerField(_("level"))
    blok = models.IntegerField(_("block"))
    soort = models.CharField(_("kind"), max_length=10, choices=AfgerondeStap.Soort.choices)
    directie_id = models.BigIntegerField(_("directie"), null=True)
    ministerie_id = models.BigIntegerField(_("ministry"), null=True)
    werkdagen = models.IntegerField(_("werkdagen"))
    aantal = models.BigIntegerField(_("count"))

    class Meta:
        verbose_name = _("lead time count")
        verbose_name_plural = _("lead time counts")
        # The unique key (NULLS NOT DISTINCT, which the fold's upsert needs) is made by the
        # migration, on PostgreSQL only: on SQLite nothing is folded.

    def __str__(self):
        blok = f"{self.niveau}/{self.blok}"
        return f"{self.bereik} {blok} {self.soort} {self.werkdagen}: {self.aantal}"


class DoorlooptijdstandKalender(models.Model):
    """One row (id 1): the calendar the Doorlooptijdstand was counted with, as a fingerprint of
    what decides a werkdag (the settings, the holidays package, the closure days). The overzicht
    reads the Doorlooptijdstand only while its own calendar has this fingerprint; the fold
    empties it and starts again when it differs. Its row lock orders the fold (shared) against
    whatever takes counted steps out (exclusive)."""

    kalender = models.CharField(_("calendar"), max_length=64)

    class Meta:
        verbose_name = _("calendar of the lead time counts")
        verbose_name_plural = _("calendar of the lead time counts")

    def __str__(self):
        return self.kalender
