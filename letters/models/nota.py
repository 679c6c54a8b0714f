"""Notas: internal memos to a bewindspersoon, their dossiers, kenmerk counters and sections."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from .kamerbrief import Bestandsversie, Versietekst


class Nummerreeks(models.Model):
    """A counter that hands out document and dossier numbers.

    The row is locked from the increment until the transaction commits, so two notas created at
    once never get the same number; a rolled-back transaction gives its number back unused, and
    a number that reached a nota is never given again (nothing is deleted).
    """

    naam = models.CharField(max_length=50, primary_key=True)
    laatste = models.BigIntegerField()

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")

    def __str__(self):
        return f"{self.naam}: {self.laatste}"


class Dossier(models.Model):
    """The file a nota belongs to; its number is the middle part of a kenmerk."""

    nummer = models.BigIntegerField(_("number"), unique=True)
    onderwerp = models.CharField(_("subject"), max_length=300)
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-nummer"]

    def __str__(self):
        return f"{self.nummer} {self.onderwerp}"


class Nota(FSMModelMixin, models.Model):
    """An internal memo to a bewindspersoon, carried along the parafenroute to a besluit."""

    class Soort(models.TextChoices):
        TER_BESLISSING = "ter_beslissing", _("for decision")
        TER_INFORMATIE = "ter_informatie", _("for information")
        TER_ONDERTEKENING = "ter_ondertekening", _("for signature")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("draft")
        IN_PARAFERING = "in_parafering", _("being initialled")
        TER_BESLISSING = "ter_beslissing", _("awaiting decision")
        AKKOORD = "akkoord", _("approved")
        AKKOORD_MET_WIJZIGINGEN = "akkoord_met_wijzigingen", _("approved with changes")
        NIET_AKKOORD = "niet_akkoord", _("not approved")
        AANGEHOUDEN = "aangehouden", _("on hold")
        TER_KENNISNAME = "ter_kennisname", _("for acknowledgement")
        AFGEHANDELD = "afgehandeld", _("completed")
        INGETROKKEN = "ingetrokken", _("withdrawn")

    EINDSTATUSSEN = (Status.AFGEHANDELD, Status.INGETROKKEN)
    # The statuses in which the opsteller may still change the nota: as a concept, or after a
    # besluit that asks for changes (then only its content: see vaste_velden).
    BEWERKBAAR = (Status.CONCEPT, Status.AKKOORD_MET_WIJZIGINGEN)
    BESLUITSTATUSSEN = (
        Status.AKKOORD,
        Status.AKKOORD_MET_WIJZIGINGEN,
        Status.NIET_AKKOORD,
        Status.AANGEHOUDEN,
    )

    kenmerk = models.CharField(_("reference"), max_length=60, unique=True, editable=False)
    documentnummer = models.BigIntegerField(_("document number"), unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="notas")
    soort = models.CharField(
        _("kind"), max_length=20, choices=Soort.choices, default=Soort.TER_BESLISSING
    )
    aan = models.ForeignKey(
        "workflow.Bewindspersoon",
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="notas",
    )
    cc = models.ManyToManyField(
        "workflow.Bewindspersoon", verbose_name=_("cc"), blank=True, related_name="notas_in_cc"
    )
    organisatieonderdeel = models.ForeignKey(
        "workflow.Organisatieonderdeel",
        verbose_name=_("organisational unit"),
        on_delete=models.PROTECT,
        related_name="notas",
    )
    opsteller = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("drafter"),
        on_delete=models.PROTECT,
        related_name="notas",
    )
    datum = models.DateField(_("date"), default=timezone.localdate)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_omschrijving = models.CharField(
        _("deadline as written"),
        max_length=200,
        blank=True,
        help_text=_("The wording as given, e.g. “voor het kerstreces”."),
    )
    onderwerp = models.CharField(_("subject"), max_length=300)
    aanleiding = models.TextField(_("occasion"), blank=True)
    geadviseerd_besluit = models.TextField(_("advised decision"), blank=True)
    kernpunten = models.TextField(_("key points"), blank=True)
    niet_openbaar = models.TextField(
        _("information that cannot be made public"),
        blank=True,
        help_text=_("With its motivation, e.g. personal data made unreadable."),
    )
    status = FSMField(
        _("status"),
        max_length=30,
        choices=Status.choices,
        default=Status.CONCEPT,
        protected=True,
    )
    ronde = models.PositiveIntegerField(
        _("round"), default=0, help_text=_("How many times the nota was submitted.")
    )
    opnieuw_paraferen = models.BooleanField(
        _("initial again after sending back"),
        default=True,
        help_text=_("Taken from the route template: must earlier parafeerders initial again?"),
    )
    wijzigingen_verwerkt = models.BooleanField(
        _("changes processed"),
        default=False,
        help_text=_("Set when the drafter processed the changes asked in a besluit."),
    )
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)
    # Kept by the services that finish a nota (workflow/services/nota.py, verzending.py), so that
    # the archive reads its order from an index instead of working it out for every dossier.
    afgerond_op = models.DateField(
        _("completed on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The day its letter was sent or, without a letter, the day it was completed."),
    )

    class Meta:
        verbose_name = _("nota")
        verbose_name_plural = _("notas")
        ordering = ["-documentnummer"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            # /zoeken/ jumps to an exact kenmerk: kenmerk__iexact is UPPER(x) = UPPER(y).
            models.Index(Upper("kenmerk"), name="nota_kenmerk_upper"),
            # The archive (workflow/archief.py): finished dossiers, newest first, read in order.
            # It carries what deciding whether the reader may read one needs of the nota
            # (selectors.notas_visible_to), so that counting a page's thousand dossiers reads
            # the index alone, not the table (issue 19: 13 -> 10 ms for a directeur).
            models.Index(
                F("afgerond_op").desc(),
                F("id").desc(),
                name="nota_archiefvolgorde",
                condition=Q(status="afgehandeld"),
                include=["opsteller", "organisatieonderdeel", "aan", "ronde"],
            ),
            # The werkvoorraad of a bewindspersoon's office: its notas ter beslissing, the most
            # urgent first (thousands of them at a ministry's scale, of which a page shows 50).
            models.Index(
                fields=["aan", "deadline"],
                # OR-ed, not IN: PostgreSQL gives an IN's definition back in a form that
                # does not recreate itself (generate_bench_data drops and recreates indexes).
                condition=Q(status="ter_beslissing")
                | Q(status="ter_kennisname")
                | Q(status="aangehouden"),
                name="nota_bij_bureau",
            ),
        ]

    def __str__(self):
        return f"{self.kenmerk} {self.onderwerp}"

    @property
    def is_final(self) -> bool:
        return self.status in self.EINDSTATUSSEN

    @property
    def bewerkbaar(self) -> bool:
        """Whether the nota's text can still change (who may change it: workflow.services)."""
        return self.status in self.BEWERKBAAR

    @property
    def vaste_velden(self) -> tuple[str, ...]:
        """What stays as decided once a besluit asked for changes: who decides, how, and cc."""
        return () if self.status == self.Status.CONCEPT else ("aan", "soort", "cc")

    # The transitions only change state. Who may act, the guards with their Dutch reasons, the
    # history and the notifications are in workflow.services, which calls these.

    @transition(field=status, source=Status.CONCEPT, target=Status.IN_PARAFERING)
    def indienen(self):
        self.ronde += 1

    @transition(field=status, source=Status.IN_PARAFERING, target=Status.CONCEPT)
    def terugsturen(self):
        pass

    @transition(field=status, source=Status.IN_PARAFERING, target=Status.TER_BESLISSING)
    def ter_beslissing_voorleggen(self):
        pass

    @transition(field=status, source=Status.IN_PARAFERING, target=Status.TER_KENNISNAME)
    def ter_kennisname_voorleggen(self):
        pass

    @transition(field=status, source=Status.TER_BESLISSING, target=Status.AKKOORD)
    def akkoord(self):
        self.wijzigingen_verwerkt = False

    @transition(field=status, source=Status.TER_BESLISSING, target=Status.AKKOORD_MET_WIJZIGINGEN)
    def akkoord_met_wijzigingen(self):
        self.wijzigingen_verwerkt = False

    @transition(field=status, source=Status.TER_BESLISSING, target=Status.NIET_AKKOORD)
    def niet_akkoord(self):
        pass

    @transition(field=status, source=Status.TER_BESLISSING, target=Status.AANGEHOUDEN)
    def aanhouden(self):
        pass

    @transition(field=status, source=Status.AKKOORD_MET_WIJZIGINGEN, target=Status.TER_BESLISSING)
    def wijzigingen_verwerken(self):
        self.wijzigingen_verwerkt = True

    @transition(
        field=status, source=[Status.AANGEHOUDEN, Status.NIET_AKKOORD], target=Status.TER_BESLISSING
    )
    def hervatten(self):
        pass

    @transition(
        field=status, source=[Status.NIET_AKKOORD, Status.AANGEHOUDEN], target=Status.CONCEPT
    )
    def herzien(self):
        pass

    @transition(
        field=status, source=[Status.AKKOORD, Status.TER_KENNISNAME], target=Status.AFGEHANDELD
    )
    def afhandelen(self):
        pass

    @transition(
        field=status,
        source=[
            Status.CONCEPT,
            Status.IN_PARAFERING,
            Status.TER_BESLISSING,
            Status.AKKOORD,
            Status.AKKOORD_MET_WIJZIGINGEN,
            Status.NIET_AKKOORD,
            Status.AANGEHOUDEN,
            Status.TER_KENNISNAME,
        ],
        target=Status.INGETROKKEN,
    )
    def intrekken(self):
        pass


class NotaBijlage(models.Model):
    """A bijlage of a nota by title, in order; its files are its versions (none yet: a title)."""

    nota = models.ForeignKey(Nota, on_delete=models.PROTECT, related_name="bijlagen")
    volgnummer = models.PositiveSmallIntegerField(_("number"))
    titel = models.CharField(_("title"), max_length=300)
    ingetrokken_op = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["nota", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["nota", "volgnummer"],
                condition=Q(ingetrokken_op__isnull=True),
                name="bijlage_volgnummer_uniek",
            ),
            models.CheckConstraint(
                condition=Q(volgnummer__gte=1), name="bijlage_volgnummer_vanaf_1"
            ),
        ]

    def __str__(self):
        return f"Bijlage {self.volgnummer}: {self.titel}"


class NotaBijlageversie(Bestandsversie):
    bijlage = models.ForeignKey(NotaBijlage, on_delete=models.PROTECT, related_name="versies")

    class Meta:
        verbose_name = _("nota attachment version")
        verbose_name_plural = _("nota attachment versions")
        ordering = ["bijlage", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["bijlage", "nummer"], name="notabijlageversie_uniek"),
        ]

    def storage_path(self, filename: str) -> str:
        bijlage = self.bijlage
        return f"nota-bijlagen/{bijlage.nota_id}/{bijlage.pk}/{self.sha256}/{filename}"


class NotaBijlagetekst(Versietekst):
    versie = models.OneToOneField(NotaBijlageversie, on_delete=models.PROTECT, related_name="tekst")

    class Meta:
        verbose_name = _("nota attachment text")
        verbose_name_plural = _("nota attachment texts")


class Toelichtingspunt(models.Model):
    """One item of the toelichting checklist a–h; each may be “Niet van toepassing”."""

    class Punt(models.TextChoices):
        A = "a", _("Political support")
        B = "b", _("Public support and consistent communication")
        C = "c", _("Financial and staffing consequences")
        D = "d", _("Legal aspects and feasibility")
        E = "e", _("Consultation (internal, interdepartmental and with the field)")
        F = "f", _("Consequences for administrative burden")
        G = "g", _("Commitments")
        H = "h", _("Fraud check")

    nota = models.ForeignKey(Nota, on_delete=models.PROTECT, related_name="toelichting")
    punt = models.CharField(_("item"), max_length=1, choices=Punt.choices)
    tekst = models.TextField(_("text"), blank=True)
    niet_van_toepassing = models.BooleanField(_("not applicable"), default=False)

    class Meta:
        verbose_name = _("explanation item")
        verbose_name_plural = _("explanation items")
        ordering = ["nota", "punt"]
        constraints = [
            models.UniqueConstraint(fields=["nota", "punt"], name="toelichtingspunt_uniek"),
        ]

    def __str__(self):
        return f"{self.punt}. {self.get_punt_display()}"
