"""The API's reads: what each role reads is what the pages let them read, as problem+json
when not, in pages of a cursor, in a bounded number of queries."""

import pytest
from django.test import Client

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Kamerbrief, Nota
from workflow import selectors
from workflow.models import Medewerker, Motie, Toezegging

ROLES = [
    "opsteller", "afdelingshoofd", "directeur", "dg", "secretariaat", "bureau-mlzs",
    "parlementair", "beheerder", "buitenstaander",
]  # fmt: skip


@pytest.fixture
def seed(seed_organisation, outsider):
    load_demo_notas(vandaag=SEED_VANDAAG)
    return Nota.objects.get(kenmerk=SEED_KENMERK)


def api(role: str | None) -> Client:
    client = Client()
    if role:
        client.force_login(Medewerker.objects.get(username=role))
    return client


def every_id(client: Client, url: str) -> list[int]:
    """Walks the cursor's pages to the end."""
    ids, page = [], client.get(url + ("&" if "?" in url else "?") + "pageSize=2")
    while True:
        assert page.status_code == 200, page.content
        ids += [row["id"] for row in page.json()["results"]]
        if not page.json()["next"]:
            return ids
        page = client.get(page.json()["next"])


def test_the_openapi_document_is_published_with_the_api_version(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/notas", "/api/v1/notas/{id}", "/api/v1/kamerbrieven", "/api/v1/toezeggingen",
            "/api/v1/moties", "/api/v1/werkvoorraad"} <= set(schema["paths"])  # fmt: skip


def test_without_logging_in_the_api_answers_a_dutch_problem(seed):
    response = api(None).get("/api/v1/notas")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    problem = response.json()
    assert problem["status"] == response.status_code
    assert problem["title"] == "Niet toegestaan" or problem["title"] == "Niet ingelogd"
    assert "Authenticatie" in problem["detail"]  # DRF's own reason, in Dutch


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_the_notas_and_letters_the_pages_show_them_and_no_more(seed, role):
    user = Medewerker.objects.get(username=role)
    client = api(role)
    notas = every_id(client, "/api/v1/notas")
    assert len(notas) == len(set(notas))
    assert sorted(notas) == sorted(selectors.notas_visible_to(user).values_list("pk", flat=True))
    letters = every_id(client, "/api/v1/kamerbrieven")
    assert sorted(letters) == sorted(
        selectors.kamerbrieven_visible_to(user).values_list("pk", flat=True)
    )
    # The register is everybody's, as on its pages.
    assert len(every_id(client, "/api/v1/toezeggingen")) == Toezegging.objects.count()
    assert len(every_id(client, "/api/v1/moties")) == Motie.objects.count()


def test_a_nota_one_may_not_read_is_not_found(seed):
    response = api("buitenstaander").get(f"/api/v1/notas/{seed.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Niet gevonden."
    letter = Kamerbrief.objects.get(nota=seed)
    assert api("buitenstaander").get(f"/api/v1/kamerbrieven/{letter.pk}").status_code == 404
    # The same nota on its page: also not found.
    assert api("buitenstaander").get(f"/notas/{seed.pk}/").status_code == 404


def test_a_nota_comes_with_its_route_besluiten_and_history(seed):
    body = api("opsteller").get(f"/api/v1/notas/{seed.pk}").json()
    assert body["kenmerk"] == SEED_KENMERK
    assert body["aan"] == "StasVWS"
    assert [s["parafeerder"]["naam"] for s in body["route"]] == [
        str(step.parafeerder) for step in seed.parafeerstappen.order_by("ronde", "volgorde", "pk")
    ]
    assert body["geschiedenis"] and body["geschiedenis"][0]["actie"]
    assert body["besluiten"] == []
    assert body["kamerbrief"] == seed.kamerbrief.pk


def test_a_letter_comes_with_its_versions_and_afstemming(seed):
    letter = Kamerbrief.objects.get(nota=seed)
    body = api("bureau-mlzs").get(f"/api/v1/kamerbrieven/{letter.pk}").json()
    assert body["kenmerk"] == letter.kenmerk
    assert body["versies"]
    answers = {v["bewindspersoon"]: v["status"] for v in body["afstemming"]}
    assert answers["MLZS"] == "aangevraagd"


def test_filters_and_their_refusals(seed):
    client = api("beheerder")
    ids = every_id(client, "/api/v1/notas?status=in_parafering")
    assert sorted(ids) == sorted(
        Nota.objects.filter(status="in_parafering").values_list("pk", flat=True)
    )
    wrong = client.get("/api/v1/notas", {"status": "klaar"})
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/problem+json"
    assert wrong.json()["invalid-params"][0]["name"] == "status"
    open_ones = every_id(client, "/api/v1/toezeggingen?status=openstaand")
    assert sorted(open_ones) == sorted(
        Toezegging.objects.filter(status="openstaand").values_list("pk", flat=True)
    )
    refused = client.get("/api/v1/moties", {"binnen": "veel"})
    assert refused.status_code == 400
    assert refused.json()["invalid-params"][0]["name"] == "binnen"
    assert "getal" in refused.json()["invalid-params"][0]["reason"]  # Dutch


def test_the_werkvoorraad_is_the_callers(seed):
    body = api("directeur").get("/api/v1/werkvoorraad").json()
    page = selectors.werkvoorraad_for(Medewerker.objects.get(username="directeur"), per_groep=100)
    for groep in page.groepen:
        assert body[groep.code]["aantal"] == groep.aantal
        assert [r["kenmerk"] for r in body[groep.code]["regels"]] == [
            r.kenmerk for r in groep.regels
        ]
    assert body["te_paraferen"]["regels"], "the demo's directeur has a nota to initial"


def test_a_page_of_the_cursor_is_stable_when_rows_are_added(seed, make_nota):
    client = api("beheerder")
    first = client.get("/api/v1/notas", {"pageSize": 2}).json()
    make_nota(onderwerp="Een nota van na de eerste pagina")
    rest = every_id(client, first["next"])
    seen = [row["id"] for row in first["results"]] + rest
    assert len(seen) == len(set(seen)) == Nota.objects.count()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/notas", "/api/v1/kamerbrieven", "/api/v1/toezeggingen", "/api/v1/moties",
     "/api/v1/werkvoorraad"],
)  # fmt: skip
def test_every_list_costs_a_bounded_number_of_queries(
    seed, make_nota, url, django_assert_max_num_queries
):
    from workflow.services.kamerbrief import kamerbrief_create

    opsteller = Medewerker.objects.get(username="opsteller")
    for i in range(12):
        nota = make_nota(onderwerp=f"Nota {i}")
        kamerbrief_create(
            nota=nota, by=opsteller, betreft=f"Brief {i}", tekst="Geachte voorzitter,"
        )
    client = api("opsteller")
    client.get(url)  # the session and the translation catalogue, once
    with django_assert_max_num_queries(15):
        response = client.get(url, {"pageSize": 100} if "werkvoorraad" not in url else {})
    assert response.status_code == 200
