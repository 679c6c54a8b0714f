"""What the outbox sends, whatever caused it: one email to one person, sent once.

A reminder (`Herinnering`, written by the scan) and a notification (`Melding`, written with the
act that caused it) differ in why they exist and in their unique key; how they are sent is one
thing (`workflow.outbox`): the row is locked, the mail sent and the row marked sent in one
transaction, a failure retried with backoff until it is marked failed.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UitgaandQuerySet(models.QuerySet):
    def te_verzenden(self):
        return self.filter(status=Uitgaand.Status.TE_VERZENDEN)


class Uitgaand(models.Model):
    class Status(models.TextChoices):
        TE_VERZENDEN = "te_verzenden", _("to be sent")
        VERZONDEN = "verzonden", _("sent")
        MISLUKT = "mislukt", _("failed")

    namens = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("in place of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The absent person whose vervanger receives this."),
    )
    kopie_voor_afwezige = models.BooleanField(_("copy for the absent person"), default=False)
    kenmerk = models.CharField(_("reference"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TE_VERZENDEN
    )
    pogingen = models.PositiveSmallIntegerField(_("attempts"), default=0)
    laatste_fout = models.TextField(_("last error"), blank=True)
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)
    in_wachtrij_op = models.DateTimeField(
        _("queued at"), null=True, blank=True, help_text=_("When a send task was last queued.")
    )
    volgende_poging_op = models.DateTimeField(
        _("next attempt at"), null=True, blank=True, help_text=_("Not sent again before this.")
    )
    verzonden_op = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = UitgaandQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-aangemaakt_op", "pk"]
