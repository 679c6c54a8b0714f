"""The nota and its parafenblad as PDF: what they say, read back from the PDF, and who gets them.

The PDFs are always Dutch; their fixed text is literal Dutch in the templates. Text is read back
with pypdf and compared with its whitespace collapsed, so line breaks do not matter.
"""

import io
import re
from datetime import date, datetime

import pytest
from django.urls import resolve, reverse
from django.utils import timezone
from pypdf import PdfReader

from letters import views
from letters.models import Nota
from letters.rendering import render_nota_pdf, render_parafenblad_pdf
from tests.support import AMS, at
from workflow import services
from workflow.demo import SEED_KENMERK, SEED_ONDERWERP, load_demo_notas
from workflow.selectors import nota_for_detail


def pages_of(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text()).strip() for page in reader.pages]


def text_of(pdf: bytes) -> str:
    return " ".join(pages_of(pdf))


@pytest.fixture
def seed_nota(seed_organisation) -> Nota:
    load_demo_notas()
    return Nota.objects.get(kenmerk=SEED_KENMERK)


# --- the nota ------------------------------------------------------------------------------------


def test_nota_pdf_has_the_header_block_of_the_seed(seed_nota):
    first = pages_of(render_nota_pdf(seed_nota))[0]
    for expected in (
        "Aan Staatssecretaris van Volksgezondheid, Welzijn en Sport",
        "CC Minister voor Langdurige Zorg en Sport",
        "Deadline: 15-12-2023",
        "DGV PG",
        "Ontworpen door Fatima de Vries",
        "Datum document 30 november 2023",
        f"Kenmerk {SEED_KENMERK}",
        "Bijlage(n) 4",
        "(ter beslissing)",
        SEED_ONDERWERP,
        "Ministerie van Volksgezondheid, Welzijn en Sport",
    ):
        assert expected in first, expected
    assert re.search(r"\bnota\b", first)


def test_nota_pdf_has_the_numbered_sections_and_their_text(seed_nota):
    text = text_of(render_nota_pdf(seed_nota))
    headings = [
        "1. Aanleiding",
        "2. Geadviseerd besluit",
        "3. Kernpunten",
        "4. Toelichting",
        "5. Informatie die niet openbaar gemaakt kan worden",
        "a. Motivering",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "In juni 2022 is de aanpak “Mentale Gezondheid: van ons allemaal” gelanceerd." in text
    assert "Advies is om akkoord te gaan met verzending van de kamerbrief" in text
    assert "Hoofdboodschap is dat bijna alle voorgenomen activiteiten in gang zijn gezet" in text
    assert "Tot personen herleidbare gegevens zijn onleesbaar gemaakt" in text
    assert "In de Tweede Kamer is geregeld aandacht voor de mentale gezondheid" in text
    # c, d, f and h of the checklist are marked not applicable in the seed.
    assert text.count("Niet van toepassing.") == 4
    assert "Voortgang meerjarenprogramma depressiepreventie" in text


def test_nota_pdf_numbers_its_pages_and_repeats_the_colofon(seed_nota):
    pages = pages_of(render_nota_pdf(seed_nota))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in page
        assert f"Kenmerk {SEED_KENMERK}" in page
        assert "DGV PG" in page
    assert "Datum document" not in " ".join(pages[1:])


def test_nota_pdf_is_set_in_open_sans(seed_nota):
    # Needs Debian's fonts-open-sans; without it the PDF falls back to another face.
    reader = PdfReader(io.BytesIO(render_nota_pdf(seed_nota)))
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"Open-Sans", "Open-Sans-Bold"} <= fonts, fonts


def test_nota_pdf_leaves_out_withdrawn_bijlagen(seed_nota):
    seed_nota.bijlagen.filter(volgnummer=4).update(ingetrokken_op=timezone.now())
    text = text_of(render_nota_pdf(seed_nota))
    assert "Bijlage(n) 3" in text
    assert "Voorproef opmaak voortgangsrapportage" not in text


def test_nota_ter_informatie_has_no_advised_decision(make_nota):
    nota = make_nota(
        soort=Nota.Soort.TER_INFORMATIE,
        onderwerp="Stand van zaken monitor mentale gezondheid jongeren",
        aanleiding="Het RIVM heeft de eerste resultaten gepubliceerd.",
        deadline=date(2024, 1, 12),
        deadline_omschrijving="voor half januari",
        now=at(4, 9),
    )
    text = text_of(render_nota_pdf(nota))
    assert "(ter informatie)" in text
    assert "Geadviseerd besluit" not in text
    assert "2. Kernpunten" in text and "3. Toelichting" in text
    assert "Deadline: 12-01-2024 (voor half januari)" in text
    assert "Datum document 4 december 2023" in text
    assert "Bijlage(n) 0" in text


# --- the parafenblad -----------------------------------------------------------------------------


def test_parafenblad_lists_the_route_and_the_history(seed_nota):
    pages = pages_of(
        render_parafenblad_pdf(seed_nota, now=datetime(2023, 12, 5, 9, 15, tzinfo=AMS))
    )
    text = " ".join(pages)
    assert "Parafenblad" in text
    assert SEED_KENMERK in text and SEED_ONDERWERP in text
    assert "Ronde 1" in text
    for stap in (
        "1. Afdelingshoofd Anton Jansen geparafeerd 30-11-2023 14:00 Anton Jansen",
        "2. Directeur PG Dewi Bakker geparafeerd 01-12-2023 11:00 Dewi Bakker Akkoord, goede",
        "3. DG Volksgezondheid Gerard Visser geparafeerd 04-12-2023 16:00 Gerard Visser",
    ):
        assert stap in text
    for event in (
        "30-11-2023 09:00 aangemaakt Fatima de Vries",
        "30-11-2023 10:00 ingediend Fatima de Vries concept → in parafering",
        "01-12-2023 11:00 geparafeerd Dewi Bakker aan de beurt → geparafeerd",
        "04-12-2023 16:00 ter beslissing voorgelegd Gerard Visser in parafering → ter beslissing",
    ):
        assert event in text
    assert "Er is nog geen besluit genomen." in text
    assert "Gegenereerd op 5 december 2023 om 09:15" in text
    assert all(f"Pagina {n} van {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_parafenblad_shows_the_besluit_and_who_recorded_it(seed_nota, user_named):
    services.nota_record_besluit(
        nota=seed_nota,
        by=user_named("secretariaat"),
        uitkomst="akkoord_met_wijzigingen",
        toelichting="Graag de passage over MLZS aanpassen.",
        now=datetime(2023, 12, 7, 15, 30, tzinfo=AMS),
    )
    text = text_of(render_parafenblad_pdf(Nota.objects.get(pk=seed_nota.pk)))
    assert (
        "akkoord met wijzigingen 07-12-2023 15:30 Het bureau, namens Staatssecretaris van "
        "Volksgezondheid, Welzijn en Sport (M. van Ooijen) Sanne Mulder "
        "Graag de passage over MLZS aanpassen."
    ) in text
    assert "besluit akkoord met wijzigingen Sanne Mulder" in text
    assert "ter beslissing → akkoord met wijzigingen" in text


def test_parafenblad_names_the_absent_parafeerder_a_substitute_acted_for(make_nota, people, absent):
    absent(people["directeur"], people["afdelingshoofd"])
    nota = make_nota(now=at(4, 9))
    services.nota_submit(nota=nota, by=people["opsteller"], now=at(4, 10))
    for day, hour in [(4, 11), (5, 9)]:
        services.nota_paraferen(nota=nota, by=people["afdelingshoofd"], now=at(day, hour))
    text = text_of(render_parafenblad_pdf(nota))
    assert "Dewi Bakker geparafeerd 05-12-2023 09:00 Anton Jansen, namens Dewi Bakker" in text
    assert "05-12-2023 09:00 geparafeerd Anton Jansen Dewi Bakker" in text


def test_rendering_a_nota_loaded_by_the_selector_needs_no_further_queries(
    seed_nota, user_named, django_assert_max_num_queries
):
    nota = nota_for_detail(user_named("secretariaat"), seed_nota.pk)
    # The ministry and the DG above the directie; the selector loads the rest.
    with django_assert_max_num_queries(3):
        render_nota_pdf(nota)


# --- the views -----------------------------------------------------------------------------------


def test_pdf_urls_reach_the_pdf_views():
    # letters.urls must come before workflow.urls, whose notas/<pk>/<actie>/ also matches pdf/.
    assert resolve("/notas/1/pdf/").func is views.nota_pdf
    assert resolve("/notas/1/parafenblad.pdf").func is views.nota_parafenblad_pdf


@pytest.mark.parametrize("who", ["opsteller", "dg", "secretariaat", "bureau-mlzs"])
def test_who_may_read_the_nota_gets_its_pdfs(client, seed_nota, user_named, who):
    client.force_login(user_named(who))
    response = client.get(reverse("nota_pdf", args=[seed_nota.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{SEED_KENMERK}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert SEED_KENMERK in text_of(response.content)

    response = client.get(reverse("nota_parafenblad_pdf", args=[seed_nota.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (f'inline; filename="{SEED_KENMERK}-parafenblad.pdf"')
    assert "Parafenblad" in text_of(response.content)


def test_an_outsider_gets_not_found(client, seed_nota, outsider):
    client.force_login(outsider)
    assert client.get(reverse("nota_pdf", args=[seed_nota.pk])).status_code == 404
    assert client.get(reverse("nota_parafenblad_pdf", args=[seed_nota.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, seed_nota):
    response = client.get(reverse("nota_pdf", args=[seed_nota.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
