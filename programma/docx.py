"""The voortgangsrapportage as a Word document (DOCX), for whoever edits the report further.

The same content and order as the PDF (programma.rendering, one `report_context`): the title, the
list of actielijnen, the legend, then per actielijn a heading "Actielijn n: titel" and per
maatregel "Maatregel n", its title, the partners, the explanation of its (interim) results, its
status with the legend's mark, its milestones and its footnotes. python-docx cannot write Word
footnotes: as in letters.docx, the calls stay "[n]" (superscript) in the text and the notes
follow the maatregel as a numbered list under "Voetnoten".
"""

import io
import re

from django.utils import formats, translation
from docx import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from .models import Rapportageronde
from .rendering import report_context

_CALL = re.compile(r"\[(\d{1,3})\]")
# Characters XML 1.0 does not allow: python-docx refuses them, a pasted text may carry them.
_NIET_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NIET_IN_XML.sub("", text or "")


def _kop(document, text: str) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = True
    return paragraph


def _with_calls(paragraph: Paragraph, text: str) -> None:
    """The text with its footnote calls "[1]" as superscript numbers."""
    for i, part in enumerate(_CALL.split(_xml_safe(text))):
        if i % 2:
            paragraph.add_run(part).font.superscript = True
        elif part:
            paragraph.add_run(part)


def build_voortgangsrapportage_docx(ronde: Rapportageronde) -> bytes:
    context = report_context(ronde)
    with translation.override("nl"):
        document = Document()
        document.core_properties.title = _xml_safe(ronde.titel)
        document.core_properties.subject = _xml_safe(ronde.programma.naam)
        normal = document.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10)

        document.add_heading(_xml_safe(f"{ronde.titel} aanpak ‘{ronde.programma.naam}’"), level=1)
        document.add_paragraph("Deze voortgangsrapportage is als volgt opgebouwd:")
        for lijn, _onderdelen in context["lijnen"]:
            document.add_paragraph(_xml_safe(f"{lijn.nummer} {lijn.titel}"), style="List Bullet")
        _kop(document, "Legenda: status van de (tussen)resultaten")
        for mark, label in context["legenda"]:
            document.add_paragraph(f"{mark} {label}", style="List Bullet")

        for lijn, onderdelen in context["lijnen"]:
            document.add_heading(_xml_safe(f"Actielijn {lijn.nummer}: {lijn.titel}"), level=2)
            for o in onderdelen:
                m = o.maatregel
                document.add_heading(f"Maatregel {m.nummer}", level=3)
                _kop(document, _xml_safe(m.titel))
                if m.partners:
                    _kop(document, "Dit doen we in ieder geval samen met")
                    document.add_paragraph(_xml_safe(m.partners))
                _kop(document, "Toelichting (tussen)resultaten")
                for tekst in o.teksten or ["Geen geaccepteerde bijdrage in deze ronde."]:
                    _with_calls(document.add_paragraph(), tekst)
                status = f"{o.mark} {o.status_label}" if o.status else "niet vastgelegd"
                document.add_paragraph().add_run(f"Status: {status}").bold = True
                mijlpalen = list(m.mijlpalen.all())
                if mijlpalen:
                    _kop(document, "Mijlpalen")
                    for mp in mijlpalen:
                        wanneer = formats.date_format(mp.datum, "j F Y") if mp.datum else mp.periode
                        behaald = " (behaald)" if mp.bereikt else ""
                        document.add_paragraph(
                            _xml_safe(f"{wanneer}: {mp.tekst}{behaald}"), style="List Bullet"
                        )
                if o.voetnoten:
                    _kop(document, "Voetnoten")
                    for nummer, tekst in o.voetnoten:
                        paragraph = document.add_paragraph()
                        if nummer:
                            paragraph.add_run(nummer).font.superscript = True
                            paragraph.add_run(" ")
                        paragraph.add_run(_xml_safe(tekst))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
