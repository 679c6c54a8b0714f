"""De doorlooptijdstand: the lead times read from counts plus the steps not counted yet are the
lead times counted live, step by step (PostgreSQL's percentile_cont), whatever was folded, after
a fold, after the calendar, a nota or the tree changed, and with two folds at once."""

import importlib
import random
import threading
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from workflow import doorlooptijdstand, overzicht
from workflow.deadlines import werkkalender
from workflow.models import (
    AfgerondeStap,
    Bewindspersoon,
    Doorlooptijdstand,
    Medewerker,
    Ministerie,
    Organisatieonderdeel,
    Parafeerstap,
    Sluitingsdag,
)

TODAY = date(2023, 12, 28)
# Whole blocks of 64, 32, … days inside, single days at both edges.
PERIODE = overzicht.Periode(date(2023, 1, 3), date(2023, 11, 17))


def test_the_migration_counts_in_the_same_blocks():
    migration = importlib.import_module("workflow.migrations.0030_doorlooptijdstand")
    assert doorlooptijdstand.EPOCH.isoformat() == migration.EPOCH
    assert migration.NIVEAUS == doorlooptijdstand.NIVEAUS


@pytest.mark.parametrize("seed", range(20))
def test_the_blocks_tile_the_period_exactly_and_few(seed):
    rng = random.Random(seed)
    van = date(2019, 1, 1) + timedelta(days=rng.randrange(2000))
    tot = van + timedelta(days=rng.choice([0, 1, 6, 30, 200, 365, 366, 1500]))
    dagen = []
    for niveau, blok in doorlooptijdstand.blokken(van, tot):
        eerste = doorlooptijdstand.EPOCH + timedelta(days=blok << niveau)
        dagen += [eerste + timedelta(days=i) for i in range(1 << niveau)]
    assert dagen == [van + timedelta(days=i) for i in range((tot - van).days + 1)]
    # At most two blocks per level, and more only of the largest.
    assert len(doorlooptijdstand.blokken(van, tot)) <= 2 * doorlooptijdstand.NIVEAUS + (
        (tot - van).days >> (doorlooptijdstand.NIVEAUS - 1)
    )


# -- a random history, on PostgreSQL (the fold is PostgreSQL's) -------------------------------


def _moment(dag: date) -> datetime:
    return timezone.make_aware(datetime(dag.year, dag.month, dag.day, 12))


@pytest.fixture
def random_history(make_nota, people, outsider):
    """300 finished paraaf steps on notas of three units, one of them addressed to another
    ministry, ending all over 2023 (a few beginning more than two years before, one ending
    before it begins), and two closure days."""
    rng = random.Random(7)
    units = [
        Organisatieonderdeel.objects.get(code=code).pk for code in ("PG-MG", "PG", "VGP", "WJZ")
    ]
    ocw = Bewindspersoon.objects.get(afkorting="MOCW")
    notas = [make_nota(onderwerp=f"Nota {i}") for i in range(6)]
    for i, nota in enumerate(notas):
        nota.organisatieonderdeel_id = units[i % len(units)]
        if i == 5:
            nota.aan = ocw
        nota.save()
    parafeerder = people["afdelingshoofd"]
    stappen = []
    for i in range(300):
        eind = date(2023, 1, 1) + timedelta(days=rng.randrange(365))
        begin = eind - timedelta(days=rng.choice([0, 1, 2, 3, 5, 8, 13, 21, 40, 90]))
        if i % 97 == 0:
            begin = eind - timedelta(days=800)  # longer than TERUGKIJKEN
        if i == 150:
            begin = eind + timedelta(days=3)  # ends before it begins
        stappen.append((rng.choice(notas), begin, eind, rng.choice(units)))
    made = Parafeerstap.objects.bulk_create(
        Parafeerstap(
            nota=nota, ronde=1, volgorde=i + 1, parafeerder=parafeerder, status="geparafeerd",
            aan_de_beurt_sinds=_moment(begin), afgehandeld_op=_moment(eind),
        )
        for i, (nota, begin, eind, _unit) in enumerate(stappen)
    )  # fmt: skip
    AfgerondeStap.objects.bulk_create(
        AfgerondeStap(
            soort="paraaf", nota=nota, organisatieonderdeel_id=unit, begin=begin, eind=eind,
            parafeerstap=stap,
        )
        for stap, (nota, begin, eind, unit) in zip(made, stappen, strict=True)
    )  # fmt: skip
    Sluitingsdag.objects.create(datum=date(2023, 3, 14))
    Sluitingsdag.objects.create(datum=date(2023, 8, 8))
    return notas


def _bereiken() -> list[str]:
    return [f"o:{pk}" for pk in Organisatieonderdeel.objects.values_list("id", flat=True)] + [
        f"min:{pk}" for pk in Ministerie.objects.values_list("id", flat=True)
    ]


def _figures(bereik: str, periode=PERIODE, *, percentile_cont: bool) -> list:
    bron = overzicht._Bron(Medewerker.objects.get(username="dg"), periode, TODAY, werkkalender())
    bron.bereik = overzicht.Bereik.van([bereik])
    bron.in_bereik = overzicht._notas_in_bereik(bron.bereik)
    return sorted(
        (g, s, d, m, int(n), round(float(a), 6), round(float(b), 6))
        for g, s, d, m, n, a, b in bron.doorlooptijden(percentile_cont=percentile_cont)
    )


def assert_counts_are_live(periode=PERIODE, *, at_least=3):
    """Every bereik's figures from the counts and the tail equal those counted step by step."""
    compared = 0
    for bereik in _bereiken():
        live = _figures(bereik, periode, percentile_cont=True)
        assert _figures(bereik, periode, percentile_cont=False) == live, bereik
        compared += bool(live)
    assert compared >= at_least  # by default the DG's, a directie's and a ministry's


def ongeteld() -> int:
    return AfgerondeStap.objects.filter(werkdagen=None).count()


def the_stand() -> dict:
    return {
        tuple(r[:-1]): r[-1]
        for r in Doorlooptijdstand.objects.values_list(
            "bereik", "niveau", "blok", "soort", "directie_id", "ministerie_id", "werkdagen",
            "aantal",
        )
    }  # fmt: skip


def counted_afresh() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT doorlooptijdstand_legen()")
    doorlooptijdstand.vouwen()
    return the_stand()


pg = pytest.mark.postgres


@pg
def test_nothing_counted_half_counted_all_counted_read_the_same(random_history):
    assert ongeteld() == 300
    assert_counts_are_live()
    assert doorlooptijdstand.vouwen(batch=100, seconden=0) == 100
    assert 0 < ongeteld() < 300
    assert_counts_are_live()
    doorlooptijdstand.vouwen(batch=100)
    # Only the steps whose werkdagen depend on the period stay live.
    assert ongeteld() == 5
    assert_counts_are_live()
    assert_counts_are_live(overzicht.Periode(date(2023, 2, 1), date(2023, 2, 28)))
    assert_counts_are_live(overzicht.Periode(date(2023, 6, 6), date(2023, 6, 6)), at_least=0)
    assert_counts_are_live(overzicht.Periode(date(2022, 12, 6), date(2023, 12, 5)))


@pg
def test_the_counts_are_read_in_blocks_not_steps(random_history):
    doorlooptijdstand.vouwen()
    levels = {niveau for niveau, _blok in doorlooptijdstand.blokken(PERIODE.van, PERIODE.tot)}
    assert 0 in levels and max(levels) >= 6
    # Every count at every level adds up to the steps counted.
    dg = f"o:{Organisatieonderdeel.objects.get(code='DGV').pk}"
    stand = the_stand()
    for niveau in range(doorlooptijdstand.NIVEAUS):
        total = sum(n for k, n in stand.items() if k[0] == dg and k[1] == niveau)
        assert total == sum(n for k, n in stand.items() if k[0] == dg and k[1] == 0)


@pg
def test_a_fold_run_again_counts_nothing_twice(random_history):
    doorlooptijdstand.vouwen()
    once = the_stand()
    assert doorlooptijdstand.vouwen() == 0
    assert the_stand() == once
    assert counted_afresh() == once


@pg
def test_a_closure_day_added_or_removed_is_read_at_once_and_counted_again(random_history):
    doorlooptijdstand.vouwen()
    Sluitingsdag.objects.create(datum=date(2023, 5, 31))
    # Not folded again yet: the counts are of another calendar, so every step is read live.
    assert_counts_are_live()
    doorlooptijdstand.vouwen()
    assert ongeteld() == 5
    assert_counts_are_live()
    Sluitingsdag.objects.filter(datum=date(2023, 3, 14)).delete()
    assert_counts_are_live()
    doorlooptijdstand.vouwen()
    assert_counts_are_live()


@pg
def test_a_calendar_setting_changed_is_a_calendar_changed(random_history, settings):
    doorlooptijdstand.vouwen()
    settings.PARAFEER_GOEDE_VRIJDAG_VRIJ = True
    assert_counts_are_live()
    doorlooptijdstand.vouwen()
    assert_counts_are_live()


@pg
def test_a_nota_moved_to_another_unit_or_office_takes_its_steps_along(random_history, stas):
    doorlooptijdstand.vouwen()
    moved, to_ocw = random_history[0], random_history[5]
    moved.organisatieonderdeel = Organisatieonderdeel.objects.get(code="WJZ")
    moved.save()
    to_ocw.aan = stas
    to_ocw.save()
    assert ongeteld() > 5  # taken out, read live until counted again
    assert_counts_are_live()
    doorlooptijdstand.vouwen()
    assert_counts_are_live()
    assert the_stand() == counted_afresh()


@pg
def test_the_tree_changed_takes_every_step_out(random_history):
    doorlooptijdstand.vouwen()
    unit = Organisatieonderdeel.objects.get(code="PG-MG")
    unit.bovenliggend = Organisatieonderdeel.objects.get(code="VGP")
    unit.save()
    assert ongeteld() == 300 and not Doorlooptijdstand.objects.exists()
    assert_counts_are_live()
    doorlooptijdstand.vouwen()
    assert_counts_are_live()


@pg
def test_a_counted_step_deleted_or_changed_is_taken_out(random_history):
    doorlooptijdstand.vouwen()
    stap = AfgerondeStap.objects.exclude(werkdagen=None).order_by("pk").first()
    AfgerondeStap.objects.filter(pk=stap.pk).update(eind=stap.eind + timedelta(days=1))
    assert AfgerondeStap.objects.get(pk=stap.pk).werkdagen is None
    assert_counts_are_live()
    AfgerondeStap.objects.filter(pk=stap.pk).delete()
    assert_counts_are_live()
    doorlooptijdstand.vouwen()
    assert the_stand() == counted_afresh()


@pg
@pytest.mark.django_db(transaction=True)
def test_two_folds_at_once_count_each_step_once(random_history):
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def fold(i):
        try:
            barrier.wait(timeout=10)
            results[i] = doorlooptijdstand.vouwen(batch=7)
        except Exception as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=fold, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a fold hung"
    assert all(isinstance(r, int) for r in results), results
    assert sum(results) == 295 and ongeteld() == 5
    assert_counts_are_live()
    assert the_stand() == counted_afresh()


def test_celery_beat_folds_every_interval(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["doorlooptijden-vouwen"]
    assert entry["task"] == "workflow.tasks.fold_doorlooptijden"
    assert entry["schedule"] == settings.PARAFEER_DOORLOOPTIJDEN_INTERVAL


@pg
def test_the_beat_task_counts_what_is_not_counted(random_history):
    from workflow.tasks import fold_doorlooptijden

    fold_doorlooptijden.delay()  # eager in the tests
    assert ongeteld() == 5
    assert_counts_are_live()
