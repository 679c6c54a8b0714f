"""The coordinator asks more contributions in an open round from its page, each with its own
deadline; bad input gets a Dutch reason and asks nobody."""

import pytest
from django.urls import reverse

from programma import services
from programma.models import Maatregel, Voortgangsbijdrage

pytestmark = pytest.mark.django_db


@pytest.fixture
def ronde(programma, people):
    een = Maatregel.objects.get(nummer=1)
    return services.ronde_open(
        programma=programma, by=people["afdelingshoofd"], jaar=2024, titel="Ronde 2024",
        werkdagen=10, maatregelen=[een],
    )  # fmt: skip


def ask(client, ronde, nummers, werkdagen=3):
    return client.post(
        reverse("ronde_vragen", args=[ronde.pk]), {"nummers": nummers, "werkdagen": werkdagen}
    )


def asked(ronde):
    return sorted(ronde.bijdragen.values_list("maatregel__nummer", flat=True))


def test_the_coordinator_asks_one_more_with_its_own_deadline(client, people, ronde):
    client.force_login(people["afdelingshoofd"])
    page = client.get(reverse("ronde_detail", args=[ronde.pk])).content.decode()
    assert "Meer bijdragen vragen" in page
    response = ask(client, ronde, "2")
    assert response.status_code == 302
    assert asked(ronde) == [1, 2]
    later = ronde.bijdragen.get(maatregel__nummer=2)
    assert later.status == Voortgangsbijdrage.Status.GEVRAAGD
    page = client.get(response["Location"]).content.decode()
    assert "Gevraagd: maatregel 2, deadline" in page


def test_bad_numbers_get_a_dutch_reason_and_ask_nobody(client, people, ronde):
    client.force_login(people["afdelingshoofd"])
    page = ask(client, ronde, "twee").content.decode()
    assert "Er is een probleem" in page
    assert "Geef de maatregelnummers in cijfers" in page
    page = ask(client, ronde, "2, 31").content.decode()
    assert "Dit programma heeft geen maatregel 31." in page
    page = ask(client, ronde, "2", werkdagen=0).content.decode()
    assert "Er is een probleem" in page
    assert asked(ronde) == [1]
    response = ask(client, ronde, "1")
    assert "al gevraagd" in client.get(response["Location"]).content.decode()
    assert asked(ronde) == [1]


def test_only_the_coordinator_sees_the_form_and_may_ask(client, people, ronde):
    client.force_login(people["opsteller"])
    page = client.get(reverse("ronde_detail", args=[ronde.pk])).content.decode()
    assert reverse("ronde_vragen", args=[ronde.pk]) not in page
    response = ask(client, ronde, "2")
    assert "Alleen de coördinator" in client.get(response["Location"]).content.decode()
    assert asked(ronde) == [1]
