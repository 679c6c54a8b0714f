"""The pickers in a browser: a search field whose suggestions htmx fetches, chosen as radios,
readable by axe and fitting a phone (390 px) as well as a laptop (1280 px)."""

import pytest
from playwright.sync_api import expect

from demo.notas import load_demo_notas

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def fits(page, section: str) -> None:
    """Nothing in the picker's section reaches past the screen's right edge. (The whole profile
    page is measured in test_pages_a11y and test_identiteit.)"""
    overflow = page.evaluate(
        """(section) => Math.max(...Array.from(
            document.querySelectorAll(`section[aria-labelledby="${section}"] *`),
            (el) => el.getBoundingClientRect().right)) - document.documentElement.clientWidth""",
        section,
    )
    assert overflow <= 0, f"{section} on {page.url} is {overflow}px too wide"


def test_the_opsteller_finds_and_links_a_motion(page, live_server, make_nota):
    load_demo_notas()
    nota = make_nota()
    login_as(page, live_server, "opsteller")
    page.goto(f"{live_server.url}/notas/{nota.pk}/")
    page.get_by_label("Zoek een toezegging of motie om te koppelen").fill("Mohandis")
    choice = page.get_by_role("radio", name="Motie van het lid Mohandis").first
    expect(choice).to_be_visible()  # fetched by htmx, no page load
    check_a11y(page, "koppelen-zoeken-1280")
    page.set_viewport_size(PHONE)
    fits(page, "koppelingen-kop")
    check_a11y(page, "koppelen-zoeken-390")
    choice.check()
    page.get_by_role("button", name="Koppelen", exact=True).click()
    expect(
        page.get_by_text("Gekoppeld; onderdeel g van de nota is opnieuw geschreven.")
    ).to_be_visible()
    assert nota.koppelingen.get().motie.titel.startswith("Motie van het lid Mohandis")


def test_the_substitute_is_found_by_name(page, live_server, seed_organisation):
    login_as(page, live_server, "opsteller")
    page.get_by_role("link", name="Profiel").click()
    page.get_by_label("Zoek uw vervanger").fill("Bakker")
    choice = page.get_by_role("radio", name="Dewi Bakker")
    expect(choice).to_be_visible()
    check_a11y(page, "vervanger-zoeken-1280")
    page.set_viewport_size(PHONE)
    fits(page, "afwezig-kop")
    check_a11y(page, "vervanger-zoeken-390")
    choice.check()
    page.get_by_label("Eerste dag van afwezigheid").fill("2030-01-07")
    page.get_by_label("Laatste dag van afwezigheid").fill("2030-01-11")
    page.get_by_role("button", name="Afwezigheid vastleggen").click()
    expect(page.get_by_text("Uw afwezigheid is vastgelegd.")).to_be_visible()


def test_a_word_typed_before_htmx_is_ready_is_still_searched(page, live_server, make_nota):
    """Typed while the page's scripts were still loading (a slow line; CI under load), the word
    gets its suggestions as soon as htmx starts, instead of waiting for one more keystroke."""
    load_demo_notas()
    nota = make_nota()
    login_as(page, live_server, "opsteller")
    vastgehouden = []
    page.route("**/htmx.min.js", lambda r: vastgehouden.append(r))
    page.goto(f"{live_server.url}/notas/{nota.pk}/", wait_until="commit")
    page.get_by_label("Zoek een toezegging of motie om te koppelen").fill("Mohandis")
    assert page.evaluate("() => window.htmx === undefined")  # the script is held back
    for route in vastgehouden:
        route.continue_()
    page.unroute("**/htmx.min.js")
    expect(page.get_by_role("radio", name="Motie van het lid Mohandis").first).to_be_visible()
