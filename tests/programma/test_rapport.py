"""The report writes itself: the 2023 voortgangsrapportage rendered from the demo's accepted
contributions, read back from the PDF's text."""

import io
import re

import pytest
from pypdf import PdfReader

from demo.notas import SEED_VANDAAG, load_demo_notas
from demo.programma_maatregelen import ACTIELIJNEN, MAATREGELEN
from programma.models import Maatregel, Programma
from programma.rendering import render_voortgangsrapportage_pdf

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


def bijlage_text(bijlage) -> str:
    versie = bijlage.versies.order_by("-nummer").first()
    with versie.bestand.open("rb") as f:
        return pdf_text(f.read())


def test_the_report_is_a_bijlage_of_the_letter_a_new_version_when_regenerated_and_reported_on_sending(  # noqa: E501
    people, offices
):
    from demo.notas import SEED_KENMERK
    from letters.models import Kamerbrief, Nota
    from programma import services
    from programma.models import Programmagebeurtenis
    from workflow.services.afstemming import afstemming_beantwoorden
    from workflow.services.nota import nota_besluit_vastleggen
    from workflow.services.verzending import kamerbrief_ondertekenen, kamerbrief_verzenden

    load_demo_notas(vandaag=SEED_VANDAAG)
    programma = Programma.objects.get()
    brief = Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)
    ronde = programma.rondes.get(jaar=2024)
    eerste, tweede = ronde.bijdragen.order_by("maatregel__nummer")[:2]
    for bijdrage, tekst in ((eerste, "Eerste nieuwe tekst."), (tweede, "Tweede nieuwe tekst.")):
        services.bijdrage_submit(
            bijdrage=bijdrage, by=people["opsteller"], tekst=tekst, maatregel_status="afgerond"
        )
    services.bijdrage_accept(bijdrage=eerste, by=people["afdelingshoofd"])

    bijlage = services.ronde_attach_report(ronde=ronde, kamerbrief=brief, by=people["opsteller"])
    assert bijlage.versies.count() == 1
    assert "Eerste nieuwe tekst." in bijlage_text(bijlage)
    assert "Tweede nieuwe tekst." not in bijlage_text(bijlage)

    services.bijdrage_accept(bijdrage=tweede, by=people["afdelingshoofd"])
    again = services.ronde_attach_report(ronde=ronde, kamerbrief=brief, by=people["opsteller"])
    assert again == bijlage and bijlage.versies.count() == 2
    assert "Tweede nieuwe tekst." in bijlage_text(bijlage)

    # Sending the letter records the round as reported, in the same transaction.
    for verzoek in brief.afstemmingsverzoeken.filter(status="aangevraagd"):
        afstemming_beantwoorden(
            verzoek=verzoek, by=offices[verzoek.bewindspersoon.afkorting], antwoord="akkoord"
        )
    nota_besluit_vastleggen(
        nota=Nota.objects.get(kenmerk=SEED_KENMERK), by=people["secretariaat"], uitkomst="akkoord"
    )
    kamerbrief_ondertekenen(kamerbrief=brief, by=offices["StasVWS"])
    kamerbrief_verzenden(kamerbrief=brief, by=offices["StasVWS"])

    ronde.refresh_from_db()
    assert ronde.gerapporteerd_in == brief
    assert Programmagebeurtenis.objects.filter(ronde=ronde, actie="gerapporteerd").count() == 1
    assert programma.rondes.get(jaar=2023).gerapporteerd_in is None
    with pytest.raises(services.ActionNotAllowed, match="al naar de Kamer"):
        services.bijdrage_submit(
            bijdrage=ronde.bijdragen.get(maatregel__nummer=27), by=people["opsteller"],
            tekst="Te laat.", maatregel_status="afgerond",
        )  # fmt: skip


def test_the_2023_report_as_docx_from_the_round_page_in_the_same_structure(people, client):
    from django.urls import reverse
    from docx import Document

    load_demo_notas(vandaag=SEED_VANDAAG)
    ronde = Programma.objects.get().rondes.get(jaar=2023)
    client.force_login(people["opsteller"])
    page = client.get(reverse("ronde_detail", args=[ronde.pk]))
    assert reverse("ronde_docx", args=[ronde.pk]).encode() in page.content

    response = client.get(reverse("ronde_docx", args=[ronde.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="voortgangsrapportage-2023.docx"' in response["Content-Disposition"]
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]

    # The five actielijnen as headings, in order.
    koppen = [paragraphs.index(f"Actielijn {n}: {titel}") for n, titel, _ in ACTIELIJNEN]
    assert koppen == sorted(koppen)
    statussen = dict(Maatregel.objects.values_list("nummer", "status"))
    labels = {
        "in_uitvoering": "◐ In uitvoering",
        "afgerond": "● Afgerond",
        "start_binnenkort": "○ Start binnenkort",
    }
    for nummer, titel, partners in MAATREGELEN:
        start = paragraphs.index(f"Maatregel {nummer}")
        einde = paragraphs.index(f"Maatregel {nummer + 1}") if nummer < 29 else len(paragraphs)
        blok = paragraphs[start:einde]
        assert blok[1] == titel, nummer
        if partners:
            assert partners in blok, nummer
        assert f"Status: {labels[statussen[nummer]]}" in blok, nummer
        lijn = next(n for n, _, nummers in ACTIELIJNEN if nummer in nummers)
        assert koppen[lijn - 1] < start
        assert lijn == 5 or start < koppen[lijn]
    text = " ".join(paragraphs)
    assert "330 deelnemers" in text
    assert "Voetnoten" in paragraphs
