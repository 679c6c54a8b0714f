"""The registers page through their lists without counting all of them, and answer a search and
a later page from indexes."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workflow import bladeren, register
from workflow.bladeren import bladzijde
from workflow.models import Motie, Toezegging
from workflow.register import RegisterFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def moties(register_motie):
    def make(n: int):
        return [
            register_motie(
                titel=f"Motie nummer {i}",
                kamerstuk=f"Kamerstuk 36 000, nr. {i}",
                indieners=[(f"Lid{i}", "GL-PvdA")],
                datum=date(2024, 1, 1 + i % 28),
            )
            for i in range(1, n + 1)
        ]

    return make


def test_a_page_knows_its_neighbours_without_a_full_count(moties, monkeypatch):
    moties(7)
    monkeypatch.setattr(bladeren, "TELLEN_TOT", 5)
    items = Motie.objects.order_by("-datum", "pk")
    eerste = bladzijde(items, "1", 3)
    assert len(eerste.object_list) == 3 and eerste.has_next and not eerste.has_previous
    assert eerste.meer_dan and eerste.num_pages is None  # counted to 6 of 7: "meer dan 5"
    derde = bladzijde(items, 3, 3)
    assert [m.pk for m in derde.object_list] == [list(items)[6].pk]
    assert not derde.has_next and derde.has_previous
    ver = bladzijde(items, 9, 3)  # past the end of a list not counted to its end: empty, a way back
    assert ver.object_list == [] and ver.has_previous


def test_a_short_list_is_counted_and_a_page_past_its_end_is_its_last(moties):
    moties(4)
    items = Motie.objects.order_by("-datum", "pk")
    page = bladzijde(items, "99", 3)
    assert page.number == 2 and page.num_pages == 2 and page.aantal == 4 and not page.meer_dan
    assert bladzijde(items, "geen getal", 3).number == 1
    assert bladzijde(items, "-4", 3).number == 1


def test_a_page_number_past_any_list_is_refused_politely(moties, monkeypatch):
    """An OFFSET beyond a bigint was a server error on both databases."""
    moties(4)
    monkeypatch.setattr(bladeren, "TELLEN_TOT", 2)
    page = bladzijde(Motie.objects.order_by("-datum", "pk"), "1" + "0" * 20, 3)
    assert page.object_list == [] and page.number == bladeren.VERSTE_PAGINA


def test_the_count_reads_at_most_one_row_more_than_it_shows(moties):
    moties(3)
    with CaptureQueriesContext(connection) as queries:
        bladzijde(Motie.objects.order_by("-datum", "pk"), 1, 2)
    count = next(q["sql"] for q in queries.captured_queries if "COUNT" in q["sql"].upper())
    assert "LIMIT 1001" in count.upper(), count


def test_the_register_page_says_more_than_when_it_did_not_count_all(
    moties, client, people, monkeypatch
):
    moties(4)
    monkeypatch.setattr(bladeren, "TELLEN_TOT", 2)
    client.force_login(people["parlementair"])
    content = client.get(reverse("motie_list")).content.decode()
    assert "Meer dan 2 moties" in content


def test_the_moties_search_finds_an_indiener_and_forgets_a_replaced_one(moties, people):
    from workflow.commitments import motie_update

    motie = moties(2)[0]
    found = register.moties_register(RegisterFilter(q="lid1"), date(2024, 6, 1))
    assert [m.pk for m in found] == [motie.pk]
    motie_update(motie=motie, by=people["parlementair"], indieners=[("Bikker", "ChristenUnie")])
    assert not register.moties_register(RegisterFilter(q="Lid1 GL"), date(2024, 6, 1)).exists()
    assert [
        m.pk for m in register.moties_register(RegisterFilter(q="christenunie"), date(2024, 6, 1))
    ] == [motie.pk]


@pytest.mark.postgres
def test_postgresql_answers_the_register_from_its_indexes(moties):
    moties(2)
    plans = {}
    with connection.cursor() as cursor:
        # On a near-empty table the planner may prefer any plain scan; with those priced out, a
        # plan that can answer from an index must use it.
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute("SET enable_indexscan = off")
            plans["motie zoeken"] = register.moties_register(
                RegisterFilter(q="nummer"), date(2024, 6, 1)
            ).explain()
            cursor.execute("RESET enable_indexscan")
            plans["moties"] = Motie.objects.order_by("-datum", "pk")[40:51].explain()
            plans["toezeggingen"] = Toezegging.objects.order_by("deadline", "pk")[40:51].explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")
    assert "motie_zoektekst_trgm" in plans["motie zoeken"], plans["motie zoeken"]
    assert "motie_registervolgorde" in plans["moties"], plans["moties"]
    assert "toezegging_registervolgorde" in plans["toezeggingen"], plans["toezeggingen"]
    assert "Sort" not in plans["moties"].split("->")[0]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_datums_write_a_moment_as_the_templates_date_filter_does(taal):
    """In the reader's time zone and language: the last half hour of winter time in Amsterdam
    (00:30 UTC is 01:30 there), in both languages one after the other (month names are
    remembered per language)."""
    from datetime import UTC, datetime

    from django.template import Context, Template
    from django.utils import translation

    moment = datetime(2023, 3, 26, 0, 30, tzinfo=UTC)
    with translation.override(taal):
        expected = Template('{{ m|date:"j F Y H:i" }}').render(Context({"m": moment}))
        assert bladeren.Datums().met_tijd(moment) == expected
    assert expected in ("26 maart 2023 01:30", "26 March 2023 01:30")
