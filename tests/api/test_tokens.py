"""Personal API tokens: made and revoked on the profile page, shown once, kept hashed, acting
as their owner with the owner's permissions, limited in rate."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from api import services
from api.models import ApiSleutel
from demo.notas import SEED_VANDAAG, load_demo_notas
from letters.models import Nota
from workflow.models import Medewerker

ROLES = [
    "opsteller", "afdelingshoofd", "directeur", "dg", "secretariaat", "bureau-mlzs",
    "parlementair", "beheerder", "buitenstaander",
]  # fmt: skip


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # this process's own local-memory cache: the throttle's counts
    yield
    cache.clear()


@pytest.fixture
def seed(seed_organisation, outsider):
    load_demo_notas(vandaag=SEED_VANDAAG)


def token_for(username: str, **kwargs) -> str:
    user = Medewerker.objects.get(username=username)
    return services.api_token_create(by=user, naam="Koppeling", dagen=30, **kwargs)[1]


def bearer(sleutel: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")


def test_a_token_is_made_on_the_profile_page_shown_once_and_kept_hashed(seed):
    browser = Client()
    browser.force_login(Medewerker.objects.get(username="opsteller"))
    response = browser.post("/profiel/api-sleutels/", {"naam": "DMS koppeling", "dagen": "90"})
    assert response.status_code == 302
    page = browser.get("/profiel/").content.decode()
    token = ApiSleutel.objects.get()
    sleutel = page.split('id="api-nieuwe-sleutel" value="')[1].split('"')[0]
    assert sleutel.startswith(token.prefix) and len(sleutel) > 40
    assert sleutel not in str(list(ApiSleutel.objects.values()))  # only its hash is kept
    assert "DMS koppeling" in page and "alleen deze keer getoond" in page
    assert sleutel not in browser.get("/profiel/").content.decode()  # shown once
    assert token.verloopt_op - token.aangemaakt_op == timedelta(days=90)
    # It works, as the opsteller, and records when it was last used.
    assert bearer(sleutel).get("/api/v1/notas").status_code == 200
    token.refresh_from_db()
    assert token.laatst_gebruikt_op is not None


@pytest.mark.parametrize(
    "naam, dagen", [("", "30"), ("Koppeling", "0"), ("Koppeling", "366"), ("Koppeling", "²")]
)
def test_a_token_with_bad_input_is_refused_in_dutch_and_nothing_is_made(seed, naam, dagen):
    browser = Client()
    browser.force_login(Medewerker.objects.get(username="opsteller"))
    browser.post("/profiel/api-sleutels/", {"naam": naam, "dagen": dagen})
    page = browser.get("/profiel/").content.decode()
    assert "Geef" in page or "geldig" in page
    assert not ApiSleutel.objects.exists()


def test_a_revoked_token_stops_working_at_once_and_is_kept(seed):
    sleutel = token_for("opsteller")
    token = ApiSleutel.objects.get()
    other = Client()
    other.force_login(Medewerker.objects.get(username="directeur"))
    other.post("/profiel/api-sleutels/", {"actie": "intrekken", "sleutel": str(token.pk)})
    assert bearer(sleutel).get("/api/v1/notas").status_code == 200  # not theirs to revoke
    owner = Client()
    owner.force_login(Medewerker.objects.get(username="opsteller"))
    owner.post("/profiel/api-sleutels/", {"actie": "intrekken", "sleutel": str(token.pk)})
    response = bearer(sleutel).get("/api/v1/notas")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Deze sleutel is ingetrokken."
    assert ApiSleutel.objects.get().ingetrokken_op is not None


def test_an_expired_or_unknown_token_is_refused(seed):
    sleutel = token_for("opsteller", now=timezone.now() - timedelta(days=31))
    assert "verlopen" in bearer(sleutel).get("/api/v1/notas").json()["detail"]
    assert bearer("pfr_onzin").get("/api/v1/notas").status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_with_a_token_each_role_reads_what_its_pages_show_and_nothing_more(seed, role):
    api = bearer(token_for(role))
    browser = Client()
    browser.force_login(Medewerker.objects.get(username=role))
    for nota in Nota.objects.all():
        page = browser.get(f"/notas/{nota.pk}/").status_code
        through_api = api.get(f"/api/v1/notas/{nota.pk}").status_code
        assert (page, through_api) in ((200, 200), (404, 404)), nota
    page = api.get("/api/v1/notas").json()
    listed = [row["id"] for row in page["results"]]
    assert sorted(listed) == sorted(
        n.pk for n in Nota.objects.all() if browser.get(f"/notas/{n.pk}/").status_code == 200
    )


def test_calls_are_limited_per_token(seed, settings):
    settings.PARAFEER_API_RATE = "3/minute"
    first, second = bearer(token_for("opsteller")), bearer(token_for("opsteller"))
    assert [first.get("/api/v1/werkvoorraad").status_code for _ in range(3)] == [200] * 3
    refused = first.get("/api/v1/werkvoorraad")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0
    assert second.get("/api/v1/werkvoorraad").status_code == 200  # its own limit
