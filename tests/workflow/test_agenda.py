"""The deadlines calendar: my month, with days off and recesses, and the iCal feed it shares."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.support import at
from workflow.models import Reces, Vervanging
from workflow.services.nota import nota_indienen


@pytest.fixture
def waiting_at_afdelingshoofd(make_nota, people):
    """Deadline Fri 15 Dec; submitted Mon 4 Dec: the afdelingshoofd's paraaf is due Fri 8 Dec."""
    nota = make_nota(deadline=date(2023, 12, 15))
    return nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))


def month(client, who, maand="2023-12"):
    client.force_login(who)
    response = client.get(reverse("agenda"), {"maand": maand})
    assert response.status_code == 200
    return response.content.decode()


def test_the_parafeerder_sees_the_deadline_on_its_day_with_a_link(
    client, waiting_at_afdelingshoofd, people
):
    # The migrations seed "Kerstreces 2023" already, unless a transactional test emptied the table.
    Reces.objects.update_or_create(
        van=date(2023, 12, 22), defaults={"naam": "kerstreces 2023", "tot": date(2024, 1, 15)}
    )
    page = month(client, people["afdelingshoofd"])
    nota_url = reverse("nota_detail", args=[waiting_at_afdelingshoofd.pk])
    assert f'<a href="{nota_url}">Paraferen: {waiting_at_afdelingshoofd.kenmerk}</a>' in page
    assert "vrijdag 8 december 2023" in page  # the list under the grid
    assert "Eerste kerstdag" in page and "Tweede kerstdag" in page
    assert "kerstreces 2023" in page
    assert 'Alle termijnen in december 2023 <span class="count">(1)</span>' in page
    assert 'href="?maand=2023-11"' in page and 'href="?maand=2024-01"' in page


def test_nobody_else_sees_it_but_whoever_stands_in(client, waiting_at_afdelingshoofd, people):
    kenmerk = waiting_at_afdelingshoofd.kenmerk
    assert kenmerk not in month(client, people["directeur"])
    assert kenmerk not in month(client, people["afdelingshoofd"], "2024-01")
    today = timezone.localdate()
    Vervanging.objects.create(
        medewerker=people["afdelingshoofd"], vervanger=people["directeur"], van=today, tot=today
    )
    assert kenmerk in month(client, people["directeur"])


def test_the_register_keeper_sees_toezeggingen_here_and_in_the_ical_feed(
    client, register_toezegging, people
):
    toezegging = register_toezegging(deadline=date(2023, 12, 29))
    page = month(client, people["parlementair"])
    assert reverse("toezegging_detail", args=[toezegging.pk]) in page
    assert "Toezegging nakomen" in page
    feed = client.get(f"/agenda/{people['parlementair'].ical_token}.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20231229" in feed
    assert "Toezegging nakomen" in feed
    assert f"/toezeggingen/{toezegging.pk}/" in feed
    assert toezegging.tekst[:20] not in month(client, people["opsteller"])


def test_a_wrong_month_gets_a_dutch_message_and_this_month(client, people):
    for wrong in ("december", "2023-13", "0-1", "2023-12-01"):
        page = month(client, people["opsteller"], wrong)
        assert "is geen maand; geef hem als jaar-maand, zoals 2023-12." in page
        following = (timezone.localdate().replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
        assert f'href="?maand={following}"' in page  # the links around this month


def test_the_calendar_needs_a_login(client):
    response = client.get(reverse("agenda"))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_calendar_queries_do_not_grow_with_deadlines(
    client, make_nota, people, django_assert_max_num_queries
):
    def waiting(n):
        for day in range(n):
            nota = make_nota(deadline=date(2023, 12, 15 + day % 5))
            nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))

    client.force_login(people["afdelingshoofd"])
    waiting(1)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("agenda"), {"maand": "2023-12"})
    before = len(few)
    waiting(8)
    with django_assert_max_num_queries(before):
        page = client.get(reverse("agenda"), {"maand": "2023-12"}).content.decode()
    assert page.count("Paraferen: ") == 9  # in the grid (the list names the action apart)
