"""Het overzicht: lead times in werkdagen from a hand-built history, scoped per role, bounded."""

import json
import random
from collections import defaultdict
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.support import at
from workflow import overzicht
from workflow.deadlines import werkkalender
from workflow.models import Medewerker, Organisatieonderdeel
from workflow.services.nota import nota_besluit_vastleggen, nota_indienen, nota_paraferen
from workflow.werkdagen import Werkkalender

# The last day of the hand-built history; the period is December 2023 up to it.
TODAY = date(2023, 12, 28)
DECEMBER = overzicht.Periode(date(2023, 12, 1), TODAY)


def initial(nota, people, days):
    """Submits on 4 December at 9:00 and initials on the given days (afdelingshoofd, directeur,
    DG) at 11:00."""
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))
    for name, day in zip(("afdelingshoofd", "directeur", "dg"), days, strict=True):
        nota_paraferen(nota=nota, by=people[name], now=at(day, 11))


@pytest.fixture
def history(make_nota, people, offices):
    """Two notas decided in December 2023, and one still waiting for its afdelingshoofd.

    Paraaf lead times in werkdagen: A 1, 2, 1 (4→5, 5→7, 7→8 December); B 0, 2, 3 (4→4, 4→6,
    6→11, over a weekend). Sorted 0 1 1 2 2 3: median 1.5, p90 at position 4.5: 2.5.
    Decisions: A from 8 to 13 December, 3 werkdagen; B from 11 to 27 December, 10 werkdagen
    (the weekends and Christmas, 25 and 26 December, do not count): median 6.5, p90 9.3.
    """
    a = make_nota(onderwerp="Nota A")
    initial(a, people, (5, 7, 8))
    nota_besluit_vastleggen(nota=a, by=offices["StasVWS"], uitkomst="akkoord", now=at(13, 15))
    b = make_nota(onderwerp="Nota B")
    initial(b, people, (4, 6, 11))
    nota_besluit_vastleggen(nota=b, by=offices["StasVWS"], uitkomst="akkoord", now=at(27, 15))
    c = make_nota(onderwerp="Nota C", deadline=date(2023, 12, 15))
    nota_indienen(nota=c, by=people["opsteller"], now=at(4, 9))
    return a, b, c


def figures(user, percentile_cont=False):
    return overzicht.overzicht(user, DECEMBER, TODAY, percentile_cont=percentile_cont)


def as_dict(rows):
    return {d.sleutel: (d.aantal, round(d.mediaan, 2), round(d.p90, 2)) for d in rows}


def test_the_calendar_numbers_count_werkdagen_as_the_calendar_does():
    kalender = Werkkalender.rijksoverheid()
    start = date(2023, 12, 1)
    dagen, nummers = overzicht.kalendernummers(kalender, start, date(2024, 1, 31))
    nr = dict(zip(dagen, nummers, strict=True))
    for a in dagen[::3]:
        for b in dagen[::5]:
            if b >= a:
                assert nr[b] - nr[a] == kalender.werkdagen_tussen(a, b), (a, b)


@pytest.mark.parametrize("percentile_cont", [True, False])
def test_medians_and_p90_per_kind_of_step_match_the_hand_built_history(
    history, people, percentile_cont
):
    if percentile_cont and connection.vendor != "postgresql":
        pytest.skip("percentile_cont is PostgreSQL's")
    found = figures(people["dg"], percentile_cont=percentile_cont)
    assert as_dict(found.per_soort) == {
        overzicht.PARAAF: (6, 1.5, 2.5),
        overzicht.BESLUIT: (2, 6.5, 9.3),
    }
    directie = Organisatieonderdeel.objects.get(code="PG")
    assert as_dict(found.per_directie) == {
        (directie, overzicht.PARAAF): (6, 1.5, 2.5),
        (directie, overzicht.BESLUIT): (2, 6.5, 9.3),
    }


def _percentile_cont(values: list[int], tienden: int) -> float:
    """percentile_cont(tienden / 10), as PostgreSQL defines it."""
    values = sorted(values)
    lo, rest = divmod(tienden * (len(values) - 1), 10)
    hi = values[min(lo + 1, len(values) - 1)]
    return values[lo] + (hi - values[lo]) * rest / 10


def _duur(rows) -> tuple[str, list]:
    if connection.vendor == "postgresql":
        return (
            "SELECT * FROM unnest(%s::text[], %s::int[], %s::int[], %s::int[]) "
            "AS d(soort, directie_id, ministerie_id, dagen)",
            [list(column) for column in zip(*rows, strict=True)],
        )
    return (
        "SELECT json_extract(value, '$[0]') AS soort, json_extract(value, '$[1]') AS directie_id, "
        "json_extract(value, '$[2]') AS ministerie_id, json_extract(value, '$[3]') AS dagen "
        "FROM json_each(%s)",
        [json.dumps(rows)],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(6))
def test_the_histogram_percentiles_are_percentile_cont(seed):
    """Random lead times in random groups (a NULL directie or ministry a group of its own): the
    histogram's count, median and p90 per grouping are percentile_cont's, computed in Python
    and, on PostgreSQL, by percentile_cont itself."""
    rng = random.Random(seed)
    spread = rng.choice([1, 4, 40, 400])
    rows = [
        [
            rng.choice(overzicht.STAPSOORTEN), rng.choice([None, 1, 2, 3]),
            rng.choice([None, 7, 8]), rng.randrange(spread),
        ]
        for _ in range(rng.randint(1, 700))
    ]  # fmt: skip
    expected: dict[tuple, list[int]] = defaultdict(list)
    for soort, directie, ministerie, dagen in rows:
        expected[(overzicht.PER_SOORT, soort, None, None)].append(dagen)
        expected[(overzicht.PER_DIRECTIE, soort, directie, None)].append(dagen)
        expected[(overzicht.PER_MINISTERIE, soort, None, ministerie)].append(dagen)
    expected_figures = {
        key: (len(v), round(_percentile_cont(v, 5), 6), round(_percentile_cont(v, 9), 6))
        for key, v in expected.items()
    }

    def found(percentile_cont: bool) -> dict:
        sql, params = _duur(rows)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH duur AS ({sql}) {overzicht._percentielen(percentile_cont=percentile_cont)}",
                params,
            )
            return {
                tuple(r[:4]): (r[4], round(float(r[5]), 6), round(float(r[6]), 6))
                for r in cursor.fetchall()
            }

    assert found(percentile_cont=False) == expected_figures
    if connection.vendor == "postgresql":
        assert found(percentile_cont=True) == expected_figures


def test_a_period_holds_only_the_steps_finished_in_it(history, people):
    # 1 to 5 December: only A's first paraaf (5 December) and B's first (4 December) ended.
    found = overzicht.overzicht(
        people["dg"], overzicht.Periode(date(2023, 12, 1), date(2023, 12, 5)), TODAY
    )
    assert as_dict(found.per_soort) == {overzicht.PARAAF: (2, 0.5, 0.9)}


def test_open_notas_by_status_and_where_they_wait(history, people):
    found = figures(people["directeur"])
    # Decided with akkoord, A and B wait for their letter: still open, with the opsteller.
    assert [(p.naam, p.aantal) for p in found.per_status] == [
        ("in parafering", 1),
        ("akkoord", 2),
    ]
    afdelingshoofd = people["afdelingshoofd"]
    assert [(p.naam, p.aantal) for p in found.plekken] == [
        ("Opstellers PG", 2),
        (str(afdelingshoofd), 1),
    ]


def test_late_steps_say_by_how_many_werkdagen(history, people):
    _a, _b, c = history
    found = figures(people["parlementair"])
    assert found.te_laat_aantal == 1
    [laat] = found.te_laat
    assert laat.kenmerk == c.kenmerk and laat.soort == overzicht.PARAAF
    assert laat.wie == str(people["afdelingshoofd"])
    assert laat.werkdagen == werkkalender().werkdagen_tussen(laat.deadline, TODAY) > 0


def test_toezeggingen_due_in_the_coming_4_and_12_weeks(register_toezegging, people):
    register_toezegging(deadline=TODAY + timedelta(days=10))
    register_toezegging(deadline=TODAY + timedelta(weeks=8))
    register_toezegging(deadline=TODAY + timedelta(weeks=20))
    register_toezegging(deadline=TODAY - timedelta(days=1))
    found = figures(people["parlementair"])
    assert (found.toezeggingen_4, found.toezeggingen_12) == (1, 2)
    assert [t.deadline for t in found.toezeggingen] == [
        TODAY + timedelta(days=10),
        TODAY + timedelta(weeks=8),
    ]


def test_a_manager_of_another_unit_sees_none_of_these_notas(history, outsider, people):
    unit = outsider.organisatieonderdeel
    unit.manager = outsider
    unit.save()
    outsider = Medewerker.objects.get(pk=outsider.pk)
    assert overzicht.may_view(outsider)
    found = figures(outsider)
    assert found.per_soort == [] and found.per_status == [] and found.te_laat == []
    assert found.plekken == []


@pytest.mark.parametrize("who", ["dg", "directeur", "afdelingshoofd", "parlementair", "beheerder"])
def test_managers_coordination_and_beheerders_see_the_page_in_their_menu(client, people, who):
    client.force_login(people[who])
    response = client.get(reverse("overzicht"))
    assert response.status_code == 200
    assert f'href="{reverse("overzicht")}"' in response.content.decode()


@pytest.mark.parametrize("who", ["opsteller", "secretariaat"])
def test_others_get_a_dutch_refusal_and_no_menu_entry(client, people, who):
    client.force_login(people[who])
    response = client.get(reverse("overzicht"))
    assert response.status_code == 403
    assert "managers" in response.content.decode()
    assert f'href="{reverse("overzicht")}"' not in client.get(reverse("home")).content.decode()


def test_the_page_shows_the_charts_with_their_tables(client, history, people, settings):
    client.force_login(people["dg"])
    page = client.get(
        reverse("overzicht"), {"periode": "eigen", "van": "2023-12-01", "tot": "2023-12-28"}
    ).content.decode()
    assert page.count('role="img"') >= 4
    assert "<title" in page and "<desc" in page
    # The table holds the same numbers as the chart: 6 parafen, median 1.5 (Dutch: 1,5).
    assert '<td data-label="Mediaan">1,5</td>' in page or '<td data-label="Median">1.5</td>' in page


def test_an_own_period_that_ends_before_it_begins_is_refused_in_words(client, people):
    client.force_login(people["dg"])
    page = client.get(
        reverse("overzicht"), {"periode": "eigen", "van": "2023-12-28", "tot": "2023-12-01"}
    ).content.decode()
    assert "De periode eindigt voordat hij begint" in page or "ends before it begins" in page


@pytest.mark.parametrize(
    "van, tot",
    [("0001-01-01", "2023-12-01"), ("2023-12-01", "9999-12-31"), ("2010-01-01", "2023-12-01")],
)
def test_a_period_outside_the_known_years_or_too_long_is_refused_in_words(client, people, van, tot):
    """Such dates crashed the page (OverflowError) or made it count millions of days."""
    client.force_login(people["dg"])
    response = client.get(reverse("overzicht"), {"periode": "eigen", "van": van, "tot": tot})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies een periode" in page


def test_the_page_costs_the_same_queries_whatever_the_number_of_notas(
    client, make_nota, people, offices
):
    def queries() -> int:
        client.force_login(people["dg"])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("overzicht"), {"periode": "jaar"}).status_code == 200
        return len(ctx.captured_queries)

    def one_more(n):
        nota = make_nota(onderwerp=f"Nota {n}")
        nota_indienen(nota=nota, by=people["opsteller"])
        nota_paraferen(nota=nota, by=people["afdelingshoofd"])

    one_more(0)
    few = queries()
    for n in range(1, 6):
        one_more(n)
    assert queries() == few
