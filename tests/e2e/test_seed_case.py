"""The seed case from start to end, clicked in Chromium: the opsteller submits the seed nota, the
afdelingshoofd, directeur and DG initial it, MLZS agrees on the letter, the Staatssecretaris's
office records Akkoord, the letter is signed and sent, and the register shows what it discharged;
axe checks the pages on the way."""

import pytest
from playwright.sync_api import expect

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Kamerbrief

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seed(seed_organisation):
    load_demo_notas(seed_submitted=False, vandaag=SEED_VANDAAG)
    return Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)


def click(page, name):
    page.get_by_role("button", name=name, exact=True).click()


def decide(page, vraag, keuze, knop):
    """A decision is one form: the choice as a radio, then its one button."""
    form = page.get_by_role("form", name=vraag, exact=True)
    form.get_by_role("radio", name=keuze, exact=True).check()
    form.get_by_role("button", name=knop, exact=True).click()


def test_the_seed_case_from_indienen_to_the_register(page, live_server, seed):
    status = page.get_by_role("status")

    # The opsteller submits the seed nota; three parafeerders initial it in turn.
    login_as(page, live_server, "opsteller")
    page.get_by_role("region", name="Mijn concepten").get_by_role("link", name=SEED_KENMERK).click()
    click(page, "Indienen")
    expect(status).to_contain_text("Ingediend. De nota ligt nu bij Anton Jansen")
    for parafeerder in ("afdelingshoofd", "directeur", "dg"):
        login_as(page, live_server, parafeerder)
        page.get_by_role("region", name="Wacht op mijn paraaf").get_by_role(
            "link", name=SEED_KENMERK
        ).click()
        decide(page, "Wat doet u met deze nota?", "Paraferen", "Vastleggen")
        expect(status).to_contain_text("Geparafeerd. De nota ligt nu bij")
    expect(page.locator("p.status")).to_have_text("Status: ter beslissing")

    # The MLZS office finds the request in its werkvoorraad and gives its akkoord.
    login_as(page, live_server, "bureau-mlzs")
    page.get_by_role("region", name="Verzoeken om ons akkoord").get_by_role(
        "link", name=seed.kenmerk
    ).click()
    expect(
        page.get_by_text("Akkoord van de Minister voor Langdurige Zorg en Sport ontbreekt nog.")
    ).to_be_visible()
    expect(page.locator(".stand")).to_contain_text("Wacht op akkoord van MLZS")
    check_a11y(page, "brief-verzoek-bureau-mlzs")
    decide(page, "Uw antwoord", "Akkoord", "Antwoord geven")
    expect(status).to_contain_text("Akkoord gegeven. De brief ligt nu bij")

    # The Staatssecretaris's office records Akkoord on the nota: the letter is then ready.
    login_as(page, live_server, "secretariaat")
    page.get_by_role("region", name="Voor mijn bewindspersoon").get_by_role(
        "link", name=SEED_KENMERK
    ).click()
    decide(page, "Het besluit van de bewindspersoon", "Akkoord", "Besluit vastleggen")
    expect(status).to_contain_text("Besluit vastgelegd: akkoord.")
    page.get_by_role("link", name=f"Brief {seed.kenmerk}", exact=False).click()
    expect(page.locator("p.status")).to_have_text("Status: gereed voor ondertekening")
    check_a11y(page, "brief-gereed-secretariaat")
    # Each irreversible step goes through a page that says what will happen.
    page.get_by_role("link", name="Ondertekenen…", exact=True).click()
    click(page, "Ondertekenen")
    expect(page.locator("p.status")).to_have_text("Status: ondertekend")
    page.get_by_role("link", name="Verzenden…", exact=True).click()
    click(page, "Verzenden")
    expect(page.locator("p.status")).to_have_text("Status: verzonden")
    signatories = page.get_by_role("region", name="Ondertekenaars (zoals op de dag van verzending)")
    expect(signatories.get_by_role("listitem")).to_have_count(7)
    expect(signatories).to_contain_text("Conny Helder")
    check_a11y(page, "brief-verzonden-secretariaat")

    # Parliamentary coordination sees in the register what the letter discharged.
    login_as(page, live_server, "parlementair")
    page.get_by_role("link", name="Toezeggingen", exact=True).click()
    check_a11y(page, "register-toezeggingen")
    rapportage = page.get_by_role("row").filter(has_text="voortgangsrapportage")
    expect(rapportage.first).to_contain_text("voldaan")
    page.get_by_role("link", name="Moties", exact=True).click()
    check_a11y(page, "register-moties")
    expect(page.get_by_role("row").filter(has_text="Mohandis").first).to_contain_text("afgedaan")
