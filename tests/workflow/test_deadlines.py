"""Planning in werkdagen, warnings, and the dates that call for reminders."""

from datetime import date

import pytest

from tests.support import at
from workflow.deadlines import planning_warnings, werkdagen_in_words, werkkalender
from workflow.models import Gebeurtenis, Herinnering, Sluitingsdag
from workflow.reminders import reminder_dates
from workflow.services.afstemming import kamerbrief_afstemming_starten
from workflow.services.kamerbrief import kamerbrief_create
from workflow.services.nota import nota_indienen
from workflow.werkdagen import Werkkalender

H = Herinnering.Soort
RIJK = Werkkalender.rijksoverheid()


def test_submitting_plans_each_step_backwards_from_the_nota_deadline(make_nota, people):
    # Deadline Fri 15 Dec 2023; the office gets 3 werkdagen, each step 1 werkdag before that.
    nota = make_nota(deadline=date(2023, 12, 15))
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4))
    steps = {s.parafeerder.username: s.deadline for s in nota.parafeerstappen.all()}
    assert steps == {
        "dg": date(2023, 12, 12),
        "directeur": date(2023, 12, 11),
        "afdelingshoofd": date(2023, 12, 8),
    }
    assert not Gebeurtenis.objects.filter(nota=nota, actie="planning_waarschuwing").exists()


def test_an_infeasible_plan_is_said_out_loud(make_nota, people):
    nota = make_nota(deadline=date(2023, 12, 15))
    nota = nota_indienen(nota=nota, by=people["opsteller"], now=at(14))
    warning = Gebeurtenis.objects.get(nota=nota, actie="planning_waarschuwing")
    assert "niet haalbaar" in warning.opmerking
    assert "08-12-2023" in warning.opmerking
    assert planning_warnings(nota, now=at(14))


def test_a_closure_day_moves_the_plan(make_nota, people):
    Sluitingsdag.objects.create(datum=date(2023, 12, 11), omschrijving="Sluitingsdag")
    nota = make_nota(deadline=date(2023, 12, 15))
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4))
    steps = {s.parafeerder.username: s.deadline for s in nota.parafeerstappen.all()}
    assert steps["directeur"] == date(2023, 12, 8)
    assert steps["afdelingshoofd"] == date(2023, 12, 7)
    assert not werkkalender().is_werkdag(date(2023, 12, 11))


def test_the_seed_letter_before_the_kerstreces_gets_no_warning_but_after_it_does(
    make_nota, people, offices
):
    nota = make_nota(deadline=date(2023, 12, 15))
    brief = kamerbrief_create(
        nota=nota, by=people["opsteller"], betreft="Voortgang", tekst="Tekst.",
        geplande_verzenddatum=date(2023, 12, 21),
    )  # fmt: skip
    assert planning_warnings(nota, now=at(1)) == []
    type(brief).objects.filter(pk=brief.pk).update(geplande_verzenddatum=date(2023, 12, 22))
    warnings = planning_warnings(type(nota).objects.get(pk=nota.pk), now=at(1))
    assert len(warnings) == 1
    assert "Kerstreces 2023" in warnings[0].tekst
    assert "15-01-2024" in warnings[0].tekst


def test_afstemming_deadline_is_planned_before_the_besluit(make_nota, people, offices):
    from workflow.models import Bewindspersoon

    nota = make_nota(deadline=date(2023, 12, 15))
    brief = kamerbrief_create(
        nota=nota, by=people["opsteller"], betreft="Voortgang", tekst="Tekst.",
        medeondertekenaars=[Bewindspersoon.objects.get(afkorting="MLZS")],
    )  # fmt: skip
    kamerbrief_afstemming_starten(kamerbrief=brief, by=people["opsteller"])
    assert brief.afstemmingsverzoeken.get().deadline == date(2023, 12, 12)


@pytest.mark.parametrize(
    ("deadline", "today", "words"),
    [
        (date(2023, 12, 15), date(2023, 12, 13), "nog 2 werkdagen"),
        (date(2023, 12, 15), date(2023, 12, 14), "nog 1 werkdag"),
        (date(2023, 12, 15), date(2023, 12, 15), "vandaag"),
        (date(2023, 12, 15), date(2023, 12, 20), "3 werkdagen te laat"),
        (date(2023, 12, 22), date(2023, 12, 27), "1 werkdag te laat"),  # over Christmas
    ],
)
def test_deadline_in_words(deadline, today, words, settings):
    from django.utils import translation

    with translation.override("nl"):
        assert werkdagen_in_words(deadline, today, RIJK) == words


def test_reminder_dates_for_the_seed_deadline():
    # Tue 12 Dec 2023 is 3 werkdagen before Fri 15 Dec: the reminder before goes out.
    dates = reminder_dates(date(2023, 12, 12), RIJK, 3, 7)
    assert date(2023, 12, 15) in dates[H.VOORAF]
    assert date(2023, 12, 12) in dates[H.OP_DE_DAG]
    assert date(2023, 12, 11) in dates[H.ESCALATIE]
    assert date(2023, 12, 18) not in dates[H.VOORAF]


def test_a_weekend_deadline_is_reminded_on_the_friday():
    dates = reminder_dates(date(2023, 12, 15), RIJK, 3, 7)
    assert {date(2023, 12, 15), date(2023, 12, 16), date(2023, 12, 17)} <= dates[H.OP_DE_DAG]


def test_escalation_waits_for_the_first_werkdag_after_christmas():
    assert date(2023, 12, 22) not in reminder_dates(date(2023, 12, 25), RIJK, 3, 7)[H.ESCALATIE]
    assert reminder_dates(date(2023, 12, 25), RIJK, 3, 7) == {
        H.VOORAF: set(),
        H.OP_DE_DAG: set(),
        H.ESCALATIE: set(),
    }  # no reminders on a holiday
    assert date(2023, 12, 22) in reminder_dates(date(2023, 12, 27), RIJK, 3, 7)[H.ESCALATIE]


def test_no_reminders_are_sent_on_weekends():
    assert not any(reminder_dates(date(2023, 12, 16), RIJK, 3, 7).values())
