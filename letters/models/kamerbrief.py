"""Kamerbrieven: the letter, its immutable versions and bijlagen, afstemming with co-signers.

An akkoord of a co-signing bewindspersoon is given on one *pakket*: the letter's version plus the
version of every bijlage at that moment. When any of them changes the akkoord no longer holds
(the request becomes vervallen) and a new request on the new pakket follows.
"""

import hashlib

from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from letters.uploads import content_type_for


class ImmutableRecord(models.Model):
    """A row that is written once: versions of documents are never changed afterwards."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"{type(self).__name__} is immutable once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} is never deleted.")


def sha256(content: bytes | str) -> str:
    if isinstance(content, str):
        content = content.encode()
    return hashlib.sha256(content).hexdigest()


class Kamerbrief(FSMModelMixin, models.Model):
    class Geadresseerde(models.TextChoices):
        TWEEDE_KAMER = "tk", _("The Speaker of the House of Representatives")
        EERSTE_KAMER = "ek", _("The President of the Senate")

    class Vorm(models.TextChoices):
        MEDE_NAMENS = "mede_namens", _("also on behalf of (one signature)")
        MEDEONDERTEKENING = "medeondertekening", _("co-signed (several signatures)")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("draft")
        IN_AFSTEMMING = "in_afstemming", _("being agreed")
        GEREED_VOOR_ONDERTEKENING = "gereed_voor_ondertekening", _("ready for signature")
        ONDERTEKEND = "ondertekend", _("signed")
        VERZONDEN = "verzonden", _("sent")
        GEPUBLICEERD = "gepubliceerd", _("published")
        INGETROKKEN = "ingetrokken", _("withdrawn")

    # Until it is signed, the letter's text and bijlagen can change (who may: workflow.services).
    BEWERKBAAR = (Status.CONCEPT, Status.IN_AFSTEMMING, Status.GEREED_VOOR_ONDERTEKENING)

    nota = models.OneToOneField(
        "letters.Nota",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kamerbrief",
        help_text=_("Empty for a letter registered from before Parafeer."),
    )
    kenmerk = models.CharField(_("reference"), max_length=60, unique=True)
    documentnummer = models.BigIntegerField(_("document number"), unique=True)
    afzender = models.ForeignKey(
        "workflow.Bewindspersoon",
        verbose_name=_("sender"),
        on_delete=models.PROTECT,
        related_name="kamerbrieven",
    )
    geadresseerde = models.CharField(
        _("addressee"),
        max_length=2,
        choices=Geadresseerde.choices,
        default=Geadresseerde.TWEEDE_KAMER,
    )
    vorm = models.CharField(
        _("signing"), max_length=20, choices=Vorm.choices, default=Vorm.MEDE_NAMENS
    )
    medeondertekenaars = models.ManyToManyField(
        "workflow.Bewindspersoon",
        verbose_name=_("co-signers"),
        blank=True,
        related_name="medeondertekende_kamerbrieven",
        help_text=_("Also on behalf of, or co-signing; each gives akkoord first."),
    )
    betreft = models.CharField(_("subject"), max_length=300)
    status = FSMField(
        _("status"), max_length=30, choices=Status.choices, default=Status.CONCEPT, protected=True
    )
    geplande_verzenddatum = models.DateField(_("planned sending date"), null=True, blank=True)
    datum = models.DateField(_("date"), null=True, blank=True, help_text=_("Set when sent."))
    kamerstuk = models.CharField(
        _("Kamerstuk"), max_length=100, blank=True, help_text=_("e.g. Kamerstuk 32 793, nr. 613")
    )
    tk_document_id = models.CharField(_("House document id"), max_length=20, blank=True)
    publicatiedatum = models.DateField(
        _("publication date"), null=True, blank=True, help_text=_("When the House published it.")
    )
    # "Uw brief": the committee's request this letter answers, as the letterhead names it.
    uw_brief_kenmerk = models.CharField(_("your letter: reference"), max_length=100, blank=True)
    uw_brief_datum = models.DateField(_("your letter: date"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("letter to parliament")
        verbose_name_plural = _("letters to parliament")
        ordering = ["-documentnummer"]
        # /zoeken/ jumps to an exact kenmerk: kenmerk__iexact is UPPER(x) = UPPER(y).
        indexes = [models.Index(Upper("kenmerk"), name="kamerbrief_kenmerk_upper")]

    def __str__(self):
        return f"{self.kenmerk} {self.betreft}"

    @property
    def is_final(self) -> bool:
        return self.status in (self.Status.GEPUBLICEERD, self.Status.INGETROKKEN)

    @property
    def bewerkbaar(self) -> bool:
        return self.status in self.BEWERKBAAR

    @transition(field=status, source=Status.CONCEPT, target=Status.IN_AFSTEMMING)
    def afstemming_starten(self):
        pass

    @transition(field=status, source=Status.IN_AFSTEMMING, target=Status.GEREED_VOOR_ONDERTEKENING)
    def gereed_melden(self):
        pass

    @transition(field=status, source=Status.GEREED_VOOR_ONDERTEKENING, target=Status.IN_AFSTEMMING)
    def terug_in_afstemming(self):
        pass

    @transition(field=status, source=Status.GEREED_VOOR_ONDERTEKENING, target=Status.ONDERTEKEND)
    def ondertekenen(self):
        pass

    @transition(field=status, source=Status.ONDERTEKEND, target=Status.VERZONDEN)
    def verzenden(self):
        pass

    @transition(field=status, source=Status.VERZONDEN, target=Status.GEPUBLICEERD)
    def publiceren(self):
        pass

    @transition(
        field=status,
        source=[
            Status.CONCEPT,
            Status.IN_AFSTEMMING,
            Status.GEREED_VOOR_ONDERTEKENING,
            Status.ONDERTEKEND,
        ],
        target=Status.INGETROKKEN,
    )
    def intrekken(self):
        pass


class Kamerbriefversie(ImmutableRecord):
    """One immutable version of the letter's text (with its footnotes)."""

    kamerbrief = models.ForeignKey(Kamerbrief, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveIntegerField(_("version"))
    tekst = models.TextField(_("text"))
    voetnoten = models.JSONField(
        _("footnotes"), default=list, blank=True, help_text=_("One text per footnote, in order.")
    )
    sha256 = models.CharField(max_length=64, editable=False)
    auteur = models.ForeignKey(
        "workflow.Medewerker", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("letter version")
        verbose_name_plural = _("letter versions")
        ordering = ["kamerbrief", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["kamerbrief", "nummer"], name="briefversie_uniek"),
        ]

    def __str__(self):
        return f"v{self.nummer}"

    @staticmethod
    def hash_of(tekst: str, voetnoten: list[str]) -> str:
        return sha256(tekst + "\n\x00" + "\n\x00".join(voetnoten))


class Kamerbriefconcept(models.Model):
    """The editor's autosaved draft of a letter: one per letter, overwritten on every save.

    It is neither a version nor history: only "Opslaan als nieuwe versie" makes a version.
    `basisversie` is the version the editor was opened on, so that a draft left behind by an
    older tab is recognised as such.
    """

    kamerbrief = models.OneToOneField(Kamerbrief, on_delete=models.PROTECT, related_name="concept")
    basisversie = models.PositiveIntegerField(_("based on version"))
    tekst = models.TextField(_("text"), blank=True)
    voetnoten = models.JSONField(_("footnotes"), default=list, blank=True)
    auteur = models.ForeignKey(
        "workflow.Medewerker", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    bijgewerkt_op = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("letter draft")
        verbose_name_plural = _("letter drafts")

    def __str__(self):
        return f"{self.kamerbrief.kenmerk} concept (v{self.basisversie})"


class Kamerbriefbijlage(models.Model):
    """A bijlage of the letter by number; its content lives in its versions."""

    kamerbrief = models.ForeignKey(Kamerbrief, on_delete=models.PROTECT, related_name="bijlagen")
    volgnummer = models.PositiveSmallIntegerField(_("number"))
    titel = models.CharField(_("title"), max_length=300)
    ingetrokken_op = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("letter attachment")
        verbose_name_plural = _("letter attachments")
        ordering = ["kamerbrief", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["kamerbrief", "volgnummer"],
                condition=Q(ingetrokken_op__isnull=True),
                name="kamerbriefbijlage_volgnummer_uniek",
            ),
        ]

    def __str__(self):
        return f"Bijlage {self.volgnummer}: {self.titel}"


def bijlage_path(instance: "Bestandsversie", filename: str) -> str:
    return instance.storage_path(filename)


class Bestandsversie(ImmutableRecord):
    """One immutable version of a bijlage's file, with who uploaded it, when, and its digest.

    The file is stored under its digest, so a version's path never changes and two versions
    never share one file.
    """

    nummer = models.PositiveIntegerField(_("version"))
    bestand = models.FileField(_("file"), upload_to=bijlage_path, max_length=500)
    bestandsnaam = models.CharField(_("file name"), max_length=255)
    grootte = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    auteur = models.ForeignKey(
        "workflow.Medewerker", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.bijlage} v{self.nummer}"

    def storage_path(self, filename: str) -> str:
        raise NotImplementedError

    @property
    def content_type(self) -> str:

        return content_type_for(self.bestandsnaam)


class Versietekst(models.Model):
    """The text of one version of a bijlage's file, read once when the version is stored.

    The version itself is immutable (ImmutableRecord, and PostgreSQL refuses UPDATE), so its
    text lives beside it, one row per version; `letters.tekst.lees` reads it. The search finds
    a nota or a letter by the text of the latest version of its current bijlagen.
    """

    class Uitkomst(models.TextChoices):
        GELEZEN = "gelezen", _("read")
        AFGEKAPT = "afgekapt", _("read, cut off at its maximum length")
        LEEG = "leeg", _("no text in the file")
        ONLEESBAAR = "onleesbaar", _("the text could not be read")

    tekst = models.TextField(_("text"), blank=True)
    uitkomst = models.CharField(_("outcome"), max_length=12, choices=Uitkomst.choices)
    gelezen_op = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.versie}: {self.get_uitkomst_display()}"


class Bijlageversie(Bestandsversie):
    bijlage = models.ForeignKey(Kamerbriefbijlage, on_delete=models.PROTECT, related_name="versies")

    class Meta:
        verbose_name = _("attachment version")
        verbose_name_plural = _("attachment versions")
        ordering = ["bijlage", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["bijlage", "nummer"], name="bijlageversie_uniek"),
        ]

    def storage_path(self, filename: str) -> str:
        bijlage = self.bijlage
        return f"bijlagen/{bijlage.kamerbrief_id}/{bijlage.pk}/{self.sha256}/{filename}"


class Bijlagetekst(Versietekst):
    versie = models.OneToOneField(Bijlageversie, on_delete=models.PROTECT, related_name="tekst")

    class Meta:
        verbose_name = _("attachment text")
        verbose_name_plural = _("attachment texts")


class Afstemmingsverzoek(FSMModelMixin, models.Model):
    """The request for akkoord to one co-signer's office, on one pakket of versions."""

    class Status(models.TextChoices):
        AANGEVRAAGD = "aangevraagd", _("requested")
        AKKOORD = "akkoord", _("agreed")
        AKKOORD_MET_OPMERKINGEN = "akkoord_met_opmerkingen", _("agreed with remarks")
        NIET_AKKOORD = "niet_akkoord", _("not agreed")
        VERVALLEN = "vervallen", _("lapsed")
        INGETROKKEN = "ingetrokken", _("withdrawn")

    GELDIG = (
        Status.AANGEVRAAGD,
        Status.AKKOORD,
        Status.AKKOORD_MET_OPMERKINGEN,
        Status.NIET_AKKOORD,
    )
    AKKOORDEN = (Status.AKKOORD, Status.AKKOORD_MET_OPMERKINGEN)

    kamerbrief = models.ForeignKey(
        Kamerbrief, on_delete=models.PROTECT, related_name="afstemmingsverzoeken"
    )
    bewindspersoon = models.ForeignKey(
        "workflow.Bewindspersoon",
        verbose_name=_("co-signer"),
        on_delete=models.PROTECT,
        related_name="afstemmingsverzoeken",
    )
    status = FSMField(
        _("status"),
        max_length=30,
        choices=Status.choices,
        default=Status.AANGEVRAAGD,
        protected=True,
    )
    briefversie = models.ForeignKey(
        Kamerbriefversie,
        verbose_name=_("letter version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    bijlageversies = models.JSONField(
        _("attachment versions"),
        default=dict,
        help_text=_("The version id of every bijlage, by bijlage id, when asked."),
    )
    pakket = models.CharField(_("package"), max_length=64, help_text=_("Digest of the versions."))
    vorig_verzoek = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opvolger",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    aangevraagd_op = models.DateTimeField(_("requested at"), default=timezone.now)
    beantwoord_op = models.DateTimeField(_("answered at"), null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opmerking = models.TextField(_("remark"), blank=True)

    class Meta:
        verbose_name = _("request for agreement")
        verbose_name_plural = _("requests for agreement")
        ordering = ["kamerbrief", "bewindspersoon", "aangevraagd_op", "pk"]
        constraints = [
            # One current request per co-signer: the others are vervallen or ingetrokken.
            models.UniqueConstraint(
                fields=["kamerbrief", "bewindspersoon"],
                condition=Q(
                    status__in=["aangevraagd", "akkoord", "akkoord_met_opmerkingen", "niet_akkoord"]
                ),
                name="een_geldig_afstemmingsverzoek",
            ),
        ]
        indexes = [
            models.Index(fields=["bewindspersoon", "status"]),
            models.Index(
                fields=["deadline"],
                condition=Q(status="aangevraagd"),
                name="afstemming_open_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.kamerbrief.kenmerk} → {self.bewindspersoon.afkorting}: {self.status}"

    @transition(field=status, source=Status.AANGEVRAAGD, target=Status.AKKOORD)
    def akkoord(self):
        pass

    @transition(field=status, source=Status.AANGEVRAAGD, target=Status.AKKOORD_MET_OPMERKINGEN)
    def akkoord_met_opmerkingen(self):
        pass

    @transition(field=status, source=Status.AANGEVRAAGD, target=Status.NIET_AKKOORD)
    def niet_akkoord(self):
        pass

    @transition(field=status, source=list(GELDIG), target=Status.VERVALLEN)
    def vervallen(self):
        pass

    @transition(field=status, source=list(GELDIG), target=Status.INGETROKKEN)
    def intrekken(self):
        pass


class Ondertekenaar(ImmutableRecord):
    """A signatory as printed on the sent letter: name and title frozen on the day of sending."""

    class Rol(models.TextChoices):
        AFZENDER = "afzender", _("sender")
        MEDE_NAMENS = "mede_namens", _("also on behalf of")
        MEDEONDERTEKENAAR = "medeondertekenaar", _("co-signer")

    kamerbrief = models.ForeignKey(
        Kamerbrief, on_delete=models.PROTECT, related_name="ondertekenaars"
    )
    volgorde = models.PositiveSmallIntegerField(_("order"))
    bewindspersoon = models.ForeignKey(
        "workflow.Bewindspersoon", on_delete=models.PROTECT, related_name="+"
    )
    rol = models.CharField(_("role"), max_length=20, choices=Rol.choices)
    naam = models.CharField(_("name"), max_length=200)
    titel = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["kamerbrief", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["kamerbrief", "volgorde"], name="ondertekenaar_uniek"),
        ]

    def __str__(self):
        return f"{self.naam}, {self.titel}"
