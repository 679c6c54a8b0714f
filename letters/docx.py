"""The Kamerbrief as a Word document (DOCX), and its text read back from an edited one.

The export carries what the PDF carries (letters.rendering): the ministry, the addressee, Datum,
Kenmerk and Betreft, “Geachte voorzitter,”, the body, “Hoogachtend,” and the signatures, and the
footnotes. Word has footnotes, but python-docx cannot write them: they follow the letter as
numbered paragraphs “[n] text” under the heading “Voetnoten”, called in the body by “[n]”.

The import reads only what a writer edits: the paragraphs between “Geachte voorzitter,” and
“Hoogachtend,” become the letter's markup again (“# ” heading, “## ” subheading, “- ” list,
blank lines between blocks) and the paragraphs under “Voetnoten” its footnotes. Everything else
(the header, the signatures) comes from Parafeer and is not read back.
"""

import io
import re
from dataclasses import dataclass

from django.utils import formats, timezone, translation
from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt, RGBColor

from .models import Kamerbrief, Kamerbriefversie
from .rendering import GEADRESSEERDEN, letter_version, signatures

AANHEF = "Geachte voorzitter,"
SLOT = "Hoogachtend,"
VOETNOTEN = "Voetnoten"

_KOP = re.compile(r"^(#{1,2})\s+(.*)$", re.S)
_LIJST = re.compile(r"^\s*[-–•]\s+")
_VOETNOOT_CALL = re.compile(r"(\[\d+\])")
_VOETNOOT_REGEL = re.compile(r"^\[(\d+)\]\s*(.*)$", re.S)
# Characters XML 1.0 does not allow: python-docx refuses them, a pasted text may carry them.
_NIET_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NIET_IN_XML.sub("", text or "")


def build_kamerbrief_docx(kamerbrief: Kamerbrief, versie: Kamerbriefversie | int | None = None):
    """The letter as DOCX bytes; `versie` a version or its number, none for the latest.

    Raises Kamerbriefversie.DoesNotExist for a version the letter does not have.
    """
    versie, definitief = letter_version(kamerbrief, versie)
    with translation.override("nl"):
        document = _document(kamerbrief, versie, definitief)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _document(kamerbrief: Kamerbrief, versie: Kamerbriefversie, definitief: bool):
    document = Document()
    document.core_properties.title = f"Kamerbrief {kamerbrief.kenmerk}"
    betreft = _xml_safe(kamerbrief.betreft)
    document.core_properties.subject = betreft
    document.core_properties.identifier = kamerbrief.kenmerk
    document.core_properties.version = str(versie.nummer)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)

    ministerie = kamerbrief.afzender.ministerie
    kop = document.add_paragraph()
    kop.add_run(ministerie.naam).bold = True
    if not definitief:
        concept = document.add_paragraph()
        run = concept.add_run(f"CONCEPT – versie {versie.nummer}")
        run.bold = True
        run.font.color.rgb = RGBColor(0xA9, 0x00, 0x61)
    retouradres = " ".join(ministerie.retouradres.split())
    if retouradres:
        document.add_paragraph().add_run(f"> Retouradres {retouradres}").font.size = Pt(7)
    _lines(document.add_paragraph(), GEADRESSEERDEN[kamerbrief.geadresseerde])

    datum = (
        formats.date_format(kamerbrief.datum, "j F Y")
        if definitief
        else f"concept (versie {versie.nummer})"
    )
    kopregels = [("Datum", datum), ("Kenmerk", kamerbrief.kenmerk)]
    if kamerbrief.uw_brief_kenmerk:
        kopregels.append(("Uw kenmerk", _xml_safe(kamerbrief.uw_brief_kenmerk)))
    if kamerbrief.uw_brief_datum:
        kopregels.append(("Uw brief van", formats.date_format(kamerbrief.uw_brief_datum, "j F Y")))
    kopregels.append(("Betreft", betreft))
    bijlagen = [b for b in kamerbrief.bijlagen.all() if b.ingetrokken_op is None]
    if bijlagen:
        kopregels.append(("Bijlage(n)", str(len(bijlagen))))
    table = document.add_table(rows=0, cols=2)
    for label, waarde in kopregels:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = waarde

    document.add_paragraph(AANHEF)
    for soort, inhoud in blocks(_xml_safe(versie.tekst)):
        if soort == "kop":
            document.add_heading(inhoud, level=1)
        elif soort == "subkop":
            document.add_heading(inhoud, level=2)
        elif soort == "lijst":
            for item in inhoud:
                _with_calls(document.add_paragraph(style="List Bullet"), item)
        else:
            _with_calls(document.add_paragraph(), inhoud)
    document.add_paragraph(SLOT)
    for handtekening in signatures(kamerbrief, definitief, timezone.localdate()):
        document.add_paragraph(f"De {handtekening.titel},")
        document.add_paragraph(handtekening.naam or "(vacature)")

    if versie.voetnoten:
        document.add_heading(VOETNOTEN, level=1)
        for nummer, voetnoot in enumerate(versie.voetnoten, start=1):
            document.add_paragraph(f"[{nummer}] {_xml_safe(voetnoot)}")
    return document


def _lines(paragraph, lines: list[str]) -> None:
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _with_calls(paragraph, text: str) -> None:
    """Text whose “[n]” footnote calls are set in superscript; line breaks kept as breaks."""
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        for part in _VOETNOOT_CALL.split(line):
            if part:
                run = paragraph.add_run(part)
                if _VOETNOOT_CALL.fullmatch(part):
                    run.font.superscript = True


def blocks(tekst: str) -> list[tuple[str, object]]:
    """The letter's markup as (kind, content) blocks: kop/subkop (text), lijst (items), alinea
    (its lines joined by newlines)."""
    result = []
    for block in re.split(r"\n\s*\n", (tekst or "").strip()):
        lines = [line.rstrip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        kop = _KOP.match("\n".join(lines))
        if kop:
            soort = "kop" if len(kop.group(1)) == 1 else "subkop"
            result.append((soort, " ".join(kop.group(2).split())))
        elif all(_LIJST.match(line) for line in lines):
            result.append(("lijst", [_LIJST.sub("", line).strip() for line in lines]))
        else:
            result.append(("alinea", "\n".join(lines)))
    return result


def canonical(tekst: str) -> str:
    """The markup as an export and import give it back: the same letter, normalised spacing."""
    return markup(blocks(tekst))


def markup(blokken: list[tuple[str, object]]) -> str:
    parts = []
    for soort, inhoud in blokken:
        if soort == "kop":
            parts.append(f"# {inhoud}")
        elif soort == "subkop":
            parts.append(f"## {inhoud}")
        elif soort == "lijst":
            parts.append("\n".join(f"- {item}" for item in inhoud))
        else:
            parts.append(inhoud)
    return "\n\n".join(parts)


# --- reading an edited document back ------------------------------------------------------------


class NotALetter(ValueError):
    """The document lacks the lines that mark the letter's body."""


@dataclass(frozen=True)
class Gelezen:
    tekst: str
    voetnoten: list[str]


def read_kamerbrief_docx(inhoud: bytes) -> Gelezen:
    """The body and footnotes of an exported (and edited) letter, as markup.

    Raises NotALetter when “Geachte voorzitter,” or “Hoogachtend,” is missing, and ValueError
    (or a zipfile/XML error) for a document python-docx cannot open.
    """
    document = Document(io.BytesIO(inhoud))
    paragraphs = document.paragraphs
    texts = [p.text.strip() for p in paragraphs]
    try:
        begin = texts.index(AANHEF) + 1
        einde = texts.index(SLOT, begin)
    except ValueError:
        raise NotALetter(AANHEF, SLOT) from None
    blokken: list[tuple[str, object]] = []
    for paragraph in paragraphs[begin:einde]:
        text = "\n".join(line.rstrip() for line in paragraph.text.strip().splitlines())
        if not text.strip():
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.startswith("Heading 1") or style == "Title":
            blokken.append(("kop", " ".join(text.split())))
        elif style.startswith("Heading"):
            blokken.append(("subkop", " ".join(text.split())))
        elif style.startswith("List") or (
            paragraph._p.pPr is not None and (paragraph._p.pPr.numPr is not None)
        ):
            item = " ".join(text.split())
            if blokken and blokken[-1][0] == "lijst":
                blokken[-1][1].append(item)
            else:
                blokken.append(("lijst", [item]))
        else:
            blokken.append(("alinea", text))
    voetnoten = []
    rest = texts[einde + 1 :]
    if VOETNOTEN in rest:
        for text in rest[rest.index(VOETNOTEN) + 1 :]:
            regel = _VOETNOOT_REGEL.match(text)
            if regel:
                voetnoten.append(" ".join(regel.group(2).split()))
            elif text and voetnoten:
                # A footnote continued in a paragraph of its own.
                voetnoten[-1] = f"{voetnoten[-1]} {' '.join(text.split())}"
    # Reading the markup back through blocks() gives exactly what an export would write.
    return Gelezen(tekst=canonical(markup(blokken)), voetnoten=voetnoten)
