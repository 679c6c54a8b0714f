"""`manage.py generate_bench_data`: a ministry's volume of work, for bench/run (issue 9).

At --scale 1.0: 40 organisatieonderdelen, 2,000 medewerkers, 100,000 notas with their route
steps, 1,000,000 open parafeerstappen (deadlines, 10,000 of them due at the bench's scan moment),
1,000,000 history events, 10,000 Kamerbrieven with afstemming, 50,000 toezeggingen and 20,000
moties. Everything is written with INSERT … SELECT … generate_series, and every "random" choice
is hashint8extended(row, seed), so the same seed gives the same rows (ids included after
--reset). PostgreSQL only; it refuses a database whose name does not say it is for benchmarks.
"""

import re
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from math import gcd
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from demo.notas import load_demo_data
from workflow.deadlines import werkkalender
from workflow.doorlooptijdstand import vouwen
from workflow.models import Herinnering, Medewerker
from workflow.overzicht import afgeronde_stappen_aanvullen
from workflow.reminders import policy_by_kind, reminder_dates
from workflow.selectors import werkvoorraad_for

# The moment bench/run scans for reminders: the seed case's week, a Tuesday.
SCAN_MOMENT = datetime(2023, 12, 5, 8, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
# Every generated timestamp is counted from here, never from now(): repeatable data.
BASE = datetime(2023, 11, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
FULL = {
    "units": 40,
    "users": 2_000,
    "notas": 100_000,
    "open_steps": 1_000_000,
    "due": 10_000,
    "events": 1_000_000,
    "brieven": 10_000,
    "toezeggingen": 50_000,
    "moties": 20_000,
}
MINIMA = {"units": 4, "users": 20, "notas": 10, "open_steps": 10, "due": 1, "events": 10}
# (i · P) mod N is a permutation of 0..N-1 when P and N are coprime: it spreads the due steps.
SPREAD_PRIME = 7919
BENCH_DB = re.compile(r"bench|scale|^test_")
SURNAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
]  # fmt: skip
ONDERWERPEN = [
    "mentale gezondheid", "jeugdzorg", "wachtlijsten ggz", "preventie", "sportakkoord",
    "langdurige zorg", "arbeidsmarkt zorg", "medische hulpmiddelen", "pandemische paraatheid",
    "huisartsenzorg", "zorgverzekeringswet", "geneesmiddelenprijzen", "eenzaamheid", "dementie",
]  # fmt: skip


def volumes(scale: float) -> dict[str, int]:
    n = {key: max(MINIMA.get(key, 1), round(full * scale)) for key, full in FULL.items()}
    n["due"] = min(n["due"], n["open_steps"])
    return n


def looks_like_bench_database(name: str) -> bool:
    """bench/scale in the name, or a test database Django made and will drop."""
    return bool(BENCH_DB.search(name or ""))


def database_name() -> str:
    return connection.settings_dict["NAME"]


def sql(statement: str, params=None):
    with connection.cursor() as cursor:
        # Always with parameters, so that `%%` means `%` in every statement.
        cursor.execute(statement, params if params is not None else ())
        if cursor.description is not None:
            return cursor.fetchall()
    return None


def scalar(statement: str, params=None):
    return sql(statement, params)[0][0]


def schema_of(table: str) -> list[str]:
    rows = sql(
        """
        SELECT indexdef FROM pg_indexes WHERE tablename = %(t)s
        UNION ALL
        SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
         WHERE conrelid = %(t)s::regclass
        """,
        {"t": table},
    )
    return sorted(r[0] for r in rows)


@contextmanager
def bulk_load(table: str):
    """Loads a big table without its secondary indexes, unique constraints and foreign keys,
    then puts them back from their own definitions: building an index once and checking a
    foreign key with one join is many times faster than row by row (see bench/README.md)."""
    before = schema_of(table)
    constraints = sql(
        """
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
         WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype, conname
        """,
        [table],
    )
    indexes = sql(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
          FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         WHERE x.indrelid = %s::regclass AND NOT x.indisprimary
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        """,
        [table],
    )
    for name, _definition in constraints:
        sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"', None)
    for name, _definition in indexes:
        sql(f'DROP INDEX "{name}"')
    yield
    sql("SET LOCAL maintenance_work_mem = '256MB'")
    for _name, definition in indexes:
        sql(definition)
    for name, definition in sorted(constraints, key=lambda c: c[1].startswith("FOREIGN")):
        sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    assert schema_of(table) == before, f"{table}: the schema changed while loading"


def scan_dates() -> tuple[list[date], list[date]]:
    """The deadlines the reminder scan asks for at SCAN_MOMENT (any kind of item), and the
    werkdagen from a year before to a year after on which no kind of item is due then."""

    today = SCAN_MOMENT.date()
    kalender = werkkalender()
    wanted: set[date] = set()
    for policy in policy_by_kind().values():
        dates = reminder_dates(
            today, kalender, policy.werkdagen_vooraf, settings.PARAFEER_HERINNERING_INHAALDAGEN
        )
        for kind, enabled in [
            (Herinnering.Soort.VOORAF, policy.werkdagen_vooraf),
            (Herinnering.Soort.OP_DE_DAG, policy.op_de_dag),
            (Herinnering.Soort.ESCALATIE, policy.escalatie),
        ]:
            if enabled:
                wanted |= dates[kind]
    days = (today + timedelta(days=offset) for offset in range(-365, 366))
    others = [d for d in days if kalender.is_werkdag(d) and d not in wanted]
    # Only the parafeerstappen are due: the dates steps are asked for on the scan day.
    steps = policy_by_kind()["parafeerstap"]
    step_dates = reminder_dates(
        today, kalender, steps.werkdagen_vooraf, settings.PARAFEER_HERINNERING_INHAALDAGEN
    )
    due = set()
    for kind, enabled in [
        (Herinnering.Soort.VOORAF, steps.werkdagen_vooraf),
        (Herinnering.Soort.OP_DE_DAG, steps.op_de_dag),
        (Herinnering.Soort.ESCALATIE, steps.escalatie),
    ]:
        if enabled:
            due |= step_dates[kind]
    return sorted(due), others


APP_TABLES_SQL = """
    SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables
     WHERE schemaname = current_schema()
       AND (tablename LIKE 'workflow\\_%%' OR tablename LIKE 'letters\\_%%'
            OR tablename LIKE 'axes\\_%%' OR tablename = 'django_session')
"""


class Command(BaseCommand):
    help = (
        "Generates ministry-scale benchmark data (set-based, repeatable from --seed) in a "
        "PostgreSQL database whose name contains 'bench' or 'scale'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = full size")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data")
        parser.add_argument(
            "--reset", action="store_true", help="empty every app table first (and reload demo)"
        )
        parser.add_argument(
            "--force", action="store_true", help="run on a database not named like a bench one"
        )

    def handle(self, *args, scale, seed, reset, force, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_bench_data needs PostgreSQL.")
        name = database_name()
        if not looks_like_bench_database(name) and not force:
            raise CommandError(
                f"Database {name!r} does not look like a bench database (its name should "
                "contain 'bench' or 'scale'); refusing. Use --force if you mean it."
            )
        if not 0 < scale <= 10:
            raise CommandError("--scale must be above 0 and at most 10.")
        self.seed = seed
        n = volumes(scale)
        started = time.perf_counter()
        if reset:
            self._step("reset", self._reset)
        elif scalar("SELECT count(*) FROM workflow_medewerker WHERE username LIKE 'bench-%%'"):
            raise CommandError("Bench data is present already; add --reset to generate anew.")
        self._step("demo data (ministries, bewindspersonen, policy)", self._reference_data)
        due_dates, other_dates = scan_dates()
        if gcd(SPREAD_PRIME, n["open_steps"]) != 1:
            raise CommandError("Pick another --scale: the open steps would not spread.")
        params = {
            **n,
            "base": BASE,
            "due_dates": due_dates,
            "n_due_dates": len(due_dates),
            "other_dates": other_dates,
            "n_other": len(other_dates),
            "prime": SPREAD_PRIME,
        }
        self._step("organisation and users", self._organisation, params)
        self._step("dossiers and notas", self._notas, params)
        self._step("parafeerstappen", self._steps, params)
        self._step("history events", self._events, params)
        self._step("Kamerbrieven and afstemming", self._brieven, params)
        self._step("toezeggingen, moties, koppelingen", self._register, params)
        # The data was loaded around the services: derive the overzicht's rows as they would
        # have written them.
        self._step("finished steps (the overzicht's lead times)", afgeronde_stappen_aanvullen)
        # Counted as the beat would count them, before the VACUUM: the fold's updates leave
        # dead entries in the index of the steps not counted yet, which the overzicht reads.
        self._step("lead times counted (the doorlooptijdstand)", vouwen)
        self._step("VACUUM ANALYZE", self._analyze)
        counts = self.counts()
        self.stdout.write(
            ", ".join(f"{k} {v:,}" for k, v in counts.items())
            + f" — {time.perf_counter() - started:.1f} s in all"
        )

    # --- helpers --------------------------------------------------------------------------------

    def _step(self, label, fn, *args):
        start = time.perf_counter()
        fn(*args)
        self.stdout.write(f"{label}: {time.perf_counter() - start:.1f} s")

    def h(self, expr: str, k: int, modulo: str | int) -> str:
        """SQL for a repeatable pseudo-random number in 0..modulo-1 for row `expr`."""
        return (
            f"(abs(hashint8extended(({expr})::bigint, {self.seed * 1000 + k})) %% ({modulo}))::int"
        )

    def _reset(self):
        tables = scalar(APP_TABLES_SQL)
        with transaction.atomic():
            # The bench's database holds nothing else: history and versions may go too
            # (workflow/migrations/0013).
            sql("SET LOCAL parafeer.truncate_history = 'on'")
            sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")

    def _reference_data(self):

        load_demo_data()
        # The bench's scan writes the due reminders only: no weekly digests (see bench/README.md).
        for policy in policy_by_kind().values():
            policy.wekelijks_overzicht = False
            policy.save()

    def _organisation(self, p):
        with transaction.atomic():
            dg = scalar(
                "SELECT bovenliggend_id FROM workflow_organisatieonderdeel WHERE code = 'PG'"
            )
            ministerie = scalar("SELECT id FROM workflow_ministerie WHERE afkorting = 'VWS'")
            directies = max(1, p["units"] // 10)
            # The first tenth are directies under the demo's DG, the rest afdelingen under them.
            sql(
                """
                INSERT INTO workflow_organisatieonderdeel
                       (ministerie_id, bovenliggend_id, soort, naam, code, manager_id)
                SELECT %(ministerie)s, %(dg)s, 'directie', 'Benchdirectie ' || g,
                       'BD' || lpad(g::text, 2, '0'), NULL
                  FROM generate_series(1, %(directies)s) g
                """,
                {"ministerie": ministerie, "dg": dg, "directies": directies},
            )
            sql(
                """
                WITH d AS (SELECT array_agg(id ORDER BY code) AS ids
                             FROM workflow_organisatieonderdeel WHERE code LIKE 'BD%%')
                INSERT INTO workflow_organisatieonderdeel
                       (ministerie_id, bovenliggend_id, soort, naam, code, manager_id)
                SELECT %(ministerie)s, d.ids[1 + g %% cardinality(d.ids)], 'afdeling',
                       'Benchafdeling ' || g, 'BA' || lpad(g::text, 3, '0'), NULL
                  FROM generate_series(1, %(afdelingen)s) g, d
                """,
                {"ministerie": ministerie, "afdelingen": p["units"] - directies},
            )
            sql(
                f"""
                WITH units AS (SELECT array_agg(id ORDER BY id) AS ids
                                 FROM workflow_organisatieonderdeel
                                WHERE code LIKE 'BD%%' OR code LIKE 'BA%%')
                INSERT INTO workflow_medewerker
                       (password, last_login, is_superuser, username, first_name, last_name,
                        email, is_staff, is_active, date_joined, organisatieonderdeel_id,
                        bureau_van_id, functie, dagoverzicht, ical_token)
                SELECT '!', NULL, false, 'bench-' || g,
                       chr(65 + {self.h("g", 1, 26)}) || '.',
                       (%(surnames)s::text[])[1 + {self.h("g", 2, len(SURNAMES))}],
                       'bench-' || g || '@parafeer.example', false, true, %(base)s,
                       units.ids[1 + (g - 1) %% cardinality(units.ids)], NULL, 'Beleidsmedewerker',
                       false, md5(%(seed)s || '-' || g)::uuid
                  FROM generate_series(1, %(users)s) g, units
                """,
                {**p, "surnames": SURNAMES, "seed": str(self.seed)},
            )
            # The first person of each unit manages it.
            sql(
                """
                UPDATE workflow_organisatieonderdeel o
                   SET manager_id = (SELECT min(m.id) FROM workflow_medewerker m
                                      WHERE m.organisatieonderdeel_id = o.id)
                 WHERE o.code LIKE 'BD%%' OR o.code LIKE 'BA%%'
                """
            )
            sql(
                """
                UPDATE workflow_medewerker m SET functie = CASE o.soort
                       WHEN 'directie' THEN 'Directeur' ELSE 'Afdelingshoofd' END
                  FROM workflow_organisatieonderdeel o WHERE o.manager_id = m.id
                   AND (o.code LIKE 'BD%%' OR o.code LIKE 'BA%%')
                """
            )

    def _notas(self, p):
        h = self.h
        with transaction.atomic():
            sql("SET LOCAL synchronous_commit = off")
            sql(
                """
                INSERT INTO letters_dossier (nummer, onderwerp, aangemaakt_op)
                SELECT 2000000 + g, 'Benchdossier ' || g, %(base)s
                  FROM generate_series(1, %(n)s) g
                """,
                {**p, "n": -(-p["notas"] // 100)},
            )
            with bulk_load("letters_nota"):
                # Status by a hash: 70 % in parafering, 8 % ter beslissing, 2 % concept,
                # 2 % akkoord, 2 % aangehouden, 16 % afgehandeld. Every tenth nota (g % 10 = 0)
                # gets a Kamerbrief later.
                sql(
                    f"""
                    WITH afd AS (SELECT array_agg(id ORDER BY id) AS ids,
                                        array_agg(code ORDER BY id) AS codes
                                   FROM workflow_organisatieonderdeel WHERE code LIKE 'BA%%'),
                         users AS (SELECT array_agg(id ORDER BY id) AS ids,
                                          array_agg(organisatieonderdeel_id ORDER BY id) AS units
                                     FROM workflow_medewerker WHERE username LIKE 'bench-%%'),
                         bp AS (SELECT array_agg(b.id ORDER BY b.id) AS ids
                                  FROM workflow_bewindspersoon b
                                  JOIN workflow_ministerie m ON m.id = b.ministerie_id
                                 WHERE m.afkorting = 'VWS'),
                         dossiers AS (SELECT array_agg(id ORDER BY nummer) AS ids,
                                             array_agg(nummer ORDER BY nummer) AS nummers
                                        FROM letters_dossier WHERE nummer > 2000000),
                         rows AS (SELECT g, {h("g", 10, 100)} AS s, {h("g", 11, 400)} AS age,
                                         1 + g %% cardinality(afd.ids) AS unit
                                    FROM generate_series(0, %(notas)s - 1) g, afd)
                    INSERT INTO letters_nota
                           (kenmerk, documentnummer, dossier_id, soort, aan_id,
                            organisatieonderdeel_id, opsteller_id, datum, deadline,
                            deadline_omschrijving, onderwerp, aanleiding, geadviseerd_besluit,
                            kernpunten, niet_openbaar, status, ronde, opnieuw_paraferen,
                            wijzigingen_verwerkt, aangemaakt_op)
                    SELECT (5000000 + g) || '-' || dossiers.nummers[1 + g / 100] || '-'
                               || afd.codes[unit],
                           5000000 + g, dossiers.ids[1 + g / 100], 'ter_beslissing',
                           bp.ids[1 + {h("g", 12, "cardinality(bp.ids)")}],
                           afd.ids[unit],
                           -- users are spread over units round-robin: pick one of this unit
                           users.ids[array_position(users.units, afd.ids[unit])
                                     + %(units)s * {h("g", 13, "%(per_unit)s")}],
                           %(base)s::date - age, (%(other_dates)s::date[])[1 + g %% %(n_other)s],
                           '', 'Nota over ' || (%(onderwerpen)s::text[])[1 + g %% %(n_onderwerpen)s]
                               || ' (' || g || ')',
                           'Aanleiding van benchnota ' || g, 'Akkoord gaan met de brief.',
                           'Kernpunten van benchnota ' || g, '',
                           CASE WHEN s < 70 THEN 'in_parafering'
                                WHEN s < 78 THEN 'ter_beslissing'
                                WHEN s < 80 THEN 'concept'
                                WHEN s < 82 THEN 'akkoord'
                                WHEN s < 84 THEN 'aangehouden'
                                ELSE 'afgehandeld' END,
                           CASE WHEN s >= 78 AND s < 80 THEN 0 ELSE 1 END, true, false,
                           %(base)s::timestamptz - make_interval(days => age)
                      FROM rows, afd, users, bp, dossiers
                    """,
                    {
                        **p,
                        "onderwerpen": ONDERWERPEN,
                        "n_onderwerpen": len(ONDERWERPEN),
                        "per_unit": min(5, p["users"] // p["units"]),
                    },
                )

    def _steps(self, p):
        with transaction.atomic():
            sql("SET LOCAL synchronous_commit = off")
            with bulk_load("workflow_parafeerstap"):
                # The open steps: volgorde 2, meeparafen in parallel, spread over the notas in
                # parafering; step g of nota i goes to user (k + 37 i) mod users, k = g / notas,
                # so no one twice on one nota. Exactly `due` of them are due at SCAN_MOMENT.
                sql(
                    """
                    WITH np AS (SELECT array_agg(id ORDER BY id) AS ids FROM letters_nota
                                 WHERE status = 'in_parafering' AND documentnummer >= 5000000),
                         users AS (SELECT array_agg(id ORDER BY id) AS ids
                                     FROM workflow_medewerker WHERE username LIKE 'bench-%%'),
                         steps AS (SELECT g, (g::bigint * %(prime)s) %% %(open_steps)s AS r,
                                          g %% cardinality(np.ids) AS i,
                                          g / cardinality(np.ids) AS k
                                     FROM generate_series(0, %(open_steps)s - 1) g, np)
                    INSERT INTO workflow_parafeerstap
                           (nota_id, ronde, volgorde, parafeerder_id, omschrijving, status,
                            deadline, aan_de_beurt_sinds, afgehandeld_op, afgehandeld_door_id,
                            opmerking)
                    SELECT np.ids[1 + i], 1, 2,
                           users.ids[1 + (k + 37 * i) %% cardinality(users.ids)], 'Meeparaaf',
                           'aan_de_beurt', d, (d - 5)::timestamptz, NULL, NULL, ''
                      FROM (SELECT *, CASE WHEN r < %(due)s
                                           THEN (%(due_dates)s::date[])[1 + r %% %(n_due_dates)s]
                                           ELSE (%(other_dates)s::date[])[1 + r %% %(n_other)s]
                                      END AS d FROM steps) s, np, users
                    """,
                    p,
                )
                # The afdelingshoofd initialled first (volgorde 1) on every submitted nota; the
                # directeur (volgorde 3) waits on notas in parafering and has initialled the
                # others.
                sql(
                    """
                    INSERT INTO workflow_parafeerstap
                           (nota_id, ronde, volgorde, parafeerder_id, omschrijving, status,
                            deadline, aan_de_beurt_sinds, afgehandeld_op, afgehandeld_door_id,
                            opmerking)
                    SELECT n.id, 1, v.volgorde, v.who, v.omschrijving,
                           CASE WHEN v.volgorde = 3 AND n.status = 'in_parafering'
                                THEN 'wachtend' ELSE 'geparafeerd' END,
                           n.deadline,
                           CASE WHEN v.volgorde = 3 AND n.status = 'in_parafering' THEN NULL
                                ELSE n.aangemaakt_op + interval '1 day' END,
                           CASE WHEN v.volgorde = 3 AND n.status = 'in_parafering' THEN NULL
                                ELSE n.aangemaakt_op + make_interval(days => v.volgorde) END,
                           CASE WHEN v.volgorde = 3 AND n.status = 'in_parafering' THEN NULL
                                ELSE v.who END,
                           ''
                      FROM letters_nota n
                      JOIN workflow_organisatieonderdeel afd ON afd.id = n.organisatieonderdeel_id
                      JOIN workflow_organisatieonderdeel dir ON dir.id = afd.bovenliggend_id
                     CROSS JOIN LATERAL (VALUES (1, afd.manager_id, 'Afdelingshoofd'),
                                                (3, dir.manager_id, 'Directeur')) v(volgorde, who,
                                                                                 omschrijving)
                     WHERE n.documentnummer >= 5000000 AND n.status <> 'concept'
                    """
                )
                sql(
                    """
                    INSERT INTO workflow_routestap
                           (nota_id, volgorde, parafeerder_id, omschrijving, vervangen_op)
                    SELECT nota_id, volgorde, parafeerder_id, omschrijving, NULL
                      FROM workflow_parafeerstap WHERE ronde = 1 AND volgorde IN (1, 3)
                    """
                )

    def _events(self, p):
        h = self.h
        with transaction.atomic():
            sql("SET LOCAL synchronous_commit = off")
            with bulk_load("workflow_gebeurtenis"):
                sql(
                    f"""
                    WITH notas AS (SELECT array_agg(id ORDER BY id) AS ids FROM letters_nota
                                    WHERE documentnummer >= 5000000),
                         users AS (SELECT array_agg(id ORDER BY id) AS ids
                                     FROM workflow_medewerker WHERE username LIKE 'bench-%%'),
                         rows AS (SELECT g, g / cardinality(notas.ids) AS k
                                    FROM generate_series(0, %(events)s - 1) g, notas)
                    INSERT INTO workflow_gebeurtenis
                           (tijdstip, actie, van_status, naar_status, opmerking, versie,
                            kanaal, actor_id, nota_id)
                    SELECT %(base)s::timestamptz + make_interval(hours => k::int, mins => g %% 60),
                           CASE WHEN k = 0 THEN 'aangemaakt'
                                WHEN k = 1 THEN 'ingediend' ELSE 'geparafeerd' END,
                           CASE WHEN k = 0 THEN '' WHEN k = 1 THEN 'concept'
                                ELSE 'in_parafering' END,
                           CASE WHEN k = 0 THEN 'concept' ELSE 'in_parafering' END,
                           CASE WHEN {h("g", 30, 5)} = 0 THEN 'Graag de cijfers in bijlage 2 '
                                || 'nog eens nalopen.' ELSE '' END, '', '',
                           users.ids[1 + {h("g", 31, "cardinality(users.ids)")}],
                           notas.ids[1 + g %% cardinality(notas.ids)]
                      FROM rows, notas, users
                    """,
                    p,
                )

    def _brieven(self, p):
        h = self.h
        with transaction.atomic():
            sql("SET LOCAL synchronous_commit = off")
            # Every tenth nota submits a Kamerbrief; its state follows the nota's.
            sql(
                """
                INSERT INTO letters_kamerbrief
                       (kenmerk, documentnummer, geadresseerde, vorm, betreft, status,
                        geplande_verzenddatum, datum, kamerstuk, tk_document_id, aangemaakt_op,
                        afzender_id, nota_id, uw_brief_kenmerk)
                SELECT (6000000 + x.g) || '-' || d.nummer || '-' || o.code, 6000000 + x.g, 'tk',
                       'mede_namens', 'Voortgang ' || n.onderwerp,
                       CASE n.status WHEN 'afgehandeld' THEN 'verzonden'
                                     WHEN 'akkoord' THEN 'gereed_voor_ondertekening'
                                     WHEN 'concept' THEN 'concept' ELSE 'in_afstemming' END,
                       n.deadline,
                       CASE WHEN n.status = 'afgehandeld' THEN n.deadline END,
                       '', '', n.aangemaakt_op, n.aan_id, n.id, ''
                  FROM (SELECT id, row_number() OVER (ORDER BY id) AS g FROM letters_nota
                         WHERE documentnummer >= 5000000 AND documentnummer %% 10 = 0
                         ORDER BY id LIMIT %(brieven)s) x
                  JOIN letters_nota n ON n.id = x.id
                  JOIN letters_dossier d ON d.id = n.dossier_id
                  JOIN workflow_organisatieonderdeel o ON o.id = n.organisatieonderdeel_id
                """,
                p,
            )
            sql(
                """
                INSERT INTO letters_kamerbriefversie
                       (nummer, tekst, voetnoten, sha256, aangemaakt_op, auteur_id, kamerbrief_id)
                SELECT 1, 'Geachte voorzitter, hierbij informeer ik uw Kamer over '
                          || k.betreft || '.', '[]'::jsonb, encode(sha256(k.kenmerk::bytea), 'hex'),
                       k.aangemaakt_op, n.opsteller_id, k.id
                  FROM letters_kamerbrief k JOIN letters_nota n ON n.id = k.nota_id
                 WHERE k.documentnummer >= 6000000
                """
            )
            # Two co-signers (mede namens) each, other VWS/OCW/SZW/BZK posts than the sender.
            sql(
                f"""
                WITH bp AS (SELECT array_agg(id ORDER BY id) AS ids FROM workflow_bewindspersoon)
                INSERT INTO letters_kamerbrief_medeondertekenaars (kamerbrief_id, bewindspersoon_id)
                SELECT DISTINCT k.id, bp.ids[1 + (array_position(bp.ids, k.afzender_id) + j
                                                  + {h("k.id", 40, 3)})
                                                 %% cardinality(bp.ids)]
                  FROM letters_kamerbrief k, bp, generate_series(0, 1) j
                 WHERE k.documentnummer >= 6000000
                """
            )
            sql(
                f"""
                INSERT INTO letters_afstemmingsverzoek
                       (status, bijlageversies, pakket, deadline, aangevraagd_op, beantwoord_op,
                        opmerking, beantwoord_door_id, bewindspersoon_id, vorig_verzoek_id,
                        kamerbrief_id, briefversie_id)
                SELECT CASE WHEN k.status IN ('concept', 'in_afstemming') THEN 'aangevraagd'
                            ELSE 'akkoord' END,
                       '{{}}'::jsonb, v.sha256,
                       (%(other_dates)s::date[])[1 + {h("m.id", 41, "%(n_other)s")}],
                       k.aangemaakt_op + interval '2 days',
                       CASE WHEN k.status IN ('concept', 'in_afstemming') THEN NULL
                            ELSE k.aangemaakt_op + interval '4 days' END,
                       '', NULL, m.bewindspersoon_id, NULL, k.id, v.id
                  FROM letters_kamerbrief_medeondertekenaars m
                  JOIN letters_kamerbrief k ON k.id = m.kamerbrief_id
                  JOIN letters_kamerbriefversie v ON v.kamerbrief_id = k.id
                 WHERE k.documentnummer >= 6000000 AND k.status <> 'concept'
                """,
                p,
            )
            # A finished dossier's day in the archive, as the services set it: its letter's date
            # or, without a letter, its own date (no generated event completes a nota).
            sql(
                """
                UPDATE letters_nota n
                   SET afgerond_op = COALESCE(
                       (SELECT k.datum FROM letters_kamerbrief k WHERE k.nota_id = n.id), n.datum)
                 WHERE n.status = 'afgehandeld' AND n.documentnummer >= 5000000
                """
            )

    def _register(self, p):
        h = self.h
        with transaction.atomic():
            sql("SET LOCAL synchronous_commit = off")
            sql(
                f"""
                WITH bp AS (SELECT array_agg(b.id ORDER BY b.id) AS ids, min(b.ministerie_id) AS m
                              FROM workflow_bewindspersoon b JOIN workflow_ministerie m
                                ON m.id = b.ministerie_id WHERE m.afkorting = 'VWS'),
                     rows AS (SELECT g, {h("g", 50, 100)} AS s, {h("g", 51, 10)} AS p
                                FROM generate_series(1, %(toezeggingen)s) g)
                INSERT INTO workflow_toezegging
                       (tk_id, tk_gewijzigd_op, tk_verwijderd, tk_data, tekst, bron, bron_kenmerk,
                        debat, debat_datum, activiteit_nummer, aan_persoon, aan_fractie, deadline,
                        deadline_omschrijving, soort, herhaling, status, reden_vervallen,
                        tk_nummer, kamerbrief_nakoming, notities, aangemaakt_op,
                        bewindspersoon_id, bron_kamerbrief_id, geregistreerd_door_id,
                        ministerie_id)
                SELECT NULL, NULL, false, NULL,
                       'De Kamer wordt geïnformeerd over '
                           || (%(onderwerpen)s::text[])[1 + g %% %(n_onderwerpen)s]
                           || ' (toezegging ' || g || ')',
                       'debat', '', 'Commissiedebat ' || (%(onderwerpen)s::text[])[1 + g %% 5],
                       %(base)s::date - (g %% 700), '', '', '',
                       (%(other_dates)s::date[])[1 + {h("g", 52, "%(n_other)s")}], '',
                       CASE WHEN p = 0 THEN 'periodiek' ELSE 'eenmalig' END,
                       CASE WHEN p = 0 THEN 'jaarlijks' ELSE '' END,
                       CASE WHEN s < 60 THEN 'openstaand' WHEN s < 95 THEN 'voldaan'
                            ELSE 'vervallen' END,
                       CASE WHEN s >= 95 THEN 'Achterhaald door nieuw beleid.' ELSE '' END,
                       '', '', '', %(base)s::timestamptz - make_interval(days => g %% 700),
                       bp.ids[1 + g %% cardinality(bp.ids)], NULL, NULL, bp.m
                  FROM rows, bp
                """,
                {**p, "onderwerpen": ONDERWERPEN, "n_onderwerpen": len(ONDERWERPEN)},
            )
            sql(
                f"""
                WITH bp AS (SELECT array_agg(b.id ORDER BY b.id) AS ids, min(b.ministerie_id) AS m
                              FROM workflow_bewindspersoon b JOIN workflow_ministerie m
                                ON m.id = b.ministerie_id WHERE m.afkorting = 'VWS'),
                     rows AS (SELECT g, {h("g", 60, 100)} AS s
                                FROM generate_series(1, %(moties)s) g)
                INSERT INTO workflow_motie
                       (tk_id, tk_gewijzigd_op, tk_verwijderd, tk_data, titel, onderwerp,
                        kamerstuk, vergaderjaar, tk_zaak_nummer, tk_document_nummer, debat, datum,
                        dictum, kabinetsappreciatie, deadline, deadline_omschrijving, status,
                        reden_niet_uitgevoerd, notities, aangemaakt_op, bewindspersoon_id,
                        geregistreerd_door_id, ministerie_id, indieners_tekst)
                SELECT NULL, NULL, false, NULL, 'Motie over '
                           || (%(onderwerpen)s::text[])[1 + g %% %(n_onderwerpen)s],
                       (%(onderwerpen)s::text[])[1 + g %% %(n_onderwerpen)s],
                       'Kamerstuk ' || (30000 + g / 500) || ', nr. ' || (1 + g %% 500),
                       '2023-2024', '', '', '', %(base)s::date - (g %% 700),
                       'verzoekt de regering werk te maken van '
                           || (%(onderwerpen)s::text[])[1 + g %% %(n_onderwerpen)s],
                       'oordeel_kamer',
                       (%(other_dates)s::date[])[1 + {h("g", 61, "%(n_other)s")}], '',
                       CASE WHEN s < 40 THEN 'aangenomen' WHEN s < 70 THEN 'in_uitvoering'
                            WHEN s < 97 THEN 'afgedaan' ELSE 'niet_uitgevoerd' END,
                       CASE WHEN s >= 97 THEN 'Niet uitvoerbaar binnen het budget.' ELSE '' END,
                       '', %(base)s::timestamptz - make_interval(days => g %% 700),
                       bp.ids[1 + g %% cardinality(bp.ids)], NULL, bp.m, ''
                  FROM rows, bp
                """,
                {**p, "onderwerpen": ONDERWERPEN, "n_onderwerpen": len(ONDERWERPEN)},
            )
            sql(
                f"""
                INSERT INTO workflow_motieindiener
                       (rol, naam, fractie, volgorde, tk_persoon_id, vervangen_op, motie_id)
                SELECT 'indiener', (%(surnames)s::text[])[1 + {h("id", 62, len(SURNAMES))}],
                       (ARRAY['VVD','D66','CDA','GL-PvdA','PVV','SP','CU'])[1 + id %% 7], 1,
                       NULL, NULL, id
                  FROM workflow_motie WHERE kamerstuk LIKE 'Kamerstuk 3____, nr. %%'
                """,
                {"surnames": SURNAMES},
            )
            # What set_indieners writes for the register's search (Motie.zoektekst).
            sql(
                """
                UPDATE workflow_motie m SET indieners_tekst = i.naam || ' ' || i.fractie
                  FROM workflow_motieindiener i
                 WHERE i.motie_id = m.id AND i.vervangen_op IS NULL
                   AND m.kamerstuk LIKE 'Kamerstuk 3____, nr. %%'
                """
            )
            # Each letter's nota handles one toezegging and one motie.
            sql(
                """
                WITH k AS (SELECT n.id AS nota_id, n.opsteller_id, n.aangemaakt_op,
                                  row_number() OVER (ORDER BY n.id) AS g
                             FROM letters_kamerbrief b JOIN letters_nota n ON n.id = b.nota_id
                            WHERE b.documentnummer >= 6000000),
                     t AS (SELECT array_agg(id ORDER BY id) AS ids FROM workflow_toezegging),
                     m AS (SELECT array_agg(id ORDER BY id) AS ids FROM workflow_motie)
                INSERT INTO workflow_koppeling
                       (wijze, toelichting, gekoppeld_op, ontkoppeld_op, gekoppeld_door_id,
                        nota_id, motie_id, verwerkt_in_id, toezegging_id)
                SELECT 'afdoen', '', k.aangemaakt_op, NULL::timestamptz, k.opsteller_id, k.nota_id,
                       NULL::bigint, NULL::bigint,
                       t.ids[1 + (k.g * 5) %% cardinality(t.ids)]
                  FROM k, t
                UNION ALL
                SELECT 'rapporteren', '', k.aangemaakt_op, NULL, k.opsteller_id, k.nota_id,
                       m.ids[1 + (k.g * 2) %% cardinality(m.ids)], NULL, NULL
                  FROM k, m
                """
            )

    def _analyze(self):
        for table in scalar(APP_TABLES_SQL).split(", "):
            sql(f"VACUUM ANALYZE {table}")

    def counts(self) -> dict[str, int]:
        return dict(
            zip(
                [
                    "organisatieonderdelen",
                    "medewerkers",
                    "notas",
                    "open parafeerstappen",
                    "due at scan",
                    "gebeurtenissen",
                    "kamerbrieven",
                    "afstemmingsverzoeken",
                    "toezeggingen",
                    "moties",
                ],
                sql(
                    """
                    SELECT (SELECT count(*) FROM workflow_organisatieonderdeel
                             WHERE code LIKE 'BD%%' OR code LIKE 'BA%%'),
                           (SELECT count(*) FROM workflow_medewerker
                             WHERE username LIKE 'bench-%%'),
                           (SELECT count(*) FROM letters_nota WHERE documentnummer >= 5000000),
                           (SELECT count(*) FROM workflow_parafeerstap
                             WHERE status = 'aan_de_beurt'),
                           (SELECT count(*) FROM workflow_parafeerstap
                             WHERE status = 'aan_de_beurt' AND deadline = ANY(%s::date[])),
                           (SELECT count(*) FROM workflow_gebeurtenis g JOIN letters_nota n
                                ON n.id = g.nota_id WHERE n.documentnummer >= 5000000),
                           (SELECT count(*) FROM letters_kamerbrief
                             WHERE documentnummer >= 6000000),
                           (SELECT count(*) FROM letters_afstemmingsverzoek),
                           (SELECT count(*) FROM workflow_toezegging),
                           (SELECT count(*) FROM workflow_motie)
                    """,
                    [scan_dates()[0]],
                )[0],
                strict=True,
            )
        )


SEARCH_TERM = "jeugdzorg"  # one of ONDERWERPEN: in titles, toezeggingen and moties
# Two words that occur together (issue 20: search p50 ≤ 100 ms for a two-word query).
SEARCH_TWO_WORDS = "wachtlijsten ggz"


def bench_pages() -> dict[str, dict]:
    """The pages bench/run measures and tests/bench/test_budgets.py budgets, on generated data:
    per page who asks for it (a medewerker's pk) and its path. One list for both, so the bench
    and the budgets look at the same pages.

    The busiest werkvoorraad is the person with the most open steps; the heaviest, the one whose
    werkvoorraad has the most lines among the likely candidates (the busiest parafeerders and
    opstellers, and the demo's people, who hold the bewindspersonen's offices).
    """

    def one(statement, params=()):
        rows = sql(statement, params)
        if not rows:
            raise CommandError(f"No bench data for: {' '.join(statement.split())[:80]}")
        return rows[0]

    busiest = scalar(
        """SELECT parafeerder_id FROM workflow_parafeerstap WHERE status = 'aan_de_beurt'
            GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"""
    )
    # A nota on the busiest person's list that has no letter.
    nota = scalar(
        """SELECT s.nota_id FROM workflow_parafeerstap s
            WHERE s.parafeerder_id = %s AND s.status = 'aan_de_beurt'
              AND NOT EXISTS (SELECT 1 FROM letters_kamerbrief k WHERE k.nota_id = s.nota_id)
            ORDER BY s.nota_id LIMIT 1""",
        [busiest],
    )
    lettered, letter, letter_opsteller = one(
        """SELECT n.id, k.id, n.opsteller_id FROM letters_nota n
             JOIN letters_kamerbrief k ON k.nota_id = n.id
            WHERE n.status <> 'concept' ORDER BY n.id LIMIT 1"""
    )
    concept, concept_opsteller = one(
        "SELECT id, opsteller_id FROM letters_nota WHERE status = 'concept' ORDER BY id LIMIT 1"
    )
    candidates = [
        pk
        for (pk,) in sql(
            """(SELECT parafeerder_id FROM workflow_parafeerstap WHERE status = 'aan_de_beurt'
                 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 5)
               UNION (SELECT opsteller_id FROM letters_nota
                       WHERE status NOT IN ('afgehandeld', 'ingetrokken')
                       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 5)
               UNION (SELECT id FROM workflow_medewerker WHERE username NOT LIKE 'bench-%%')"""
        )
    ]
    lines = {
        user.pk: sum(g.aantal for g in werkvoorraad_for(user).groepen)
        for user in Medewerker.objects.filter(pk__in=candidates)
    }
    heaviest = max(sorted(lines), key=lambda pk: lines[pk])
    toezeggingen, moties = "/toezeggingen/", "/moties/"
    # The overzicht as the first DG's manager reads it: the widest scope a manager has.
    dg = scalar(
        """SELECT manager_id FROM workflow_organisatieonderdeel
            WHERE soort = 'dg' AND manager_id IS NOT NULL ORDER BY id LIMIT 1"""
    )
    return {
        "werkvoorraad, busiest": {"user": busiest, "path": "/"},
        "werkvoorraad, heaviest": {"user": heaviest, "path": "/", "lines": lines[heaviest]},
        "nota detail": {"user": busiest, "path": f"/notas/{nota}/"},
        "nota detail with letter": {"user": letter_opsteller, "path": f"/notas/{lettered}/"},
        "concept nota (opsteller)": {"user": concept_opsteller, "path": f"/notas/{concept}/"},
        "Kamerbrief": {"user": letter_opsteller, "path": f"/brieven/{letter}/"},
        "toezeggingen": {"user": busiest, "path": toezeggingen},
        "toezeggingen, filtered": {"user": busiest, "path": f"{toezeggingen}?status=openstaand"},
        "toezeggingen, searched": {"user": busiest, "path": f"{toezeggingen}?q={SEARCH_TERM}"},
        "toezeggingen, later page": {"user": busiest, "path": f"{toezeggingen}?pagina=20"},
        "moties": {"user": busiest, "path": moties},
        "moties, filtered": {"user": busiest, "path": f"{moties}?status=aangenomen"},
        "moties, searched": {"user": busiest, "path": f"{moties}?q={SEARCH_TERM}"},
        "moties, later page": {"user": busiest, "path": f"{moties}?pagina=20"},
        "zoeken": {"user": busiest, "path": f"/zoeken/?q={SEARCH_TERM}"},
        "zoeken, two words": {
            "user": busiest,
            "path": f"/zoeken/?q={SEARCH_TWO_WORDS.replace(' ', '+')}",
        },
        "archief": {"user": busiest, "path": "/archief/"},
        # The year before the scan moment, where the generated history lies ("last year" from
        # today would measure an empty period: the data is dated around SCAN_MOMENT).
        "overzicht (DG, the data's year)": {
            "user": dg,
            "path": f"/overzicht/?periode=eigen&van={SCAN_MOMENT.date() - timedelta(days=364)}"
            f"&tot={SCAN_MOMENT.date()}",
        },
    }
