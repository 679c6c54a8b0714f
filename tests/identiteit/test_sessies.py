"""The profile lists the person's active sessions and ends one or all others (issue 23 item 4)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from demo.notas import DEMO_PASSWORD
from identiteit.models import AuditRegel, Sessie
from identiteit.services import GEZIEN_INTERVAL, describe_browser, session_seen

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def _browser(username: str, user_agent: str, ip: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip)
    response = client.post("/inloggen/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def laptop_en_telefoon(people):
    return (
        _browser("opsteller", FIREFOX, "192.0.2.10"),
        _browser("opsteller", IPHONE, "198.51.100.4"),
    )


def test_the_profile_lists_each_session_and_marks_this_one(laptop_en_telefoon):
    laptop, _telefoon = laptop_en_telefoon
    page = laptop.get("/profiel/").content.decode()
    assert "Firefox op Windows" in page
    assert "Safari op iOS" in page
    assert "198.51.100.4" in page
    assert page.count("(deze sessie)") == 1
    assert "Sessie beëindigen op Safari op iOS" in page
    assert "Sessie beëindigen op Firefox op Windows" not in page


def test_ending_a_session_logs_that_browser_out_and_is_recorded(people, laptop_en_telefoon):
    laptop, telefoon = laptop_en_telefoon
    sessie = Sessie.objects.get(browser=IPHONE)
    response = laptop.post("/profiel/sessies/", {"actie": "een", "sessie": sessie.pk}, follow=True)
    assert "De sessie op Safari op iOS is beëindigd" in response.content.decode()
    assert telefoon.get("/").status_code == 302  # back to the login page
    assert laptop.get("/").status_code == 200
    sessie.refresh_from_db()
    assert sessie.beeindigd_op is not None
    row = AuditRegel.objects.get(soort=AuditRegel.Soort.SESSIE_BEEINDIGD)
    assert row.medewerker == people["opsteller"]
    assert "Safari op iOS" in row.omschrijving


def test_ending_all_other_sessions_keeps_this_one(people, laptop_en_telefoon):
    laptop, telefoon = laptop_en_telefoon
    derde = _browser("opsteller", FIREFOX, "203.0.113.9")
    response = laptop.post("/profiel/sessies/", {"actie": "alle_andere"}, follow=True)
    assert "Uw andere sessies zijn beëindigd (2)" in response.content.decode()
    assert telefoon.get("/").status_code == 302
    assert derde.get("/").status_code == 302
    assert laptop.get("/").status_code == 200
    assert Sessie.objects.filter(beeindigd_op__isnull=True).count() == 1


def test_no_one_ends_someone_elses_session_or_their_own_current_one(people, laptop_en_telefoon):
    laptop, _telefoon = laptop_en_telefoon
    ander = _browser("directeur", FIREFOX, "192.0.2.20")
    van_ander = Sessie.objects.get(medewerker=people["directeur"])
    response = laptop.post("/profiel/sessies/", {"sessie": van_ander.pk}, follow=True)
    assert "Deze sessie bestaat niet of is niet van u" in response.content.decode()
    assert ander.get("/").status_code == 200
    eigen = Sessie.objects.get(sessiesleutel=laptop.session.session_key)
    response = laptop.post("/profiel/sessies/", {"sessie": eigen.pk}, follow=True)
    assert "Dit is de sessie die u nu gebruikt" in response.content.decode()
    response = laptop.post("/profiel/sessies/", {"sessie": "1; DROP"}, follow=True)
    assert "Deze sessie bestaat niet of is niet van u" in response.content.decode()
    assert Sessie.objects.filter(beeindigd_op__isnull=True).count() == 3
    assert not AuditRegel.objects.filter(soort=AuditRegel.Soort.SESSIE_BEEINDIGD).exists()


def test_logging_out_ends_the_session_in_the_index(laptop_en_telefoon):
    laptop, _telefoon = laptop_en_telefoon
    key = laptop.session.session_key
    laptop.post("/uitloggen/")
    assert Sessie.objects.get(sessiesleutel=key).beeindigd_op is not None
    assert Sessie.objects.filter(beeindigd_op__isnull=True).count() == 1


def test_last_seen_moves_at_most_once_a_minute(laptop_en_telefoon, rf):
    laptop, _telefoon = laptop_en_telefoon
    sessie = Sessie.objects.get(sessiesleutel=laptop.session.session_key)
    request = rf.get("/")
    request.session = laptop.session
    session_seen(request, now=sessie.laatst_gezien + timedelta(seconds=30))
    sessie.refresh_from_db()
    first = sessie.laatst_gezien
    later = first + GEZIEN_INTERVAL + timedelta(seconds=1)
    session_seen(request, now=later)
    sessie.refresh_from_db()
    assert sessie.laatst_gezien == later


def test_a_session_unused_for_longer_than_its_age_is_no_longer_listed(laptop_en_telefoon, settings):
    laptop, _telefoon = laptop_en_telefoon
    lang_geleden = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    Sessie.objects.filter(browser=IPHONE).update(laatst_gezien=lang_geleden)
    assert "Safari op iOS" not in laptop.get("/profiel/").content.decode()


@pytest.mark.parametrize(
    ("user_agent", "expected"),
    [
        (FIREFOX, "Firefox op Windows"),
        (IPHONE, "Safari op iOS"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge op Windows",
        ),
        ("curl/8.5.0", "onbekende browser"),
    ],
)
def test_a_session_is_named_by_browser_and_system(user_agent, expected):
    assert describe_browser(user_agent) == expected
