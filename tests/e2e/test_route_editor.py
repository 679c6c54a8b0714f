"""The nota's route editor in a browser: move, remove and add steps by buttons, search a
parafeerder (only who may initial), save; axe and screenshots at 1280 and 390 px."""

import re

import pytest
from playwright.sync_api import expect

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

    route.get_by_role("button", name="Dewi Bakker omhoog").click()
    expect(stappen).to_have_text(["Dewi Bakker", "Anton Jansen", "Gerard Visser"])
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
