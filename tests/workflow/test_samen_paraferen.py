"""Bulk paraferen in the werkvoorraad, and the directie filter within a group.

Only notas the parafeerder opened in this round can be ticked; each paraaf is its own service
call (permission, lock, history event); one refused nota does not block the others."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from letters.models import Nota
from workflow.models import Gebeurtenis, Inzage, Organisatieonderdeel, Parafeerstap
from workflow.services.nota import (
    nota_geopend,
    nota_indienen,
    nota_intrekken,
    nota_paraferen,
    nota_terugsturen,
)


@pytest.fixture
def drie(make_nota, people):
    notas = []
    for onderwerp in ("Zorgverzekering", "Apotheken", "Mantelzorg"):
        nota = make_nota(onderwerp=onderwerp)
        nota_indienen(nota=nota, by=people["opsteller"])
        notas.append(Nota.objects.get(pk=nota.pk))
    return notas


def werkvoorraad(client, user, **params):
    client.force_login(user)
    content = html.unescape(client.get(reverse("home"), params).content.decode())
    return content.split('id="groep-te_paraferen"')[1].split("</section>")[0]


def bulk(client, user, notas):
    client.force_login(user)
    response = client.post(
        reverse("notas_paraferen"), {"nota": [str(n.pk) for n in notas]}, follow=True
    )
    return html.unescape(response.content.decode())


def paraaf_events(nota):
    return Gebeurtenis.objects.filter(nota=nota, actie="geparafeerd").count()


def test_opening_the_nota_page_at_your_turn_makes_it_tickable(client, drie, people):
    groep = werkvoorraad(client, people["afdelingshoofd"])
    assert 'name="nota"' not in groep
    assert groep.count("eerst openen") == 3
    assert "alleen nota's die u in deze ronde heeft geopend" in groep
    client.get(reverse("nota_detail", args=[drie[0].pk]))
    client.get(reverse("nota_detail", args=[drie[0].pk]))  # a second visit adds nothing
    assert Inzage.objects.filter(medewerker=people["afdelingshoofd"]).count() == 1
    groep = werkvoorraad(client, people["afdelingshoofd"])
    assert f'name="nota" value="{drie[0].pk}"' in groep
    assert groep.count('name="nota"') == 1
    assert ">Aangevinkte nota's paraferen</button>" in groep


def test_a_later_visit_in_the_same_round_writes_nothing(client, drie, people):
    """The page knows it was opened in this round: no transaction on every later visit; a new
    round is recorded again."""
    client.force_login(people["afdelingshoofd"])
    client.get(reverse("nota_detail", args=[drie[0].pk]))
    with CaptureQueriesContext(connection) as later:
        client.get(reverse("nota_detail", args=[drie[0].pk]))
    assert not [q for q in later.captured_queries if q["sql"].startswith("INSERT")]
    nota_terugsturen(nota=drie[0], by=people["afdelingshoofd"], remark="Graag de cijfers.")
    nota_indienen(nota=Nota.objects.get(pk=drie[0].pk), by=people["opsteller"])
    client.get(reverse("nota_detail", args=[drie[0].pk]))
    assert sorted(Inzage.objects.values_list("ronde", flat=True)) == [1, 2]


def test_a_reader_whose_turn_it_is_not_records_no_opening(client, drie, people):
    client.force_login(people["directeur"])  # the next step: not their turn yet
    client.get(reverse("nota_detail", args=[drie[0].pk]))
    assert not Inzage.objects.exists()


def test_bulk_paraferen_initials_each_opened_nota_and_refuses_the_unopened(client, drie, people):
    hoofd = people["afdelingshoofd"]
    client.force_login(hoofd)
    for nota in drie[:2]:
        client.get(reverse("nota_detail", args=[nota.pk]))
    content = bulk(client, hoofd, drie)
    assert f"Geparafeerd: 2 nota's ({drie[0].kenmerk}, {drie[1].kenmerk})." in content
    assert f"Niet geparafeerd: {drie[2].kenmerk}. U heeft deze versie van de nota" in content
    for nota in drie[:2]:
        assert paraaf_events(nota) == 1  # each its own history event, by its own call
        stap = Parafeerstap.objects.get(nota=nota, parafeerder=hoofd)
        assert (stap.status, stap.afgehandeld_door) == ("geparafeerd", hoofd)
    assert paraaf_events(drie[2]) == 0
    assert Parafeerstap.objects.get(nota=drie[2], parafeerder=hoofd).status == "aan_de_beurt"


def test_a_nota_that_moved_meanwhile_is_refused_and_the_others_go_through(client, drie, people):
    hoofd = people["afdelingshoofd"]
    for nota in drie:
        nota_geopend(nota=nota, by=hoofd)
    # Meanwhile: one is withdrawn by the opsteller, one sent back and submitted again (a new
    # round, which the afdelingshoofd has not opened).
    nota_intrekken(nota=drie[0], by=people["opsteller"], remark="Vervalt.")
    nota_terugsturen(nota=drie[1], by=hoofd, remark="Graag korter.")
    nota_indienen(nota=Nota.objects.get(pk=drie[1].pk), by=people["opsteller"])
    content = bulk(client, hoofd, drie)
    assert f"Geparafeerd: 1 nota ({drie[2].kenmerk})." in content
    assert f"Niet geparafeerd: {drie[0].kenmerk}." in content
    assert f"Niet geparafeerd: {drie[1].kenmerk}. U heeft deze versie van de nota" in content
    assert Nota.objects.get(pk=drie[0].pk).status == Nota.Status.INGETROKKEN
    assert paraaf_events(drie[0]) == 0 and paraaf_events(drie[1]) == 0
    assert paraaf_events(drie[2]) == 1


def test_bulk_paraferen_checks_each_permission(client, drie, people, outsider):
    nota_geopend(nota=drie[0], by=people["afdelingshoofd"])
    # The directeur's turn has not come; the outsider may not even see the notas.
    for user in (people["directeur"], outsider):
        content = bulk(client, user, drie[:1])
        assert "Niet geparafeerd:" in content and "Geparafeerd:" not in content
    assert paraaf_events(drie[0]) == 0
    content = bulk(client, people["afdelingshoofd"], [])
    assert "Vink de nota's aan die u wilt paraferen." in content


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sessions_bulk_paraferen_the_same_notas_at_once_initial_each_once(drie, people):
    from tests.workflow.test_concurrency import run_at_once

    hoofd = people["afdelingshoofd"]
    for nota in drie:
        nota_geopend(nota=nota, by=hoofd)

    def paraferen_all():
        done = []
        for nota in drie:
            try:
                nota_paraferen(nota=nota, by=hoofd, alleen_geopend=True)
                done.append(nota.pk)
            except Exception as exc:  # the refusals are the point
                done.append(exc)
        return done

    first, second = run_at_once(paraferen_all, paraferen_all)
    wins = [r for r in first + second if isinstance(r, int)]
    assert sorted(wins) == sorted(n.pk for n in drie)
    refused = [r for r in first + second if not isinstance(r, int)]
    assert len(refused) == 3 and all(hasattr(r, "message") for r in refused)
    for nota in drie:
        assert paraaf_events(nota) == 1


def test_a_group_filters_on_directie(client, drie, people):
    vgp = Organisatieonderdeel.objects.get(code="VGP", ministerie__afkorting="VWS")
    Nota.objects.filter(pk=drie[1].pk).update(organisatieonderdeel=vgp)
    groep = werkvoorraad(client, people["afdelingshoofd"])
    assert '<option value="te_paraferen:PG">PG</option>' in groep
    assert '<option value="te_paraferen:VGP">VGP</option>' in groep
    groep = werkvoorraad(client, people["afdelingshoofd"], directie="te_paraferen:VGP")
    assert "Apotheken" in groep
    assert "Zorgverzekering" not in groep and "Mantelzorg" not in groep
    assert '<option value="te_paraferen:VGP" selected>' in groep
    # Sorting keeps the filter; an unknown directie shows the whole group.
    assert "sorteer=te_paraferen:onderwerp&directie=te_paraferen:VGP" in groep
    groep = werkvoorraad(client, people["afdelingshoofd"], directie="te_paraferen:XYZ")
    assert groep.count("<tr>") == 4  # the heading and three lines
