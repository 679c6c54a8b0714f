"""Who logged in, from where, and what changed in their access: the audit log and the sessions.

The audit log is append-only, as the history is (workflow/models/history.py): the model and its
queryset refuse to change or delete a row, and on PostgreSQL a trigger refuses it too
(migration 0002), TRUNCATE included.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflow.models.history import AlleenToevoegen


class AuditRegel(AlleenToevoegen):
    class Soort(models.TextChoices):
        AANGEMELD = "aangemeld", _("logged in")
        AANMELDEN_MISLUKT = "aanmelden_mislukt", _("failed login")
        AFGEMELD = "afgemeld", _("logged out")
        SESSIE_BEEINDIGD = "sessie_beeindigd", _("session ended")
        ROL_GEWIJZIGD = "rol_gewijzigd", _("access changed")
        TWEEFACTOR_INGESTELD = "tweefactor_ingesteld", _("two-factor set up")
        TWEEFACTOR_MISLUKT = "tweefactor_mislukt", _("two-factor code refused")
        HERSTELCODE_GEBRUIKT = "herstelcode_gebruikt", _("recovery code used")
        TWEEFACTOR_HERSTELD = "tweefactor_hersteld", _("two-factor reset")
        HERSTELLEN_GEWEIGERD = "herstellen_geweigerd", _("two-factor reset refused")

    tijdstip = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    soort = models.CharField(_("event"), max_length=30, choices=Soort.choices)
    medewerker = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Whom it concerns; empty for a failed login with an unknown username."),
    )
    gebruikersnaam = models.CharField(
        _("username"),
        max_length=150,
        blank=True,
        help_text=_("As it was at the time, or as typed at a failed login."),
    )
    door = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who made the change, when it was someone else (a beheerder)."),
    )
    ip_adres = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    browser = models.CharField(_("browser"), max_length=300, blank=True)
    omschrijving = models.TextField(_("details"), blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-tijdstip", "-pk"]
        indexes = [
            models.Index(fields=["soort", "tijdstip"]),
            models.Index(fields=["medewerker", "tijdstip"]),
            models.Index(fields=["gebruikersnaam", "tijdstip"]),
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.soort} {self.gebruikersnaam}"


class Sessie(models.Model):
    """One login's session, so that a person can see and end theirs (Django's session table
    cannot be searched by user). Ended sessions stay, marked, as a record."""

    sessiesleutel = models.CharField(_("session key"), max_length=40, unique=True)
    medewerker = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="sessies",
    )
    ip_adres = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    browser = models.CharField(_("browser"), max_length=300, blank=True)
    begonnen_op = models.DateTimeField(_("started"), default=timezone.now)
    laatst_gezien = models.DateTimeField(_("last seen"), default=timezone.now)
    beeindigd_op = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-laatst_gezien"]
        indexes = [
            models.Index(
                fields=["medewerker", "-laatst_gezien"],
                name="sessie_actief_per_medewerker",
                condition=models.Q(beeindigd_op__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.medewerker_id} {self.begonnen_op:%d-%m-%Y %H:%M}"


class Herstelcode(models.Model):
    """A one-time recovery code for two-factor login, for when the phone is gone.

    Shown once, at enrolment; only its SHA-256 is kept (a code is 60 random bits, so a plain
    hash is enough and checking ten stays quick). Used or revoked, it stays as a record."""

    medewerker = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="herstelcodes",
    )
    hash = models.CharField(_("hash"), max_length=64)
    aangemaakt_op = models.DateTimeField(_("created"), default=timezone.now)
    gebruikt_op = models.DateTimeField(_("used"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        indexes = [
            models.Index(
                fields=["medewerker"],
                name="herstelcode_bruikbaar",
                condition=models.Q(gebruikt_op__isnull=True, ingetrokken_op__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.medewerker_id} {self.aangemaakt_op:%d-%m-%Y}"
