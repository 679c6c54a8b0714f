"""The Woo export of a finished dossier: nota, parafenblad, Kamerbrief and bijlagen as PDF, with an
inventarislijst, ready to be published under the Wet open overheid.

What is made unreadable, and on which ground:

- the name of every civil servant (every Medewerker: opsteller, parafeerders, office staff, anyone
  in the history), as "[5.1.2e]": art. 5.1, tweede lid, onder e, Woo (de eerbiediging van de
  persoonlijke levenssfeer), the ground the seed nota itself names in its section 5. Bewindspersonen
  act in public office and stay named, as do their titles.
- section 5 of the nota, "Informatie die niet openbaar gemaakt kan worden", as "[5.2]": art. 5.2,
  eerste lid, Woo (persoonlijke beleidsopvattingen in documenten voor intern beraad, formerly
  art. 11 Wob). The section is the drafter's advice to the bewindspersoon about what should stay
  out of the public eye; publishing it would disclose what it advises to withhold. The facts it
  refers to are withheld under their own ground where they occur.

The redaction happens while rendering (the templates' `persoon` and `lak` filters, fed by
`Lakken`), never by editing a finished PDF. Free text (remarks, sections, the letter's body, the
text of bijlagen) is searched for the full names of all civil servants ("Fatima de Vries", and
"F. de Vries"); a first or last name used alone in free text is not recognised.

Bijlagen are never passed through as uploaded: a PDF can hide a name in its metadata, in an
annotation, in an image or in an earlier revision, and none of that can be ruled out here. Their
text (PDF, DOCX, ODT, XLSX, plain text), as read when the version was uploaded, is set again as a
PDF with the same redaction; the inventarislijst says so. The file is read again only for a
version whose text was not stored or was cut off for the search. A file whose text cannot be
read is left out, with a placeholder and a note to assess the original by hand.
"""

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from letters.models import Kamerbrief, Nota, Versietekst
from letters.rendering import (
    render_kamerbrief_pdf,
    render_nota_pdf,
    render_parafenblad_pdf,
    render_woo_bijlage_pdf,
    render_woo_inventaris_pdf,
)
from letters.tekst import extract_text
from workflow.handelen import acting_as_one_of
from workflow.models import Medewerker, Rol
from workflow.selectors import kamerbrieven_with_details
from workflow.spreadsheets import as_csv

GROND_NAMEN = "5.1.2e Woo"
GROND_BELEIDSOPVATTINGEN = "5.2 Woo"
MARKER_NAMEN = "[5.1.2e]"
MARKER_BELEIDSOPVATTINGEN = "[5.2]"

OPENBAAR = "openbaar"
DEELS_OPENBAAR = "deels openbaar"
NIET_OPENBAAR = "niet openbaar"

# The documents of a finished dossier are final: the nota is afgehandeld, and its letter (if it
# has one) has gone to the Kamer.
LETTER_FINISHED = (Kamerbrief.Status.VERZONDEN, Kamerbrief.Status.GEPUBLICEERD)


class Lakken:
    """What a Woo export makes unreadable; counts what it did, so the inventory can say."""

    verklaring = (
        "Tot personen herleidbare gegevens van ambtenaren zijn onleesbaar gemaakt op grond van "
        f"artikel 5.1, tweede lid, onder e, Wet open overheid (bescherming van de persoonlijke "
        f"levenssfeer), aangeduid met {MARKER_NAMEN}. Persoonlijke beleidsopvattingen bestemd "
        f"voor intern beraad zijn onleesbaar gemaakt op grond van artikel 5.2, eerste lid, Wet "
        f"open overheid, aangeduid met {MARKER_BELEIDSOPVATTINGEN}."
    )
    niet_openbaar = MARKER_BELEIDSOPVATTINGEN

    def __init__(self, namen: Iterable[str]):
        vormen = set()
        for naam in namen:
            naam = " ".join(naam.split())
            if not naam:
                continue
            vormen.add(naam)
            voornaam, _, rest = naam.partition(" ")
            if rest:
                vormen.add(f"{voornaam[0]}. {rest}")
        # Longest first, so "Fatima de Vries" wins over a shorter name inside it.
        ordered = sorted(vormen, key=len, reverse=True)
        self._patroon = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(v) for v in ordered) + r")(?!\w)",
                re.IGNORECASE,
            )
            if ordered
            else None
        )
        self.geteld: dict[str, int] = {}

    def begin(self) -> None:
        """Starts counting for the next document."""
        self.geteld = {}

    def _tel(self, grond: str, aantal: int = 1) -> None:
        if aantal:
            self.geteld[grond] = self.geteld.get(grond, 0) + aantal

    def persoon(self, _medewerker) -> str:
        self._tel(GROND_NAMEN)
        return MARKER_NAMEN

    def tekst(self, text: str) -> str:
        if not text or self._patroon is None:
            return text
        text, aantal = self._patroon.subn(MARKER_NAMEN, text)
        self._tel(GROND_NAMEN, aantal)
        return text

    def beleidsopvatting(self) -> str:
        self._tel(GROND_BELEIDSOPVATTINGEN)
        return MARKER_BELEIDSOPVATTINGEN


def lakken_for_woo() -> Lakken:
    """The names of every civil servant Parafeer knows, active or not."""
    namen = [
        f"{first} {last}"
        for first, last in Medewerker.objects.values_list("first_name", "last_name")
        if first.strip() and last.strip()
    ]
    return Lakken(namen)


# --- who may export what -------------------------------------------------------------------------


def may_export(user: Medewerker, nota: Nota, on: date) -> bool:
    """Parlementaire coördinatie and beheerders (who answer Woo requests for the department), and
    the nota's opsteller or their substitute (whose directie owns the dossier)."""

    if user.has_rol(Rol.PARLEMENTAIRE_COORDINATIE) or user.has_rol(Rol.BEHEERDER):
        return True
    return acting_as_one_of(user, [nota.opsteller_id], on) is not None


def unfinished_reason(nota: Nota) -> str | None:
    """Why this dossier cannot be exported yet (Dutch, for the user), or None when it can."""
    from django.utils.translation import gettext as _

    if nota.status != Nota.Status.AFGEHANDELD:
        return _(
            "A Woo export is only made of a finished dossier: the nota is %(status)s, not "
            "completed."
        ) % {"status": nota.get_status_display()}
    kamerbrief = getattr(nota, "kamerbrief", None)
    if kamerbrief is not None and kamerbrief.status not in LETTER_FINISHED:
        return _(
            "A Woo export is only made of a finished dossier: the letter is %(status)s, not sent."
        ) % {"status": kamerbrief.get_status_display()}
    return None


# --- the bijlagen --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BijlageBron:
    """One bijlage file as it was finally sent along, by its text."""

    bij: str  # "Kamerbrief" or "nota"
    volgnummer: int
    titel: str
    bestandsnaam: str
    tekst: str | None  # None when the file's text cannot be read
    datum: date


def _tekst_van(versie) -> str | None:
    """The text of a version as stored when it was uploaded (letters.tekst.lees), without opening
    the file. The file is read again only when no text was stored (a version from before the
    texts were kept) or when the stored text was cut off at its maximum length: the export
    publishes a bijlage whole."""
    try:
        opgeslagen = versie.tekst
    except ObjectDoesNotExist:
        opgeslagen = None
    if opgeslagen is not None and opgeslagen.uitkomst != Versietekst.Uitkomst.AFGEKAPT:
        if opgeslagen.uitkomst == Versietekst.Uitkomst.ONLEESBAAR:
            return None
        # Stored stripped, which the export's paragraphs are anyway: the same PDF as from the
        # file (but for a NUL in the text, stored as a space).
        return opgeslagen.tekst
    with versie.bestand.open("rb") as bestand:
        return extract_text(versie.bestandsnaam, bestand.read())


def dossier_bijlagen(nota: Nota) -> list[BijlageBron]:
    """The bijlagen of the dossier: the latest version of each current bijlage of the letter,
    then of the nota (a nota's bijlage with a title only has no file to publish)."""
    bronnen = []
    kamerbrief = getattr(nota, "kamerbrief", None)
    eigenaren = [("Kamerbrief", kamerbrief)] if kamerbrief is not None else []
    eigenaren.append(("nota", nota))
    for bij, eigenaar in eigenaren:
        for bijlage in eigenaar.bijlagen.filter(ingetrokken_op__isnull=True).order_by("volgnummer"):
            versie = bijlage.versies.select_related("tekst").order_by("-nummer").first()
            if versie is None:
                continue
            bronnen.append(
                BijlageBron(
                    bij=bij,
                    volgnummer=bijlage.volgnummer,
                    titel=bijlage.titel,
                    bestandsnaam=versie.bestandsnaam,
                    tekst=_tekst_van(versie),
                    datum=timezone.localtime(versie.aangemaakt_op).date(),
                )
            )
    return bronnen


# --- the export ----------------------------------------------------------------------------------


@dataclass
class Inventarisregel:
    nummer: int
    document: str
    bestand: str
    datum: date | None
    beoordeling: str
    gronden: list[str] = field(default_factory=list)
    opmerking: str = ""


def _beoordeling(geteld: dict[str, int]) -> tuple[str, list[str]]:
    gronden = sorted(geteld)
    return (DEELS_OPENBAAR if gronden else OPENBAAR), gronden


def build_woo_export(nota: Nota, *, now: datetime, lakken: Lakken | None = None) -> bytes:
    """The zip of the dossier. `nota` as loaded by selectors.nota_for_detail."""

    lakken = lakken or lakken_for_woo()
    kenmerk = nota.kenmerk
    bestanden: list[tuple[str, bytes]] = []
    regels: list[Inventarisregel] = []

    def add(document: str, bestand: str, inhoud: bytes, datum, *, opmerking="", beoordeling=None):
        status, gronden = _beoordeling(lakken.geteld)
        nummer = len(regels) + 1
        naam = f"{nummer:02d} {bestand}"
        bestanden.append((naam, inhoud))
        regels.append(
            Inventarisregel(
                nummer, document, naam, datum, beoordeling or status, gronden, opmerking
            )
        )

    lakken.begin()
    add(
        f"Nota {kenmerk}: {lakken.tekst(nota.onderwerp)}",
        f"Nota {kenmerk}.pdf",
        render_nota_pdf(nota, lakken=lakken),
        nota.datum,
    )
    lakken.begin()
    add(
        f"Parafenblad bij nota {kenmerk}",
        f"Parafenblad {kenmerk}.pdf",
        render_parafenblad_pdf(nota, now=now, lakken=lakken),
        timezone.localtime(now).date(),
        opmerking="Gegenereerd uit de historie van de nota bij deze export.",
    )
    kamerbrief = getattr(nota, "kamerbrief", None)
    if kamerbrief is not None:
        kamerbrief = kamerbrieven_with_details().get(pk=kamerbrief.pk)
        lakken.begin()
        add(
            f"Kamerbrief {kamerbrief.kenmerk}: {lakken.tekst(kamerbrief.betreft)}",
            f"Kamerbrief {kamerbrief.kenmerk}.pdf",
            render_kamerbrief_pdf(kamerbrief, lakken=lakken),
            kamerbrief.datum,
            opmerking=f"Openbaar gemaakt als {kamerbrief.kamerstuk}."
            if kamerbrief.kamerstuk
            else "",
        )
    for bron in dossier_bijlagen(nota):
        lakken.begin()
        titel = lakken.tekst(bron.titel)
        tekst = bron.tekst
        label = f"Bijlage {bron.volgnummer} bij de {bron.bij}"
        pdf = render_woo_bijlage_pdf(
            titel=f"{label}: {titel}", bestandsnaam=bron.bestandsnaam, tekst=tekst, lakken=lakken
        )
        if tekst is None:
            add(
                f"{label}: {titel}", f"Bijlage {bron.volgnummer} {bron.bij}.pdf", pdf, bron.datum,
                beoordeling="nog te beoordelen",
                opmerking=(
                    f"De tekst van {bron.bestandsnaam} kon niet worden gelezen; het origineel is "
                    "niet opgenomen en moet met de hand worden beoordeeld."
                ),
            )  # fmt: skip
        else:
            add(
                f"{label}: {titel}", f"Bijlage {bron.volgnummer} {bron.bij}.pdf", pdf, bron.datum,
                opmerking=(
                    f"Opnieuw opgemaakt uit de tekst van {bron.bestandsnaam}; opmaak en "
                    "afbeeldingen van het origineel zijn niet overgenomen."
                ),
            )  # fmt: skip

    inventaris_pdf = render_woo_inventaris_pdf(
        nota=nota, regels=regels, now=now, verklaring=Lakken.verklaring
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("00 Inventarislijst.pdf", inventaris_pdf)
        archive.writestr("00 Inventarislijst.csv", inventory_csv(regels))
        for naam, inhoud in bestanden:
            archive.writestr(naam, inhoud)
    return buffer.getvalue()


INVENTARIS_KOLOMMEN = [
    "Nr.",
    "Document",
    "Bestand",
    "Datum",
    "Beoordeling",
    "Grond(en)",
    "Opmerking",
]


def inventory_csv(regels: list[Inventarisregel]) -> bytes:
    """For Excel, as the register's exports; document titles are the users' text."""

    return as_csv(
        INVENTARIS_KOLOMMEN,
        [
            [r.nummer, r.document, r.bestand, r.datum or "", r.beoordeling, ", ".join(r.gronden),
             r.opmerking]
            for r in regels
        ],
    )  # fmt: skip


def zip_name(nota: Nota) -> str:
    return f"Woo-export {nota.kenmerk}.zip"
