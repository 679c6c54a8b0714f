"""Personal API tokens: a user's key for the API, acting as that user."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def digest(sleutel: str) -> str:
    """A token is kept only as its SHA-256: it is random and long, so no slow hash is needed."""
    return hashlib.sha256(sleutel.encode()).hexdigest()


class ApiSleutel(models.Model):
    """A personal API token. The token itself is shown once, when made, and never stored."""

    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="api_sleutels",
    )
    naam = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("first characters"), max_length=12)
    hash = models.CharField(max_length=64, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)
    verloopt_op = models.DateTimeField(_("expires at"))
    laatst_gebruikt_op = models.DateTimeField(_("last used at"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self):
        return f"{self.naam} ({self.prefix}…)"

    def is_valid(self, now) -> bool:
        return self.ingetrokken_op is None and now < self.verloopt_op
