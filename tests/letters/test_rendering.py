"""The nota, its parafenblad and the Kamerbrief as PDF: what they say, read back from the PDF, and
who gets them.

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

from demo.notas import (
    SEED_BRIEF_BETREFT,
    SEED_KENMERK,
    SEED_ONDERWERP,
    SEED_VANDAAG,
    load_demo_notas,
)
from demo.teksten import LAUNCH_BRIEF_VOETNOTEN, SEED_BRIEF_VOETNOTEN
from letters.models import Kamerbrief, Nota
from letters.rendering import (
    letter_blocks,
    render_kamerbrief_pdf,
    render_nota_pdf,
    render_parafenblad_pdf,
)
from tests.support import AMS, at
from workflow.selectors import kamerbrief_for_detail, nota_for_detail
from workflow.services.kamerbrief import kamerbrief_edit
from workflow.services.nota import nota_besluit_vastleggen, nota_indienen, nota_paraferen
from workflow.views import bestanden as views


def pages_of(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text()).strip() for page in reader.pages]


def text_of(pdf: bytes) -> str:
    return " ".join(pages_of(pdf))


@pytest.fixture
def seed_nota(seed_organisation) -> Nota:
    load_demo_notas(vandaag=SEED_VANDAAG)
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
    nota_besluit_vastleggen(
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


def test_parafenblad_shows_the_afstemming_with_versions_and_who_answered(seed_nota):
    text = text_of(render_parafenblad_pdf(seed_nota))
    assert "Afstemming Kamerbrief" in text
    assert (
        "Minister van Onderwijs, Cultuur en Wetenschap akkoord brief v1 30-11-2023 09:46 "
        "Mila Smit, namens MOCW"
    ) in text
    assert "Minister voor Langdurige Zorg en Sport aangevraagd brief v1 —" in text
    # The history says on which version each step of the letter was taken.
    assert "Versie: brief v1; bijlage" in text


def test_parafenblad_names_the_absent_parafeerder_a_substitute_acted_for(make_nota, people, absent):
    absent(people["directeur"], people["afdelingshoofd"])
    nota = make_nota(now=at(4, 9))
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 10))
    for day, hour in [(4, 11), (5, 9)]:
        nota_paraferen(nota=nota, by=people["afdelingshoofd"], now=at(day, hour))
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


# --- the Kamerbrief ------------------------------------------------------------------------------


@pytest.fixture
def seed_letter(seed_nota) -> Kamerbrief:
    return Kamerbrief.objects.get(nota=seed_nota)


@pytest.fixture
def launch_letter(seed_nota) -> Kamerbrief:
    return Kamerbrief.objects.get(kenmerk="3382139-1030472-PG")


def test_letter_pdf_has_the_letterhead_colofon_and_opening_of_the_seed(seed_letter):
    pages = pages_of(render_kamerbrief_pdf(seed_letter))
    first = pages[0]
    for expected in (
        "Ministerie van Volksgezondheid, Welzijn en Sport",
        "> Retouradres Postbus 20350 2500 EJ Den Haag",
        "De Voorzitter van de Tweede Kamer der Staten-Generaal Postbus 20018 2500 EA DEN HAAG",
        "Directie Publieke Gezondheid",
        "Bezoekadres Parnassusplein 5 2511 VX Den Haag",
        "Postadres Postbus 20350 2500 EJ Den Haag",
        "www.rijksoverheid.nl",
        f"Kenmerk {seed_letter.kenmerk}",
        "Bijlage(n) 3",
        "Correspondentie uitsluitend richten aan het retouradres",
        "Datum concept (versie 1)",
        f"Betreft {SEED_BRIEF_BETREFT}",
        "Geachte voorzitter, De mentale gezondheid van de Nederlandse bevolking",
    ):
        assert expected in first, expected
    # Not sent: every page says it is a concept, and of which version.
    for number, page in enumerate(pages, start=1):
        assert "CONCEPT – versie 1" in page
        assert f"Pagina {number} van {len(pages)}" in page
        assert f"Kenmerk {seed_letter.kenmerk}" in page
    assert "Retouradres" not in " ".join(pages[1:])


def test_letter_pdf_has_the_headings_and_every_footnote_of_the_seed(seed_letter):
    pages = pages_of(render_kamerbrief_pdf(seed_letter))
    text = " ".join(pages)
    headings = [
        "Voortgang op de kabinetsbrede en integrale aanpak «Mentale Gezondheid: van ons allemaal»",
        "Moties rondom de aanpak «Mentale Gezondheid: van ons allemaal»",
        "1. Motie van het lid Mohandis",
        "2. Motie van het lid Richardson c.s",
        "3. Motie van het lid de Neef",
        "4. Motie lid Ceder",
        "Voortgang meerjarenprogramma depressiepreventie Zoals aangekondigd",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    for voetnoot in SEED_BRIEF_VOETNOTEN:
        assert voetnoot in text, voetnoot
    # Real footnotes: at the foot of the page that calls them, numbered in order.
    assert "1 Samen werken aan een mentaal gezonde samenleving" in pages[0]
    assert "3 Kamerstuk 32 793, nr. 613." in pages[0]
    assert "13 Kamerstuk 32 793, nr. 646." in pages[-1]


def test_a_letter_mede_namens_has_one_signature_of_todays_holder(seed_letter):
    text = text_of(render_kamerbrief_pdf(seed_letter))
    closing = text[text.index("Hoogachtend,") :]
    assert closing.startswith(
        "Hoogachtend, De Staatssecretaris van Volksgezondheid, Welzijn en Sport, M. van Ooijen"
    )
    assert "Conny Helder" not in closing and closing.count("De ") == 1


def test_the_2022_letter_has_its_date_and_seven_signature_blocks(launch_letter):
    pages = pages_of(render_kamerbrief_pdf(launch_letter))
    text = " ".join(pages)
    assert "Datum 10 juni 2022" in pages[0]
    assert "Gepubliceerd als Kamerstuk 32 793, nr. 613" in pages[0]
    assert "CONCEPT" not in text
    assert "1. Diverse onderzoeksrapporten onderstrepen urgentie" in text
    assert "1a. Rapport Gezondheidsraad" in text
    squashed = re.sub(r"\s", "", text)  # a long URL breaks over lines without a space
    for voetnoot in LAUNCH_BRIEF_VOETNOTEN:
        assert re.sub(r"\s", "", voetnoot) in squashed, voetnoot
    closing = text[text.index("Hoogachtend,") :]
    ondertekenaars = list(launch_letter.ondertekenaars.all())
    assert len(ondertekenaars) == 7
    assert len(re.findall(r"\bDe (?:Minister|Staatssecretaris) ", closing)) == 7
    for o in ondertekenaars:
        # Each block: the title as on the day of sending, then the name under it.
        assert re.search(rf"De {re.escape(o.titel)},.*{re.escape(o.naam)}", closing), o
    for naam in (
        "M. van Ooijen", "Conny Helder", "Robbert Dijkgraaf", "Dennis Wiersma", "Gunay Uslu",
        "Karien van Gennip", "Carola Schouten",
    ):  # fmt: skip
        assert naam in closing
    assert all(f"Pagina {n} van {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_a_sent_letter_keeps_the_names_frozen_on_its_day(launch_letter):
    from workflow.models import Ambtsperiode, Bewindspersoon

    mlzs = Bewindspersoon.objects.get(afkorting="MLZS")
    Ambtsperiode.objects.filter(bewindspersoon=mlzs).update(tot=date(2024, 7, 1))
    Ambtsperiode.objects.create(bewindspersoon=mlzs, naam="Fleur Agema", van=date(2024, 7, 2))
    text = text_of(render_kamerbrief_pdf(launch_letter))
    assert "Conny Helder" in text and "Fleur Agema" not in text


def test_a_letter_to_the_senate_is_addressed_to_its_president(seed_letter):
    Kamerbrief.objects.filter(pk=seed_letter.pk).update(geadresseerde="ek")
    first = pages_of(render_kamerbrief_pdf(Kamerbrief.objects.get(pk=seed_letter.pk)))[0]
    assert (
        "De Voorzitter van de Eerste Kamer der Staten-Generaal Postbus 20017 2500 EA DEN HAAG"
    ) in first


def test_letter_text_markup_becomes_headings_lists_and_footnotes():
    blokken = letter_blocks(
        "# Kop\n\n## Subkop[2]\n\nEen alinea[1] met <b>tekens</b>.\n\n- een\n- twee\n\n"
        "1. eerste\n2. tweede\n\nZie [7].",
        ["Eerste noot.", "Tweede noot.", "Nooit genoemd."],
    )
    assert [b.soort for b in blokken] == ["kop", "subkop", "alinea", "lijst", "genummerd", "alinea"]
    assert blokken[1].html == 'Subkop<span class="voetnoot">Tweede noot.</span>'
    assert "&lt;b&gt;tekens&lt;/b&gt;" in blokken[2].html
    assert [str(i) for i in blokken[3].items] == ["een", "twee"]
    # “[7]” is no footnote of this letter; the footnote never called is kept at the end.
    assert blokken[5].html == 'Zie [7].<span class="voetnoot">Nooit genoemd.</span>'


def test_letter_pdf_view_serves_the_latest_or_an_earlier_version(client, seed_letter, user_named):
    kamerbrief_edit(
        kamerbrief=seed_letter,
        by=user_named("opsteller"),
        tekst="Een nieuwe versie van de brief.",
        voetnoten=[],
    )
    client.force_login(user_named("bureau-mlzs"))
    url = reverse("kamerbrief_pdf", args=[seed_letter.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == f'inline; filename="{seed_letter.kenmerk}.pdf"'
    text = text_of(response.content)
    assert "CONCEPT – versie 2" in text and "Een nieuwe versie van de brief." in text

    response = client.get(url, {"versie": 1})
    assert response.status_code == 200
    assert "CONCEPT – versie 1" in text_of(response.content)
    assert client.get(url, {"versie": 9}).status_code == 404
    assert client.get(url, {"versie": "x"}).status_code == 404


def test_the_letter_page_links_to_its_pdf(client, seed_letter, user_named):
    client.force_login(user_named("opsteller"))
    response = client.get(reverse("kamerbrief_detail", args=[seed_letter.pk]))
    assert reverse("kamerbrief_pdf", args=[seed_letter.pk]) in response.content.decode()


def test_an_outsider_gets_no_letter_pdf(client, seed_letter, outsider):
    client.force_login(outsider)
    assert client.get(reverse("kamerbrief_pdf", args=[seed_letter.pk])).status_code == 404


def test_letter_pdf_url_reaches_the_pdf_view():
    # letters.urls must come before workflow.urls, whose brieven/<pk>/<actie>/ also matches.
    assert resolve("/brieven/1/pdf/").func is views.kamerbrief_pdf


def test_rendering_a_letter_loaded_by_the_selector_needs_few_queries(
    seed_letter, user_named, django_assert_max_num_queries
):
    kamerbrief = kamerbrief_for_detail(user_named("secretariaat"), seed_letter.pk)
    # The holder of the sender's post today.
    with django_assert_max_num_queries(2):
        render_kamerbrief_pdf(kamerbrief)
