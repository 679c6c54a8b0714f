"""The profile's sessions and the beheerder's audit log, in the browser: axe, desktop and phone."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from demo.notas import DEMO_PASSWORD

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def _no_sideways_scrolling(page, selector: str = "html") -> None:
    right = page.evaluate(
        f"Math.max(...[...document.querySelectorAll('{selector}, {selector} *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert right <= page.viewport_size["width"], f"{selector} reaches {right}px"


def test_a_person_ends_a_session_elsewhere_and_the_beheerder_reads_it(
    page, live_server, seed_organisation
):
    telefoon = Client(HTTP_USER_AGENT=IPHONE, REMOTE_ADDR="198.51.100.4")
    telefoon.post("/inloggen/", {"username": "opsteller", "password": "fout"})
    telefoon.post("/inloggen/", {"username": "opsteller", "password": DEMO_PASSWORD})
    login_as(page, live_server, "opsteller")
    page.get_by_role("link", name="Profiel").click()
    sessies = page.get_by_role("table", name="Uw actieve sessies")
    expect(sessies.get_by_role("row")).to_have_count(3)  # the header and two sessions
    expect(sessies).to_contain_text("(deze sessie)")
    check_a11y(page, "profiel-sessies")
    page.set_viewport_size({"width": 390, "height": 844})
    check_a11y(page, "profiel-sessies-telefoon")
    # The whole profile fits, with two sessions in the table.
    _no_sideways_scrolling(page)
    page.get_by_role("button", name="Sessie beëindigen op Safari op iOS").click()
    expect(page.get_by_text("De sessie op Safari op iOS is beëindigd")).to_be_visible()
    expect(page.get_by_role("table", name="Uw actieve sessies").get_by_role("row")).to_have_count(2)
    assert telefoon.get("/").status_code == 302

    page.set_viewport_size({"width": 1280, "height": 900})
    login_as(page, live_server, "beheerder")
    page.get_by_role("link", name="Auditlog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Auditlog")
    page.get_by_label("Wie").fill("opsteller")
    page.get_by_label("Wat").select_option(label="sessie beëindigd")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("1 regel", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Safari op iOS", exact=False)).to_be_visible()
    check_a11y(page, "auditlog-beheerder")
    page.get_by_label("Wat").select_option(label="Elke gebeurtenis")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("cell", name="aanmelden mislukt")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    check_a11y(page, "auditlog-beheerder-telefoon")
    _no_sideways_scrolling(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Deze lijst exporteren als CSV").click()
    assert "aanmelden mislukt" in download.value.path().read_text(encoding="utf-8-sig")
