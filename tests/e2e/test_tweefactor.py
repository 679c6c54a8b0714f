"""Two-factor login in the browser: set up from the page's key, the recovery codes, the code after
the password; axe at desktop and phone width."""

import base64
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from demo.notas import DEMO_PASSWORD

from .conftest import check_a11y

pytestmark = pytest.mark.django_db(transaction=True)


def _code(key: str, steps_ahead: int = 0) -> str:
    raw = key.replace(" ", "")
    totp = TOTP(base64.b32decode(raw + "=" * (-len(raw) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _password(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden", exact=True).click()


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_office_sets_up_two_factor_and_logs_in_with_it(
    page, live_server, seed_organisation, settings
):
    settings.PARAFEER_2FA_VERPLICHT = True
    _password(page, live_server, "secretariaat")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    check_a11y(page, "tweefactor-instellen")
    page.set_viewport_size({"width": 390, "height": 844})
    check_a11y(page, "tweefactor-instellen-telefoon")
    _fits(page)
    key = page.locator("code.geheim").inner_text()
    page.get_by_label("Code uit de app").fill("123456" if _code(key) != "123456" else "654321")
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("alert")).to_contain_text("Die code klopt niet")
    # django-otp now makes even the right code wait a second: that second passes (moved back in
    # the database rather than slept).
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=5))
    page.get_by_label("Code uit de app").fill(_code(key))
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    expect(page.locator(".herstelcodes li")).to_have_count(10)
    check_a11y(page, "tweefactor-herstelcodes-telefoon")
    _fits(page)
    page.get_by_role("link", name="Ik heb ze bewaard, verder").click()
    expect(page.get_by_role("heading", level=1, name="Werkvoorraad")).to_be_visible()

    page.set_viewport_size({"width": 1280, "height": 900})
    _password(page, live_server, "secretariaat")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie")
    check_a11y(page, "tweefactor-code")
    page.set_viewport_size({"width": 390, "height": 844})
    check_a11y(page, "tweefactor-code-telefoon")
    _fits(page)
    page.get_by_label("Code", exact=True).fill(_code(key, steps_ahead=1))
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1, name="Werkvoorraad")).to_be_visible()
    page.get_by_role("link", name="Profiel").click()
    expect(page.get_by_text("U hebt nog 10 ongebruikte herstelcodes")).to_be_visible()

    # Another phone: the current app's code first, then the new one's.
    page.goto(f"{live_server.url}/tweefactor/instellen/")
    check_a11y(page, "tweefactor-vervangen-telefoon")
    _fits(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    check_a11y(page, "tweefactor-vervangen")
    new_key = page.locator("code.geheim").inner_text()
    page.get_by_label("Code uit de nieuwe app").fill(_code(new_key))
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("alert")).to_contain_text("De code van uw huidige app klopt niet")
    # The last code given was a step ahead: that step passes (in the database, not slept).
    TOTPDevice.objects.filter(confirmed=True).update(
        last_t=-1, throttling_failure_timestamp=None, throttling_failure_count=0
    )
    page.get_by_label("Code uit uw huidige app, of een herstelcode").fill(_code(key))
    page.get_by_label("Code uit de nieuwe app").fill(_code(new_key))
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")


def test_the_login_page_offers_the_organisation_account(page, live_server, db, settings):
    settings.PARAFEER_OIDC = True
    page.goto(f"{live_server.url}/inloggen/")
    expect(page.get_by_role("link", name="Inloggen met uw organisatieaccount")).to_be_visible()
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
    check_a11y(page, "inloggen-sso")
    settings.PARAFEER_WACHTWOORD_INLOGGEN = False
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/inloggen/")
    expect(page.get_by_label("Wachtwoord")).to_have_count(0)
    check_a11y(page, "inloggen-alleen-sso-telefoon")
    _fits(page)
