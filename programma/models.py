"""A programme (the aanpak "Mentale gezondheid: van ons allemaal"), its actielijnen and
maatregelen, and the yearly voortgangsrapportage written from the contributions of each
maatregel's contact.

A contribution (Voortgangsbijdrage) moves gevraagd → ingediend → geaccepteerd, or back to
teruggestuurd with a remark; only the transitions below change its status, and who may do it,
the history and the side effects are in programma.services. Nothing is deleted: the history
(Programmagebeurtenis) is append-only like workflow.Gebeurtenis, refused by the model, its
queryset and on PostgreSQL a trigger (migration 0002).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from workflow.models.history import AlleenToevoegen


class Programma(models.Model):
    naam = models.CharField(_("name"), max_length=200, unique=True)
    omschrijving = models.TextField(_("description"), blank=True)
    coordinerend_bewindspersoon = models.ForeignKey(
        "workflow.Bewindspersoon",
        verbose_name=_("coordinating member of government"),
        on_delete=models.PROTECT,
        related_name="gecoordineerde_programmas",
    )
    coordinator = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        related_name="gecoordineerde_programmas",
        help_text=_("Reviews and accepts the contributions to each progress report."),
    )
    toezeggingen = models.ManyToManyField(
        "workflow.Toezegging", verbose_name=_("commitments"), blank=True, related_name="+"
    )
    moties = models.ManyToManyField(
        "workflow.Motie", verbose_name=_("motions"), blank=True, related_name="+"
    )
    kamerbrieven = models.ManyToManyField(
        "letters.Kamerbrief", verbose_name=_("letters"), blank=True, related_name="programmas"
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Deelname(models.Model):
    """A bewindspersoon (and so a ministry) taking part, from the day they joined."""

    programma = models.ForeignKey(Programma, on_delete=models.PROTECT, related_name="deelnames")
    bewindspersoon = models.ForeignKey(
        "workflow.Bewindspersoon",
        verbose_name=_("member of government"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sinds = models.DateField(_("since"))

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["sinds", "bewindspersoon__afkorting"]
        constraints = [
            models.UniqueConstraint(
                fields=["programma", "bewindspersoon"], name="deelname_eenmaal_per_programma"
            )
        ]

    def __str__(self):
        return f"{self.bewindspersoon} ({self.sinds:%Y})"


class Actielijn(models.Model):
    programma = models.ForeignKey(Programma, on_delete=models.PROTECT, related_name="actielijnen")
    nummer = models.PositiveSmallIntegerField(_("number"))
    titel = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("line of action")
        verbose_name_plural = _("lines of action")
        ordering = ["programma", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["programma", "nummer"], name="actielijn_nummer_uniek")
        ]

    def __str__(self):
        return f"{self.nummer} {self.titel}"


class MaatregelStatus(models.TextChoices):
    """The legend of the report: status van de (tussen)resultaten."""

    START_BINNENKORT = "start_binnenkort", _("Starting soon")
    IN_UITVOERING = "in_uitvoering", _("In progress")
    AFGEROND = "afgerond", _("Completed")


class Maatregel(models.Model):
    actielijn = models.ForeignKey(Actielijn, on_delete=models.PROTECT, related_name="maatregelen")
    # Numbered through the whole programme (maatregel 1 … 29), as the report does.
    nummer = models.PositiveSmallIntegerField(_("number"))
    titel = models.TextField(_("title"))
    partners = models.TextField(
        _("partners"), blank=True, help_text=_("“Dit doen we in ieder geval samen met …”")
    )
    directie = models.ForeignKey(
        "workflow.Organisatieonderdeel",
        verbose_name=_("responsible directorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        related_name="maatregelen",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MaatregelStatus.choices,
        blank=True,
        help_text=_("Empty while no status has been recorded."),
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["nummer"]
        # The number is unique per programme; the actielijn carries the programme, so the
        # service checks it (maatregel_nummer_vrij) and this index keeps it within a line.
        constraints = [
            models.UniqueConstraint(fields=["actielijn", "nummer"], name="maatregel_nummer_uniek")
        ]

    def __str__(self):
        return f"{self.nummer}. {self.titel}"


class Mijlpaal(models.Model):
    maatregel = models.ForeignKey(Maatregel, on_delete=models.PROTECT, related_name="mijlpalen")
    datum = models.DateField(_("date"), null=True, blank=True)
    periode = models.CharField(
        _("period"), max_length=100, blank=True, help_text=_("e.g. najaar 2024")
    )
    tekst = models.TextField(_("text"))
    bereikt = models.BooleanField(_("reached"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["maatregel", "datum", "pk"]

    def __str__(self):
        return self.tekst


class Rapportageronde(models.Model):
    """One voortgangsrapportage: everybody's contribution asked, with a deadline."""

    programma = models.ForeignKey(Programma, on_delete=models.PROTECT, related_name="rondes")
    titel = models.CharField(_("title"), max_length=200)
    jaar = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline"))
    geopend_op = models.DateField(_("opened on"))
    bijlage = models.ForeignKey(
        "letters.Kamerbriefbijlage",
        verbose_name=_("attachment holding the report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Each regeneration adds a version to it."),
    )
    gerapporteerd_in = models.ForeignKey(
        "letters.Kamerbrief",
        verbose_name=_("reported in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["programma", "-jaar"]
        constraints = [
            models.UniqueConstraint(fields=["programma", "jaar"], name="ronde_eenmaal_per_jaar")
        ]

    def __str__(self):
        return self.titel


class Voortgangsbijdrage(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        GEVRAAGD = "gevraagd", _("asked for")
        INGEDIEND = "ingediend", _("submitted")
        TERUGGESTUURD = "teruggestuurd", _("sent back")
        GEACCEPTEERD = "geaccepteerd", _("accepted")

    ronde = models.ForeignKey(Rapportageronde, on_delete=models.PROTECT, related_name="bijdragen")
    maatregel = models.ForeignKey(Maatregel, on_delete=models.PROTECT, related_name="bijdragen")
    status = FSMField(_("status"), choices=Status.choices, default=Status.GEVRAAGD, protected=True)
    tekst = models.TextField(_("(interim) results"), blank=True)
    voetnoten = models.TextField(
        _("footnotes"), blank=True, help_text=_("One source a line; [1] in the text refers to it.")
    )
    maatregel_status = models.CharField(
        _("status of the measure"), max_length=20, choices=MaatregelStatus.choices, blank=True
    )
    opmerking = models.TextField(_("remark of the coordinator"), blank=True)
    # The round's deadline, or a later one for a contribution asked after the round opened.
    deadline = models.DateField(_("deadline"))
    ingediend_op = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("progress contribution")
        verbose_name_plural = _("progress contributions")
        ordering = ["ronde", "maatregel__nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "maatregel"], name="bijdrage_eenmaal_per_ronde"
            ),
        ]
        indexes = [models.Index(fields=["status", "ronde"])]

    def __str__(self):
        return f"{self.ronde} – {self.maatregel.nummer}"

    @property
    def bij_contact(self) -> bool:
        return self.status in (self.Status.GEVRAAGD, self.Status.TERUGGESTUURD)

    @transition(
        field=status,
        source=[Status.GEVRAAGD, Status.TERUGGESTUURD],
        target=Status.INGEDIEND,
    )
    def indienen(self):
        pass

    @transition(field=status, source=Status.INGEDIEND, target=Status.TERUGGESTUURD)
    def terugsturen(self):
        pass

    @transition(field=status, source=Status.INGEDIEND, target=Status.GEACCEPTEERD)
    def accepteren(self):
        pass


class Programmagebeurtenis(AlleenToevoegen):
    """The append-only history of a programme's rounds and contributions."""

    tijdstip = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actie = models.CharField(_("action"), max_length=50)
    van_status = models.CharField(_("from status"), max_length=30, blank=True)
    naar_status = models.CharField(_("to status"), max_length=30, blank=True)
    actor = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    namens = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opmerking = models.TextField(_("remark"), blank=True)
    programma = models.ForeignKey(
        Programma, on_delete=models.PROTECT, related_name="gebeurtenissen"
    )
    ronde = models.ForeignKey(
        Rapportageronde,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
    )
    bijdrage = models.ForeignKey(
        Voortgangsbijdrage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
    )

    class Meta:
        verbose_name = _("programme history event")
        verbose_name_plural = _("programme history events")
        ordering = ["tijdstip", "pk"]
        indexes = [models.Index(fields=["bijdrage", "tijdstip"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(bijdrage__isnull=True) | Q(ronde__isnull=False),
                name="gebeurtenis_bijdrage_in_ronde",
            )
        ]

    def __str__(self):
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.actie}"

    @property
    def naar_label(self) -> str:
        if self.naar_status in Voortgangsbijdrage.Status.values:
            return Voortgangsbijdrage.Status(self.naar_status).label
        return self.opmerking
