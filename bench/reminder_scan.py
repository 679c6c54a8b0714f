"""Benchmark of the reminder scan on PostgreSQL: 1,000,000 open deadlines, 10,000 due today.

    uv run python bench/reminder_scan.py [--deadlines 1000000] [--due 10000] [--keep]

Not a test: it asserts only what makes the figures meaningful (the data is what it claims to be,
the scan writes exactly the due reminders), and appends its figures to bench/RESULTS.md.
See bench/README.md for what each figure measures.

It works in a database of its own, `parafeer_bench` on 127.0.0.1 (created when missing), and a
Redis database nobody consumes (flushed before and after), so no reminder is ever sent.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

BASE_DIR = Path(__file__).resolve().parent.parent
DB_NAME = "parafeer_bench"
PG = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
INDEX_NAME = "bench_parafeerstap_open_deadline"
INDEX_SQL = (
    f"CREATE INDEX {INDEX_NAME} ON workflow_parafeerstap (deadline) WHERE status = 'aan_de_beurt'"
)
STEPS_PER_NOTA = 10
NOTAS_PER_DOSSIER = 100
UNITS = 20
# A multiplier coprime with any --deadlines of the form 2^a·5^b: (i · P) mod N is then a
# permutation of 0..N-1, which spreads the due rows over notas and people, and makes exactly
# --due of them due.
SPREAD_PRIME = 7919


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deadlines", type=int, default=1_000_000, help="open parafeerstappen")
    parser.add_argument("--due", type=int, default=10_000, help="of which due on --now")
    parser.add_argument("--users", type=int, default=2_000, help="parafeerders")
    parser.add_argument(
        "--now", default="2023-12-05T08:00", help="the scan's moment (local time, a werkdag)"
    )
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each timing")
    parser.add_argument(
        "--history",
        type=int,
        default=0,
        help="old, sent reminders already in the outbox (the table grows by ~10,000 a day)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="reuse the data already in parafeer_bench when it matches the parameters",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--no-results", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()
    if args.deadlines % SPREAD_PRIME == 0:
        parser.error(f"--deadlines must not be a multiple of {SPREAD_PRIME}")
    if not 0 < args.due < args.deadlines:
        parser.error("--due must be between 0 and --deadlines")
    if args.users < STEPS_PER_NOTA:
        parser.error(f"--users must be at least {STEPS_PER_NOTA}")
    return args


def say(*parts):
    print(*parts, flush=True)


# --- the database and Django ---------------------------------------------------------------------


def ensure_database() -> bool:
    query = f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'"
    found = subprocess.run(
        ["psql", *PG, "-d", "postgres", "-tAc", query], capture_output=True, text=True, check=True
    )
    exists = found.stdout.strip() == "1"
    if not exists:
        subprocess.run(["createdb", *PG, DB_NAME], check=True)
        say(f"created database {DB_NAME}")
    return not exists


def setup_django(redis_url: str):
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["CELERY_BROKER_URL"] = redis_url
    os.environ["CELERY_RESULT_BACKEND"] = redis_url
    os.environ["CONN_MAX_AGE"] = "0"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings

    assert settings.DATABASES["default"]["NAME"] == DB_NAME, settings.DATABASES["default"]
    assert not settings.CELERY_TASK_ALWAYS_EAGER, "the bench must not run tasks in-process"
    assert redis_url == settings.CELERY_BROKER_URL


def sql(statement, params=None):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        if cursor.description is not None:
            return cursor.fetchall()
    return None


def scalar(statement, params=None):
    return sql(statement, params)[0][0]


# --- the data, set-based -------------------------------------------------------------------------


def wanted_dates(today: date) -> dict[str, set[date]]:
    """Per kind of item, the deadline dates the scan asks for today, as the scan computes them."""
    from django.conf import settings

    from workflow.deadlines import werkkalender
    from workflow.models import Herinnering
    from workflow.reminders import policy_by_kind, reminder_dates

    kalender = werkkalender()
    wanted: dict[str, set[date]] = {}
    for soort, policy in policy_by_kind().items():
        dates = reminder_dates(
            today, kalender, policy.werkdagen_vooraf, settings.PARAFEER_HERINNERING_INHAALDAGEN
        )
        wanted[soort] = set()
        for kind, enabled in [
            (Herinnering.Soort.VOORAF, policy.werkdagen_vooraf),
            (Herinnering.Soort.OP_DE_DAG, policy.op_de_dag),
            (Herinnering.Soort.ESCALATIE, policy.escalatie),
        ]:
            if enabled:
                wanted[soort] |= dates[kind]
    return wanted


def other_dates(today: date, excluded: set[date]) -> list[date]:
    """Werkdagen from a year before to a year after today on which no kind of item gets a
    reminder today."""
    from workflow.deadlines import werkkalender

    kalender = werkkalender()
    days = (today + timedelta(days=offset) for offset in range(-365, 366))
    return [d for d in days if kalender.is_werkdag(d) and d not in excluded]


def data_matches(args, wanted: set[date]) -> bool:
    total, due, open_notas = sql(
        """
        SELECT (SELECT count(*) FROM workflow_parafeerstap WHERE status = 'aan_de_beurt'),
               (SELECT count(*) FROM workflow_parafeerstap
                 WHERE status = 'aan_de_beurt' AND deadline = ANY(%s::date[])),
               (SELECT count(*) FROM letters_nota WHERE status = 'in_parafering')
        """,
        [sorted(wanted)],
    )[0]
    users = scalar("SELECT count(*) FROM workflow_medewerker WHERE username LIKE 'bench-%%'")
    return (total, due, open_notas, users) == (
        args.deadlines,
        args.due,
        -(-args.deadlines // STEPS_PER_NOTA),
        args.users,
    )


def load(table: str, statement: str, params):
    """Loads without the table's secondary indexes and constraints, put back afterwards: the
    same bulk_load as generate_bench_data's."""
    from demo.management.commands.generate_bench_data import bulk_load

    with bulk_load(table):
        sql(statement, params)


def clear_bench_data():
    """Empties what a previous run generated (this database holds nothing else)."""
    from django.db import transaction

    tables = "workflow_herinnering, workflow_parafeerstap, letters_nota, letters_dossier"
    with transaction.atomic():
        # Cascades to the history: allowed on purpose here (workflow/migrations/0013).
        sql("SET LOCAL parafeer.truncate_history = 'on'")
        sql(f"TRUNCATE {tables} CASCADE")
    sql("UPDATE workflow_organisatieonderdeel SET manager_id = NULL WHERE code LIKE 'BENCH-%%'")
    sql("DELETE FROM workflow_vervanging")
    sql("DELETE FROM workflow_medewerker WHERE username LIKE 'bench-%%'")
    sql("DELETE FROM workflow_organisatieonderdeel WHERE code LIKE 'BENCH-%%'")


def generate(args, wanted: set[date], excluded: set[date], today: date) -> dict[str, float]:
    """Organisation, people, notas and steps with INSERT … SELECT … generate_series."""
    from django.db import transaction

    from workflow.models import Bewindspersoon, Organisatieonderdeel

    times = {}
    pg = Organisatieonderdeel.objects.get(code="PG", ministerie__afkorting="VWS")
    stas = Bewindspersoon.objects.get(afkorting="StasVWS")
    due_dates = sorted(wanted)
    others = other_dates(today, excluded)
    n_notas = -(-args.deadlines // STEPS_PER_NOTA)
    n_dossiers = -(-n_notas // NOTAS_PER_DOSSIER)

    start = time.perf_counter()
    with transaction.atomic():
        sql("SET LOCAL synchronous_commit = off")
        sql(
            """
            INSERT INTO workflow_organisatieonderdeel
                   (ministerie_id, bovenliggend_id, soort, naam, code, manager_id)
            SELECT %(ministerie)s, %(parent)s, 'afdeling', 'Benchafdeling ' || g,
                   'BENCH-' || lpad(g::text, 2, '0'), NULL
              FROM generate_series(1, %(units)s) g
            """,
            {"ministerie": pg.ministerie_id, "parent": pg.pk, "units": UNITS},
        )
        # Every bench user is a parafeerder in one of the units; no daily digest (see README).
        sql(
            """
            WITH units AS (SELECT array_agg(id ORDER BY code) AS ids
                             FROM workflow_organisatieonderdeel WHERE code LIKE 'BENCH-%%')
            INSERT INTO workflow_medewerker
                   (password, last_login, is_superuser, username, first_name, last_name, email,
                    is_staff, is_active, date_joined, organisatieonderdeel_id, bureau_van_id,
                    functie, dagoverzicht, ical_token)
            SELECT '!', NULL, false, 'bench-' || g, 'Bench', 'Parafeerder ' || g,
                   'bench-' || g || '@parafeer.example', false, true, now(),
                   units.ids[1 + (g - 1) %% cardinality(units.ids)], NULL, 'Parafeerder', false,
                   gen_random_uuid()
              FROM generate_series(1, %(users)s) g, units
            """,
            {"users": args.users},
        )
        # The first person of each unit manages it; their own steps escalate to the directeur.
        sql(
            """
            UPDATE workflow_organisatieonderdeel o
               SET manager_id = (SELECT min(m.id) FROM workflow_medewerker m
                                  WHERE m.organisatieonderdeel_id = o.id)
             WHERE o.code LIKE 'BENCH-%%'
            """
        )
    times["generate: organisation and users"] = time.perf_counter() - start

    start = time.perf_counter()
    with transaction.atomic():
        sql("SET LOCAL synchronous_commit = off")
        sql(
            """
            INSERT INTO letters_dossier (nummer, onderwerp, aangemaakt_op)
            SELECT 2000000 + g, 'Benchdossier ' || g, now()
              FROM generate_series(1, %(dossiers)s) g
            """,
            {"dossiers": n_dossiers},
        )
        load(
            "letters_nota",
            """
            WITH units AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg(code ORDER BY code)
                                  AS codes
                             FROM workflow_organisatieonderdeel WHERE code LIKE 'BENCH-%%'),
                 users AS (SELECT array_agg(id ORDER BY id) AS ids
                             FROM workflow_medewerker WHERE username LIKE 'bench-%%'),
                 dossiers AS (SELECT array_agg(id ORDER BY nummer) AS ids,
                                     array_agg(nummer ORDER BY nummer) AS nummers
                                FROM letters_dossier)
            INSERT INTO letters_nota
                   (kenmerk, documentnummer, dossier_id, soort, aan_id, organisatieonderdeel_id,
                    opsteller_id, datum, deadline, deadline_omschrijving, onderwerp, aanleiding,
                    geadviseerd_besluit, kernpunten, niet_openbaar, status, ronde,
                    opnieuw_paraferen, wijzigingen_verwerkt, aangemaakt_op)
            SELECT (5000000 + g) || '-' || dossiers.nummers[1 + g / %(per_dossier)s] || '-'
                       || units.codes[1 + g %% cardinality(units.ids)],
                   5000000 + g, dossiers.ids[1 + g / %(per_dossier)s], 'ter_beslissing', %(aan)s,
                   units.ids[1 + g %% cardinality(units.ids)],
                   users.ids[1 + g %% cardinality(users.ids)], %(datum)s, NULL, '',
                   'Benchnota ' || g, '', '', '', '', 'in_parafering', 1, true, false, now()
              FROM generate_series(0, %(notas)s - 1) g, units, users, dossiers
            """,
            {
                "per_dossier": NOTAS_PER_DOSSIER,
                "aan": stas.pk,
                "datum": today - timedelta(days=30),
                "notas": n_notas,
            },
        )
    times["generate: dossiers and notas"] = time.perf_counter() - start

    # One million steps, ten per nota, initialling in parallel (one volgorde, ten different
    # people: consecutive g modulo the number of users never repeat within a nota). Row g is
    # due when its rank (g · P mod N) is below --due; the rank then picks its date.
    start = time.perf_counter()
    with transaction.atomic():
        sql("SET LOCAL synchronous_commit = off")
        load(
            "workflow_parafeerstap",
            """
            WITH notas AS (SELECT array_agg(id ORDER BY documentnummer) AS ids FROM letters_nota),
                 users AS (SELECT array_agg(id ORDER BY id) AS ids
                             FROM workflow_medewerker WHERE username LIKE 'bench-%%'),
                 steps AS (SELECT g, (g::bigint * %(prime)s) %% %(n)s AS r
                             FROM generate_series(0, %(n)s - 1) g),
                 chosen AS (
                    SELECT g,
                           CASE WHEN r < %(due)s
                                THEN (%(due_dates)s::date[])[1 + r %% %(n_due)s]
                                ELSE (%(other_dates)s::date[])[1 + r %% %(n_other)s]
                           END AS deadline
                      FROM steps)
            INSERT INTO workflow_parafeerstap
                   (nota_id, ronde, volgorde, parafeerder_id, omschrijving, status, deadline,
                    aan_de_beurt_sinds, afgehandeld_op, afgehandeld_door_id, opmerking)
            SELECT notas.ids[1 + g / %(per_nota)s], 1, 1,
                   users.ids[1 + g %% cardinality(users.ids)], '', 'aan_de_beurt', deadline,
                   (deadline - 5)::timestamptz, NULL, NULL, ''
              FROM chosen, notas, users
            """,
            {
                "prime": SPREAD_PRIME,
                "n": args.deadlines,
                "due": args.due,
                "due_dates": due_dates,
                "n_due": len(due_dates),
                "other_dates": others,
                "n_other": len(others),
                "per_nota": STEPS_PER_NOTA,
            },
        )
    times["generate: parafeerstappen"] = time.perf_counter() - start
    return times


def generate_history(n: int, today: date) -> float:
    """Old reminders, sent long ago: what the outbox holds after months of use."""
    from django.db import transaction

    start = time.perf_counter()
    with transaction.atomic():
        sql("SET LOCAL synchronous_commit = off")
        load(
            "workflow_herinnering",
            """
            WITH users AS (SELECT array_agg(id ORDER BY id) AS ids
                             FROM workflow_medewerker WHERE username LIKE 'bench-%%')
            INSERT INTO workflow_herinnering
                   (item_type, item_id, soort, datum, ontvanger_id, namens_id,
                    kopie_voor_afwezige, kenmerk, status, pogingen, laatste_fout, aangemaakt_op,
                    in_wachtrij_op, verzonden_op)
            SELECT 'parafeerstap', g, 'vooraf', %(old)s::date - (g / 10000)::int,
                   users.ids[1 + g %% cardinality(users.ids)], NULL, false, 'historie', 'verzonden',
                   1, '', %(old)s::timestamptz - make_interval(days => (g / 10000)::int),
                   %(old)s::timestamptz - make_interval(days => (g / 10000)::int),
                   %(old)s::timestamptz - make_interval(days => (g / 10000)::int)
              FROM generate_series(1, %(n)s) g, users
            """,
            {"n": n, "old": today - timedelta(days=400)},
        )
    return time.perf_counter() - start


def vacuum_analyze() -> float:
    start = time.perf_counter()
    for table in [
        "workflow_organisatieonderdeel",
        "workflow_medewerker",
        "letters_dossier",
        "letters_nota",
        "workflow_parafeerstap",
        "workflow_herinnering",
    ]:
        sql(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - start


# --- the outbox and the broker -------------------------------------------------------------------


class Outbox:
    """Resets the outbox to its state before the first scan (history kept) and the broker db."""

    def __init__(self, redis_url: str):
        import redis

        self.redis = redis.Redis.from_url(redis_url)
        self.watermark = scalar("SELECT coalesce(max(id), 0) FROM workflow_herinnering")

    def reset(self):
        sql("DELETE FROM workflow_herinnering WHERE id > %s", [self.watermark])
        sql("VACUUM workflow_herinnering")
        self.redis.flushdb()

    def queued_messages(self) -> int:
        """Messages waiting in the broker db (kombu keeps a queue as a Redis list)."""
        return sum(
            self.redis.llen(key) for key in self.redis.keys("*") if self.redis.type(key) == b"list"
        )


def set_digests(on: bool):
    """Daily digests (per person) and the weekly overdue digest (policy), on or off."""
    sql("UPDATE workflow_medewerker SET dagoverzicht = %s", [on])
    sql("UPDATE workflow_herinneringsbeleid SET wekelijks_overzicht = %s", [on])


# --- the measurements ----------------------------------------------------------------------------


class Figures:
    """figure name → state → values (seconds, or row counts for the names starting 'rows')."""

    def __init__(self):
        self.rows: dict[str, dict[str, list[float]]] = {}
        self.order: list[str] = []

    def add(self, name: str, state: str, value: float):
        if name not in self.rows:
            self.rows[name] = {}
            self.order.append(name)
        self.rows[name].setdefault(state, []).append(value)

    def time(self, name: str, state: str, fn):
        start = time.perf_counter()
        result = fn()
        self.add(name, state, time.perf_counter() - start)
        return result


class _RollBack(Exception):
    pass


def rolled_back(fn):
    """Runs fn in a transaction that is rolled back: its on_commit callbacks (the broker
    pushes) never run, and the outbox is as before."""
    from django.db import transaction

    result = None
    try:
        with transaction.atomic():
            result = fn()
            raise _RollBack
    except _RollBack:
        pass
    return result


def scan_parts(args, now, today, outbox, figures, state):
    """The scan taken apart, as scan_reminders does it: selecting, building, writing, queueing
    (here without the broker: queue_unsent runs in a transaction that is rolled back)."""
    from django.conf import settings
    from django.db import transaction

    from workflow.deadlines import werkkalender
    from workflow.models import Herinnering, Soort
    from workflow.reminders import (
        _addressed,
        _substitutes,
        open_deadlines,
        policy_by_kind,
        queue_unsent,
        reminder_dates,
    )

    H = Herinnering.Soort
    for _ in range(args.runs):
        outbox.reset()
        kalender = werkkalender()
        substitutes = _substitutes(today)
        policies = policy_by_kind()
        selected, dates_of = {}, {}
        start = time.perf_counter()
        for soort, policy in policies.items():
            dates = reminder_dates(
                today, kalender, policy.werkdagen_vooraf, settings.PARAFEER_HERINNERING_INHAALDAGEN
            )
            dates_of[soort] = dates
            wanted = dates[H.VOORAF] | dates[H.OP_DE_DAG] | dates[H.ESCALATIE]
            if soort == Soort.PARAFEERSTAP:
                selected[soort] = figures.time(
                    "(a) selecting: list(open_deadlines('parafeerstap', dates))",
                    state,
                    lambda wanted=wanted: list(open_deadlines(Soort.PARAFEERSTAP, wanted)),
                )
            else:
                selected[soort] = list(open_deadlines(soort, wanted))
        figures.add(
            "(a) selecting, every kind of item (with reminder_dates)",
            state,
            time.perf_counter() - start,
        )
        assert len(selected[Soort.PARAFEERSTAP]) == args.due, len(selected[Soort.PARAFEERSTAP])

        start = time.perf_counter()
        new = []
        for soort, deadlines in selected.items():
            dates = dates_of[soort]
            for d in deadlines:
                if d.deadline in dates[H.VOORAF]:
                    new += _addressed(d, H.VOORAF, d.actor_id, substitutes, now)
                if d.deadline in dates[H.OP_DE_DAG]:
                    new += _addressed(d, H.OP_DE_DAG, d.actor_id, substitutes, now)
                if d.deadline in dates[H.ESCALATIE]:
                    target = d.escalate_to_id or d.actor_id
                    new += _addressed(d, H.ESCALATIE, target, substitutes, now)
        figures.add("building the Herinnering objects (Python)", state, time.perf_counter() - start)

        def write(new=new):
            with transaction.atomic():
                Herinnering.objects.bulk_create(new, ignore_conflicts=True, batch_size=2000)

        figures.time("(b) writing: bulk_create, batch_size=2000", state, write)
        written = Herinnering.objects.filter(id__gt=outbox.watermark).count()
        assert written == args.due, written
        figures.time(
            "Herinnering.objects.count() (the scan counts before and after writing)",
            state,
            Herinnering.objects.count,
        )
        queued = figures.time(
            "(c) queueing, SQL only: queue_unsent rolled back (no broker)",
            state,
            lambda: rolled_back(lambda: queue_unsent(now=now)),
        )
        assert queued == args.due, queued
    # The outbox now holds the last run's rows, written and not queued.


def broker_figures(args, now, outbox, figures, state):
    """queue_unsent for real, and what other ways of queueing cost (bench-only calls into the
    unread Redis database; nothing is sent)."""
    from workflow import tasks
    from workflow.models import Herinnering
    from workflow.reminders import queue_unsent

    outbox.redis.flushdb()
    queued = figures.time(
        "(c) queueing: queue_unsent (SQL + broker)", state, lambda: queue_unsent(now=now)
    )
    assert queued == args.due, queued
    figures.add("    messages in the broker after queue_unsent", state, outbox.queued_messages())
    ids = list(Herinnering.objects.filter(id__gt=outbox.watermark).values_list("pk", flat=True))
    sample = ids[:1000]

    # One message per reminder (queue_unsent before f4ec784), on a sample of 1,000.
    for name, send in [
        (
            "    one send_herinnering.delay() per reminder, per 1,000 reminders",
            tasks.send_herinnering.delay,
        ),
        (
            "    one apply_async(ignore_result=True) per reminder, per 1,000 reminders",
            lambda pk: tasks.send_herinnering.apply_async((pk,), ignore_result=True),
        ),
    ]:
        outbox.redis.flushdb()
        start = time.perf_counter()
        for pk in sample:
            send(pk)
        figures.add(name, state, (time.perf_counter() - start) * 1000 / len(sample))
    outbox.redis.flushdb()
    figures.time(
        f"    send_herinnering.chunks(ids, 100), all {len(ids):,} reminders",
        state,
        lambda: tasks.send_herinnering.chunks(((pk,) for pk in ids), 100).apply_async(),
    )
    if hasattr(tasks, "send_herinneringen"):  # the batch task of f4ec784
        batches = [ids[i : i + 50] for i in range(0, len(ids), 50)]
        for name, options in [
            (f"    send_herinneringen.delay(batch of 50), all {len(ids):,} reminders", {}),
            (
                f"    send_herinneringen, batches of 50, ignore_result=True, all {len(ids):,}",
                {"ignore_result": True},
            ),
        ]:
            outbox.redis.flushdb()
            figures.time(
                name,
                state,
                lambda options=options: [
                    tasks.send_herinneringen.apply_async((batch,), **options) for batch in batches
                ],
            )
    outbox.redis.flushdb()


def digest_queries(args, today, figures, state):
    """Who has open work, for the digests: the code's query and two ways of writing it."""
    from django.db.models import F

    from letters.models import Nota
    from workflow.models import Parafeerstap, Soort
    from workflow.reminders import actors_with_open_work

    def distinct(overdue_on=None, ordered=True):
        # The DISTINCT of actors_with_open_work before f4ec784. Without .order_by(),
        # Parafeerstap.Meta.ordering adds nota.documentnummer, ronde, volgorde and id to the
        # SELECT DISTINCT, which then returns every open step.
        rows = Parafeerstap.objects.filter(
            status=Parafeerstap.Status.AAN_DE_BEURT,
            nota__status=Nota.Status.IN_PARAFERING,
            ronde=F("nota__ronde"),
        )
        if overdue_on is not None:
            rows = rows.filter(deadline__lt=overdue_on)
        if not ordered:
            rows = rows.order_by()
        return set(rows.values_list("parafeerder_id", flat=True).distinct())

    for overdue_on, suffix in [(None, ""), (today, ", overdue_on=today")]:
        for _ in range(args.runs):
            actors = figures.time(
                f"actors_with_open_work('parafeerstap'{suffix})",
                state,
                lambda overdue_on=overdue_on: actors_with_open_work(
                    Soort.PARAFEERSTAP, overdue_on=overdue_on
                ),
            )
            same = figures.time(
                f"    DISTINCT as before f4ec784 (Meta.ordering inside it){suffix}",
                state,
                lambda overdue_on=overdue_on: distinct(overdue_on),
            )
            assert actors == same
            same = figures.time(
                f"    DISTINCT with .order_by(){suffix}",
                state,
                lambda overdue_on=overdue_on: distinct(overdue_on, ordered=False),
            )
            assert actors == same


def digest_message(args, now, today, figures, state):
    """The sending side, once: building one person's daily digest (reads, sends nothing)."""
    from workflow.models import Herinnering, Medewerker
    from workflow.reminders import build_message

    person = Medewerker.objects.filter(username="bench-2").get()
    digest = Herinnering(
        item_type=Herinnering.OVERZICHT,
        item_id=0,
        soort=Herinnering.Soort.DAGOVERZICHT,
        datum=today,
        ontvanger=person,
        aangemaakt_op=now,
    )
    message = figures.time(
        "sending side: build_message() of one daily digest (per digest, in the worker)",
        state,
        lambda: build_message(digest, now=now),
    )
    assert message is not None


def whole_scans(args, now, outbox, figures, state, with_broker: bool):
    """scan_reminders itself: rolled back (no broker) --runs times; with the broker --runs
    times with digests off and once with digests on, each followed by a rerun that must write
    nothing. Without the broker only digests off (the digests' DISTINCT does not use the
    deadline index)."""
    from workflow.reminders import scan_reminders

    broker_runs = args.runs if with_broker else 0
    for digests in (False, True) if with_broker else (False,):
        label = "digests on" if digests else "digests off"
        set_digests(digests)
        try:
            outbox.reset()
            for _ in range(args.runs):
                result = figures.time(
                    f"(d) scan_reminders without broker (rolled back), {label}",
                    state,
                    lambda: rolled_back(lambda: scan_reminders(now=now)),
                )
                if not digests:
                    assert result.created == result.queued == args.due, result
            runs = broker_runs if not digests else min(broker_runs, 1)
            for _ in range(runs):
                outbox.reset()
                result = figures.time(
                    f"(d) scan_reminders, {label}", state, lambda: scan_reminders(now=now)
                )
                figures.add(f"    rows created, {label}", state, result.created)
                if not digests:
                    assert result.created == result.queued == args.due, result
                figures.add(f"    messages in the broker, {label}", state, outbox.queued_messages())
                again = figures.time(
                    f"(e) rerun of the scan (idempotent), {label}",
                    state,
                    lambda: scan_reminders(now=now),
                )
                figures.add(f"    rows created by the rerun, {label}", state, again.created)
                assert again.created == again.queued == 0, again
        finally:
            set_digests(False)
            outbox.reset()


def capture_sql(fn):
    """The (sql, params) of the queries fn runs."""
    from django.db import connection

    captured = []

    def wrapper(execute, sql_, params, many, context):
        captured.append((sql_, params))
        return execute(sql_, params, many, context)

    with connection.execute_wrapper(wrapper):
        fn()
    return captured


def explain(query) -> str:
    statement, params = query
    rows = sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
    return "\n".join(r[0] for r in rows)


def explain_all(today, wanted) -> dict[str, str]:
    from workflow.models import Soort
    from workflow.reminders import actors_with_open_work, open_deadlines

    plans = {}
    (selection,) = capture_sql(lambda: list(open_deadlines(Soort.PARAFEERSTAP, wanted)))
    plans["open_deadlines('parafeerstap', dates)"] = explain(selection)
    actors = capture_sql(lambda: actors_with_open_work(Soort.PARAFEERSTAP))
    plans["actors_with_open_work('parafeerstap')"] = explain(actors[-1])
    return plans


def plan_summary(plan: str) -> str:
    nodes = []
    for line in plan.splitlines():
        node = line.strip().removeprefix("->").strip().split("  (")[0]
        scans = ("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Index Scan")
        if node.removeprefix("Parallel ").startswith(scans) or node in ("Sort", "HashAggregate"):
            nodes.append(node)
    lines = [ln.strip() for ln in plan.splitlines()]
    execution = next((ln for ln in lines if ln.startswith("Execution Time")), "")
    jit = next((ln for ln in lines if ln.startswith("Timing:")), "")
    summary = "; ".join(nodes) + f" — {execution}"
    return summary + (f" (JIT {jit.removeprefix('Timing: ')})" if jit else "")


def measure(args, now, today, wanted, outbox, figures, state, with_broker) -> dict[str, str]:
    say(f"\n== {state}: the scan taken apart ==")
    scan_parts(args, now, today, outbox, figures, state)
    if with_broker:
        say(f"== {state}: queueing through the broker ==")
        broker_figures(args, now, outbox, figures, state)
        say(f"== {state}: the digests' DISTINCT ==")
        digest_queries(args, today, figures, state)
        digest_message(args, now, today, figures, state)
    say(f"== {state}: the whole scan ==")
    whole_scans(args, now, outbox, figures, state, with_broker)
    plans = explain_all(today, wanted)
    for name, plan in plans.items():
        say(f"\n-- EXPLAIN (ANALYZE, BUFFERS) {name} [{state}] --\n{plan}")
    return plans


# --- the index under test ------------------------------------------------------------------------


def deadline_index() -> tuple[str, str] | None:
    """The migrations' partial index on open steps' deadlines, if this commit has one."""
    rows = sql(
        """
        SELECT indexname, indexdef FROM pg_indexes
         WHERE tablename = 'workflow_parafeerstap'
           AND indexdef LIKE '%%(deadline)%%' AND indexdef LIKE '%%aan_de_beurt%%'
        """
    )
    return (rows[0][0], rows[0][1]) if rows else None


# --- the report ----------------------------------------------------------------------------------


def machine(outbox, load_before: float) -> str:
    mem_kb = 0
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    postgres = scalar("SHOW server_version").split()[0]
    jit = scalar("SHOW jit")
    start = time.perf_counter()
    for _ in range(200):
        outbox.redis.ping()
    rtt = (time.perf_counter() - start) / 200 * 1000
    load = f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (1 min)"
    return (
        f"{os.cpu_count()} cores, {mem_kb / 1024 / 1024:.1f} GiB RAM, {platform.machine()}; "
        f"PostgreSQL {postgres} (jit {jit}); Python {platform.python_version()}; "
        f"Redis PING round trip {rtt:.2f} ms; load average {load}"
    )


def git_commit() -> str:
    def git(*cmd):
        return subprocess.run(
            ["git", *cmd], cwd=BASE_DIR, capture_output=True, text=True, check=False
        ).stdout.rstrip()

    commit = git("rev-parse", "--short", "HEAD")
    app_code = ["workflow", "letters", "config", "pyproject.toml", "uv.lock"]
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", *app_code)
    if dirty:
        files = ", ".join(line[3:] for line in dirty.splitlines())
        commit += f" + uncommitted changes in the tree ({files})"
    return commit


def fmt(name: str, values: list[float] | None) -> str:
    if not values:
        return "–"
    if name.strip().startswith(("rows", "messages")):
        return " / ".join(sorted({f"{int(v):,}" for v in values}))
    if len(values) == 1:
        return f"{values[0]:.3f} s"
    return f"{min(values):.3f} / {statistics.median(values):.3f} s"


def report(args, figures, states, plans, generation, header) -> str:
    lines = [
        "",
        f"## {header['date']}: {args.deadlines:,} open deadlines, {args.due:,} due",
        "",
        "| | |",
        "|---|---|",
        f"| date | {header['date']} |",
        f"| machine | {header['machine']} |",
        f"| git commit | {header['commit']} |",
        f"| scan moment | {args.now} (deadlines asked for: {header['dates']}) |",
        f"| data | {args.deadlines:,} parafeerstappen aan_de_beurt in "
        f"{-(-args.deadlines // STEPS_PER_NOTA):,} notas (in_parafering), {args.users:,} "
        f"parafeerders in {UNITS} afdelingen; {args.history:,} old reminders in the outbox |",
        f"| runs | {args.runs}; timings are min / median, a single figure is one run |",
        f"| whole bench | {header['total']:.0f} s |",
        "",
        "| figure | " + " | ".join(states) + " |",
        "|---|" + "---|" * len(states),
    ]
    for name, seconds in generation.items():
        lines.append(f"| {name} | {seconds:.1f} s |" + " |" * (len(states) - 1))
    for name in figures.order:
        cells = [fmt(name, figures.rows[name].get(state)) for state in states]
        label = name.strip().replace("|", "\\|")
        indent = "↳ " if name.startswith("    ") else ""
        lines.append(f"| {indent}{label} | " + " | ".join(cells) + " |")
    lines += ["", "Plans (EXPLAIN ANALYZE, scan nodes):", ""]
    for state in states:
        for name, plan in plans.get(state, {}).items():
            lines.append(f"- {state}, `{name}`: {plan_summary(plan)}")
    lines.append("")
    return "\n".join(lines)


def main():
    began = time.perf_counter()
    load_before = os.getloadavg()[0]
    commit = git_commit()  # the code this process imports, before anyone commits more
    args = parse_args()
    os.chdir(BASE_DIR)
    ensure_database()
    setup_django(args.redis_url)

    from django.conf import settings
    from django.core.management import call_command

    from demo.notas import load_demo_data
    from workflow.models import Soort

    now = datetime.fromisoformat(args.now)
    if now.tzinfo is None:
        now = now.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    today = now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()

    say(f"migrating {DB_NAME} …")
    call_command("migrate", verbosity=0)
    load_demo_data()
    sql(f"DROP INDEX IF EXISTS {INDEX_NAME}")  # left behind by an interrupted run
    set_digests(False)
    asked = wanted_dates(today)
    wanted = asked[Soort.PARAFEERSTAP]  # the due steps' deadlines
    excluded = set().union(*asked.values())  # no other step's deadline may be asked for
    if not wanted:
        sys.exit(f"{today} is no werkdag: the scan sends nothing then; pick another --now")
    say(f"scan at {now.isoformat()}: steps' deadlines asked for {sorted(map(str, wanted))}")

    migrated_index = deadline_index()
    if migrated_index and migrated_index[0] == INDEX_NAME:
        sys.exit(f"{INDEX_NAME} is in the migrations: rename the bench's index")

    generation: dict[str, float] = {}
    start = time.perf_counter()
    if args.keep and data_matches(args, wanted):
        say(f"reusing the data in {DB_NAME} (--keep)")
        sql("DELETE FROM workflow_herinnering WHERE kenmerk <> 'historie'")
        generation["generate: reused (--keep)"] = 0.0
    else:
        say(f"generating {args.deadlines:,} deadlines ({args.due:,} due) …")
        clear_bench_data()
        generation.update(generate(args, wanted, excluded, today))
    history_now = scalar("SELECT count(*) FROM workflow_herinnering WHERE kenmerk = 'historie'")
    if history_now != args.history:
        sql("TRUNCATE workflow_herinnering")
        if args.history:
            say(f"generating {args.history:,} old reminders …")
            generation["generate: old reminders (history)"] = generate_history(args.history, today)
    if len(generation) > 1 or history_now != args.history:
        generation["generate: VACUUM ANALYZE"] = vacuum_analyze()
        generation["generate: total"] = time.perf_counter() - start
        for name, seconds in generation.items():
            say(f"  {name}: {seconds:.1f} s")
    assert data_matches(args, wanted), "the data is not what was asked"

    outbox = Outbox(args.redis_url)
    outbox.reset()
    figures = Figures()
    plans = {}
    if migrated_index:
        name, definition = migrated_index
        states = [f"as migrated (partial index {name})", f"{name} dropped"]
        toggle, restore = f"DROP INDEX {name}", definition
    else:
        states = ["as migrated (no index on deadline)", f"with {INDEX_NAME} (bench-made)"]
        toggle, restore = INDEX_SQL, f"DROP INDEX IF EXISTS {INDEX_NAME}"
    try:
        plans[states[0]] = measure(args, now, today, wanted, outbox, figures, states[0], True)
        say(f"\n{toggle}")
        start = time.perf_counter()
        sql(toggle)
        sql("ANALYZE workflow_parafeerstap")
        generation[f"{toggle.split(' ON ')[0]}, ANALYZE"] = time.perf_counter() - start
        plans[states[1]] = measure(args, now, today, wanted, outbox, figures, states[1], False)
    finally:
        # Leave the schema as the migrations made it, the policy as it was, the broker db empty.
        if deadline_index() != migrated_index:
            sql(restore)
            sql("ANALYZE workflow_parafeerstap")
        sql("UPDATE workflow_herinneringsbeleid SET wekelijks_overzicht = true")
        outbox.reset()

    for state in states:
        for name, plan in plans[state].items():
            if "Seq Scan on workflow_parafeerstap" in plan:
                say(f"{state}: {name} reads all of workflow_parafeerstap (sequential scan)")

    header = {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(outbox, load_before),
        "commit": commit if git_commit() == commit else f"{commit} (at the end: {git_commit()})",
        "dates": ", ".join(d.strftime("%d-%m") for d in sorted(wanted)),
        "total": time.perf_counter() - began,
    }
    text = report(args, figures, states, plans, generation, header)
    say(text)
    if not args.no_results:
        results = BASE_DIR / "bench" / "RESULTS.md"
        if not results.exists():
            results.write_text(
                "# Benchmark results\n\nAppended by `bench/reminder_scan.py`; see README.md.\n"
            )
        with results.open("a") as out:
            out.write(text)
        say(f"appended to {results.relative_to(BASE_DIR)}")
    say(f"the database {DB_NAME} is kept; remove it with: dropdb {' '.join(PG)} {DB_NAME}")


if __name__ == "__main__":
    main()
