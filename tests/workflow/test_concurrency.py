"""Two people acting on the same nota at once, on PostgreSQL with real concurrent connections.

Each thread has its own database connection; a barrier releases them together. Exactly one wins,
the others are refused with a clear message, and nothing is half-done or written twice.
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from letters.models import Afstemmingsverzoek, Kamerbrief, Nota
from workflow.handelen import ActionNotAllowed
from workflow.models import Besluit, Gebeurtenis, Medewerker, Organisatieonderdeel, Parafeerstap
from workflow.services.afstemming import afstemming_beantwoorden, kamerbrief_afstemming_starten
from workflow.services.kamerbrief import BriefGewijzigd, kamerbrief_create, kamerbrief_edit
from workflow.services.nota import (
    nota_besluit_vastleggen,
    nota_indienen,
    nota_intrekken,
    nota_paraferen,
)
from workflow.services.opstellen import nota_create
from workflow.services.route import nota_route_set

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_at_once(*calls: Callable[[], object]) -> list[object]:
    """Runs the calls in threads released together; returns each result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            results[i] = call()
        except Exception as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung: deadlock?"
    return results


def refusals(results):
    return [r for r in results if isinstance(r, ActionNotAllowed)]


def unexpected(results):
    return [r for r in results if isinstance(r, Exception) and not isinstance(r, ActionNotAllowed)]


def ter_beslissing(make_nota, people) -> Nota:
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name])
    nota.refresh_from_db()
    return nota


def test_two_office_staff_recording_a_besluit_at_once_one_wins(make_nota, people):
    collega = Medewerker.objects.create_user(
        username="sec2", password="x", bureau_van=people["secretariaat"].bureau_van
    )
    nota = ter_beslissing(make_nota, people)
    results = run_at_once(
        lambda: nota_besluit_vastleggen(nota=nota, by=people["secretariaat"], uitkomst="akkoord"),
        lambda: nota_besluit_vastleggen(
            nota=nota, by=collega, uitkomst="aangehouden", toelichting="Eerst overleg."
        ),
    )
    assert unexpected(results) == []
    assert len(refusals(results)) == 1
    assert "Dit kan nu niet: de nota is" in refusals(results)[0].message
    nota.refresh_from_db()
    assert nota.status in (Nota.Status.AKKOORD, Nota.Status.AANGEHOUDEN)
    assert Besluit.objects.filter(nota=nota).count() == 1
    assert Gebeurtenis.objects.filter(nota=nota, actie__startswith="besluit_").count() == 1


def test_parafeerder_and_substitute_initialling_the_same_step_at_once(make_nota, people, absent):
    vervanger = Medewerker.objects.create_user(username="plv", password="x")
    from datetime import date

    absent(people["afdelingshoofd"], vervanger, van=date(2000, 1, 1), tot=date(2999, 1, 1))
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    results = run_at_once(
        lambda: nota_paraferen(nota=nota, by=people["afdelingshoofd"]),
        lambda: nota_paraferen(nota=nota, by=vervanger),
    )
    assert unexpected(results) == []
    assert len(refusals(results)) == 1
    assert Gebeurtenis.objects.filter(nota=nota, actie="geparafeerd").count() == 1
    stappen = {s.parafeerder.username: s.status for s in nota.parafeerstappen.all()}
    assert stappen["afdelingshoofd"] == Parafeerstap.Status.GEPARAFEERD
    assert stappen["directeur"] == Parafeerstap.Status.AAN_DE_BEURT


def test_parallel_meeparafen_at_once_move_the_route_on_exactly_once(make_nota, people):
    # Meeparafeerders of other directies: only who works in one may initial.
    wjz = Medewerker.objects.create_user(
        username="wjz",
        password="x",
        organisatieonderdeel=Organisatieonderdeel.objects.get(code="WJZ"),
    )
    fez = Medewerker.objects.create_user(
        username="fez",
        password="x",
        organisatieonderdeel=Organisatieonderdeel.objects.get(code="FEZ"),
    )
    nota = make_nota()
    nota_route_set(
        nota=nota,
        by=people["opsteller"],
        stappen=[(1, people["directeur"], ""), (1, wjz, ""), (1, fez, ""), (2, people["dg"], "")],
    )
    nota_indienen(nota=nota, by=people["opsteller"])
    results = run_at_once(
        lambda: nota_paraferen(nota=nota, by=people["directeur"]),
        lambda: nota_paraferen(nota=nota, by=wjz),
        lambda: nota_paraferen(nota=nota, by=fez),
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    dg_step = nota.parafeerstappen.get(parafeerder=people["dg"])
    assert dg_step.status == Parafeerstap.Status.AAN_DE_BEURT
    assert Gebeurtenis.objects.filter(nota=nota, actie="geparafeerd").count() == 3


def test_paraferen_and_intrekken_at_once_leave_a_consistent_nota(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    results = run_at_once(
        lambda: nota_paraferen(nota=nota, by=people["afdelingshoofd"]),
        lambda: nota_intrekken(nota=nota, by=people["opsteller"], remark="Vervalt."),
    )
    assert unexpected(results) == []
    nota.refresh_from_db()
    assert nota.status == Nota.Status.INGETROKKEN
    open_steps = nota.parafeerstappen.filter(
        status__in=[Parafeerstap.Status.WACHTEND, Parafeerstap.Status.AAN_DE_BEURT]
    )
    assert not open_steps.exists()
    paraaf_won = not isinstance(results[0], Exception)
    assert Gebeurtenis.objects.filter(nota=nota, actie="geparafeerd").count() == int(paraaf_won)


def test_notas_created_at_once_get_distinct_kenmerken(people, stas, route_template):
    opsteller = people["opsteller"]
    results = run_at_once(
        *[
            (lambda i=i: nota_create(by=opsteller, aan=stas, onderwerp=f"Nota {i}").kenmerk)
            for i in range(8)
        ]
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    assert len(set(results)) == 8
    numbers = sorted(int(k.split("-")[0]) for k in results)
    assert numbers == list(range(numbers[0], numbers[0] + 8))


def _letter_in_afstemming(make_nota, people):
    from workflow.models import Bewindspersoon

    nota = make_nota()
    brief = kamerbrief_create(
        nota=nota, by=people["opsteller"], betreft="Voortgang", tekst="Versie een.",
        medeondertekenaars=list(Bewindspersoon.objects.filter(afkorting__in=["MLZS", "MOCW"])),
    )  # fmt: skip
    kamerbrief_afstemming_starten(kamerbrief=brief, by=people["opsteller"])
    nota_indienen(nota=nota, by=people["opsteller"])
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name])
    nota_besluit_vastleggen(nota=nota, by=people["secretariaat"], uitkomst="akkoord")
    return brief


def test_two_offices_answering_at_once_make_the_letter_ready_exactly_once(make_nota, people):

    brief = _letter_in_afstemming(make_nota, people)
    offices = {"MLZS": people["bureau-mlzs"]}
    offices["MOCW"] = Medewerker.objects.create_user(
        username="sec-mocw", password="x", bureau_van=Kamerbrief.objects.get(pk=brief.pk)
        .medeondertekenaars.get(afkorting="MOCW"),
    )  # fmt: skip
    verzoeken = {v.bewindspersoon.afkorting: v for v in brief.afstemmingsverzoeken.all()}
    results = run_at_once(
        *[
            (
                lambda a=a: afstemming_beantwoorden(
                    verzoek=verzoeken[a], by=offices[a], antwoord="akkoord"
                )
            )
            for a in ("MLZS", "MOCW")
        ]
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    assert Kamerbrief.objects.get(pk=brief.pk).status == Kamerbrief.Status.GEREED_VOOR_ONDERTEKENING
    assert (
        Gebeurtenis.objects.filter(kamerbrief=brief, actie="gereed_voor_ondertekening").count() == 1
    )


def test_an_edit_racing_an_akkoord_never_leaves_an_akkoord_on_an_old_version(make_nota, people):

    brief = _letter_in_afstemming(make_nota, people)
    mlzs = brief.afstemmingsverzoeken.get(bewindspersoon__afkorting="MLZS")
    results = run_at_once(
        lambda: afstemming_beantwoorden(verzoek=mlzs, by=people["bureau-mlzs"], antwoord="akkoord"),
        lambda: kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst="Versie twee."),
    )
    assert unexpected(results) == []
    current = brief.afstemmingsverzoeken.get(
        bewindspersoon__afkorting="MLZS", status__in=Afstemmingsverzoek.GELDIG
    )
    latest = Kamerbrief.objects.get(pk=brief.pk).versies.order_by("-nummer").first()
    # Either the akkoord came first and was voided by the edit, or the edit came first and the
    # answer was refused (its request had lapsed): the current request is on the new version.
    assert current.briefversie == latest
    assert current.status == Afstemmingsverzoek.Status.AANGEVRAAGD


def test_two_tabs_saving_the_letter_on_one_version_at_once_one_wins(make_nota, people):
    """The editor's stale-version check holds under the letter's lock: the tab that comes
    second is refused with what changed, and no version is written twice."""

    brief = kamerbrief_create(
        nota=make_nota(), by=people["opsteller"], betreft="Voortgang", tekst="Versie een."
    )
    results = run_at_once(
        *(
            lambda tekst=tekst: kamerbrief_edit(
                kamerbrief=brief, by=people["opsteller"], tekst=tekst, basisversie=1
            )
            for tekst in ("Tab een.", "Tab twee.")
        )
    )
    assert unexpected(results) == []
    assert [type(r) for r in refusals(results)] == [BriefGewijzigd]
    assert list(brief.versies.values_list("nummer", flat=True)) == [1, 2]
