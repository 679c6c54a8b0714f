"""The text of a bijlage's file: read once when a version is stored, for the search and the Woo
export. PDF, DOCX, ODT and XLSX (what an upload may be), and plain text.

A file whose text cannot be read is still stored: its text is empty and says so (`Gelezen`),
so that the search simply does not find it by its content and the Woo export asks for a look
by hand. The text kept for the search is capped: PostgreSQL refuses a tsvector over 1 MB,
and a version must never fail to be stored because its text is long.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

# About 150 pages of prose; well under what one tsvector may hold (tests/letters/ checks).
MAX_TEKST = 300_000


def extract_text(bestandsnaam: str, inhoud: bytes) -> str | None:
    """The text of a file, paragraphs separated by blank lines; None when it cannot be read."""
    soort = Path(bestandsnaam).suffix.lower()
    try:
        if soort == ".pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(inhoud))
            return "\n\n".join(page.extract_text() or "" for page in reader.pages)
        if soort in (".txt", ".md", ".csv"):
            try:
                return inhoud.decode("utf-8-sig")
            except UnicodeDecodeError:
                return inhoud.decode("cp1252")
        if soort == ".docx":
            return _xml_paragraphs(
                inhoud,
                r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml",
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}",
                "p",
                "t",
            )
        if soort == ".odt":
            odf_text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
            return _xml_paragraphs(inhoud, r"(content|styles)\.xml", odf_text, "p", None)
        if soort == ".xlsx":
            from openpyxl import load_workbook

            workbook = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
            blokken = []
            for sheet in workbook.worksheets:
                regels = [
                    " | ".join("" if cel is None else str(cel) for cel in rij)
                    for rij in sheet.iter_rows(values_only=True)
                    if any(cel is not None for cel in rij)
                ]
                blokken.append(f"{sheet.title}\n" + "\n".join(regels))
            return "\n\n".join(blokken)
    except Exception:  # a damaged or unexpected file: assessed by hand, never half-published
        return None
    return None


def _xml_paragraphs(inhoud: bytes, parts: str, ns: str, para: str, run: str | None) -> str:
    paragraphs = []
    with zipfile.ZipFile(io.BytesIO(inhoud)) as archive:
        for name in sorted(n for n in archive.namelist() if re.fullmatch(parts, n)):
            root = ElementTree.fromstring(archive.read(name))
            for p in root.iter(ns + para):
                texts = p.iter(ns + run) if run else [p]
                text = "".join("".join(t.itertext()) for t in texts).strip()
                if text:
                    paragraphs.append(text)
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Gelezen:
    """What reading a file gave: its text for the search, and how that went."""

    tekst: str
    uitkomst: str  # a Versietekst.Uitkomst value


def lees(bestandsnaam: str, inhoud: bytes) -> Gelezen:
    """The searchable text of a file; never raises, whatever the file holds."""
    from letters.models.kamerbrief import Versietekst

    tekst = extract_text(bestandsnaam, inhoud)
    if tekst is None:
        return Gelezen("", Versietekst.Uitkomst.ONLEESBAAR)
    # PostgreSQL's text holds no NUL, which a PDF's text may contain.
    tekst = tekst.replace("\x00", " ").strip()
    if len(tekst) > MAX_TEKST:
        return Gelezen(tekst[:MAX_TEKST], Versietekst.Uitkomst.AFGEKAPT)
    if not tekst:
        return Gelezen("", Versietekst.Uitkomst.LEEG)
    return Gelezen(tekst, Versietekst.Uitkomst.GELEZEN)
