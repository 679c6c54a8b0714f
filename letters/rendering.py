"""The nota and its parafenblad as PDF, rendered with WeasyPrint.

The templates (templates/letters/pdf/) reproduce the Dutch document format of the seed nota, so a
PDF is always Dutch, whatever the reader's language: everything renders under
`translation.override("nl")`, which also gives Dutch month names and choice labels.

WeasyPrint needs Pango and fonts from the system (Debian: libpango-1.0-0, libpangoft2-1.0-0,
libharfbuzz-subset0). The Rijksoverheid's RO Sans is not free; the stylesheet asks for Open Sans
(fonts-open-sans), a humanist sans close to it, and DejaVu Sans (fonts-dejavu-core) for the few
signs it lacks, such as the arrow of the parafenblad's status changes.

Every renderer takes `lakken`: None for the document as it is, or the redaction of a Woo export
(workflow.woo.Lakken), which the templates apply through the filters of `letters_pdf`: names of
civil servants become "[5.1.2e]", whatever else the export withholds its own marker.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from letters.models import Kamerbrief, Kamerbriefversie, Nota

_BULLET = re.compile(r"^\s*[-–•*]\s+")


def render_nota_pdf(nota: Nota, *, lakken=None, toon_niet_openbaar: bool = True) -> bytes:
    """The nota as the minister's office reads it: header block, sections 1–5, bijlagen.
    Without `toon_niet_openbaar` section 5 says it is not shown (its reader may not read it)."""
    with translation.override("nl"):
        context = {**_nota_context(nota), "lakken": lakken}
        if not toon_niet_openbaar:
            context.update(niet_openbaar=[], verborgen=True)
        return _pdf("letters/pdf/nota.html", context)


def render_parafenblad_pdf(nota: Nota, *, now: datetime | None = None, lakken=None) -> bytes:
    """A certificate of the nota's route: every round's paraaf, the besluiten, the full history,
    and the letter's afstemming: who, when, on whose behalf, on which version."""
    now = now or timezone.now()
    with translation.override("nl"):
        context = _nota_context(nota)
        context["lakken"] = lakken
        rondes: dict[int, list] = {}
        for stap in nota.parafeerstappen.all():
            rondes.setdefault(stap.ronde, []).append(stap)
        context.update(
            rondes=sorted(rondes.items()),
            besluiten=[
                (besluit, besluit.bewindspersoon.holder_on(timezone.localtime(besluit.tijdstip)))
                for besluit in nota.besluiten.all()
            ],
            gebeurtenissen=[
                {
                    "event": g,
                    "actie": g.actie.replace("_", " "),
                    "van": g.van_label,
                    "naar": g.naar_label,
                }
                for g in nota.gebeurtenissen.all()
            ],
            afstemming=_afstemming_of(nota),
            gegenereerd_op=now,
        )
        return _pdf("letters/pdf/parafenblad.html", context)


def _afstemming_of(nota: Nota) -> list:
    """Every request for akkoord on the nota's letter, lapsed ones too, in the order asked."""
    kamerbrief = getattr(nota, "kamerbrief", None) if nota.pk else None
    if kamerbrief is None:
        return []
    return list(
        kamerbrief.afstemmingsverzoeken.select_related(
            "bewindspersoon", "briefversie", "beantwoord_door"
        ).order_by("aangevraagd_op", "pk")
    )


def _nota_context(nota: Nota) -> dict:
    onderdeel = nota.organisatieonderdeel
    # The seed's header: the DG on one line, the directie under it (“DGV” / “PG”).
    codes = [node.code for node in reversed(list(onderdeel.ancestors()))] + [onderdeel.code]
    deadline_tekst = nota.deadline.strftime("%d-%m-%Y") if nota.deadline else ""
    return {
        "nota": nota,
        "ministerie": onderdeel.ministerie,
        "onderdeel_codes": codes,
        "deadline_tekst": deadline_tekst,
        # The wording as given, unless it only repeats the date.
        "deadline_omschrijving": (
            nota.deadline_omschrijving if nota.deadline_omschrijving != deadline_tekst else ""
        ),
        "cc": list(nota.cc.all()),
        "bijlagen": [b for b in nota.bijlagen.all() if b.ingetrokken_op is None],
        "aanleiding": _paragraphs(nota.aanleiding),
        "geadviseerd_besluit": _paragraphs(nota.geadviseerd_besluit),
        "kernpunten": _paragraphs(nota.kernpunten),
        "niet_openbaar": _paragraphs(nota.niet_openbaar),
        "toelichting": sorted(nota.toelichting.all(), key=lambda punt: punt.punt),
        "ter_informatie": nota.soort == Nota.Soort.TER_INFORMATIE,
    }


def _paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; a leading “- ” is the writer's own bullet, dropped."""
    blocks = re.split(r"\n\s*\n", (text or "").strip())
    return [_BULLET.sub("", block) for block in blocks if block.strip()]


def _pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    # The documents embed nothing from elsewhere: whatever a nota's text says, no file is read
    # and no network is reached while rendering.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")


# --- the Kamerbrief ------------------------------------------------------------------------------

GEADRESSEERDEN = {
    Kamerbrief.Geadresseerde.TWEEDE_KAMER: [
        "De Voorzitter van de Tweede Kamer",
        "der Staten-Generaal",
        "Postbus 20018",
        "2500 EA DEN HAAG",
    ],
    Kamerbrief.Geadresseerde.EERSTE_KAMER: [
        "De Voorzitter van de Eerste Kamer",
        "der Staten-Generaal",
        "Postbus 20017",
        "2500 EA DEN HAAG",
    ],
}


@dataclass
class Blok:
    """One block of a letter's body: a heading, a subheading, a paragraph or a list."""

    soort: str  # kop, subkop, alinea, lijst, genummerd
    html: str = ""  # safe HTML
    items: list[str] = field(default_factory=list)  # safe HTML each


@dataclass(frozen=True)
class Handtekening:
    titel: str
    naam: str


_KOP = re.compile(r"^(#{1,2})\s+(.*)$", re.S)
_LIJST = re.compile(r"^\s*[-–•]\s+")
_GENUMMERD = re.compile(r"^\s*\d+[a-z]?[.)]\s+")
_VOETNOOT = re.compile(r"\[(\d+)\]")


def letter_blocks(tekst: str, voetnoten: list[str], lakken=None, voetnoot=None) -> list[Blok]:
    """The letter's text as blocks, with its footnotes placed where they are called.

    The text is plain: blank lines separate blocks, "# " starts a heading and "## " a
    subheading, a block whose every line starts with "- " (or "1. ") is a list, and [n] calls
    footnote n. A footnote the text never calls follows the last paragraph, so none is lost.
    `voetnoot(number, text)` writes a call as HTML: by default the footnote itself, which the
    PDF's stylesheet floats to the foot of the page; a web page writes a numbered link instead.
    """
    voetnoot = voetnoot or (lambda number, text: _footnote(text))
    lak = lakken.tekst if lakken is not None else (lambda text: text)
    called: set[int] = set()

    def inline(text: str) -> SafeString:
        parts = []
        position = 0
        for match in _VOETNOOT.finditer(text):
            number = int(match.group(1))
            if not 1 <= number <= len(voetnoten):
                continue  # not a footnote: “[3]” stays as written
            parts.append(escape(lak(text[position : match.start()])))
            parts.append(voetnoot(number, lak(voetnoten[number - 1])))
            called.add(number)
            position = match.end()
        parts.append(escape(lak(text[position:])))
        return mark_safe("".join(parts))

    blokken = []
    for block in re.split(r"\n\s*\n", (tekst or "").strip()):
        block = block.strip()
        if not block:
            continue
        lines = [line for line in block.splitlines() if line.strip()]
        kop = _KOP.match(block)
        if kop:
            soort = "kop" if len(kop.group(1)) == 1 else "subkop"
            blokken.append(Blok(soort, html=inline(" ".join(kop.group(2).split()))))
        elif all(_LIJST.match(line) for line in lines):
            blokken.append(Blok("lijst", items=[inline(_LIJST.sub("", ln)) for ln in lines]))
        elif len(lines) > 1 and all(_GENUMMERD.match(line) for line in lines):
            blokken.append(Blok("genummerd", items=[inline(ln.strip()) for ln in lines]))
        else:
            blokken.append(Blok("alinea", html=inline(" ".join(block.split()))))
    rest = [n for n in range(1, len(voetnoten) + 1) if n not in called]
    if rest:
        extra = mark_safe("".join(voetnoot(n, lak(voetnoten[n - 1])) for n in rest))
        laatste = next((b for b in reversed(blokken) if b.soort == "alinea"), None)
        if laatste is None:
            blokken.append(Blok("alinea", html=extra))
        else:
            laatste.html = mark_safe(laatste.html + extra)
    return blokken


def _footnote(text: str) -> str:
    return f'<span class="voetnoot">{escape(text)}</span>'


def letter_version(
    kamerbrief: Kamerbrief, versie: Kamerbriefversie | int | None = None
) -> tuple[Kamerbriefversie, bool]:
    """The version to render (a version, its number, or none for the latest) and whether it is
    the letter as sent (definitief) rather than a concept.

    Raises Kamerbriefversie.DoesNotExist for a version the letter does not have.
    """
    versies = sorted(kamerbrief.versies.all(), key=lambda v: v.nummer)
    if not versies:
        raise Kamerbriefversie.DoesNotExist("The letter has no text yet.")
    if versie is None:
        versie = versies[-1]
    elif isinstance(versie, int):
        versie = next((v for v in versies if v.nummer == versie), None)
        if versie is None:
            raise Kamerbriefversie.DoesNotExist("The letter has no such version.")
    definitief = kamerbrief.datum is not None and versie.nummer == versies[-1].nummer
    return versie, definitief


def render_kamerbrief_pdf(
    kamerbrief: Kamerbrief,
    versie: Kamerbriefversie | int | None = None,
    *,
    on: date | None = None,
    lakken=None,
) -> bytes:
    """The letter in the Rijkshuisstijl layout of the seed letters.

    `versie` is a version or its number; none means the latest. A letter that has not been sent,
    or an earlier version of one that has, is a concept: its date says so, every page carries
    CONCEPT with the version, and its signatures are those of today's holders (`on`).
    Raises Kamerbriefversie.DoesNotExist for a version the letter does not have.
    """
    versie, definitief = letter_version(kamerbrief, versie)
    with translation.override("nl"):
        return _pdf(
            "letters/pdf/kamerbrief.html",
            _kamerbrief_context(kamerbrief, versie, definitief, on, lakken),
        )


def _kamerbrief_context(kamerbrief, versie, definitief, on, lakken) -> dict:
    ministerie = kamerbrief.afzender.ministerie
    onderdeel = None
    if kamerbrief.nota_id is not None:
        onderdeel = kamerbrief.nota.organisatieonderdeel.directie()
    bijlagen = [b for b in kamerbrief.bijlagen.all() if b.ingetrokken_op is None]
    return {
        "brief": kamerbrief,
        "versie": versie,
        "definitief": definitief,
        "ministerie": ministerie,
        "onderdeel": onderdeel,
        "retouradres": " ".join(ministerie.retouradres.split()),
        "postadres": ministerie.retouradres.splitlines(),
        "bezoekadres": ministerie.bezoekadres.splitlines(),
        "geadresseerde": GEADRESSEERDEN[kamerbrief.geadresseerde],
        "bijlagen": bijlagen,
        "blokken": letter_blocks(versie.tekst, list(versie.voetnoten), lakken),
        "handtekeningen": signatures(kamerbrief, definitief, on or timezone.localdate()),
        "lakken": lakken,
    }


def signatures(kamerbrief: Kamerbrief, definitief: bool, on: date) -> list[Handtekening]:
    """Who signs: as frozen on the day of sending, or else today's holders of the posts.

    Mede namens, the letter carries the sender's signature only (the text names the others);
    co-signed, every post signs, the sender first.
    """
    ondertekenaars = list(kamerbrief.ondertekenaars.all()) if definitief else []
    if ondertekenaars:
        if kamerbrief.vorm == Kamerbrief.Vorm.MEDE_NAMENS:
            ondertekenaars = [o for o in ondertekenaars if o.rol == o.Rol.AFZENDER]
        return [Handtekening(o.titel, o.naam) for o in ondertekenaars]
    posts = [kamerbrief.afzender]
    if kamerbrief.vorm == Kamerbrief.Vorm.MEDEONDERTEKENING:
        posts += sorted(
            kamerbrief.medeondertekenaars.all(),
            key=lambda b: (b.ministerie.afkorting, b.afkorting),
        )
    return [Handtekening(post.titel, _holder_name(post, on)) for post in posts]


def _holder_name(post, on: date) -> str:
    holder = post.holder_on(on)
    return holder.naam if holder else ""


# --- the Woo export (workflow/woo.py) -----------------------------------------------------------


def render_woo_bijlage_pdf(*, titel: str, bestandsnaam: str, tekst: str | None, lakken) -> bytes:
    """A bijlage set again from its extracted text, with the export's redaction applied."""
    with translation.override("nl"):
        return _pdf(
            "letters/pdf/woo_bijlage.html",
            {
                "titel": titel,
                "bestandsnaam": bestandsnaam,
                "alineas": None if tekst is None else _paragraphs(tekst),
                "lakken": lakken,
            },
        )


def render_woo_inventaris_pdf(*, nota: Nota, regels: list, now: datetime, verklaring: str) -> bytes:
    with translation.override("nl"):
        return _pdf(
            "letters/pdf/woo_inventaris.html",
            {
                "nota": nota,
                "ministerie": nota.organisatieonderdeel.ministerie,
                "regels": regels,
                "gegenereerd_op": now,
                "verklaring": verklaring,
            },
        )
