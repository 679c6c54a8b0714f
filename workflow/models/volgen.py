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
