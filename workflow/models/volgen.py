"""Who follows a nota: it shows in their werkvoorraad under "Wat ik volg" until it is done.

A follow is never deleted: unfollowing sets `gestopt_op`, so the page can tell "you stopped
following" and a parafeerder who unfollowed is not followed again by their next paraaf.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Volger(models.Model):
    nota = models.ForeignKey("letters.Nota", on_delete=models.PROTECT, related_name="volgers")
    medewerker = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="gevolgd",
    )
    sinds = models.DateTimeField(_("since"), default=timezone.now)
    gestopt_op = models.DateTimeField(_("stopped at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["nota", "medewerker"], name="volger_uniek"),
        ]
        indexes = [
            models.Index(
                fields=["medewerker"], condition=Q(gestopt_op__isnull=True), name="volger_actief"
            ),
        ]

    def __str__(self):
        return f"{self.medewerker} → {self.nota_id}"

    @property
    def actief(self) -> bool:
        return self.gestopt_op is None


class Inzage(models.Model):
    """That a person opened a nota's page in a round (the version they would initial): bulk
    paraferen in the werkvoorraad accepts only notas the person opened in their current round,
    since a paraaf says "I read it". Written once per person and round, never changed."""

    nota = models.ForeignKey("letters.Nota", on_delete=models.PROTECT, related_name="inzagen")
    medewerker = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="inzagen",
    )
    ronde = models.PositiveIntegerField(_("round"))
    geopend_op = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        verbose_name = _("opened nota")
        verbose_name_plural = _("opened notas")
        constraints = [
            models.UniqueConstraint(fields=["medewerker", "nota", "ronde"], name="inzage_uniek"),
        ]

    def __str__(self):
        return f"{self.medewerker} ← {self.nota_id} (ronde {self.ronde})"
