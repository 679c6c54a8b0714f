"""The nota and its parafenblad as PDF, rendered with WeasyPrint.

The templates (templates/letters/pdf/) reproduce the Dutch document format of the seed nota, so a
PDF is always Dutch, whatever the reader's language: everything renders under
`translation.override("nl")`, which also gives Dutch month names and choice labels.

WeasyPrint needs Pango and fonts from the system (Debian: libpango-1.0-0, libpangoft2-1.0-0,
libharfbuzz-subset0). The Rijksoverheid's RO Sans is not free; the stylesheet asks for Open Sans
(fonts-open-sans), a humanist sans close to it, and DejaVu Sans (fonts-dejavu-core) for the few
signs it lacks, such as the arrow of the parafenblad's status changes.
"""

import re
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from letters.models import Nota
from workflow.models import Parafeerstap

# Status values of a nota and of a parafeerstap never collide, so one table names both.
_STATUS_LABELS = {**dict(Nota.Status.choices), **dict(Parafeerstap.Status.choices)}
_BULLET = re.compile(r"^\s*[-–•*]\s+")


def render_nota_pdf(nota: Nota) -> bytes:
    """The nota as the minister's office reads it: header block, sections 1–5, bijlagen."""
    with translation.override("nl"):
        return _pdf("letters/pdf/nota.html", _nota_context(nota))


def render_parafenblad_pdf(nota: Nota, *, now: datetime | None = None) -> bytes:
    """A certificate of the nota's route: every round's paraaf, the besluiten, the full history."""
    now = now or timezone.now()
    with translation.override("nl"):
        context = _nota_context(nota)
        rondes: dict[int, list[Parafeerstap]] = {}
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
                    "van": _status_label(g.van_status),
                    "naar": _status_label(g.naar_status),
                }
                for g in nota.gebeurtenissen.all()
            ],
            gegenereerd_op=now,
        )
        return _pdf("letters/pdf/parafenblad.html", context)


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


def _status_label(value: str) -> str:
    return str(_STATUS_LABELS.get(value, value.replace("_", " "))) if value else ""


def _pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    # The documents embed nothing from elsewhere: whatever a nota's text says, no file is read
    # and no network is reached while rendering.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
