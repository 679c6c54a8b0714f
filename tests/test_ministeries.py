"""Each ministry reads only its own: the permission matrix with a second ministry (issue 23).

Parlementaire coördinatie and beheerders read every nota and letter of their own ministry, and
the letters their ministry co-signs; of another ministry nothing — not its pages, PDFs, search
results, archive, exports or API. A beheerder reads no nota's section 5 ("informatie die niet
openbaar gemaakt kan worden"): not on the page, not in the PDF, not through the search.
"""

import io
import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from demo.notas import SEED_KENMERK, SEED_NIET_OPENBAAR, SEED_VANDAAG, load_demo_notas
from letters.models import Kamerbrief, Nota
from tests.support import at
from workflow.models import (
    Bewindspersoon,
    Medewerker,
    Ministerie,
    Organisatieonderdeel,
    Rol,
    RouteSjabloon,
)
from workflow.services.opstellen import nota_create

GEHEIM = "Windparkconcessie"  # a word only in the EZK nota's section 5
ONDERWERP_EZK = "Kamerbrief over de netcongestie bij windparken op zee"


def _user(username, **fields) -> Medewerker:
    group = fields.pop("group", None)
    user = Medewerker.objects.create_user(username=username, password="x", **fields)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group.value)[0])
    return user


@pytest.fixture
def twee_ministeries(seed_organisation):
    """The demo's VWS with its seed case, and EZK with its own people and one nota of its own."""
    load_demo_notas(vandaag=SEED_VANDAAG)
    ezk = Ministerie.objects.create(
        naam="Ministerie van Economische Zaken en Klimaat", afkorting="EZK"
    )
    minister = Bewindspersoon.objects.create(
        titel="Minister van Economische Zaken en Klimaat", afkorting="MEZK", ministerie=ezk
    )
    directie = Organisatieonderdeel.objects.create(
        ministerie=ezk, soort=Organisatieonderdeel.Soort.DIRECTIE, code="EB", naam="Energiebeleid"
    )
    parl = Organisatieonderdeel.objects.create(
        ministerie=ezk, soort=Organisatieonderdeel.Soort.AFDELING, code="PARL", naam="Parlementair"
    )
    opsteller = _user("opsteller-ezk", organisatieonderdeel=directie)
    _user("parlementair-ezk", organisatieonderdeel=parl, group=Rol.PARLEMENTAIRE_COORDINATIE)
    _user("beheerder-ezk", ministerie=ezk, group=Rol.BEHEERDER, is_staff=True)
    RouteSjabloon.objects.filter(organisatieonderdeel=directie).delete()
    nota = nota_create(
        by=opsteller,
        aan=minister,
        onderwerp=ONDERWERP_EZK,
        geadviseerd_besluit="Akkoord gaan met verzending.",
        niet_openbaar=f"{GEHEIM}: bedrijfsgegevens van de aanvragers.",
        deadline=date(2023, 12, 15),
        now=at(1, 9),
    )
    return {"vws": Nota.objects.get(kenmerk=SEED_KENMERK), "ezk": nota}


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(Medewerker.objects.get(username=username))
    return client


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def api_ids(client: Client, url: str) -> set[int]:
    ids, page = set(), client.get(url)
    while True:
        assert page.status_code == 200, page.content
        ids |= {row["id"] for row in page.json()["results"]}
        if not page.json()["next"]:
            return ids
        page = client.get(page.json()["next"])


VWS = ["parlementair", "beheerder"]
EZK = ["parlementair-ezk", "beheerder-ezk"]


@pytest.mark.parametrize(
    ("lezer", "eigen", "ander"),
    [(role, "vws", "ezk") for role in VWS] + [(role, "ezk", "vws") for role in EZK],
)
def test_a_ministry_wide_role_reads_its_own_ministry_and_nothing_across_the_line(
    twee_ministeries, lezer, eigen, ander
):
    client = client_for(lezer)
    own, other = twee_ministeries[eigen], twee_ministeries[ander]

    # Pages and PDFs: its own ministry's nota, and of the other as if it did not exist.
    for name in ("nota_detail", "nota_pdf", "nota_parafenblad_pdf"):
        assert client.get(reverse(name, args=[own.pk])).status_code == 200, name
        assert client.get(reverse(name, args=[other.pk])).status_code == 404, name
    # The API: lists and details alike.
    assert own.pk in api_ids(client, "/api/v1/notas")
    assert other.pk not in api_ids(client, "/api/v1/notas")
    assert client.get(f"/api/v1/notas/{other.pk}").status_code == 404
    # The search, by the other nota's kenmerk and by a word of its subject.
    for q in (other.kenmerk, other.onderwerp.split()[-1]):
        response = client.get(reverse("zoeken"), {"q": q}, follow=True)
        assert reverse("nota_detail", args=[other.pk]) not in response.content.decode(), q
    # The archive and its export.
    export = client.get(reverse("archief_export", args=["csv"]))
    assert export.status_code == 200
    assert other.kenmerk not in export.content.decode("utf-8-sig")


def test_the_other_ministrys_letters_are_out_of_reach_but_a_co_signed_one_is_read(
    twee_ministeries,
):
    """The seed letter is co-signed by OCW: OCW's parlementaire coördinatie reads it (not its
    nota); EZK's reads neither."""
    brief = Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)
    ocw = Ministerie.objects.get(afkorting="OCW")
    parl_ocw = Organisatieonderdeel.objects.create(
        ministerie=ocw, soort=Organisatieonderdeel.Soort.AFDELING, code="PARL", naam="Parlementair"
    )
    _user("parlementair-ocw", organisatieonderdeel=parl_ocw, group=Rol.PARLEMENTAIRE_COORDINATIE)

    ocw_client, ezk_client = client_for("parlementair-ocw"), client_for("parlementair-ezk")
    assert ocw_client.get(reverse("kamerbrief_detail", args=[brief.pk])).status_code == 200
    assert ocw_client.get(reverse("kamerbrief_pdf", args=[brief.pk])).status_code == 200
    assert ocw_client.get(reverse("nota_detail", args=[brief.nota_id])).status_code == 404
    assert brief.pk in api_ids(ocw_client, "/api/v1/kamerbrieven")
    for path in (
        reverse("kamerbrief_detail", args=[brief.pk]),
        reverse("kamerbrief_pdf", args=[brief.pk]),
        f"/api/v1/kamerbrieven/{brief.pk}",
    ):
        assert ezk_client.get(path).status_code == 404, path
    assert brief.pk not in api_ids(ezk_client, "/api/v1/kamerbrieven")


def test_a_beheerder_reads_no_section_5_where_parlementaire_coordinatie_does(twee_ministeries):
    nota = twee_ministeries["vws"]
    woord = "levenssfeer"  # only in the seed nota's section 5
    assert woord in SEED_NIET_OPENBAAR and woord not in nota.aanleiding + nota.kernpunten

    beheerder, parlementair = client_for("beheerder"), client_for("parlementair")
    page = beheerder.get(reverse("nota_detail", args=[nota.pk])).content.decode()
    assert woord not in page
    assert "leest dit onderdeel niet" in page or "niet getoond" in page.lower()
    assert woord in parlementair.get(reverse("nota_detail", args=[nota.pk])).content.decode()

    assert woord not in pdf_text(beheerder.get(reverse("nota_pdf", args=[nota.pk])).content)
    assert woord in pdf_text(parlementair.get(reverse("nota_pdf", args=[nota.pk])).content)

    # Nor does the search find the nota by it, where it does for parlementaire coördinatie.
    link = reverse("nota_detail", args=[nota.pk])
    assert link not in beheerder.get(reverse("zoeken"), {"q": woord}).content.decode()
    assert link in parlementair.get(reverse("zoeken"), {"q": woord}).content.decode()


def test_someone_of_no_ministry_with_a_ministry_wide_role_reads_only_their_own(twee_ministeries):
    """A beheerder nobody placed in a ministry reads no nota but their own (none)."""
    _user("beheerder-los", group=Rol.BEHEERDER, is_staff=True)
    client = client_for("beheerder-los")
    for nota in twee_ministeries.values():
        assert client.get(reverse("nota_detail", args=[nota.pk])).status_code == 404
    assert api_ids(client, "/api/v1/notas") == set()
