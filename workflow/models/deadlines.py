"""Deadlines and reminders: the calendar's reference data, the planning norms, the reminder
policy, and the reminders themselves, which double as the outbox the Celery tasks send from."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .uitgaand import Uitgaand


class Sluitingsdag(models.Model):
    """A day the employer is closed on top of weekends and public holidays."""

    datum = models.DateField(_("date"), unique=True)
    omschrijving = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        ordering = ["datum"]

    def __str__(self):
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}".strip()


class Reces(models.Model):
    """A recess of the Kamer: `van` is the first day, `tot` the first sitting day after."""

    naam = models.CharField(_("name"), max_length=100)
    van = models.DateField(_("first day"))
    tot = models.DateField(_("first sitting day after"))

    class Meta:
        verbose_name = _("recess")
        verbose_name_plural = _("recesses")
        ordering = ["van"]
        constraints = [
            models.CheckConstraint(condition=Q(tot__gt=models.F("van")), name="reces_tot_na_van"),
        ]

    def __str__(self):
        return self.naam


class Soort(models.TextChoices):
    """The kinds of item that have a deadline someone must meet."""

    PARAFEERSTAP = "parafeerstap", _("initialling step")
    BESLUIT = "besluit", _("decision on a nota")
    AFSTEMMING = "afstemming", _("request for agreement")
    TOEZEGGING = "toezegging", _("commitment")
    MOTIE = "motie", _("motion")


class Termijnnorm(models.Model):
    """How many werkdagen a kind of step gets when a nota's deadlines are planned backwards."""

    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices, unique=True)
    werkdagen = models.PositiveSmallIntegerField(_("working days"))

    class Meta:
        verbose_name = _("planning norm")
        verbose_name_plural = _("planning norms")
        ordering = ["soort"]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.werkdagen}"


class Herinneringsbeleid(models.Model):
    """When reminders go out for one kind of item; set by the beheerder."""

    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices, unique=True)
    werkdagen_vooraf = models.PositiveSmallIntegerField(
        _("working days before"),
        default=3,
        help_text=_("0 means no reminder before the day itself."),
    )
    op_de_dag = models.BooleanField(_("on the day"), default=True)
    escalatie = models.BooleanField(
        _("escalate on the first working day after"),
        default=True,
        help_text=_("To the manager of the actor's unit, or the secretariat of the office."),
    )
    wekelijks_overzicht = models.BooleanField(_("weekly overdue digest"), default=True)

    class Meta:
        verbose_name = _("reminder policy")
        verbose_name_plural = _("reminder policies")
        ordering = ["soort"]

    def __str__(self):
        return self.get_soort_display()


class Herinnering(Uitgaand):
    """One reminder to one person about one deadline: written once by the scan, sent once.

    The unique key (item, recipient, kind, deadline) makes a rerun of the scan a no-op; the
    status makes it the outbox the send task works from.
    """

    class Soort(models.TextChoices):
        VOORAF = "vooraf", _("before the deadline")
        OP_DE_DAG = "op_de_dag", _("on the day")
        ESCALATIE = "escalatie", _("escalation")
        WEEKOVERZICHT = "weekoverzicht", _("weekly overdue digest")
        DAGOVERZICHT = "dagoverzicht", _("daily digest")
        # "Nu herinneren" on a letter's page: `datum` is the day it was asked, so a second
        # click that day writes nothing.
        HANDMATIG = "handmatig", _("reminder sent by hand")

    OVERZICHT = "overzicht"  # item_type of the digests, which are about no single item

    item_type = models.CharField(_("kind of item"), max_length=20)
    item_id = models.BigIntegerField(_("item"))
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    datum = models.DateField(
        _("deadline"), help_text=_("For a digest: the day it covers; by hand: the day asked.")
    )
    ontvanger = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="herinneringen",
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item_type", "item_id", "ontvanger", "soort", "datum"],
                name="herinnering_eenmalig",
            ),
        ]
        indexes = [
            models.Index(
                fields=["aangemaakt_op"],
                condition=Q(status="te_verzenden"),
                name="herinnering_outbox",
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_soort_display()} {self.kenmerk} → {self.ontvanger} ({self.datum:%d-%m-%Y})"
        )
