"""A nota along its parafenroute to the besluit, clicked in Chromium, with axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from letters.models import Nota
from workflow import services
from workflow.demo import SEED_KENMERK, SEED_VANDAAG, load_demo_notas

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)

PARAFEERDERS = ["afdelingshoofd", "directeur", "dg"]


@pytest.fixture
def concept_nota(make_nota) -> Nota:
    """A fresh concept by the opsteller; the PG route is afdelingshoofd → directeur → dg."""
    return make_nota()


def open_from_werkvoorraad(page: Page, groep: str, nota: Nota) -> None:
    """Clicks the nota's kenmerk in one group of the werkvoorraad."""
    page.get_by_role("region", name=groep).get_by_role(
        "link", name=nota.kenmerk, exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nota.onderwerp)


def expect_status(page: Page, status: str) -> None:
    expect(page.locator("p.status")).to_have_text(f"Status: {status}")


def act(page: Page, knop: str) -> None:
    """Clicks the button of one action form (each form is named after its button)."""
    page.get_by_role("form", name=knop, exact=True).get_by_role(
        "button", name=knop, exact=True
    ).click()


def test_nota_travels_the_parafenroute_to_akkoord(page, live_server, concept_nota):
    kenmerk = concept_nota.kenmerk
    melding = page.get_by_role("status")

    page.goto(f"{live_server.url}/inloggen/")
    check_a11y(page, "inloggen")
    login_as(page, live_server, "opsteller")
    check_a11y(page, "werkvoorraad-opsteller")
    open_from_werkvoorraad(page, "Mijn concepten", concept_nota)
    expect_status(page, "concept")
    check_a11y(page, "nota-concept-opsteller")
    act(page, "Indienen")
    expect(melding).to_have_text(f"Gelukt: {kenmerk} is nu in parafering.")
    expect_status(page, "in parafering")

    for parafeerder in PARAFEERDERS:
        login_as(page, live_server, parafeerder)
        check_a11y(page, f"werkvoorraad-{parafeerder}")
        open_from_werkvoorraad(page, "Wacht op mijn paraaf", concept_nota)
        check_a11y(page, f"nota-te-paraferen-{parafeerder}")
        act(page, "Paraferen")
        expect(melding).to_contain_text(f"Gelukt: {kenmerk} is nu")
    expect_status(page, "ter beslissing")

    login_as(page, live_server, "secretariaat")
    check_a11y(page, "werkvoorraad-secretariaat")
    open_from_werkvoorraad(page, "Voor mijn bewindspersoon", concept_nota)
    check_a11y(page, "nota-ter-beslissing-secretariaat")
    akkoord = page.get_by_role("form", name="Akkoord", exact=True)
    akkoord.get_by_label("De bewindspersoon heeft persoonlijk besloten").check()
    act(page, "Akkoord")
    expect(melding).to_have_text(f"Gelukt: {kenmerk} is nu akkoord.")
    expect_status(page, "akkoord")
    expect(page.get_by_role("region", name="Besluiten")).to_contain_text(
        "door de bewindspersoon persoonlijk"
    )
    # In order, among whatever else the history records.
    historie = page.get_by_role("region", name="Geschiedenis").get_by_role("listitem")
    expect(historie).to_contain_text(
        [
            "ingediend — Fatima de Vries",
            "geparafeerd — Anton Jansen",
            "geparafeerd — Dewi Bakker",
            "geparafeerd — Gerard Visser",
            "ter beslissing voorgelegd",
            "besluit: akkoord — Sanne Mulder",
        ]
    )
    check_a11y(page, "nota-akkoord-secretariaat")


def test_terugsturen_needs_a_remark_and_returns_the_nota_to_concept(
    page, live_server, concept_nota, people
):
    services.nota_submit(nota=concept_nota, by=people["opsteller"])
    kenmerk = concept_nota.kenmerk
    melding = page.get_by_role("status")
    login_as(page, live_server, "afdelingshoofd")
    open_from_werkvoorraad(page, "Wacht op mijn paraaf", concept_nota)
    detail_url = page.url
    terugsturen = page.get_by_role("form", name="Terugsturen", exact=True)
    opmerking = terugsturen.get_by_label("Opmerking (verplicht)")

    act(page, "Terugsturen")
    # The browser keeps the form: the remark is required, and it focuses the empty field.
    expect(opmerking).to_be_focused()
    assert opmerking.evaluate("field => field.validity.valueMissing")
    expect(page).to_have_url(detail_url)
    expect(melding).to_have_count(0)

    # Spaces satisfy the browser but not the service, which says in Dutch what to do.
    opmerking.fill("   ")
    act(page, "Terugsturen")
    expect(melding).to_have_text("Geef aan wat er moet veranderen als u de nota terugstuurt.")
    expect_status(page, "in parafering")
    check_a11y(page, "nota-terugsturen-geweigerd-afdelingshoofd")

    opmerking.fill("Graag de kernpunten inkorten.")
    act(page, "Terugsturen")
    expect(melding).to_have_text(f"Gelukt: {kenmerk} is nu concept.")
    expect_status(page, "concept")
    historie = page.get_by_role("region", name="Geschiedenis").get_by_role("listitem")
    expect(historie.filter(has_text="teruggestuurd")).to_contain_text(
        "Anton Jansen in parafering → concept Graag de kernpunten inkorten."
    )

    login_as(page, live_server, "opsteller")
    open_from_werkvoorraad(page, "Terug bij mij", concept_nota)
    expect(page.get_by_role("button", name="Indienen", exact=True)).to_be_visible()
    check_a11y(page, "nota-teruggestuurd-opsteller")


def test_the_seed_nota_reads_well_for_everyone_on_it(page, live_server, seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    seed = Nota.objects.get(kenmerk=SEED_KENMERK)
    # The office that decides, a co-signer's office, and the opsteller: each sees other actions.
    for lezer in ("secretariaat", "bureau-mlzs", "opsteller"):
        login_as(page, live_server, lezer)
        page.goto(f"{live_server.url}/notas/{seed.pk}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(seed.onderwerp)
        check_a11y(page, f"seednota-{lezer}")
