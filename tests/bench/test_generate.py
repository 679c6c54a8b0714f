"""The bench data generator (issue 9) at scale 0.001: counts, relations, repeatability, guard."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from demo.management.commands import generate_bench_data as generator

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SCALE = 0.001


def _generate(seed=7):
    call_command("generate_bench_data", scale=SCALE, seed=seed, reset=True, stdout=_Quiet())


class _Quiet:
    def write(self, *args, **kwargs):
        pass


def _fingerprint() -> str:
    """A digest of the generated rows, ids included, without the demo's random parts."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT md5(
              (SELECT string_agg(concat_ws('|', id, username, last_name, organisatieonderdeel_id,
                                           ical_token), ',' ORDER BY id)
                 FROM workflow_medewerker WHERE username LIKE 'bench-%%')
              || (SELECT string_agg(concat_ws('|', id, kenmerk, status, aan_id, opsteller_id,
                                              deadline, aangemaakt_op), ',' ORDER BY id)
                    FROM letters_nota)
              || (SELECT string_agg(concat_ws('|', id, nota_id, volgorde, parafeerder_id, status,
                                              deadline), ',' ORDER BY id)
                    FROM workflow_parafeerstap)
              || (SELECT string_agg(concat_ws('|', id, nota_id, actie, actor_id, tijdstip,
                                              opmerking), ',' ORDER BY id)
                    FROM workflow_gebeurtenis WHERE nota_id IS NOT NULL)
              || (SELECT string_agg(concat_ws('|', id, kamerbrief_id, bewindspersoon_id, status,
                                              deadline), ',' ORDER BY id)
                    FROM letters_afstemmingsverzoek)
              || (SELECT string_agg(concat_ws('|', id, status, deadline, soort), ',' ORDER BY id)
                    FROM workflow_toezegging)
              || (SELECT string_agg(concat_ws('|', id, kamerstuk, status, deadline), ','
                                    ORDER BY id) FROM workflow_motie))
            """
        )
        return cursor.fetchone()[0]


def _count(statement: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()[0]


def test_generates_the_volumes_asked_for_at_a_thousandth_of_a_ministry():
    _generate()
    n = generator.volumes(SCALE)
    counts = generator.Command().counts()
    assert counts["medewerkers"] == n["users"]
    assert counts["organisatieonderdelen"] == n["units"]
    assert counts["notas"] == n["notas"] == 100
    assert counts["open parafeerstappen"] == n["open_steps"] == 1000
    assert counts["due at scan"] == n["due"] == 10
    assert counts["gebeurtenissen"] == n["events"] == 1000
    assert counts["kamerbrieven"] == n["brieven"] == 10
    assert counts["toezeggingen"] == n["toezeggingen"] == 50
    assert counts["moties"] == n["moties"] == 20


def test_generated_rows_hang_together():
    _generate()
    # Open steps only on notas in parafering, no one twice on a step of one nota.
    assert not _count(
        """SELECT count(*) FROM workflow_parafeerstap s JOIN letters_nota n ON n.id = s.nota_id
            WHERE s.status = 'aan_de_beurt' AND n.status <> 'in_parafering'"""
    )
    # Every afdeling has a manager from its own people, under a directie with one.
    assert not _count(
        """SELECT count(*) FROM workflow_organisatieonderdeel o
             LEFT JOIN workflow_medewerker m ON m.id = o.manager_id
            WHERE (o.code LIKE 'BA%%' OR o.code LIKE 'BD%%')
              AND (m.id IS NULL OR m.organisatieonderdeel_id <> o.id)"""
    )
    # The opsteller works in the nota's own afdeling.
    assert not _count(
        """SELECT count(*) FROM letters_nota n JOIN workflow_medewerker m ON m.id = n.opsteller_id
            WHERE m.organisatieonderdeel_id <> n.organisatieonderdeel_id"""
    )
    # Open afstemming only for letters in afstemming, a version for every letter.
    assert not _count(
        """SELECT count(*) FROM letters_afstemmingsverzoek v
             JOIN letters_kamerbrief k ON k.id = v.kamerbrief_id
            WHERE v.status = 'aangevraagd' AND k.status <> 'in_afstemming'"""
    )
    assert not _count(
        """SELECT count(*) FROM letters_kamerbrief k WHERE NOT EXISTS
             (SELECT 1 FROM letters_kamerbriefversie v WHERE v.kamerbrief_id = k.id)"""
    )
    # The model layer reads them: a werkvoorraad for the busiest person.
    from workflow.models import Medewerker
    from workflow.selectors import werkvoorraad_for

    busiest = _count(
        """SELECT parafeerder_id FROM workflow_parafeerstap WHERE status = 'aan_de_beurt'
            GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"""
    )
    assert werkvoorraad_for(Medewerker.objects.get(pk=busiest)).te_paraferen


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    _generate(seed=7)
    first = _fingerprint()
    _generate(seed=7)
    assert _fingerprint() == first
    _generate(seed=8)
    assert _fingerprint() != first


def test_refuses_twice_without_reset():
    _generate()
    with pytest.raises(CommandError, match="--reset"):
        call_command("generate_bench_data", scale=SCALE, stdout=_Quiet())


@pytest.mark.parametrize(
    ("name", "bench"),
    [
        ("parafeer", False),
        ("parafeer_up", False),
        ("parafeer_scale", True),
        ("parafeer_bench", True),
        ("test_parafeer_bt", True),
    ],
)
def test_knows_a_bench_database_by_its_name(name, bench):
    assert generator.looks_like_bench_database(name) is bench


def test_refuses_a_database_that_is_not_for_benchmarks(monkeypatch):
    # Only the name the guard reads: the connection itself stays on the test database.
    monkeypatch.setattr(generator, "database_name", lambda: "parafeer")
    with pytest.raises(CommandError, match="does not look like a bench database"):
        call_command("generate_bench_data", scale=SCALE, reset=True, stdout=_Quiet())
    assert not _count("SELECT count(*) FROM workflow_medewerker WHERE username LIKE 'bench-%%'")
