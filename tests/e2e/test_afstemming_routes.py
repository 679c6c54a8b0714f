"""In Chromium, by visible Dutch labels: a beheerder keeps a route template on Parafeer's own
pages, and the opsteller manages a letter's afstemming (a niet akkoord with its ways on, "Nu
herinneren", a co-signer added). axe finds nothing serious, at 1280 and at 390 px wide."""

import re

import pytest
from playwright.sync_api import Page, expect

from letters.models import Kamerbrief
from tests.support import at
from workflow.models import Bewindspersoon, RouteSjabloon
from workflow.services.afstemming import afstemming_beantwoorden, kamerbrief_afstemming_starten
from workflow.services.kamerbrief import kamerbrief_create

from .conftest import SCREENSHOTS, check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)


WIDER_THAN_THE_SCREEN = """(scope) => [...document.querySelectorAll(`${scope}, ${scope} *`)]
    .filter(e => e.getBoundingClientRect().right > 391)
    .map(e => e.tagName.toLowerCase() + '.' + e.className)"""


def both_widths(page: Page, name: str, scope: str = "body") -> None:
    """axe and a screenshot at desktop width, then again as on a phone, where nothing in
    `scope` may stick out sideways."""
    check_a11y(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    check_a11y(page, f"{name}-390")
    assert page.evaluate(WIDER_THAN_THE_SCREEN, scope) == []
    if scope != "body":
        page.locator(scope).screenshot(path=SCREENSHOTS / f"{name}-390-deel.png")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def letter_in_afstemming(make_nota, people, offices) -> Kamerbrief:
    posts = {b.afkorting: b for b in Bewindspersoon.objects.all()}
    brief = kamerbrief_create(
        nota=make_nota(), by=people["opsteller"], betreft="Voortgang aanpak mentale gezondheid",
        tekst="Geachte voorzitter,\n\nHierbij informeer ik u.\n",
        medeondertekenaars=[posts["MLZS"], posts["MOCW"]], now=at(1, 9),
    )  # fmt: skip
    kamerbrief_afstemming_starten(kamerbrief=brief, by=people["opsteller"])
    afstemming_beantwoorden(
        verzoek=brief.afstemmingsverzoeken.get(bewindspersoon=posts["MOCW"]),
        by=offices["MOCW"], antwoord="niet_akkoord",
        remark="Paragraaf 2 doet geen recht aan de inzet van OCW op scholen.",
    )  # fmt: skip
    return brief


def test_route_templates_and_the_afstemming_panel(page, live_server, letter_in_afstemming):
    login_as(page, live_server, "beheerder")
    page.get_by_role("link", name="Routesjablonen").click()
    expect(page.get_by_role("heading", level=1, name="Routesjablonen")).to_be_visible()
    page.get_by_role("link", name="Nieuw routesjabloon").click()
    page.get_by_label("Directie (code of naam)").fill("PG")
    page.get_by_role("main").get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Directie Publieke Gezondheid (PG, VWS)").click()

    page.get_by_label("Naam *", exact=True).fill("Beslisnota's PG met meeparaaf")
    page.get_by_label("ter beslissing").check()
    route = page.locator("#route")
    stappen = route.locator("li.route-stap strong")
    route.get_by_role("button", name="afdelingshoofd van de opsteller als stap toevoegen").click()
    route.get_by_role(
        "button", name="directeur-generaal van het DG van de opsteller als stap"
    ).click()
    route.get_by_role("button", name="directeur van de directie van de opsteller als stap").click()
    expect(stappen).to_have_text([
        "afdelingshoofd van de opsteller",
        "directeur-generaal van het DG van de opsteller",
        "directeur van de directie van de opsteller",
    ])  # fmt: skip
    route.get_by_role("button", name="directeur van de directie van de opsteller omhoog").click()
    expect(stappen.nth(1)).to_have_text("directeur van de directie van de opsteller")
    # A person who cannot initial is not offered: the office's staff.
    route.get_by_label("Of een persoon: zoek een parafeerder").fill("Lars")
    route.get_by_label("Of een persoon: zoek een parafeerder").press("Enter")
    expect(route.get_by_role("status")).to_contain_text("Niemand gevonden die mag paraferen")
    route.get_by_label("Of een persoon: zoek een parafeerder").fill("Bakker")
    route.get_by_role("button", name="Parafeerder zoeken").click()
    route.get_by_role("button", name=re.compile(r"^Dewi Bakker.* als stap toevoegen$")).click()
    expect(stappen).to_have_count(4)
    route.get_by_role("button", name="Dewi Bakker omhoog").click()
    route.get_by_label("Tegelijk met de stap erboven").nth(1).check()
    both_widths(page, "routesjabloon-editor")
    # Saving without a name: refused in Dutch, with the summary on top, nothing saved; the
    # steps stay as they were edited.
    page.get_by_label("Naam *", exact=True).fill("")
    page.get_by_role("button", name="Routesjabloon opslaan").click()
    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    expect(page.get_by_role("alert").first).to_contain_text("Geef het routesjabloon een naam.")
    expect(stappen).to_have_count(4)
    assert not RouteSjabloon.objects.filter(naam__contains="meeparaaf").exists()
    both_widths(page, "routesjabloon-fout")

    page.get_by_label("Naam *", exact=True).fill("Beslisnota's PG met meeparaaf")
    page.get_by_role("button", name="Routesjabloon opslaan").click()
    expect(
        page.get_by_text("Routesjabloon “Beslisnota's PG met meeparaaf” is opgeslagen.")
    ).to_be_visible()
    sjabloon = RouteSjabloon.objects.get(naam__contains="meeparaaf")
    assert [
        (r.volgorde, r.functie, r.medewerker.username if r.medewerker else "")
        for r in sjabloon.regels.order_by("volgorde", "pk")
    ] == [
        (1, "afdeling", ""), (2, "directie", ""), (2, "", "directeur"), (3, "dg", ""),
    ]  # fmt: skip
    row = page.get_by_role("row").filter(has_text="Beslisnota's PG met meeparaaf")
    expect(row).to_contain_text("tegelijk")
    both_widths(page, "routesjablonen")
    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=2, name="Geschiedenis")).to_be_visible()
    both_widths(page, "routesjabloon")

    # The opsteller's panel on the letter.
    login_as(page, live_server, "opsteller")
    page.goto(f"{live_server.url}/brieven/{letter_in_afstemming.pk}/")
    panel = page.get_by_role("region", name="Afstemming met de medeondertekenaars")
    bezwaar = panel.get_by_role("region", name="gaat niet akkoord")
    expect(bezwaar).to_contain_text("Paragraaf 2 doet geen recht aan de inzet van OCW")
    expect(bezwaar).to_contain_text("Hoe verder:")
    # The letter page's own co-signers table is not stacked yet (another branch edits that
    # page); the panel is.
    both_widths(page, "afstemming-beheer", scope="#afstemming-beheer")

    panel.get_by_role("button", name="Het bureau van de Minister voor Langdurige Zorg").click()
    expect(page.get_by_text("krijgt nu een herinnering per e-mail")).to_be_visible()
    panel = page.get_by_role("region", name="Afstemming met de medeondertekenaars")
    panel.get_by_text("Een medeondertekenaar toevoegen").click()
    panel.get_by_label("Bewindspersoon").select_option(index=1)
    panel.get_by_label("Reden (verplicht)").last.fill("Het onderwerp raakt ook dit ministerie.")
    panel.get_by_role("button", name="Medeondertekenaar toevoegen").click()
    expect(page.get_by_text("is nu om akkoord gevraagd")).to_be_visible()
    assert letter_in_afstemming.medeondertekenaars.count() == 3
    both_widths(page, "afstemming-beheer-toegevoegd", scope="#afstemming-beheer")
