"""Axe on the pages not visited by the flow tests: the nota form, the profile, a motie, the
calendar; and the follow button, which htmx swaps in place."""

import re

import pytest
from playwright.sync_api import expect

from demo.notas import SEED_VANDAAG, load_demo_notas

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_forms_and_profile_read_well(page, live_server, seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    login_as(page, live_server, "opsteller")
    page.get_by_role("link", name="Nieuwe nota").click()
    check_a11y(page, "nota-nieuw-opsteller")
    page.get_by_role("link", name="Profiel").click()
    check_a11y(page, "profiel-opsteller")
    # As on a phone the whole page fits, the calendar link and the sessions table included.
    page.set_viewport_size({"width": 390, "height": 844})
    check_a11y(page, "profiel-opsteller-390")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the profile is {width}px wide on a 390px phone"
    expect(page.get_by_label("Uw agendalink")).to_have_value(re.compile(r"^http.*\.ics"))
    page.set_viewport_size({"width": 1280, "height": 900})
    login_as(page, live_server, "parlementair")
    page.get_by_role("link", name="Moties", exact=True).click()
    page.get_by_role("row").filter(has_text="Mohandis").get_by_role("link").first.click()
    check_a11y(page, "motie-parlementair")


def test_searching_from_the_header_finds_the_seed_nota(page, live_server, seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    login_as(page, live_server, "directeur")
    page.get_by_role("searchbox", name="Zoeken in Parafeer").fill("depressiepreventie")
    page.get_by_role("search").get_by_role("button", name="Zoeken").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    expect(page.get_by_role("link", name="Kamerbrief aanbieding eerste")).to_be_visible()
    check_a11y(page, "zoeken-directeur")
    page.set_viewport_size({"width": 390, "height": 844})
    check_a11y(page, "zoeken-directeur-telefoon")
    page.get_by_role("link", name="Archief", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archief")
    check_a11y(page, "archief-directeur-telefoon")
    page.get_by_role("searchbox", name="Zoeken in Parafeer").fill("3730760-1057533-PG")
    page.get_by_role("searchbox", name="Zoeken in Parafeer").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mentale Gezondheid")


def test_the_calendar_reads_well_and_following_works_in_place(page, live_server, seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    login_as(page, live_server, "secretariaat")
    page.get_by_role("link", name="Agenda", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn termijnen")
    page.goto(f"{live_server.url}/kalender/?maand=2023-12")
    page.get_by_role("link", name="Besluit vastleggen: 3730760-1057533-PG").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mentale Gezondheid")
    page.get_by_role("button", name="Volgen", exact=True).click()
    expect(page.get_by_role("button", name="Niet meer volgen")).to_be_visible()
    expect(page.get_by_text("U volgt deze nota")).to_be_visible()
    page.goto(f"{live_server.url}/kalender/?maand=2023-12")
    check_a11y(page, "kalender-secretariaat")
    page.set_viewport_size({"width": 820, "height": 1180})  # a tablet, upright
    check_a11y(page, "kalender-secretariaat-tablet")


TABLET = {"width": 820, "height": 1180}  # an iPad Air, upright


def test_the_main_pages_fit_a_tablet_without_sideways_scrolling(
    page, live_server, seed_organisation
):
    """A page that only fits a laptop makes a tablet user scroll sideways for every line; a wide
    table may scroll within its own box, the page itself may not."""
    from letters.models import Kamerbrief, Nota

    load_demo_notas(vandaag=SEED_VANDAAG)
    nota = Nota.objects.get(kenmerk="3730760-1057533-PG")
    brief = Kamerbrief.objects.get(nota=nota)
    page.set_viewport_size(TABLET)
    pages = {
        "opsteller": ["/", f"/notas/{nota.pk}/", f"/brieven/{brief.pk}/"],
        "secretariaat": ["/", f"/notas/{nota.pk}/"],
        "parlementair": ["/toezeggingen/", "/moties/"],
    }
    for username, paths in pages.items():
        login_as(page, live_server, username)
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} as {username} is {overflow}px too wide for a tablet"
            name = path.strip("/").replace("/", "-") or "werkvoorraad"
            check_a11y(page, f"tablet-{name}-{username}")


PHONE = {"width": 390, "height": 844}  # an iPhone 12 to 15


def test_the_main_pages_fit_a_phone_without_sideways_scrolling(
    page, live_server, seed_organisation
):
    """At 390 px tables become stacked rows: every role's werkvoorraad, the nota, the register
    and the forms fit without scrolling sideways, and axe stays clean."""
    from letters.models import Nota

    load_demo_notas(vandaag=SEED_VANDAAG)
    nota = Nota.objects.get(kenmerk="3730760-1057533-PG")
    page.set_viewport_size(PHONE)
    pages = {
        "opsteller": [
            "/",
            f"/notas/{nota.pk}/",
            "/notas/nieuw/",
            f"/notas/{nota.pk}/intrekken/bevestigen/",
        ],
        "afdelingshoofd": ["/"],
        "secretariaat": ["/", f"/notas/{nota.pk}/"],
        "bureau-mlzs": ["/"],
        "parlementair": ["/", "/toezeggingen/", "/moties/", "/toezeggingen/nieuw/"],
    }
    for username, paths in pages.items():
        login_as(page, live_server, username)
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")  # what htmx loads in place, such as bijlagen
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} as {username} is {overflow}px too wide for a phone"
            name = path.strip("/").replace("/", "-") or "werkvoorraad"
            check_a11y(page, f"telefoon-{name}-{username}")
