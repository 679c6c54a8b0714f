"""Where the sync with the Tweede Kamer's Gegevensmagazijn stands, one row per stream.

The rows are state, not history: what was imported is in the register's history
(`tk_geimporteerd`, `tk_bijgewerkt`). `gewijzigd_tot` is the watermark: every record the Kamer
changed before it has been applied, so the next run asks for `GewijzigdOp ge gewijzigd_tot`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TkSynchronisatie(models.Model):
    class Stroom(models.TextChoices):
        TOEZEGGINGEN = "Toezegging", _("commitments")
        MOTIES = "Zaak", _("motions")
        BESLUITEN = "Besluit", _("votes on motions")

    stroom = models.CharField(_("stream"), max_length=20, choices=Stroom.choices, unique=True)
    gewijzigd_tot = models.DateTimeField(
        _("changed up to"),
        null=True,
        blank=True,
        help_text=_("The latest GewijzigdOp of the House applied; the next run starts there."),
    )
    laatste_start = models.DateTimeField(_("last start"), null=True, blank=True)
    laatste_succes = models.DateTimeField(_("last success"), null=True, blank=True)
    laatste_fout_op = models.DateTimeField(_("last failure at"), null=True, blank=True)
    laatste_fout = models.TextField(_("last failure"), blank=True)
    mislukte_pogingen = models.PositiveIntegerField(_("failed attempts in a row"), default=0)
    volgende_poging = models.DateTimeField(
        _("next attempt"),
        null=True,
        blank=True,
        help_text=_("After a failure the stream waits until then (exponential backoff)."),
    )
    bezig_sinds = models.DateTimeField(
        _("running since"),
        null=True,
        blank=True,
        help_text=_("Set while a run holds the stream, so that two runs never overlap."),
    )
    laatste_rapport = models.JSONField(_("last report"), default=dict, blank=True)

    class Meta:
        verbose_name = _("sync with the House")
        verbose_name_plural = _("syncs with the House")
        ordering = ["stroom"]

    def __str__(self) -> str:
        return str(self.get_stroom_display())

    @property
    def in_storing(self) -> bool:
        """The last attempt failed (no success since)."""
        if self.laatste_fout_op is None:
            return False
        return self.laatste_succes is None or self.laatste_fout_op > self.laatste_succes
