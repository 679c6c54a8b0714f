"""The admin's employee pages: a beheerder keeps the people of their own ministry, and gives
roles by group, never superuser rights or single permissions."""

import pytest

from workflow.models import Bewindspersoon, Medewerker, Ministerie, Organisatieonderdeel


@pytest.fixture
def ezk():
    ministerie = Ministerie.objects.create(naam="Ministerie van EZK", afkorting="EZK")
    afdeling = Organisatieonderdeel.objects.create(
        ministerie=ministerie, soort="afdeling", naam="Energie", code="EN"
    )
    minister = Bewindspersoon.objects.create(
        ministerie=ministerie, afkorting="MinEZK", titel="Minister van EZK"
    )
    persoon = Medewerker.objects.create_user(
        username="ezk-opsteller", password="x", organisatieonderdeel=afdeling
    )
    return {"afdeling": afdeling, "minister": minister, "persoon": persoon}


def test_a_beheerder_lists_and_opens_only_their_own_ministrys_people(people, ezk, client):
    nieuw = Medewerker.objects.create_user(username="net-aangemaakt", password="x")
    client.force_login(people["beheerder"])
    page = client.get("/beheer/workflow/medewerker/", {"q": ""}).content.decode()
    assert "opsteller" in page and "net-aangemaakt" in page  # own, and not yet placed
    assert "ezk-opsteller" not in page
    response = client.get(f"/beheer/workflow/medewerker/{ezk['persoon'].pk}/change/")
    assert response.status_code == 302  # the admin's "does not exist"
    assert client.get(f"/beheer/workflow/medewerker/{nieuw.pk}/change/").status_code == 200


def test_a_beheerder_places_people_in_their_own_ministry_only(people, ezk, client):
    client.force_login(people["beheerder"])
    form = (
        client.get(f"/beheer/workflow/medewerker/{people['opsteller'].pk}/change/")
        .context["adminform"]
        .form
    )
    assert ezk["afdeling"] not in form.fields["organisatieonderdeel"].queryset
    assert people["opsteller"].organisatieonderdeel in form.fields["organisatieonderdeel"].queryset
    assert ezk["minister"] not in form.fields["bureau_van"].queryset
    # Neither superuser rights nor single permissions are theirs to give.
    assert "is_superuser" not in form.fields and "user_permissions" not in form.fields
    # The search behind the unit's field finds no other ministry's units either.
    found = client.get(
        "/beheer/autocomplete/",
        {"app_label": "workflow", "model_name": "medewerker", "field_name": "organisatieonderdeel",
         "term": "Energie"},
    ).json()["results"]  # fmt: skip
    assert found == []


def test_a_superuser_keeps_everyone(people, ezk, client):
    baas = Medewerker.objects.create_superuser(username="root", password="x")
    client.force_login(baas)
    page = client.get("/beheer/workflow/medewerker/").content.decode()
    assert "ezk-opsteller" in page
    form = (
        client.get(f"/beheer/workflow/medewerker/{ezk['persoon'].pk}/change/")
        .context["adminform"]
        .form
    )
    assert "is_superuser" in form.fields
    assert ezk["afdeling"] in form.fields["organisatieonderdeel"].queryset
