"""The overzicht's finished steps: one row for every way a step ends, written by the service that
ends it, and the same rows derived from the history by the backfill."""

from datetime import date

import pytest

from tests.support import at
from workflow import overzicht
from workflow.models import AfgerondeStap, Bewindspersoon, Gebeurtenis, Parafeerstap
from workflow.services.afstemming import afstemming_beantwoorden, kamerbrief_afstemming_starten
from workflow.services.kamerbrief import kamerbrief_create
from workflow.services.nota import (
    nota_besluit_vastleggen,
    nota_hervatten,
    nota_herzien,
    nota_indienen,
    nota_intrekken,
    nota_paraferen,
    nota_terugsturen,
    nota_wijzigingen_verwerken,
    parafeerstap_overslaan,
)

PARAAF, BESLUIT, AFSTEMMING = (s.value for s in AfgerondeStap.Soort)
ROUTE = ("afdelingshoofd", "directeur", "dg")


def rows(**filters) -> list[tuple]:
    return sorted(
        AfgerondeStap.objects.filter(**filters).values_list(
            "soort", "nota_id", "organisatieonderdeel_id", "ministerie_id", "begin", "eind",
            "parafeerstap_id", "gebeurtenis_id", "afstemmingsverzoek_id",
        )
    )  # fmt: skip


def ter_beslissing(nota, people, day=5):
    nota_indienen(nota=nota, by=people["opsteller"], now=at(day, 9))
    for name in ROUTE:
        nota_paraferen(nota=nota, by=people[name], now=at(day, 11))


def test_each_paraaf_writes_its_row_from_its_turn_to_the_paraaf(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))
    nota_paraferen(nota=nota, by=people["afdelingshoofd"], now=at(5, 11))
    nota_paraferen(nota=nota, by=people["directeur"], now=at(7, 23))
    stappen = Parafeerstap.objects.filter(nota=nota).order_by("volgorde")
    ah, dir_ = stappen[0], stappen[1]
    assert [(r[0], r[4], r[5], r[6]) for r in rows(nota=nota)] == [
        (PARAAF, date(2023, 12, 4), date(2023, 12, 5), ah.pk),
        # 23:00 in Amsterdam is still the 7th, whatever the hour in UTC.
        (PARAAF, date(2023, 12, 5), date(2023, 12, 7), dir_.pk),
    ]
    assert rows(nota=nota)[0][2] == nota.organisatieonderdeel_id


def test_sending_back_ends_that_step_and_the_lapsed_ones_write_nothing(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))
    nota_terugsturen(nota=nota, by=people["afdelingshoofd"], remark="Cijfers nalopen", now=at(6))
    teruggestuurd = Parafeerstap.objects.get(nota=nota, status="teruggestuurd")
    assert Parafeerstap.objects.filter(nota=nota, status="vervallen").exists()
    assert [(r[0], r[4], r[5], r[6]) for r in rows(nota=nota)] == [
        (PARAAF, date(2023, 12, 4), date(2023, 12, 6), teruggestuurd.pk)
    ]


def test_a_skipped_step_writes_nothing(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))
    stap = Parafeerstap.objects.get(nota=nota, status="aan_de_beurt")
    parafeerstap_overslaan(stap=stap, by=people["beheerder"], reason="Vertrokken", now=at(5))
    assert rows(nota=nota, soort=PARAAF) == []


@pytest.mark.parametrize(
    "uitkomst", ["akkoord", "akkoord_met_wijzigingen", "niet_akkoord", "aangehouden"]
)
def test_every_kind_of_besluit_ends_the_decision_step(make_nota, people, offices, uitkomst):
    nota = make_nota()
    ter_beslissing(nota, people, day=5)
    nota_besluit_vastleggen(
        nota=nota, by=offices["StasVWS"], uitkomst=uitkomst, toelichting="Zo besloten",
        now=at(13, 15),
    )  # fmt: skip
    event = Gebeurtenis.objects.get(nota=nota, actie=f"besluit_{uitkomst}")
    assert [r[:2] + r[4:6] + r[7:8] for r in rows(nota=nota, soort=BESLUIT)] == [
        (BESLUIT, nota.pk, date(2023, 12, 5), date(2023, 12, 13), event.pk)
    ]


def test_a_second_decision_counts_from_when_the_nota_was_back_ter_beslissing(
    make_nota, people, offices
):
    met_wijzigingen, aangehouden = make_nota(), make_nota(onderwerp="Tweede")
    for nota in (met_wijzigingen, aangehouden):
        ter_beslissing(nota, people, day=5)
    stas = offices["StasVWS"]
    nota_besluit_vastleggen(
        nota=met_wijzigingen, by=stas, uitkomst="akkoord_met_wijzigingen", toelichting="Korter",
        now=at(6),
    )  # fmt: skip
    nota_wijzigingen_verwerken(nota=met_wijzigingen, by=people["opsteller"], now=at(8))
    nota_besluit_vastleggen(nota=met_wijzigingen, by=stas, uitkomst="akkoord", now=at(12))
    nota_besluit_vastleggen(
        nota=aangehouden, by=stas, uitkomst="aangehouden", toelichting="Na het debat", now=at(7)
    )
    nota_hervatten(nota=aangehouden, by=stas, now=at(11))
    nota_besluit_vastleggen(
        nota=aangehouden, by=stas, uitkomst="niet_akkoord", toelichting="Nee", now=at(14)
    )
    assert [r[4:6] for r in rows(nota=met_wijzigingen, soort=BESLUIT)] == [
        (date(2023, 12, 5), date(2023, 12, 6)),
        (date(2023, 12, 8), date(2023, 12, 12)),
    ]
    assert [r[4:6] for r in rows(nota=aangehouden, soort=BESLUIT)] == [
        (date(2023, 12, 5), date(2023, 12, 7)),
        (date(2023, 12, 11), date(2023, 12, 14)),
    ]


def test_withdrawn_while_ter_beslissing_ends_the_decision_step_but_not_before(make_nota, people):
    wachtend, in_parafering = make_nota(), make_nota(onderwerp="Nog in parafering")
    ter_beslissing(wachtend, people, day=5)
    nota_intrekken(nota=wachtend, by=people["opsteller"], remark="Niet meer nodig", now=at(8))
    nota_indienen(nota=in_parafering, by=people["opsteller"], now=at(5, 9))
    nota_intrekken(nota=in_parafering, by=people["opsteller"], remark="Niet nodig", now=at(8))
    event = Gebeurtenis.objects.get(nota=wachtend, actie="ingetrokken")
    assert [r[4:6] + r[7:8] for r in rows(nota=wachtend, soort=BESLUIT)] == [
        (date(2023, 12, 5), date(2023, 12, 8), event.pk)
    ]
    assert rows(nota=in_parafering) == []  # its open step lapsed: no lead time


@pytest.fixture
def answered(make_nota, people, offices):
    """One Kamerbrief co-signed by three posts of three ministries, each answering its own way
    (requested 4 December, answered on the 6th, 7th and 8th)."""
    posts = [Bewindspersoon.objects.get(afkorting=a) for a in ("MLZS", "MOCW", "MSZW")]
    brief = kamerbrief_create(
        nota=make_nota(), by=people["opsteller"], betreft="Voortgang", tekst="Geachte voorzitter,",
        medeondertekenaars=posts, now=at(1, 9),
    )  # fmt: skip
    kamerbrief_afstemming_starten(kamerbrief=brief, by=people["opsteller"], now=at(4, 9))
    antwoorden = ("akkoord", "akkoord_met_opmerkingen", "niet_akkoord")
    for day, post, antwoord in zip((6, 7, 8), posts, antwoorden, strict=True):
        verzoek = brief.afstemmingsverzoeken.get(bewindspersoon=post, status="aangevraagd")
        afstemming_beantwoorden(
            verzoek=verzoek, by=offices[post.afkorting], antwoord=antwoord, remark="Zie tekst",
            now=at(day, 10),
        )  # fmt: skip
    return brief, posts


def test_every_kind_of_afstemming_answer_ends_that_request(answered):
    brief, posts = answered
    found = rows(soort=AFSTEMMING)
    assert [(r[1], r[3], r[4], r[5]) for r in found] == [
        (brief.nota_id, post.ministerie_id, date(2023, 12, 4), date(2023, 12, day))
        for post, day in zip(posts, (6, 7, 8), strict=True)
    ]
    verzoeken = set(brief.afstemmingsverzoeken.filter(beantwoord_op__isnull=False).values_list(
        "pk", flat=True
    ))  # fmt: skip
    assert {r[8] for r in found} == verzoeken and len(verzoeken) == 3


def test_the_backfill_derives_exactly_the_rows_the_services_wrote(
    make_nota, people, offices, answered
):
    """Every way a step ends, written live; then derived from the history alone."""
    a, b, c, d = (make_nota(onderwerp=f"Nota {n}") for n in "ABCD")
    ter_beslissing(a, people, day=4)
    nota_besluit_vastleggen(nota=a, by=offices["StasVWS"], uitkomst="akkoord", now=at(13, 15))
    ter_beslissing(b, people, day=5)
    nota_besluit_vastleggen(
        nota=b, by=offices["StasVWS"], uitkomst="niet_akkoord", toelichting="Nee", now=at(6)
    )
    nota_herzien(nota=b, by=people["opsteller"], now=at(7))
    ter_beslissing(c, people, day=6)
    nota_intrekken(nota=c, by=people["opsteller"], remark="Vervalt", now=at(12))
    nota_indienen(nota=d, by=people["opsteller"], now=at(4, 9))
    nota_paraferen(nota=d, by=people["afdelingshoofd"], now=at(5, 8))
    nota_terugsturen(nota=d, by=people["directeur"], remark="Nogmaals", now=at(11, 23))
    live = rows()
    # A, B and C: three parafen and a decision each; D: a paraaf and a sending back; three
    # answers.
    assert {r[0] for r in live} == {PARAAF, BESLUIT, AFSTEMMING} and len(live) == 17
    figures = overzicht.overzicht(
        people["dg"], overzicht.Periode(date(2023, 12, 1), date(2023, 12, 28)), date(2023, 12, 28)
    )

    AfgerondeStap.objects.all().delete()
    assert overzicht.afgeronde_stappen_aanvullen() == len(live)
    assert rows() == live
    assert overzicht.afgeronde_stappen_aanvullen() == 0  # nothing twice
    again = overzicht.overzicht(
        people["dg"], overzicht.Periode(date(2023, 12, 1), date(2023, 12, 28)), date(2023, 12, 28)
    )
    assert (again.per_soort, again.per_directie, again.per_ministerie) == (
        figures.per_soort,
        figures.per_directie,
        figures.per_ministerie,
    )
    assert len(again.per_ministerie) == 3
