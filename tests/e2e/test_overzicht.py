"""Het overzicht in a browser: a directeur opens it from the menu, at desktop and phone width;
the charts have their tables, axe stays clean and nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

from demo.notas import SEED_VANDAAG, load_demo_notas

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)

# The seed case happened in 2023: a period around it shows its lead times.
SEED_PERIOD = "?periode=eigen&van=2022-01-01&tot=2023-12-31"


def overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_a_directeur_reads_the_overzicht_at_desktop_and_phone_width(
    page, live_server, seed_organisation, width
):
    load_demo_notas(vandaag=SEED_VANDAAG)
    page.set_viewport_size({"width": width, "height": 900})
    login_as(page, live_server, "directeur")
    if width > 640:
        page.get_by_role("link", name="Overzicht", exact=True).click()
    else:
        page.goto(f"{live_server.url}/overzicht/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")
    page.goto(f"{live_server.url}/overzicht/{SEED_PERIOD}")
    expect(page.get_by_role("img", name="Openstaande nota’s per status")).to_be_visible()
    expect(
        page.get_by_role("img", name="Doorlooptijd per soort stap, in werkdagen")
    ).to_be_visible()
    page.get_by_text("De cijfers als tabel").first.click()
    expect(page.get_by_role("table").first).to_be_visible()
    assert overflow(page) <= 0, f"the overzicht is {overflow(page)}px too wide at {width}px"
    check_a11y(page, f"overzicht-directeur-{width}")


def test_an_opsteller_has_no_overzicht(page, live_server, seed_organisation):
    login_as(page, live_server, "opsteller")
    # The page itself answers 403 with its reason (tests/workflow/test_overzicht.py).
    expect(page.get_by_role("link", name="Overzicht", exact=True)).to_have_count(0)
