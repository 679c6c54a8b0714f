"""The bewindspersoon's besluit on a nota, as recorded by their office."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Besluit(models.Model):
    class Uitkomst(models.TextChoices):
        AKKOORD = "akkoord", _("approved")
        AKKOORD_MET_WIJZIGINGEN = "akkoord_met_wijzigingen", _("approved with changes")
        NIET_AKKOORD = "niet_akkoord", _("not approved")
        AANGEHOUDEN = "aangehouden", _("on hold")

    nota = models.ForeignKey("letters.Nota", on_delete=models.PROTECT, related_name="besluiten")
    uitkomst = models.CharField(_("outcome"), max_length=30, choices=Uitkomst.choices)
    toelichting = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("The changes asked, the reason for putting on hold or for not approving."),
    )
    bewindspersoon = models.ForeignKey(
        "workflow.Bewindspersoon",
        verbose_name=_("member of government"),
        on_delete=models.PROTECT,
        related_name="besluiten",
    )
    persoonlijk = models.BooleanField(
        _("decided personally"),
        default=False,
        help_text=_("Whether the bewindspersoon decided personally or the office on their behalf."),
    )
    vastgelegd_door = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    tijdstip = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["nota", "tijdstip"]
        constraints = [
            models.CheckConstraint(
                condition=Q(uitkomst="akkoord") | ~Q(toelichting=""),
                name="besluit_toelichting_verplicht",
            ),
        ]

    def __str__(self):
        return f"{self.get_uitkomst_display()} ({self.tijdstip:%d-%m-%Y})"
