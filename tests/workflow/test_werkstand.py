"""De werkstand: the counts the triggers keep are what the live tables say, after every kind of
act, across commits and two acts at once; the overzicht's bereiken follow the managers' units."""

import importlib
import io
import threading
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from letters.models import Afstemmingsverzoek, Nota
from tests.support import at
from workflow import overzicht
from workflow.models import Bewindspersoon, Ministerie, Organisatieonderdeel, Parafeerstap
from workflow.overzicht import bereiken, werkstand_bijwerken
from workflow.services.afstemming import afstemming_beantwoorden, kamerbrief_afstemming_starten
from workflow.services.nota import (
    nota_besluit_vastleggen,
    nota_indienen,
    nota_paraferen,
    nota_terugsturen,
)

pytestmark = pytest.mark.postgres

KOLOMMEN = "bereik, soort, status, wie_id, onderdeel_id, deadline, aantal"


def rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {KOLOMMEN} FROM {table}")
        return sorted(cursor.fetchall(), key=repr)


def stand() -> list[tuple]:
    """The table, after checking it equals the live view."""
    werkstand_bijwerken()
    table = rows("workflow_werkstand")
    assert table == rows("workflow_werkstand_live")
    return table


def count(table_rows, bereik, soort, **key) -> int:
    kolommen = ("status", "wie_id", "onderdeel_id", "deadline")
    return sum(
        r[6]
        for r in table_rows
        if r[0] == bereik
        and r[1] == soort
        and all(r[2 + kolommen.index(k)] == v for k, v in key.items())
    )


@pytest.fixture
def pg(seed_organisation):
    return Organisatieonderdeel.objects.get(code="PG", ministerie__afkorting="VWS")


def test_the_open_statuses_of_the_triggers_are_the_notas_open_statuses():
    migration = importlib.import_module("workflow.migrations.0029_werkstand")
    in_sql = {s.strip().strip("'") for s in migration.OPEN.split(",")}
    assert in_sql == set(overzicht.OPEN_STATUSSEN)


def test_the_counts_follow_every_act(make_nota, people, offices, letter, pg):
    bereik = f"o:{pg.pk}"
    vws = f"min:{pg.ministerie_id}"
    nota = make_nota(deadline=date(2023, 12, 15))
    assert count(stand(), bereik, "status", status="concept") == 2  # this one and the letter's

    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))
    found = stand()
    assert count(found, bereik, "status", status="in_parafering") == 1
    assert count(found, bereik, "beurt", wie_id=people["afdelingshoofd"].pk) == 1
    assert count(found, vws, "beurt", wie_id=people["afdelingshoofd"].pk) == 1
    step = Parafeerstap.objects.get(nota=nota, status="aan_de_beurt")
    assert count(found, bereik, "termijn", status="paraaf", deadline=step.deadline) == 1

    nota_paraferen(nota=nota, by=people["afdelingshoofd"], now=at(5, 9))
    found = stand()
    assert count(found, bereik, "beurt", wie_id=people["afdelingshoofd"].pk) == 0
    assert count(found, bereik, "beurt", wie_id=people["directeur"].pk) == 1

    nota_terugsturen(nota=nota, by=people["directeur"], remark="Korter graag.", now=at(5, 10))
    found = stand()
    assert count(found, bereik, "beurt") == 0
    nota_indienen(nota=nota, by=people["opsteller"], now=at(6, 9))
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name], now=at(6, 11))
    found = stand()
    assert count(found, bereik, "status", status="ter_beslissing", wie_id=nota.aan_id) == 1
    assert count(found, bereik, "termijn", status="besluit") == 1
    nota_besluit_vastleggen(nota=nota, by=offices["StasVWS"], uitkomst="akkoord", now=at(7, 9))
    found = stand()
    assert count(found, bereik, "termijn", status="besluit") == 0
    assert count(found, bereik, "status", status="akkoord") == 1

    # A letter's afstemming counts by its deadline until the co-signer answers.
    kamerbrief_afstemming_starten(kamerbrief=letter, by=people["opsteller"], now=at(7, 10))
    found = stand()
    assert count(found, bereik, "termijn", status="afstemming") == 1
    verzoek = Afstemmingsverzoek.objects.get(kamerbrief=letter, status="aangevraagd")
    afstemming_beantwoorden(
        verzoek=verzoek, by=offices[verzoek.bewindspersoon.afkorting], antwoord="akkoord"
    )
    assert count(stand(), bereik, "termijn", status="afstemming") == 0


def test_a_nota_moved_to_another_unit_or_office_takes_its_open_work_along(
    make_nota, people, pg, outsider
):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))
    other = outsider.organisatieonderdeel  # a directie of OCW
    Nota.objects.filter(pk=nota.pk).update(organisatieonderdeel=other)
    found = stand()
    assert count(found, f"o:{pg.pk}", "beurt") == 0
    assert count(found, f"o:{other.pk}", "beurt") == 1
    assert count(found, f"min:{other.ministerie_id}", "status", status="in_parafering") == 1
    # Addressed to a VWS office, the nota still counts for VWS's coordination.
    assert count(found, f"min:{pg.ministerie_id}", "status", status="in_parafering") == 1
    Nota.objects.filter(pk=nota.pk).update(aan=Bewindspersoon.objects.get(afkorting="MOCW"))
    assert count(stand(), f"min:{pg.ministerie_id}", "status", status="in_parafering") == 0


def test_a_change_in_the_organisation_counts_everything_again(make_nota, people, pg):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))
    boven = pg.bovenliggend
    nieuw = Organisatieonderdeel.objects.create(
        ministerie=pg.ministerie, soort=boven.soort, code="NW", naam="Nieuwe directie"
    )
    Organisatieonderdeel.objects.filter(pk=pg.pk).update(bovenliggend=nieuw)
    found = stand()
    assert count(found, f"o:{nieuw.pk}", "beurt") == 1
    assert count(found, f"o:{boven.pk}", "beurt") == 0
    andere = Ministerie.objects.exclude(pk=pg.ministerie_id).first()
    Bewindspersoon.objects.filter(pk=nota.aan_id).update(ministerie=andere)
    assert count(stand(), f"min:{andere.pk}", "status", status="in_parafering") == 1


def test_a_unit_counts_for_itself_and_three_units_above_it_as_a_manager_reads(pg):
    unit = pg
    chain = []
    for level in range(5):
        unit = Organisatieonderdeel.objects.create(
            ministerie=pg.ministerie, soort="afdeling", code=f"L{level}", naam=f"Laag {level}",
            bovenliggend=unit,
        )  # fmt: skip
        chain.append(unit)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT bereik FROM workflow_onderdeelbereik WHERE organisatieonderdeel_id = %s",
            [chain[-1].pk],
        )
        found = {b for (b,) in cursor.fetchall()}
    assert found == {f"o:{u.pk}" for u in chain[-4:]} | {f"min:{pg.ministerie_id}"}


def test_the_bereiken_of_a_manager_are_their_highest_units(people, pg):
    dg = people["dg"]
    [eigen] = bereiken(dg)
    # Also managing a unit below their own adds nothing: it is counted there already.
    Organisatieonderdeel.objects.filter(pk=pg.pk).update(manager=dg)
    assert bereiken(dg) == [eigen]
    assert bereiken(people["parlementair"]) == [f"min:{people['parlementair'].eigen_ministerie_id}"]


@pytest.mark.django_db(transaction=True)
def test_acts_committed_at_once_in_two_transactions_add_up(make_nota, people, offices):
    """Two acts on notas of one unit, committing together: both flush into the same counts,
    neither waits forever, and the counts are the live ones without being asked to flush."""
    notas = [make_nota(onderwerp=f"Nota {i}") for i in range(2)]
    for nota in notas:
        nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))
    barrier = threading.Barrier(2, timeout=30)
    errors: list[BaseException] = []

    def act(nota):
        try:
            with transaction.atomic():
                nota_paraferen(nota=nota, by=people["afdelingshoofd"], now=at(5, 9))
                barrier.wait()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(n,)) for n in notas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    table = rows("workflow_werkstand")
    assert table == rows("workflow_werkstand_live")
    assert count(table, f"min:{notas[0].organisatieonderdeel.ministerie_id}", "beurt") == 2


def test_the_most_overdue_are_the_bereiks_own_whatever_is_late_elsewhere(
    make_nota, people, outsider
):
    """The first TOP late steps of a bereik, by deadline, even when steps of another unit are
    later still, and however many there are (the werkstand bounds the scan by deadline)."""
    notas = [make_nota(onderwerp=f"Nota {i}") for i in range(overzicht.TOP + 2)]
    for nota in notas:
        nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))
    elders = notas.pop()
    Nota.objects.filter(pk=elders.pk).update(organisatieonderdeel=outsider.organisatieonderdeel)
    Parafeerstap.objects.filter(nota=elders).update(deadline=date(2023, 10, 2))
    for day, nota in enumerate(reversed(notas), start=1):
        Parafeerstap.objects.filter(nota=nota, status="aan_de_beurt").update(
            deadline=date(2023, 11, day)
        )
    found = overzicht.overzicht(
        people["directeur"], overzicht.Periode(date(2023, 12, 1), date(2023, 12, 28)),
        date(2023, 12, 28),
    )  # fmt: skip
    assert found.te_laat_aantal == overzicht.TOP + 1
    assert [t.deadline for t in found.te_laat] == [
        date(2023, 11, day) for day in range(1, overzicht.TOP + 1)
    ]
    assert elders.kenmerk not in {t.kenmerk for t in found.te_laat}


def test_a_werkstand_gone_wrong_is_found_and_counted_again(make_nota, people):
    nota_indienen(nota=make_nota(), by=people["opsteller"], now=at(4, 9))
    werkstand_bijwerken()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM workflow_werkstand WHERE soort = 'beurt'")
    with pytest.raises(CommandError, match="tellingen wijken af"):
        call_command("werkstand_controleren")
    out = io.StringIO()
    call_command("werkstand_controleren", "--herstel", stdout=out)
    assert "opnieuw geteld" in out.getvalue()
    assert stand()  # equal to the live view again
    call_command("werkstand_controleren", stdout=out)
    assert "De werkstand klopt." in out.getvalue()
