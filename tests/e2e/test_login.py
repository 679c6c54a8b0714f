"""Logging in and finding one's way by keyboard."""

import pytest
from playwright.sync_api import expect

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_wrong_password_is_refused_in_dutch(page, live_server, seed_organisation):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/inloggen/?next=/")
    page.get_by_label("Gebruikersnaam").fill("opsteller")
    page.get_by_label("Wachtwoord").fill("geen-wachtwoord")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Voer een juiste gebruikersnaam en wachtwoord in"
    )
    expect(page.get_by_label("Gebruikersnaam")).to_have_value("opsteller")
    check_a11y(page, "inloggen-geweigerd")


def test_the_skip_link_is_the_first_tab_stop_and_leads_to_the_content(
    page, live_server, seed_organisation
):
    login_as(page, live_server, "opsteller")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
