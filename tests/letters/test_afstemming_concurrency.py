"""Two people changing a letter's afstemming at once, on PostgreSQL with real connections: the
letter's row lock serialises them, one wins, and nothing is half-done or written twice."""

import pytest

from letters.models import Afstemmingsverzoek
from tests.workflow.test_concurrency import refusals, run_at_once, unexpected
from workflow.models import Bewindspersoon, Herinnering
from workflow.services.afstemming import (
    afstemming_beantwoorden,
    afstemming_remind,
    kamerbrief_add_cosigner,
    kamerbrief_drop_cosigner,
)

from .test_afstemming_beheer import brief  # noqa: F401 (the fixture)
from .test_kamerbrief import in_afstemming

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def post(name):
    return Bewindspersoon.objects.get(afkorting=name)


def test_adding_the_same_cosigner_in_two_tabs_at_once_asks_them_once(brief, people):  # noqa: F811
    in_afstemming(brief, people)
    add = lambda: kamerbrief_add_cosigner(  # noqa: E731
        kamerbrief=brief, by=people["opsteller"], bewindspersoon=post("MOCW"), remark="Raakt OCW."
    )
    results = run_at_once(add, add)
    assert unexpected(results) == []
    assert len(refusals(results)) == 1
    assert "is al medeondertekenaar" in refusals(results)[0].message
    assert brief.afstemmingsverzoeken.filter(bewindspersoon__afkorting="MOCW").count() == 1
    assert brief.gebeurtenissen.filter(actie="medeondertekenaar_toegevoegd").count() == 1


def test_dropping_a_cosigner_while_their_office_answers_leaves_no_request_standing(
    brief,  # noqa: F811
    people,
    offices,
):
    in_afstemming(brief, people)
    verzoek = brief.afstemmingsverzoeken.get()

    def drop():
        return kamerbrief_drop_cosigner(
            kamerbrief=brief, by=people["opsteller"], bewindspersoon=post("MLZS"),
            remark="Tekent niet mee.",
        )  # fmt: skip

    def answer():
        return afstemming_beantwoorden(verzoek=verzoek, by=offices["MLZS"], antwoord="akkoord")

    results = run_at_once(drop, answer)
    assert unexpected(results) == []
    # Either the answer came first (and was then withdrawn with the co-signer), or the drop came
    # first and the answer was refused: never an akkoord of a co-signer who is gone.
    assert len(refusals(results)) <= 1
    assert not brief.medeondertekenaars.exists()
    assert not brief.afstemmingsverzoeken.filter(status__in=Afstemmingsverzoek.GELDIG).exists()


def test_a_double_click_on_remind_now_writes_one_reminder(brief, people):  # noqa: F811
    in_afstemming(brief, people)
    verzoek = brief.afstemmingsverzoeken.get()
    remind = lambda: afstemming_remind(verzoek=verzoek, by=people["opsteller"])  # noqa: E731
    results = run_at_once(remind, remind)
    assert unexpected(results) == []
    assert sorted(r.aantal for r in results) == [0, 1]
    assert Herinnering.objects.filter(soort="handmatig").count() == 1
    assert brief.gebeurtenissen.filter(actie="afstemming_herinnerd").count() == 1
