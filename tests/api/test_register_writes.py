"""The register keeper's actions through the API: the register page's own services, the same
guards (403 who, 409 state, 400 missing input, each with its Dutch reason), the history marked
"via de API", and nothing written by a refused call."""

from datetime import date

import pytest
from django.test import Client

from api import services as api_services
from workflow import commitments
from workflow.models import Bewindspersoon, Gebeurtenis, Medewerker, Motie, Toezegging

T, M = Toezegging.Status, Motie.Status


def as_(username: str) -> Client:
    user = Medewerker.objects.get(username=username)
    sleutel = api_services.api_token_create(by=user, naam="Test", dagen=1)[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}", HTTP_ACCEPT_LANGUAGE="nl")


def post(username: str, url: str, body: dict | None = None):
    return as_(username).post(url, body or {}, content_type="application/json")


@pytest.fixture
def toezegging(people) -> Toezegging:
    return commitments.toezegging_register(
        by=people["parlementair"],
        tekst="De staatssecretaris zegt toe de Kamer voor de zomer te informeren.",
        bewindspersoon=Bewindspersoon.objects.get(afkorting="StasVWS"),
        bron=Toezegging.Bron.BRIEF,
        bron_kenmerk="3382139-1030472-PG",
    )


@pytest.fixture
def motie(people) -> Motie:
    return commitments.motie_register(
        by=people["parlementair"],
        titel="Motie van het lid Mohandis over mentale gezondheid",
        kamerstuk="Kamerstuk 25 424, nr. 999",
        indieners=[("M. Mohandis", "PvdA")],
    )


def last_event(**item) -> Gebeurtenis:
    return Gebeurtenis.objects.filter(**item).latest("tijdstip", "pk")


def test_parlementaire_coordinatie_lets_a_toezegging_lapse_and_reopens_it(toezegging):
    url = f"/api/v1/toezeggingen/{toezegging.pk}"
    response = post("parlementair", f"{url}/laten-vervallen", {"reden": "Ingehaald."})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["reden_vervallen"]) == (
        "vervallen", "Ingehaald.",
    )  # fmt: skip
    event = last_event(toezegging=toezegging)
    assert (event.actie, event.kanaal, event.actor.username) == (
        "toezegging_vervallen", "api", "parlementair",
    )  # fmt: skip

    response = post("parlementair", f"{url}/heropenen", {"reden": "Toch nog nodig."})
    assert response.status_code == 200, response.content
    assert Toezegging.objects.get(pk=toezegging.pk).status == T.OPENSTAAND
    assert last_event(toezegging=toezegging).kanaal == "api"


def test_a_toezegging_is_afgedaan_by_a_letter_sent_outside_parafeer(toezegging):
    response = post(
        "parlementair",
        f"/api/v1/toezeggingen/{toezegging.pk}/afdoen",
        {"kenmerk": "3800001-1060000-PG", "datum": "2024-03-01", "volledig": False},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "deels_voldaan"
    stand = toezegging.standen.get()
    assert (stand.kenmerk, stand.datum) == ("3800001-1060000-PG", date(2024, 3, 1))
    assert last_event(toezegging=toezegging).kanaal == "api"


def test_a_motie_goes_in_uitvoering_then_afgedaan_and_gets_a_report(motie):
    url = f"/api/v1/moties/{motie.pk}"
    assert post("parlementair", f"{url}/in-uitvoering-nemen").json()["status"] == "in_uitvoering"
    report = post(
        "parlementair", f"{url}/rapporteren",
        {"kenmerk": "3800002-1060000-PG", "datum": "2024-04-02", "tekst": "Loopt."},
    )  # fmt: skip
    assert report.status_code == 200, report.content
    assert report.json()["status"] == "in_uitvoering"
    done = post(
        "parlementair", f"{url}/afdoen", {"kenmerk": "3800003-1060000-PG", "datum": "2024-05-03"}
    )
    assert done.status_code == 200, done.content
    assert Motie.objects.get(pk=motie.pk).status == M.AFGEDAAN
    kanalen = set(Gebeurtenis.objects.filter(motie=motie, actor__isnull=False).exclude(
        actie="motie_geregistreerd").values_list("kanaal", flat=True))  # fmt: skip
    assert kanalen == {"api"}


def test_a_motie_not_carried_out_needs_a_reason(motie):
    url = f"/api/v1/moties/{motie.pk}/niet-uitgevoerd"
    missing = post("parlementair", url, {})
    assert missing.status_code == 400
    assert missing["Content-Type"] == "application/problem+json"
    assert "Geef de reden" in missing.json()["detail"]
    assert Motie.objects.get(pk=motie.pk).status == M.AANGENOMEN
    assert post("parlementair", url, {"reden": "Geen budget."}).json()["status"] == (
        "niet_uitgevoerd"
    )


@pytest.mark.parametrize("username", ["opsteller", "secretariaat", "afdelingshoofd", "bureau-mlzs"])
def test_only_parlementaire_coordinatie_keeps_the_register(motie, toezegging, username):
    events = Gebeurtenis.objects.count()
    for url, body in [
        (f"/api/v1/moties/{motie.pk}/in-uitvoering-nemen", {}),
        (f"/api/v1/toezeggingen/{toezegging.pk}/laten-vervallen", {"reden": "Weg."}),
    ]:
        response = post(username, url, body)
        assert response.status_code == 403, (username, response.content)
        assert "parlementaire coördinatie" in response.json()["detail"].lower()
    assert Gebeurtenis.objects.count() == events
    assert Motie.objects.get(pk=motie.pk).status == M.AANGENOMEN
    assert Toezegging.objects.get(pk=toezegging.pk).status == T.OPENSTAAND


def test_the_beheerder_may_keep_the_register_too(motie):
    response = post("beheerder", f"/api/v1/moties/{motie.pk}/in-uitvoering-nemen")
    assert response.status_code == 200, response.content
    assert last_event(motie=motie).actor.username == "beheerder"


def test_an_outsider_of_another_ministry_is_refused_too(motie, outsider):
    response = post("buitenstaander", f"/api/v1/moties/{motie.pk}/in-uitvoering-nemen")
    assert response.status_code == 403


def test_what_the_state_does_not_allow_is_a_conflict_with_the_reason(motie, toezegging):
    still_open = post("parlementair", f"/api/v1/moties/{motie.pk}/heropenen", {"reden": "x"})
    assert (still_open.status_code, still_open.json()["status"]) == (409, 409)
    post("parlementair", f"/api/v1/moties/{motie.pk}/niet-uitgevoerd", {"reden": "Geen geld."})
    again = post("parlementair", f"/api/v1/moties/{motie.pk}/in-uitvoering-nemen")
    assert again.status_code == 409
    assert again.json()["detail"] == "Dit kan nu niet: de motie is niet uitgevoerd."
    reopen = post("parlementair", f"/api/v1/toezeggingen/{toezegging.pk}/heropenen", {"reden": "x"})
    assert reopen.status_code == 409


def test_a_letter_without_its_date_is_missing_input(toezegging):
    response = post(
        "parlementair", f"/api/v1/toezeggingen/{toezegging.pk}/afdoen", {"kenmerk": "123-456-PG"}
    )
    assert response.status_code == 400
    assert "datum" in response.json()["detail"].lower()
    assert Toezegging.objects.get(pk=toezegging.pk).status == T.OPENSTAAND


def test_a_bad_date_is_named_as_an_invalid_param(toezegging):
    response = post(
        "parlementair", f"/api/v1/toezeggingen/{toezegging.pk}/afdoen",
        {"kenmerk": "123-456-PG", "datum": "gisteren"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["invalid-params"][0]["name"] == "datum"


def test_a_cursor_that_was_not_given_by_the_api_is_bad_input_not_a_missing_list(people):
    response = as_("parlementair").get("/api/v1/moties?cursor=niet-van-ons")
    assert response.status_code == 400
    assert response.json()["invalid-params"][0]["name"] == "cursor"
