"""The report writes itself: the 2023 voortgangsrapportage rendered from the demo's accepted
contributions, read back from the PDF's text."""

import io
import re

import pytest
from pypdf import PdfReader

from programma.models import Maatregel, Programma
from programma.rendering import render_voortgangsrapportage_pdf
from programma.seed_data import ACTIELIJNEN, MAATREGELEN
from workflow.demo import SEED_VANDAAG, load_demo_notas

pytestmark = pytest.mark.django_db


def normal(text: str) -> str:
    """Whitespace collapsed, and a line broken after a hyphen ("arbo-⏎professionals") joined."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text))


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return normal(" ".join(page.extract_text() for page in reader.pages))


def test_the_2023_report_has_every_actielijn_in_order_and_every_maatregel_with_its_status(
    people,
):
    load_demo_notas(vandaag=SEED_VANDAAG)
    ronde = Programma.objects.get().rondes.get(jaar=2023)

    text = pdf_text(render_voortgangsrapportage_pdf(ronde))

    koppen = [text.index(f"Actielijn {n}: {titel}") for n, titel, _ in ACTIELIJNEN]
    assert koppen == sorted(koppen)
    statussen = dict(Maatregel.objects.values_list("nummer", "status"))
    labels = {
        "in_uitvoering": "In uitvoering",
        "afgerond": "Afgerond",
        "start_binnenkort": "Start binnenkort",
    }
    for nummer, titel, _partners in MAATREGELEN:
        start = text.index(normal(f"Maatregel {nummer} {titel}"))
        einde = text.find(f"Maatregel {nummer + 1} ", start)
        blok = text[start : einde if einde != -1 else None]
        assert f"Status: ◐ {labels[statussen[nummer]]}" in blok, nummer
        # Each maatregel sits under its own actielijn.
        lijn = next(n for n, _, nummers in ACTIELIJNEN if nummer in nummers)
        assert koppen[lijn - 1] < start
    assert "330 deelnemers" in text
