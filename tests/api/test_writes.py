"""Writes through the API call the pages' own services: the same guards, the same history
(marked "via de API"), the same outbox; a refusal is a problem with the Dutch reason."""

import pytest
from django.test import Client

from api import services as api_services
from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Afstemmingsverzoek, Kamerbrief, Nota
from workflow.models import Gebeurtenis, Medewerker, Melding


@pytest.fixture
def seed(seed_organisation, outsider):
    load_demo_notas(vandaag=SEED_VANDAAG)
    return Nota.objects.get(kenmerk=SEED_KENMERK)


def as_(username: str) -> Client:
    user = Medewerker.objects.get(username=username)
    sleutel = api_services.api_token_create(by=user, naam="Test", dagen=1)[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")


def post(username: str, url: str, body: dict | None = None):
    return as_(username).post(url, body or {}, content_type="application/json")


def test_the_office_records_the_besluit_through_the_api_and_the_history_says_so(seed):
    assert seed.status == Nota.Status.TER_BESLISSING
    meldingen = Melding.objects.count()
    response = post("secretariaat", f"/api/v1/notas/{seed.pk}/besluit", {"uitkomst": "akkoord"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "akkoord"
    assert Nota.objects.get(pk=seed.pk).status == Nota.Status.AKKOORD
    event = Gebeurtenis.objects.filter(nota=seed).latest("tijdstip", "pk")
    assert (event.actie, event.kanaal) == ("besluit_akkoord", "api")
    assert event.actor.username == "secretariaat"
    assert response.json()["geschiedenis"][-1]["kanaal"] == "api"
    assert Melding.objects.count() > meldingen  # the opsteller hears of it, through the outbox
    # The nota's page says it too.
    browser = Client()
    browser.force_login(Medewerker.objects.get(username="opsteller"))
    assert "(via de API)" in browser.get(f"/notas/{seed.pk}/").content.decode()


@pytest.mark.parametrize(
    "username, body, status, reason",
    [
        # Not their office: refused with the page's reason.
        ("opsteller", {"uitkomst": "akkoord"}, 403, None),
        ("bureau-mlzs", {"uitkomst": "akkoord"}, 403, None),
        # Not a reader of the nota at all: it does not exist for them.
        ("buitenstaander", {"uitkomst": "akkoord"}, 404, "Niet gevonden."),
        # The office, but the besluit needs its reason.
        ("secretariaat", {"uitkomst": "niet_akkoord"}, 400, "Geef de reden"),
        ("secretariaat", {"uitkomst": "misschien"}, 400, None),
    ],
)
def test_a_refused_besluit_is_a_dutch_problem_and_changes_nothing(
    seed, username, body, status, reason
):
    events = Gebeurtenis.objects.count()
    response = post(username, f"/api/v1/notas/{seed.pk}/besluit", body)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    if reason:
        assert problem["detail"].startswith(reason)
    assert Nota.objects.get(pk=seed.pk).status == Nota.Status.TER_BESLISSING
    assert Gebeurtenis.objects.count() == events


def test_initialling_a_nota_that_is_no_longer_in_parafering_is_a_conflict(seed):
    response = post("directeur", f"/api/v1/notas/{seed.pk}/paraferen")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Dit kan nu niet: de nota is")


def test_indienen_paraferen_and_terugsturen_through_the_api(seed, make_nota):
    nota = make_nota()
    assert post("afdelingshoofd", f"/api/v1/notas/{nota.pk}/indienen").status_code in (403, 404)
    response = post("opsteller", f"/api/v1/notas/{nota.pk}/indienen")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_parafering"
    # The directeur's turn has not come: refused, with the reason.
    early = post("directeur", f"/api/v1/notas/{nota.pk}/paraferen")
    assert early.status_code == 403
    assert early.json()["detail"] == "Deze nota wacht niet op uw paraaf."
    ok = post("afdelingshoofd", f"/api/v1/notas/{nota.pk}/paraferen", {"opmerking": "Prima."})
    assert ok.status_code == 200
    assert [s["status"] for s in ok.json()["route"]][:2] == ["geparafeerd", "aan_de_beurt"]
    bare = post("directeur", f"/api/v1/notas/{nota.pk}/terugsturen")
    assert bare.status_code == 400
    assert bare.json()["detail"] == "Geef aan wat er moet veranderen als u de nota terugstuurt."
    back = post("directeur", f"/api/v1/notas/{nota.pk}/terugsturen", {"opmerking": "Korter."})
    assert back.status_code == 200
    assert back.json()["status"] == "concept"
    kanalen = Gebeurtenis.objects.filter(nota=nota).exclude(actie="aangemaakt")
    assert set(kanalen.values_list("actie", "kanaal")) >= {
        ("ingediend", "api"), ("geparafeerd", "api"), ("teruggestuurd", "api")
    }  # fmt: skip


def test_the_co_signers_office_answers_the_afstemming_once(seed):
    verzoek = Afstemmingsverzoek.objects.get(
        kamerbrief__nota=seed, status="aangevraagd", bewindspersoon__afkorting="MLZS"
    )
    url = f"/api/v1/afstemmingsverzoeken/{verzoek.pk}/antwoord"
    assert post("secretariaat", url, {"antwoord": "akkoord"}).status_code == 403
    no_remark = post("bureau-mlzs", url, {"antwoord": "niet_akkoord"})
    assert no_remark.status_code == 400
    response = post("bureau-mlzs", url, {"antwoord": "akkoord"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "akkoord"
    again = post("bureau-mlzs", url, {"antwoord": "akkoord"})
    assert again.status_code == 409
    assert "al afgehandeld" in again.json()["detail"]
    event = Gebeurtenis.objects.filter(afstemmingsverzoek=verzoek).latest("pk")
    assert (event.actie, event.kanaal) == ("afstemming_akkoord", "api")
    assert post("buitenstaander", url, {"antwoord": "akkoord"}).status_code == 404
    assert (
        Kamerbrief.objects.get(nota=seed).afstemmingsverzoeken.filter(status="aangevraagd").count()
        == 0
    )


def test_a_browser_session_needs_its_csrf_token_to_write(seed):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(Medewerker.objects.get(username="secretariaat"))
    response = browser.post(
        f"/api/v1/notas/{seed.pk}/besluit", {"uitkomst": "akkoord"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Nota.objects.get(pk=seed.pk).status == Nota.Status.TER_BESLISSING
