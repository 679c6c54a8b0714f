"""The outbox of state-change messages ("Nota … wacht op uw paraaf" and the others).

A `Melding` is written in the transaction of the change that causes it, one per (event, kind,
recipient), and sent by the same path as the reminders (`workflow.outbox`): the row is locked,
the mail sent and the row marked sent in one transaction. A broker that is down at the moment
of the change loses nothing: the relay sends what is still unsent. These rows are not history;
the history is `Gebeurtenis`.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .uitgaand import Uitgaand, UitgaandQuerySet


class Melding(Uitgaand):
    """One email to one person about one event on a nota or Kamerbrief."""

    gebeurtenis = models.ForeignKey(
        "workflow.Gebeurtenis",
        verbose_name=_("caused by"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The act that caused this message."),
    )
    soort = models.CharField(_("kind"), max_length=50)
    item_type = models.CharField(_("kind of item"), max_length=50)
    item_id = models.BigIntegerField(_("item"))
    ontvanger = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="meldingen",
    )
    opmerking = models.TextField(_("remark"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebeurtenis", "soort", "ontvanger"], name="melding_eenmalig"
            ),
        ]
        indexes = [
            models.Index(
                fields=["aangemaakt_op"],
                condition=Q(status="te_verzenden"),
                name="melding_outbox",
            ),
        ]

    def __str__(self):
        return f"{self.soort} {self.kenmerk} → {self.ontvanger}"


class Webhookabonnement(models.Model):
    """A system outside Parafeer that wants a CloudEvent for every change of the history
    (or of the kinds it chose), kept by a beheerder in the admin."""

    naam = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500, help_text=_("Receives a POST per event."))
    soorten = models.JSONField(
        _("event types"),
        default=list,
        blank=True,
        help_text=_(
            "CloudEvent types to receive, e.g. nl.parafeer.nota.geparafeerd; "
            "a type ending in * takes all that start with it; empty: every event."
        ),
    )
    geheim = models.CharField(
        _("secret"), max_length=200, help_text=_("Signs each delivery (HMAC-SHA256).")
    )
    actief = models.BooleanField(_("active"), default=True)
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["naam", "pk"]

    def __str__(self):
        return self.naam

    def wants(self, soort: str) -> bool:
        return not self.soorten or any(
            soort.startswith(s[:-1]) if s.endswith("*") else soort == s for s in self.soorten
        )


class Webhookbericht(models.Model):
    """One CloudEvent for one subscription: written in the transaction of the change, sent by
    the relay until the receiver answers 2xx, always with the same id (the receiver's key to
    drop a repeat: delivery is at least once). The delivery log in the admin."""

    Status = Uitgaand.Status

    abonnement = models.ForeignKey(
        Webhookabonnement,
        verbose_name=_("subscription"),
        on_delete=models.PROTECT,
        related_name="berichten",
    )
    gebeurtenis = models.ForeignKey(
        "workflow.Gebeurtenis", verbose_name=_("event"), on_delete=models.PROTECT, related_name="+"
    )
    event_id = models.UUIDField(_("CloudEvent id"), unique=True)
    soort = models.CharField(_("type"), max_length=120)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TE_VERZENDEN
    )
    pogingen = models.PositiveSmallIntegerField(_("attempts"), default=0)
    laatste_fout = models.TextField(_("last error"), blank=True)
    laatste_statuscode = models.PositiveSmallIntegerField(
        _("last HTTP status"), null=True, blank=True
    )
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)
    in_wachtrij_op = models.DateTimeField(_("queued at"), null=True, blank=True)
    volgende_poging_op = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    verzonden_op = models.DateTimeField(_("delivered at"), null=True, blank=True)

    objects = UitgaandQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["abonnement", "gebeurtenis"], name="webhookbericht_eenmalig"
            ),
        ]
        indexes = [
            models.Index(
                fields=["aangemaakt_op"],
                condition=Q(status="te_verzenden"),
                name="webhookbericht_outbox",
            ),
        ]

    def __str__(self):
        return f"{self.soort} → {self.abonnement}"
