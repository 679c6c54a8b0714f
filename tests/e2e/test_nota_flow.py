"""A nota along its parafenroute to the besluit, clicked in Chromium, with axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Nota
from workflow.services.nota import nota_indienen

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


PARAAF = "Wat doet u met deze nota?"
BESLUIT = "Het besluit van de bewindspersoon"
KNOP = {PARAAF: "Vastleggen", BESLUIT: "Besluit vastleggen"}


def decide(page: Page, vraag: str, keuze: str, opmerking: str | None = None) -> None:
    """One decision form: the choice as a radio, the one remark, the one button."""
    form = page.get_by_role("form", name=vraag, exact=True)
    form.get_by_role("radio", name=keuze, exact=True).check()
    if opmerking is not None:
        form.get_by_role("textbox").fill(opmerking)
    form.get_by_role("button", name=KNOP[vraag], exact=True).click()


def fits_a_phone(page: Page, name: str) -> None:
    """At 390 px (a phone) nothing scrolls sideways and axe stays clean; back to 1280 after."""
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} is {overflow}px too wide for a phone"
    check_a11y(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_nota_travels_the_parafenroute_to_akkoord(page, live_server, concept_nota):
    melding = page.get_by_role("status")

    page.goto(f"{live_server.url}/inloggen/")
    check_a11y(page, "inloggen")
    login_as(page, live_server, "opsteller")
    check_a11y(page, "werkvoorraad-opsteller")
    fits_a_phone(page, "werkvoorraad-opsteller")
    open_from_werkvoorraad(page, "Mijn concepten", concept_nota)
    expect_status(page, "concept")
    check_a11y(page, "nota-concept-opsteller")
    fits_a_phone(page, "nota-concept-opsteller")
    act(page, "Indienen")
    expect(melding).to_contain_text("Ingediend. De nota ligt nu bij Anton Jansen, Afdelingshoofd")
    expect_status(page, "in parafering")
    # The summary says who has it now and who comes after.
    stand = page.get_by_role("region", name="Waar de nota staat")
    expect(stand).to_contain_text("Anton Jansen, Afdelingshoofd · sinds")
    expect(stand).to_contain_text("Daarna gaat de nota naar Dewi Bakker, Directeur PG.")

    volgende = {
        "afdelingshoofd": "Dewi Bakker, Directeur PG",
        "directeur": "Gerard Visser, Directeur-generaal DGV",
        "dg": "het bureau van de Staatssecretaris",
    }
    for parafeerder in PARAFEERDERS:
        login_as(page, live_server, parafeerder)
        check_a11y(page, f"werkvoorraad-{parafeerder}")
        fits_a_phone(page, f"werkvoorraad-{parafeerder}")
        open_from_werkvoorraad(page, "Wacht op mijn paraaf", concept_nota)
        check_a11y(page, f"nota-te-paraferen-{parafeerder}")
        decide(page, PARAAF, "Paraferen")
        expect(melding).to_contain_text(f"Geparafeerd. De nota ligt nu bij {volgende[parafeerder]}")
    expect_status(page, "ter beslissing")

    login_as(page, live_server, "secretariaat")
    check_a11y(page, "werkvoorraad-secretariaat")
    fits_a_phone(page, "werkvoorraad-secretariaat")
    open_from_werkvoorraad(page, "Voor mijn bewindspersoon", concept_nota)
    check_a11y(page, "nota-ter-beslissing-secretariaat")
    fits_a_phone(page, "nota-ter-beslissing-secretariaat")
    besluit = page.get_by_role("form", name=BESLUIT, exact=True)
    # One remark field; its requirement follows the chosen radio.
    besluit.get_by_role("radio", name="Aanhouden", exact=True).check()
    expect(besluit.get_by_label("Opmerking (verplicht)")).to_be_visible()
    besluit.get_by_role("radio", name="Akkoord", exact=True).check()
    expect(besluit.get_by_label("Opmerking (optioneel)")).to_be_visible()
    besluit.get_by_label("De bewindspersoon heeft persoonlijk besloten").check()
    decide(page, BESLUIT, "Akkoord")
    expect(melding).to_contain_text(
        "Besluit vastgelegd: akkoord. De nota ligt nu bij Fatima de Vries, Beleidsmedewerker"
    )
    expect_status(page, "akkoord")
    expect(page.get_by_role("region", name="Besluiten")).to_contain_text(
        "door de bewindspersoon persoonlijk"
    )
    # In order, in sentences, among whatever else the history records.
    historie = page.get_by_role("region", name="Geschiedenis").get_by_role("listitem")
    expect(historie).to_contain_text(
        [
            "Fatima de Vries heeft de nota ingediend.",
            "Anton Jansen heeft geparafeerd.",
            "Dewi Bakker heeft geparafeerd.",
            "Gerard Visser heeft geparafeerd.",
            "De nota is ter beslissing naar het bureau van de Staatssecretaris",
            "heeft het besluit vastgelegd: akkoord.",
        ]
    )
    expect(historie.filter(has_text="aan de beurt om te paraferen")).to_have_count(0)
    page.get_by_role("link", name="Alles tonen, ook wie aan de beurt kwam").click()
    expect(page.get_by_role("region", name="Geschiedenis")).to_contain_text(
        "Anton Jansen is aan de beurt om te paraferen."
    )
    check_a11y(page, "nota-akkoord-secretariaat")


def test_terugsturen_needs_a_remark_and_returns_the_nota_to_concept(
    page, live_server, concept_nota, people
):
    nota_indienen(nota=concept_nota, by=people["opsteller"])
    melding = page.get_by_role("status")
    login_as(page, live_server, "afdelingshoofd")
    open_from_werkvoorraad(page, "Wacht op mijn paraaf", concept_nota)

    # Without a remark: the page again, with an error summary at the top that links to the field.
    decide(page, PARAAF, "Terugsturen", "   ")
    samenvatting = page.get_by_role("alert").filter(has_text="Er is een probleem")
    expect(samenvatting).to_be_focused()
    expect(samenvatting.get_by_role("link")).to_have_text(
        "Geef aan wat er moet veranderen als u de nota terugstuurt."
    )
    expect(page.get_by_role("radio", name="Terugsturen", exact=True)).to_be_checked()
    expect(melding).to_have_count(0)
    expect_status(page, "in parafering")
    check_a11y(page, "nota-terugsturen-geweigerd-afdelingshoofd")
    fits_a_phone(page, "nota-terugsturen-geweigerd-afdelingshoofd")

    decide(page, PARAAF, "Terugsturen", "Graag de kernpunten inkorten.")
    expect(melding).to_contain_text(
        "Teruggestuurd. De nota ligt nu bij Fatima de Vries, Beleidsmedewerker"
    )
    expect_status(page, "concept")
    historie = page.get_by_role("region", name="Geschiedenis").get_by_role("listitem")
    expect(historie.filter(has_text="teruggestuurd")).to_contain_text(
        "Anton Jansen heeft de nota teruggestuurd naar de opsteller. Graag de kernpunten inkorten."
    )

    # The opsteller reads why it came back at the top of the page.
    login_as(page, live_server, "opsteller")
    open_from_werkvoorraad(page, "Terug bij mij", concept_nota)
    stand = page.get_by_role("region", name="Waar de nota staat")
    expect(stand).to_contain_text("Waarom de nota terugkwam")
    expect(stand).to_contain_text("Graag de kernpunten inkorten.")
    expect(page.get_by_role("button", name="Indienen", exact=True)).to_be_visible()
    check_a11y(page, "nota-teruggestuurd-opsteller")

    # Withdrawing is not the main button: it asks first and says what it means.
    page.get_by_role("link", name="Nota intrekken…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("intrekken?")
    expect(page.get_by_text("Intrekken kan niet ongedaan worden gemaakt.")).to_be_visible()
    check_a11y(page, "nota-intrekken-bevestigen")
    fits_a_phone(page, "nota-intrekken-bevestigen")
    page.get_by_label("Reden van intrekken (verplicht)").fill("Niet meer nodig.")
    page.get_by_role("button", name="Nota intrekken").click()
    expect(melding).to_contain_text("Ingetrokken.")
    expect_status(page, "ingetrokken")


def test_the_seed_nota_reads_well_for_everyone_on_it(page, live_server, seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    seed = Nota.objects.get(kenmerk=SEED_KENMERK)
    # The office that decides, a co-signer's office, and the opsteller: each sees other actions.
    for lezer in ("secretariaat", "bureau-mlzs", "opsteller"):
        login_as(page, live_server, lezer)
        page.goto(f"{live_server.url}/notas/{seed.pk}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(seed.onderwerp)
        check_a11y(page, f"seednota-{lezer}")
