"""The nota's route editor in a browser: move, remove and add steps by buttons, search a
parafeerder (only who may initial), save; axe and screenshots at 1280 and 390 px."""

import re

import pytest
from playwright.sync_api import expect

from workflow import route_templates as routes
from workflow.models import RouteSjabloon
from workflow.services.nota import current_route

from .conftest import login_as
from .test_kamerbrief_from_scratch import check_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_opsteller_edits_the_route_by_buttons(page, live_server, make_nota, people):
    nota = make_nota()
    login_as(page, live_server, "opsteller")
    page.goto(f"{live_server.url}/notas/{nota.pk}/bewerken/")
    route = page.locator("#route")
    stappen = route.locator("li.route-stap strong")
    expect(stappen).to_have_text(["Anton Jansen", "Dewi Bakker", "Gerard Visser"])
    expect(route).to_contain_text("Dewi Bakker, Directeur PG")
    check_page(page, "route-editor-opsteller")

    page.evaluate("() => { window.nietHerladen = true; }")
    route.get_by_role("button", name="Dewi Bakker omhoog").click()
    expect(stappen).to_have_text(["Dewi Bakker", "Anton Jansen", "Gerard Visser"])
    assert page.evaluate("() => window.nietHerladen") is True  # htmx swapped only the steps
    route.get_by_role("button", name="Gerard Visser uit de route halen").click()
    expect(stappen).to_have_text(["Dewi Bakker", "Anton Jansen"])
    # The office's staff cannot initial: the search does not offer them.
    route.get_by_label("Stap toevoegen: zoek een parafeerder").fill("Lars")
    route.get_by_label("Stap toevoegen: zoek een parafeerder").press("Enter")
    expect(route.get_by_role("status")).to_contain_text("Niemand gevonden die mag paraferen")
    route.get_by_label("Stap toevoegen: zoek een parafeerder").fill("Visser")
    route.get_by_role("button", name="Parafeerder zoeken").click()
    route.get_by_role("button", name=re.compile(r"^Gerard Visser.* als stap toevoegen$")).click()
    expect(stappen).to_have_text(["Dewi Bakker", "Anton Jansen", "Gerard Visser"])
    route.get_by_label("Tegelijk met de stap erboven").nth(0).check()
    check_page(page, "route-editor-bewerkt-opsteller")
    page.get_by_role("button", name="Opslaan", exact=True).last.click()
    expect(page.get_by_role("status")).to_contain_text("Uw wijzigingen zijn opgeslagen.")
    assert [(s.volgorde, s.parafeerder.username) for s in current_route(nota)] == [
        (1, "directeur"), (1, "afdelingshoofd"), (2, "dg"),
    ]  # fmt: skip


AFDELINGSHOOFD = "afdelingshoofd van de opsteller"
DIRECTEUR = "directeur van de directie van de opsteller"
DG = "directeur-generaal van het DG van de opsteller"


def edit_template(page, live_server, sjabloon):
    login_as(page, live_server, "beheerder")
    page.goto(f"{live_server.url}/routesjablonen/{sjabloon.pk}/")
    return page.locator("#route"), page.locator("#route li.route-stap strong")


def test_with_htmx_a_button_swaps_only_the_steps(page, live_server, route_template):
    sjabloon = RouteSjabloon.objects.get()
    route, stappen = edit_template(page, live_server, sjabloon)
    expect(stappen).to_have_text([AFDELINGSHOOFD, DIRECTEUR, DG])
    page.get_by_label("Naam *", exact=True).fill("Standaardroute PG, gewijzigd")
    # A mark on this document: a page load would lose it, an htmx swap keeps it.
    page.evaluate("() => { window.nietHerladen = true; }")
    route.get_by_role("button", name=f"{AFDELINGSHOOFD} omlaag").click()
    expect(stappen).to_have_text([DIRECTEUR, AFDELINGSHOOFD, DG])
    assert page.evaluate("() => window.nietHerladen") is True
    # The focus stays on the step that moved; what was typed outside the steps stays.
    expect(route.get_by_role("button", name=f"{AFDELINGSHOOFD} omlaag")).to_be_focused()
    expect(page.get_by_label("Naam *", exact=True)).to_have_value("Standaardroute PG, gewijzigd")
    route.get_by_label("Of een persoon: zoek een parafeerder").fill("Bakker")
    route.get_by_label("Of een persoon: zoek een parafeerder").press("Enter")
    toevoegen = route.get_by_role("button", name=re.compile(r"^Dewi Bakker.* als stap toevoegen$"))
    expect(toevoegen).to_be_focused()
    toevoegen.click()
    expect(stappen).to_have_text([DIRECTEUR, AFDELINGSHOOFD, DG, "Dewi Bakker"])
    route.get_by_role("button", name=f"{DG} uit de route halen").click()
    expect(stappen).to_have_text([DIRECTEUR, AFDELINGSHOOFD, "Dewi Bakker"])
    assert page.evaluate("() => window.nietHerladen") is True
    check_page(page, "routesjabloon-htmx")
    page.get_by_role("button", name="Routesjabloon opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    assert [
        (r.volgorde, r.functie, r.medewerker.username if r.medewerker else "")
        for r in routes.current_rules(sjabloon)
    ] == [(1, "directie", ""), (2, "afdeling", ""), (3, "", "directeur")]


def test_without_javascript_the_buttons_submit_the_form(browser, live_server, route_template):
    sjabloon = RouteSjabloon.objects.get()
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        page = context.new_page()
        route, stappen = edit_template(page, live_server, sjabloon)
        route.get_by_role("button", name=f"{AFDELINGSHOOFD} omlaag").click()
        expect(stappen).to_have_text([DIRECTEUR, AFDELINGSHOOFD, DG])
        route.get_by_role("button", name=f"{DG} uit de route halen").click()
        expect(stappen).to_have_text([DIRECTEUR, AFDELINGSHOOFD])
        route.get_by_role("button", name=f"{DG} als stap toevoegen").click()
        route.get_by_label("Tegelijk met de stap erboven").nth(1).check()
        route.get_by_label("Of een persoon: zoek een parafeerder").fill("Lars")
        route.get_by_role("button", name="Parafeerder zoeken").click()
        expect(route.get_by_role("status")).to_contain_text("Niemand gevonden die mag paraferen")
        # Nothing was saved by the buttons.
        assert [r.functie for r in routes.current_rules(sjabloon)] == ["afdeling", "directie", "dg"]
        page.get_by_role("button", name="Routesjabloon opslaan").click()
        expect(page.get_by_role("status")).to_contain_text("is opgeslagen")
    finally:
        context.close()
    assert [(r.volgorde, r.functie) for r in routes.current_rules(sjabloon)] == [
        (1, "directie"), (2, "afdeling"), (2, "dg"),
    ]  # fmt: skip


def test_a_second_click_waits_for_the_first_steps(page, live_server, make_nota, people):
    """While one button's request is under way the route cannot be posted again: a second
    request would carry the steps from before the first and the answer that lands last would
    drop the first click (CI saw exactly that: three quick clicks, two steps)."""
    nota = make_nota()
    login_as(page, live_server, "opsteller")
    page.goto(f"{live_server.url}/notas/{nota.pk}/bewerken/")
    route = page.locator("#route")
    stappen = route.locator("li.route-stap strong")
    vastgehouden = []
    page.route(f"**/notas/{nota.pk}/bewerken/", lambda r: vastgehouden.append(r))

    with page.expect_request(lambda r: r.method == "POST"):
        route.get_by_role("button", name="Gerard Visser uit de route halen").click()
    tweede = route.get_by_role("button", name="Anton Jansen uit de route halen")
    expect(tweede).to_be_disabled()
    # A click that does not wait for the button to be enabled again goes nowhere.
    tweede.click(force=True)
    page.evaluate("() => new Promise(requestAnimationFrame)")
    assert [r.request.method for r in vastgehouden] == ["POST"]

    vastgehouden[0].continue_()
    page.unroute(f"**/notas/{nota.pk}/bewerken/")
    expect(stappen).to_have_text(["Anton Jansen", "Dewi Bakker"])
    route.get_by_role("button", name="Anton Jansen uit de route halen").click()
    expect(stappen).to_have_text(["Dewi Bakker"])
