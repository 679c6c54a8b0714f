"""Programmes in the API: read-only, what the programme's pages show to everyone logged in,
in a fixed number of queries however many actielijnen, maatregelen or rounds there are."""

import pytest
from django.test import Client

from api import services as api_services
from demo.notas import SEED_VANDAAG
from demo.programma import load_demo_programma
from programma.models import Maatregel, Programma, Rapportageronde
from workflow.models import Medewerker


@pytest.fixture
def demo_programma(seed_organisation) -> Programma:
    load_demo_programma(vandaag=SEED_VANDAAG)
    return Programma.objects.get()


def as_(username: str) -> Client:
    user = Medewerker.objects.get(username=username)
    sleutel = api_services.api_token_create(by=user, naam="Test", dagen=1)[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")


def test_a_programme_reads_with_its_actielijnen_and_maatregelen(
    demo_programma, django_assert_max_num_queries
):
    client = as_("opsteller")
    with django_assert_max_num_queries(14):
        response = client.get(f"/api/v1/programmas/{demo_programma.pk}")
    assert response.status_code == 200, response.content
    assert response["API-Version"]
    body = response.json()
    assert body["coordinerend_bewindspersoon"] == "StasVWS"
    maatregelen = [m for lijn in body["actielijnen"] for m in lijn["maatregelen"]]
    assert len(maatregelen) == Maatregel.objects.count() > 0
    assert {m["directie"] for m in maatregelen} >= {"PG"}
    listed = client.get("/api/v1/programmas").json()
    assert [p["naam"] for p in listed["results"]] == [demo_programma.naam]


def test_rounds_list_with_their_progress_filtered_by_programme(
    demo_programma, django_assert_max_num_queries
):
    client = as_("parlementair")
    with django_assert_max_num_queries(8):
        response = client.get(f"/api/v1/rapportagerondes?programma={demo_programma.pk}")
    assert response.status_code == 200, response.content
    rondes = response.json()["results"]
    assert len(rondes) == Rapportageronde.objects.count() > 0
    ronde = Rapportageronde.objects.get(pk=rondes[0]["id"])
    assert rondes[0]["bijdragen"] == ronde.bijdragen.count()
    assert client.get("/api/v1/rapportagerondes?programma=999999").json()["results"] == []
    bad = client.get("/api/v1/rapportagerondes?programma=abc")
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/problem+json"


def test_programmes_are_read_only_and_need_a_login(demo_programma):
    assert as_("beheerder").post("/api/v1/programmas", {}).status_code == 405
    assert Client().get("/api/v1/programmas").status_code == 401
