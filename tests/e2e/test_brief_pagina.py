"""The letter page as the co-signer's office and the opsteller see it: where it stands first,
the letter, the answer as one form beside (wide) or after it (narrow), an error summary when the
remark the answer needs is missing, and no sideways scrolling at 390 px."""

import pytest
from playwright.sync_api import expect

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Kamerbrief

from .conftest import login_as
from .test_kamerbrief_from_scratch import check_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_office_answers_on_the_letter_page_in_one_form(page, live_server, seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    brief = Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)
    login_as(page, live_server, "bureau-mlzs")
    page.goto(f"{live_server.url}/brieven/{brief.pk}/")
    stand = page.locator(".stand")
    expect(stand).to_contain_text("Wacht op akkoord van MLZS, deadline")
    form = page.get_by_role("form", name="Uw antwoord", exact=True)
    # Beside the letter on a wide screen: the panel starts level with the document, to its right.
    document = page.locator(".nota-indeling__document").bounding_box()
    paneel = page.locator(".nota-indeling__actie").bounding_box()
    assert paneel["x"] > document["x"] + document["width"] - 1
    check_page(page, "brief-antwoord-bureau-mlzs")

    # The remark follows the chosen radio: required for "Niet akkoord", and the server says so.
    form.get_by_role("radio", name="Niet akkoord", exact=True).check()
    expect(form.get_by_label("Opmerking (verplicht)")).to_be_visible()
    form.get_by_role("button", name="Antwoord geven", exact=True).click()
    summary = page.locator(".foutoverzicht")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Geef uw opmerkingen bij dit antwoord.")
    check_page(page, "brief-antwoord-fout-bureau-mlzs")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Opmerking (verplicht)")).to_be_focused()
    page.get_by_label("Opmerking (verplicht)").fill("Graag passage over preventie aanpassen.")
    page.get_by_role("button", name="Antwoord geven", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        "U bent niet akkoord; de opsteller hoort het. De brief ligt nu bij Fatima de Vries"
    )

    # The opsteller reads why in the summary at the top.
    login_as(page, live_server, "opsteller")
    page.goto(f"{live_server.url}/brieven/{brief.pk}/")
    expect(stand).to_contain_text("Waarom niet akkoord")
    expect(stand).to_contain_text("MLZS: Graag passage over preventie aanpassen.")
    check_page(page, "brief-niet-akkoord-opsteller")
    page.get_by_role("link", name="Brief intrekken…", exact=True).click()
    expect(page.get_by_role("button", name="Brief definitief intrekken")).to_be_visible()
    check_page(page, "brief-intrekken-opsteller")
