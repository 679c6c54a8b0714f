"""Two-factor login with real TOTP codes (django-otp's own RFC 6238 implementation, as an
authenticator app computes them): required for the office and beheerders when the setting is
on, optional for the rest, recovery codes once each, a beheerder's reset (issue 23 item 2)."""

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.notas import DEMO_PASSWORD
from identiteit import tweefactor
from identiteit.models import AuditRegel, Herstelcode, Sessie


def _app_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the phone shows now (or a step later: a code is accepted once, and within one step)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def _password_login(username: str) -> Client:
    client = Client()
    response = client.post("/inloggen/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def _enrol(client: Client) -> tuple[TOTPDevice, list[str]]:
    page = client.get("/tweefactor/instellen/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(pk=client.session["identiteit_nieuw_apparaat"])
    response = client.post("/tweefactor/instellen/", {"code": _app_code(device), "next": "/"})
    assert response.status_code == 302
    codes_page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>", codes_page)
    assert len(codes) == tweefactor.HERSTELCODES
    device.refresh_from_db()
    return device, codes


@pytest.fixture
def verplicht(settings):
    settings.PARAFEER_2FA_VERPLICHT = True


def test_the_office_must_set_up_two_factor_before_any_page(people, verplicht):
    client = _password_login("secretariaat")
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tweefactor/instellen/")
    assert client.get("/profiel/").status_code == 302
    device, _codes = _enrol(client)
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert AuditRegel.objects.filter(
        soort="tweefactor_ingesteld", medewerker=people["secretariaat"]
    ).exists()


def test_a_wrong_code_at_set_up_is_refused_and_recorded(people, verplicht):
    client = _password_login("secretariaat")
    client.get("/tweefactor/instellen/")
    device = TOTPDevice.objects.get(pk=client.session["identiteit_nieuw_apparaat"])
    wrong = "000000" if _app_code(device) != "000000" else "111111"
    page = client.post("/tweefactor/instellen/", {"code": wrong})
    assert "Die code klopt niet" in page.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1
    assert AuditRegel.objects.filter(soort="tweefactor_mislukt").count() == 1
    assert not Herstelcode.objects.exists()
    page = client.post("/tweefactor/instellen/", {"code": _app_code(device)})
    assert "Te veel verkeerde codes. Wacht 1 seconde en" in page.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
    )
    assert client.post("/tweefactor/instellen/", {"code": _app_code(device)}).status_code == 302


def test_a_drafter_is_not_asked_but_may_set_it_up(people, verplicht):
    client = _password_login("opsteller")
    assert client.get("/").status_code == 200
    _enrol(client)
    # From now on their login asks for it too.
    client = _password_login("opsteller")
    assert client.get("/")["Location"].startswith("/tweefactor/?next=")


def test_without_the_setting_the_demo_users_log_in_with_a_password(people):
    for username in ["secretariaat", "beheerder", "bureau-mlzs"]:
        assert _password_login(username).get("/").status_code == 200


def test_after_the_password_a_code_from_the_app_opens_the_pages(people, verplicht):
    device, _codes = _enrol(_password_login("beheerder"))
    client = _password_login("beheerder")
    assert client.get("/auditlog/").status_code == 302
    page = client.post("/tweefactor/", {"code": "000000", "next": "/auditlog/"})
    assert "Die code klopt niet" in page.content.decode()
    assert client.get("/auditlog/").status_code == 302
    # django-otp throttles: right after a failure even the right code waits a second.
    page = client.post("/tweefactor/", {"code": _app_code(device, 1), "next": "/auditlog/"})
    assert "Te veel verkeerde codes" in page.content.decode()
    # That second passes (moved back in the database rather than slept).
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
    )
    response = client.post("/tweefactor/", {"code": _app_code(device, 1), "next": "/auditlog/"})
    assert response["Location"] == "/auditlog/"
    assert client.get("/auditlog/").status_code == 200
    assert AuditRegel.objects.filter(soort="tweefactor_mislukt").count() == 1


def test_a_session_that_owes_a_code_cannot_replace_the_app(people, verplicht):
    _enrol(_password_login("secretariaat"))
    client = _password_login("secretariaat")
    assert client.get("/tweefactor/instellen/")["Location"] == "/tweefactor/"
    assert TOTPDevice.objects.filter(user=people["secretariaat"]).count() == 1


def test_a_recovery_code_works_once_and_is_kept_only_hashed(people, verplicht):
    _device, codes = _enrol(_password_login("secretariaat"))
    stored = set(Herstelcode.objects.values_list("hash", flat=True))
    assert not any(code.replace("-", "") in h for code in codes for h in stored)
    client = _password_login("secretariaat")
    assert client.post("/tweefactor/", {"code": codes[3].lower()})["Location"] == "/"
    assert client.get("/").status_code == 200
    again = _password_login("secretariaat")
    page = again.post("/tweefactor/", {"code": codes[3]})
    assert page.status_code == 200
    assert again.get("/").status_code == 302
    assert AuditRegel.objects.filter(soort="herstelcode_gebruikt").count() == 1
    assert tweefactor.herstelcodes_over(people["secretariaat"]) == tweefactor.HERSTELCODES - 1


def test_a_beheerder_resets_two_factor_audited_and_logged_out(people, verplicht):
    secretariaat = people["secretariaat"]
    device, codes = _enrol(_password_login("secretariaat"))
    beheerder = _password_login("beheerder")
    beheerder_device, _ = _enrol(beheerder)
    telefoon = _password_login("secretariaat")
    telefoon.post("/tweefactor/", {"code": codes[0]})
    assert telefoon.get("/").status_code == 200
    response = beheerder.post(
        "/beheer/workflow/medewerker/",
        {"action": "tweefactor_herstellen", "_selected_action": [secretariaat.pk]},
        follow=True,
    )
    assert "opnieuw in bij hun volgende aanmelding" in response.content.decode()
    assert telefoon.get("/").status_code == 302  # logged out
    assert not Sessie.objects.filter(medewerker=secretariaat, beeindigd_op__isnull=True).exists()
    row = AuditRegel.objects.get(soort="tweefactor_hersteld")
    assert (row.medewerker, row.door) == (secretariaat, people["beheerder"])
    # The old app and codes no longer work; the next login sets it up again.
    client = _password_login("secretariaat")
    assert client.get("/")["Location"].startswith("/tweefactor/instellen/")
    assert tweefactor.herstelcodes_over(secretariaat) == 0
    device.refresh_from_db()
    assert not device.confirmed
    assert beheerder_device.confirmed


def test_only_a_beheerder_resets(people):
    from workflow.handelen import ActionNotAllowed

    with pytest.raises(ActionNotAllowed, match="Alleen een beheerder"):
        tweefactor.tweefactor_herstellen(by=people["opsteller"], medewerker=people["directeur"])
    assert not AuditRegel.objects.filter(soort="tweefactor_hersteld").exists()


def _reset_in_admin(client: Client, medewerker) -> str:
    response = client.post(
        "/beheer/workflow/medewerker/",
        {"action": "tweefactor_herstellen", "_selected_action": [medewerker.pk]},
        follow=True,
    )
    return response.content.decode()


def test_a_beheerder_does_not_reset_another_ministrys_person(people, client):
    from workflow.models import Medewerker, Ministerie, Organisatieonderdeel

    ezk = Ministerie.objects.create(naam="Ministerie van EZK", afkorting="EZK")
    afdeling = Organisatieonderdeel.objects.create(
        ministerie=ezk, soort="afdeling", naam="Energie", code="EN"
    )
    buur = Medewerker.objects.create_user(
        username="ezk-beheerder", password="x", organisatieonderdeel=afdeling
    )
    device = TOTPDevice.objects.create(user=buur, name="app", confirmed=True)
    client.force_login(people["beheerder"])
    # The admin does not even offer them (a beheerder's employee list is their ministry's) …
    _reset_in_admin(client, buur)
    device.refresh_from_db()
    assert device.confirmed
    # … and the service refuses, on the record, whoever asks it directly.
    from workflow.handelen import ActionNotAllowed

    with pytest.raises(ActionNotAllowed, match="werkt voor een ander ministerie"):
        tweefactor.tweefactor_herstellen(by=people["beheerder"], medewerker=buur)
    device.refresh_from_db()
    assert device.confirmed
    assert not AuditRegel.objects.filter(soort="tweefactor_hersteld").exists()
    row = AuditRegel.objects.get(soort="herstellen_geweigerd")
    assert (row.medewerker, row.door) == (buur, people["beheerder"])


def test_only_a_superuser_resets_a_superuser(people, client):
    from workflow.models import Medewerker

    baas = people["directeur"]
    Medewerker.objects.filter(pk=baas.pk).update(is_superuser=True, is_staff=True)
    baas.refresh_from_db()
    device = TOTPDevice.objects.create(user=baas, name="app", confirmed=True)
    client.force_login(people["beheerder"])
    assert "alleen een superuser" in _reset_in_admin(client, baas)
    device.refresh_from_db()
    assert device.confirmed
    assert AuditRegel.objects.filter(soort="herstellen_geweigerd", medewerker=baas).exists()
    tweefactor.tweefactor_herstellen(by=baas, medewerker=baas)
    device.refresh_from_db()
    assert not device.confirmed


def test_replacing_a_working_app_takes_a_code_from_it(people, verplicht):
    old, codes = _enrol(_password_login("opsteller"))
    client = _password_login("opsteller")
    client.post("/tweefactor/", {"code": codes[0]})
    assert client.get("/").status_code == 200  # the session owes nothing now
    page = client.get("/tweefactor/instellen/").content.decode()
    assert 'name="huidige_code"' in page
    new = TOTPDevice.objects.get(pk=client.session["identiteit_nieuw_apparaat"])
    # Without the current app's code the new one does not replace it.
    page = client.post("/tweefactor/instellen/", {"code": _app_code(new)})
    assert "De code van uw huidige app klopt niet" in page.content.decode()
    new.refresh_from_db()
    old.refresh_from_db()
    assert (old.confirmed, new.confirmed) == (True, False)
    assert tweefactor.herstelcodes_over(people["opsteller"]) == tweefactor.HERSTELCODES - 1
    assert AuditRegel.objects.filter(soort="tweefactor_mislukt").count() == 1
    # With it (here a recovery code), it does.
    response = client.post(
        "/tweefactor/instellen/", {"code": _app_code(new), "huidige_code": codes[1]}
    )
    assert response.status_code == 302
    new.refresh_from_db()
    old.refresh_from_db()
    assert (old.confirmed, new.confirmed) == (False, True)


def test_replacing_the_app_with_its_current_code(people, verplicht):
    old, _codes = _enrol(_password_login("opsteller"))
    # The set-up's code was this step's: a step later (moved back in the database, not slept).
    TOTPDevice.objects.filter(pk=old.pk).update(last_t=-1)
    client = _password_login("opsteller")
    assert client.post("/tweefactor/", {"code": _app_code(old)}).status_code == 302
    client.get("/tweefactor/instellen/")
    new = TOTPDevice.objects.get(pk=client.session["identiteit_nieuw_apparaat"])
    response = client.post(
        "/tweefactor/instellen/", {"code": _app_code(new), "huidige_code": _app_code(old, 1)}
    )
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.confirmed


def test_a_recovery_code_used_meanwhile_by_another_login_does_not_work_twice(people, verplicht):
    """Two logins with the same code at once: the other one uses it right after this one
    looked it up (on SQLite nothing locks the row in between)."""
    from django.db import connection

    _device, codes = _enrol(_password_login("secretariaat"))
    client = _password_login("secretariaat")
    meanwhile = {"done": False}

    def other_login_uses_it(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not meanwhile["done"] and sql.startswith("SELECT") and "identiteit_herstelcode" in sql:
            meanwhile["done"] = True
            Herstelcode.objects.filter(gebruikt_op__isnull=True).update(gebruikt_op=timezone.now())
        return result

    with connection.execute_wrapper(other_login_uses_it):
        page = client.post("/tweefactor/", {"code": codes[2]})
    assert meanwhile["done"]
    assert page.status_code == 200
    assert client.get("/").status_code == 302
    assert not AuditRegel.objects.filter(soort="herstelcode_gebruikt").exists()
