"""The voortgangsrapportage written from the accepted contributions of a round, in the structure
of the seed report (per actielijn, per maatregel its partners, the explanation of its (interim)
results, its status with the legend's mark, milestones and footnotes): PDF with WeasyPrint here,
DOCX in programma.docx, both from the one `report_context`."""

import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .models import Actielijn, Maatregel, MaatregelStatus, Rapportageronde, Voortgangsbijdrage

# The legend's marks: an empty, a half and a full circle.
MARKS = {
    MaatregelStatus.START_BINNENKORT: "○",
    MaatregelStatus.IN_UITVOERING: "◐",
    MaatregelStatus.AFGEROND: "●",
}
_CALL = re.compile(r"\[(\d{1,3})\]")
_NOTE = re.compile(r"^\s*\[(\d{1,3})\]\s*(.*)$")


@dataclass
class Onderdeel:
    maatregel: Maatregel
    alineas: list[SafeString]
    teksten: list[str]  # the same paragraphs as plain text, "[1]" calls left in (for DOCX)
    voetnoten: list[tuple[str, str]]
    status: str
    status_label: str
    mark: str


def _blocks(tekst: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", tekst or "") if b.strip()]


def _alineas(tekst: str) -> list[SafeString]:
    return [mark_safe(_CALL.sub(r"<sup>\1</sup>", escape(b))) for b in _blocks(tekst)]


def _voetnoten(tekst: str) -> list[tuple[str, str]]:
    notes = []
    for line in (tekst or "").splitlines():
        match = _NOTE.match(line)
        if match:
            notes.append((match.group(1), match.group(2)))
        elif line.strip():
            notes.append(("", line.strip()))
    return notes


def report_context(ronde: Rapportageronde) -> dict:
    bijdragen = {
        b.maatregel_id: b
        for b in Voortgangsbijdrage.objects.filter(
            ronde=ronde, status=Voortgangsbijdrage.Status.GEACCEPTEERD
        )
    }
    lijnen = []
    for lijn in Actielijn.objects.filter(programma_id=ronde.programma_id).prefetch_related(
        "maatregelen__mijlpalen"
    ):
        onderdelen = []
        for m in lijn.maatregelen.all():
            b = bijdragen.get(m.pk)
            status = b.maatregel_status if b else m.status
            onderdelen.append(
                Onderdeel(
                    maatregel=m,
                    alineas=_alineas(b.tekst) if b else [],
                    teksten=_blocks(b.tekst) if b else [],
                    voetnoten=_voetnoten(b.voetnoten) if b else [],
                    status=status,
                    status_label=str(MaatregelStatus(status).label) if status else "",
                    mark=MARKS.get(status, ""),
                )
            )
        lijnen.append((lijn, onderdelen))
    legenda = [(MARKS[value], label) for value, label in MaatregelStatus.choices]
    return {"ronde": ronde, "programma": ronde.programma, "lijnen": lijnen, "legenda": legenda}


def render_voortgangsrapportage_pdf(ronde: Rapportageronde) -> bytes:
    html = render_to_string("programma/pdf/voortgangsrapportage.html", report_context(ronde))
    # Nothing from elsewhere is embedded: no file is read, no network reached.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
