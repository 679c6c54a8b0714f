"""The register of toezeggingen and moties, kept by parlementaire coördinatie.

A toezegging (a bewindspersoon's commitment to parliament) and a motie (a motion the Kamer
adopted) are each open until a letter afdoet them. The letters that handled one are kept as
`StandVanZaken`: a full or partial discharge, or only a report on progress. A periodic
toezegging ("jaarlijks informeren") is never finished by one letter: each discharge records
that occurrence and moves the deadline on.

A nota links the items its letter handles (`Koppeling`); sending the letter discharges them
(workflow.commitments). Records imported from the Kamer's open data keep the Kamer's `Id` and
the record as last read (`tk_data`), so a re-import updates instead of duplicating.

Statuses change only through the transitions below; who may do it, the history and the guards
are in workflow.commitments. Nothing is deleted: unlinked links and replaced indieners are
marked, not removed.
"""

import calendar
from datetime import date

from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from workflow.models.expressions import TekstKetting


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Aug + 6)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class KamerRecord(models.Model):
    """What the Kamer's open data says about a record, as last imported."""

    tk_id = models.UUIDField(
        _("House register id"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("The Id (GUID) of the record in the House's open data."),
    )
    tk_gewijzigd_op = models.DateTimeField(_("changed by the House at"), null=True, blank=True)
    tk_verwijderd = models.BooleanField(
        _("deleted by the House"),
        default=False,
        help_text=_("The House removed the record from its register; it stays readable here."),
    )
    tk_data = models.JSONField(
        _("House record"),
        null=True,
        blank=True,
        help_text=_("The record as last imported, including fields Parafeer does not use."),
    )

    class Meta:
        abstract = True


# The fields of a toezegging the register's search looks in (workflow.register).
ZOEKVELDEN = (
    "tekst", "tk_nummer", "bron_kenmerk", "debat", "activiteit_nummer", "aan_persoon",
    "aan_fractie", "deadline_omschrijving", "notities",
)  # fmt: skip
# The same for moties; indieners_tekst holds the names and parties of its current indieners.
MOTIE_ZOEKVELDEN = (
    "titel", "onderwerp", "kamerstuk", "tk_zaak_nummer", "tk_document_nummer", "dictum", "debat",
    "notities", "indieners_tekst",
)  # fmt: skip


class Toezegging(FSMModelMixin, KamerRecord):
    class Status(models.TextChoices):
        # The four statuses of the Kamer's own register.
        OPENSTAAND = "openstaand", _("open")
        VOLDAAN = "voldaan", _("fulfilled")
        DEELS_VOLDAAN = "deels_voldaan", _("partly fulfilled")
        VERVALLEN = "vervallen", _("lapsed")

    class Bron(models.TextChoices):
        BRIEF = "brief", _("in a letter")
        DEBAT = "debat", _("in a debate")
        OVERIG = "overig", _("elsewhere or unknown")

    class Soort(models.TextChoices):
        EENMALIG = "eenmalig", _("once")
        PERIODIEK = "periodiek", _("recurring")

    class Herhaling(models.TextChoices):
        JAARLIJKS = "jaarlijks", _("yearly")
        HALFJAARLIJKS = "halfjaarlijks", _("twice a year")
        PER_KWARTAAL = "per_kwartaal", _("quarterly")

    MAANDEN = {"jaarlijks": 12, "halfjaarlijks": 6, "per_kwartaal": 3}
    OPEN = (Status.OPENSTAAND, Status.DEELS_VOLDAAN)

    tekst = models.TextField(_("text"))
    bewindspersoon = models.ForeignKey(
        "workflow.Bewindspersoon",
        verbose_name=_("member of government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toezeggingen",
        help_text=_("Empty when an imported record names a post Parafeer does not know."),
    )
    ministerie = models.ForeignKey(
        "workflow.Ministerie",
        verbose_name=_("ministry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toezeggingen",
    )
    bron = models.CharField(_("made"), max_length=10, choices=Bron.choices, default=Bron.BRIEF)
    bron_kamerbrief = models.ForeignKey(
        "letters.Kamerbrief",
        verbose_name=_("made in letter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gedane_toezeggingen",
    )
    bron_kenmerk = models.CharField(
        _("reference of the letter"),
        max_length=60,
        blank=True,
        help_text=_("Also for a letter that is not in Parafeer."),
    )
    debat = models.CharField(_("debate"), max_length=300, blank=True)
    debat_datum = models.DateField(_("date of the debate"), null=True, blank=True)
    activiteit_nummer = models.CharField(
        _("House activity number"), max_length=20, blank=True, help_text=_("e.g. 2024A05766")
    )
    aan_persoon = models.CharField(_("made to (member)"), max_length=200, blank=True)
    aan_fractie = models.CharField(_("made to (parliamentary group)"), max_length=100, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_omschrijving = models.CharField(
        _("deadline as worded"),
        max_length=200,
        blank=True,
        help_text=_("The wording as made, e.g. “voor eind 2023”."),
    )
    soort = models.CharField(
        _("kind"), max_length=10, choices=Soort.choices, default=Soort.EENMALIG
    )
    herhaling = models.CharField(
        _("recurrence"), max_length=15, choices=Herhaling.choices, blank=True
    )
    status = FSMField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.OPENSTAAND,
        protected=True,
    )
    reden_vervallen = models.TextField(_("reason for lapsing"), blank=True)
    tk_nummer = models.CharField(
        _("House number"), max_length=20, blank=True, help_text=_("e.g. TZ202412-116")
    )
    kamerbrief_nakoming = models.CharField(
        _("fulfilled by (according to the House)"), max_length=500, blank=True
    )
    herhaalt = models.ManyToManyField(
        "self", verbose_name=_("repeats"), symmetrical=False, blank=True, related_name="herhaald_in"
    )
    vult_aan = models.ManyToManyField(
        "self",
        verbose_name=_("supplements"),
        symmetrical=False,
        blank=True,
        related_name="aangevuld_in",
    )
    wijzigt = models.ManyToManyField(
        "self",
        verbose_name=_("changes"),
        symmetrical=False,
        blank=True,
        related_name="gewijzigd_in",
    )
    notities = models.TextField(_("notes"), blank=True)
    geregistreerd_door = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when imported."),
    )
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)
    # What the register's search looks in, upper-cased and in one column, so that PostgreSQL
    # can answer it from one trigram index (migration 0011) instead of reading every
    # toezegging nine times over (bench/RESULTS.md, issue 9).
    zoektekst = models.GeneratedField(
        expression=Upper(
            TekstKetting(
                *(part for veld in ZOEKVELDEN for part in (models.F(veld), models.Value("\n")))
            )
        ),
        output_field=models.TextField(),
        db_persist=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(soort="eenmalig") & Q(herhaling=""))
                | (Q(soort="periodiek") & ~Q(herhaling="")),
                name="toezegging_periodiek_heeft_herhaling",
            ),
            models.CheckConstraint(
                condition=~Q(bron="brief") | ~Q(bron_kenmerk=""),
                name="toezegging_brief_heeft_kenmerk",
            ),
            models.CheckConstraint(
                condition=~Q(bron="debat")
                | Q(debat_datum__isnull=False)
                | ~Q(activiteit_nummer=""),
                name="toezegging_debat_heeft_datum_of_activiteit",
            ),
            models.CheckConstraint(
                condition=~Q(status="vervallen") | ~Q(reden_vervallen=""),
                name="toezegging_vervallen_met_reden",
            ),
            models.UniqueConstraint(
                fields=["tk_nummer"], condition=~Q(tk_nummer=""), name="toezegging_tk_nummer_uniek"
            ),
        ]
        indexes = [
            # Open ones by deadline, with whose they are: the overzicht counts those due in the
            # coming weeks of a ministry from the index alone.
            models.Index(
                fields=["status", "deadline"],
                include=["id", "ministerie", "bewindspersoon"],
                name="toezegging_status_deadline",
            ),
            # The register's order, so that a later page is read from the index.
            models.Index(fields=["deadline", "id"], name="toezegging_registervolgorde"),
            # /zoeken/ jumps to an exact TK number: tk_nummer__iexact is UPPER(x) = UPPER(y).
            models.Index(Upper("tk_nummer"), name="toezegging_tk_nummer_upper"),
        ]

    def __str__(self):
        label = self.tk_nummer or f"T-{self.pk}"
        return f"{label}: {self.kort}"

    @property
    def kort(self) -> str:
        tekst = " ".join(self.tekst.split())
        return tekst if len(tekst) <= 90 else tekst[:89].rstrip() + "…"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_periodiek(self) -> bool:
        return self.soort == self.Soort.PERIODIEK

    def is_overdue(self, on: date) -> bool:
        """Overdue is derived from the deadline, never a state."""
        return self.is_open and self.deadline is not None and self.deadline < on

    def next_deadline(self) -> date | None:
        """The deadline of the next occurrence of a periodic toezegging."""
        if not self.is_periodiek or self.deadline is None:
            return None
        return add_months(self.deadline, self.MAANDEN[self.herhaling])

    @property
    def bewindspersoon_label(self) -> str:
        """The post, or as the House named it when Parafeer does not know it."""
        if self.bewindspersoon_id:
            return str(self.bewindspersoon)
        return (self.tk_data or {}).get("Functie") or ""

    @property
    def herkomst(self) -> str:
        """Where it was made, in a few words: the letter's kenmerk or the debate and date."""
        if self.bron == self.Bron.BRIEF:
            return self.bron_kenmerk
        parts = [self.debat, self.debat_datum.strftime("%d-%m-%Y") if self.debat_datum else ""]
        parts.append(self.activiteit_nummer)
        return ", ".join(p for p in parts if p)

    # The transitions only change state; workflow.commitments decides who and when.

    @transition(field=status, source=list(OPEN), target=Status.VOLDAAN)
    def voldoen(self):
        pass

    @transition(field=status, source=list(OPEN), target=Status.DEELS_VOLDAAN)
    def deels_voldoen(self):
        pass

    @transition(field=status, source=Status.DEELS_VOLDAAN, target=Status.OPENSTAAND)
    def volgende_termijn(self):
        """A periodic toezegging that was partly met is open again for its next occurrence."""

    @transition(field=status, source=list(OPEN), target=Status.VERVALLEN)
    def vervallen(self):
        pass

    @transition(
        field=status,
        source=[Status.VOLDAAN, Status.DEELS_VOLDAAN, Status.VERVALLEN],
        target=Status.OPENSTAAND,
    )
    def heropenen(self):
        pass

    @transition(field=status, source="*", target=RETURN_VALUE(*Status.values))
    def volgens_kamer(self, status: str) -> str:
        """The status the House's register gives (an import)."""
        return status


class Motie(FSMModelMixin, KamerRecord):
    class Status(models.TextChoices):
        AANGENOMEN = "aangenomen", _("adopted")
        IN_UITVOERING = "in_uitvoering", _("being carried out")
        AFGEDAAN = "afgedaan", _("discharged")
        NIET_UITGEVOERD = "niet_uitgevoerd", _("not carried out")

    class Kabinetsappreciatie(models.TextChoices):
        # The House's wording maps to these (workflow.tk_import); a wording never seen is kept
        # as written and shown as such.
        OVERGENOMEN = "overgenomen", _("adopted by the government")
        OORDEEL_KAMER = "oordeel_kamer", _("left to the House")
        ONTRADEN = "ontraden", _("advised against")
        ONTRADEN_TENZIJ_GEWIJZIGD = "ontraden_tenzij_gewijzigd", _("advised against unless changed")
        AANHOUDEN = "aanhouden", _("asked to hold the motion")
        ONTIJDIG = "ontijdig", _("premature")
        GEEN = "geen", _("no (explicit) opinion")
        NOG_NIET_BEKEND = "nog_niet_bekend", _("not known yet")

    OPEN = (Status.AANGENOMEN, Status.IN_UITVOERING)

    titel = models.CharField(
        _("title"), max_length=500, help_text=_("e.g. Motie van het lid Mohandis over …")
    )
    onderwerp = models.CharField(_("subject"), max_length=500, blank=True)
    kamerstuk = models.CharField(
        _("Kamerstuk"), max_length=100, blank=True, help_text=_("e.g. Kamerstuk 25 424, nr. 630")
    )
    vergaderjaar = models.CharField(_("parliamentary year"), max_length=9, blank=True)
    tk_zaak_nummer = models.CharField(
        _("House case number"), max_length=20, blank=True, help_text=_("e.g. 2023Z18970")
    )
    tk_document_nummer = models.CharField(
        _("House document number"), max_length=20, blank=True, help_text=_("e.g. 2022D47993")
    )
    debat = models.CharField(_("debate"), max_length=300, blank=True)
    datum = models.DateField(_("date"), null=True, blank=True, help_text=_("Of the debate."))
    dictum = models.TextField(_("dictum"), blank=True, help_text=_("“verzoekt de regering …”"))
    kabinetsappreciatie = models.CharField(
        _("government's opinion"), max_length=100, choices=Kabinetsappreciatie.choices, blank=True
    )
    bewindspersoon = models.ForeignKey(
        "workflow.Bewindspersoon",
        verbose_name=_("responsible member of government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="moties",
    )
    ministerie = models.ForeignKey(
        "workflow.Ministerie",
        verbose_name=_("ministry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="moties",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_omschrijving = models.CharField(_("deadline as worded"), max_length=200, blank=True)
    status = FSMField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.AANGENOMEN,
        protected=True,
    )
    reden_niet_uitgevoerd = models.TextField(_("reason not carried out"), blank=True)
    notities = models.TextField(_("notes"), blank=True)
    geregistreerd_door = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when imported."),
    )
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)
    indieners_tekst = models.TextField(
        _("submitters, as searched"),
        blank=True,
        editable=False,
        help_text=_("Names and parties of the current submitters; written with them."),
    )
    # What the register's search looks in, as for toezeggingen: one upper-cased column that a
    # trigram index answers (migration 0020), instead of eight LIKEs and a join per search.
    zoektekst = models.GeneratedField(
        expression=Upper(
            TekstKetting(
                *(
                    part
                    for veld in MOTIE_ZOEKVELDEN
                    for part in (models.F(veld), models.Value("\n"))
                )
            )
        ),
        output_field=models.TextField(),
        db_persist=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["-datum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="niet_uitgevoerd") | ~Q(reden_niet_uitgevoerd=""),
                name="motie_niet_uitgevoerd_met_reden",
            ),
            models.UniqueConstraint(
                fields=["kamerstuk"], condition=~Q(kamerstuk=""), name="motie_kamerstuk_uniek"
            ),
            models.UniqueConstraint(
                fields=["tk_zaak_nummer"],
                condition=~Q(tk_zaak_nummer=""),
                name="motie_tk_zaak_nummer_uniek",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            # The register's order, so that a later page is read from the index.
            models.Index(fields=["-datum", "id"], name="motie_registervolgorde"),
            # /zoeken/ jumps to an exact TK id: UPPER(x) = UPPER(y) on either number.
            models.Index(Upper("tk_document_nummer"), name="motie_tk_document_upper"),
            models.Index(Upper("tk_zaak_nummer"), name="motie_tk_zaak_upper"),
        ]

    def __str__(self):
        return f"{self.kamerstuk or self.tk_zaak_nummer or f'M-{self.pk}'}: {self.titel}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def is_overdue(self, on: date) -> bool:
        return self.is_open and self.deadline is not None and self.deadline < on

    @property
    def bewindspersoon_label(self) -> str:
        return str(self.bewindspersoon) if self.bewindspersoon_id else ""

    @transition(field=status, source=Status.AANGENOMEN, target=Status.IN_UITVOERING)
    def in_uitvoering_nemen(self):
        pass

    @transition(field=status, source=list(OPEN), target=Status.AFGEDAAN)
    def afdoen(self):
        pass

    @transition(field=status, source=list(OPEN), target=Status.NIET_UITGEVOERD)
    def niet_uitvoeren(self):
        pass

    @transition(
        field=status, source=[Status.AFGEDAAN, Status.NIET_UITGEVOERD], target=Status.IN_UITVOERING
    )
    def heropenen(self):
        pass


class MotieIndiener(models.Model):
    """An indiener or mede-indiener of a motie; replaced ones are marked, not deleted."""

    class Rol(models.TextChoices):
        INDIENER = "indiener", _("submitter")
        MEDEINDIENER = "medeindiener", _("co-submitter")

    motie = models.ForeignKey(Motie, on_delete=models.PROTECT, related_name="indieners")
    rol = models.CharField(_("role"), max_length=15, choices=Rol.choices)
    naam = models.CharField(_("name"), max_length=200)
    fractie = models.CharField(_("parliamentary group"), max_length=100, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=1)
    tk_persoon_id = models.UUIDField(null=True, blank=True)
    vervangen_op = models.DateTimeField(_("replaced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("submitter")
        verbose_name_plural = _("submitters")
        ordering = ["motie", "volgorde", "pk"]

    def __str__(self):
        return f"{self.naam} ({self.fractie})" if self.fractie else self.naam


class StandVanZaken(models.Model):
    """One letter's handling of a toezegging or motie: afgedaan, partly, or only reported on.

    Written once. For a periodic toezegging it records the occurrence (`termijn`) and the
    deadline of the next (`volgende_termijn`).
    """

    class Wijze(models.TextChoices):
        AFGEDAAN = "afgedaan", _("discharged")
        DEELS_AFGEDAAN = "deels_afgedaan", _("partly discharged")
        STAND_VAN_ZAKEN = "stand_van_zaken", _("progress reported")

    AFDOENINGEN = (Wijze.AFGEDAAN, Wijze.DEELS_AFGEDAAN)

    toezegging = models.ForeignKey(
        Toezegging, on_delete=models.PROTECT, null=True, blank=True, related_name="standen"
    )
    motie = models.ForeignKey(
        Motie, on_delete=models.PROTECT, null=True, blank=True, related_name="standen"
    )
    wijze = models.CharField(_("how"), max_length=20, choices=Wijze.choices)
    kamerbrief = models.ForeignKey(
        "letters.Kamerbrief",
        verbose_name=_("letter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standen_van_zaken",
    )
    kenmerk = models.CharField(_("reference of the letter"), max_length=60)
    datum = models.DateField(_("date of the letter"))
    tekst = models.TextField(_("summary"), blank=True)
    termijn = models.DateField(_("occurrence"), null=True, blank=True)
    volgende_termijn = models.DateField(_("next deadline"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vastgelegd_op = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(toezegging__isnull=True) ^ Q(motie__isnull=True),
                name="stand_van_zaken_toezegging_of_motie",
            ),
            models.CheckConstraint(
                condition=Q(motie__isnull=True) | ~Q(wijze="deels_afgedaan"),
                name="stand_van_zaken_motie_niet_deels",
            ),
        ]

    def __str__(self):
        return f"{self.kenmerk} ({self.datum:%d-%m-%Y}): {self.get_wijze_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A stand van zaken is written once.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A stand van zaken is never deleted.")


class Koppeling(models.Model):
    """A toezegging or motie the nota's letter handles, and how: afdoen or only report on.

    Sending the letter turns the link into a `StandVanZaken` (`verwerkt_in`).
    """

    class Wijze(models.TextChoices):
        AFDOEN = "afdoen", _("discharges")
        DEELS_AFDOEN = "deels_afdoen", _("partly discharges")
        RAPPORTEREN = "rapporteren", _("only reports on")

    nota = models.ForeignKey("letters.Nota", on_delete=models.PROTECT, related_name="koppelingen")
    toezegging = models.ForeignKey(
        Toezegging, on_delete=models.PROTECT, null=True, blank=True, related_name="koppelingen"
    )
    motie = models.ForeignKey(
        Motie, on_delete=models.PROTECT, null=True, blank=True, related_name="koppelingen"
    )
    wijze = models.CharField(_("how"), max_length=15, choices=Wijze.choices)
    toelichting = models.TextField(
        _("explanation"), blank=True, help_text=_("How the letter handles it, in a sentence.")
    )
    gekoppeld_door = models.ForeignKey(
        "workflow.Medewerker", on_delete=models.PROTECT, related_name="+"
    )
    gekoppeld_op = models.DateTimeField(default=timezone.now)
    ontkoppeld_op = models.DateTimeField(null=True, blank=True)
    verwerkt_in = models.OneToOneField(
        StandVanZaken, on_delete=models.PROTECT, null=True, blank=True, related_name="koppeling"
    )

    class Meta:
        verbose_name = _("link to a nota")
        verbose_name_plural = _("links to notas")
        ordering = ["nota", "gekoppeld_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(toezegging__isnull=True) ^ Q(motie__isnull=True),
                name="koppeling_toezegging_of_motie",
            ),
            models.CheckConstraint(
                condition=Q(motie__isnull=True) | ~Q(wijze="deels_afdoen"),
                name="koppeling_motie_niet_deels",
            ),
            models.UniqueConstraint(
                fields=["nota", "toezegging"],
                condition=Q(ontkoppeld_op__isnull=True, toezegging__isnull=False),
                name="koppeling_toezegging_eenmaal",
            ),
            models.UniqueConstraint(
                fields=["nota", "motie"],
                condition=Q(ontkoppeld_op__isnull=True, motie__isnull=False),
                name="koppeling_motie_eenmaal",
            ),
        ]

    def __str__(self):
        return f"{self.nota_id} → {self.item}: {self.wijze}"

    @property
    def item(self) -> Toezegging | Motie:
        # A koppeling is to exactly one of the two (a check constraint says so).
        item = self.toezegging if self.toezegging_id else self.motie
        assert item is not None
        return item
