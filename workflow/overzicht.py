"""Het overzicht: where open notas wait, how long the steps take, what is late now.

For managers (afdelingshoofd, directeur, DG), parlementaire coördinatie and beheerders. Its
scope is a bereik (`bereiken`): the units a manager leads and the units below them, or, for
parlementaire coördinatie and beheerders, their ministry (the notas it wrote or that are
addressed to it). Always within what the viewer may read (`notas_visible_to`); a nota that is
theirs only personally (their own, on their route) is in their werkvoorraad, not here.

The open work (per status, where it waits, how many steps are late) is read from the werkstand
(workflow/models/werkstand.py): counts per bereik that triggers keep in the acting transaction,
a few hundred rows for a DG whose notas have 1,000,000 open steps (counting those took 1 s a
page, bench/RESULTS.md). SQLite, the demo, reads the same counts from the live view.

The lead times come from `AfgerondeStap`, one small row per finished step, which the service
that ends a step writes beside its event (and `afgeronde_stappen_aanvullen` derives from the
history for older steps): a period's steps are one range scan on its end date, and the three
groupings (per kind, per directie, per ministry) one query with GROUPING SETS — not three passes
over every parafeerstap and a correlated lookup per history event, which took 5 seconds at
100,000 notas and 1,000,000 events (bench/RESULTS.md).

Since then the lead times are read from the doorlooptijdstand (workflow/doorlooptijdstand.py):
the same steps counted ahead per bereik and block of end dates, plus the steps not counted yet,
read live as below, in the same statement: a DG's year is about ten blocks and a hundred counts
(140 ms -> 3 ms at 100,000 notas), the same numbers, never stale.

Lead times are in werkdagen of the one calendar (`workflow.deadlines.werkkalender()`): the
calendar numbers the days of the period (and two years before it) in Python, once per page,
and the query looks those numbers up (`_werkdagen`), so that "werkdagen from a to b" is
`nr(b) - nr(a)` — exactly `Werkkalender.werkdagen_tussen(a, b)` — without a loop over events in
Python. A step that started more than two years before the period counts its
werkdagen from there (an underestimate that nobody reading a year's figures will meet).

Percentiles: `percentile_cont`'s interpolation computed from a histogram of werkdagen per group
(`_percentielen_uit_histogram`), on both databases: a year's steps take a few hundred distinct
numbers of werkdagen, so the query sorts those rather than every step. The tests check it
against `percentile_cont` on PostgreSQL and against a computation in Python.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from letters.models import Nota

from .deadlines import werkkalender
from .doorlooptijdstand import (
    TERUGKIJKEN,
    blokken,
    kalender_als_array,
    kalendernummers,
    vingerafdruk,
)
from .models import Medewerker, Ministerie, Organisatieonderdeel, Toezegging, Werkstand
from .selectors import ministry_wide
from .werkdagen import Werkkalender

# How many places, late steps and toezeggingen a list shows (the counts are always complete).
TOP = 10

PARAAF, BESLUIT, AFSTEMMING = "paraaf", "besluit", "afstemming"
STAPSOORTEN = (PARAAF, BESLUIT, AFSTEMMING)
OPEN_STATUSSEN = tuple(s for s in Nota.Status.values if s not in Nota.EINDSTATUSSEN)


def may_view(user: Medewerker) -> bool:
    """Managers of any unit, parlementaire coördinatie and beheerders."""
    return ministry_wide(user) or user.manages_a_unit


def bereiken(user: Medewerker) -> list[str]:
    """The bereiken whose work this user's overzicht counts: "min:<id>" for parlementaire
    coördinatie and beheerders (their ministry); else "o:<id>" for each unit they manage that
    lies below no other unit they manage (its work is counted in that one already)."""
    return Bereik.voor(user).sleutels


def _in(values: list[str]) -> tuple[str, list[str]]:
    """An SQL IN list of parameters (never empty: no bereik matches '')."""
    return ", ".join(["%s"] * len(values)) or "%s", list(values) or [""]


@dataclass(frozen=True)
class Bereik:
    """The bereiken of a viewer, and what they hold: the units (and the units below them) and
    the offices of the ministries, as lists of ids, asked once per page."""

    sleutels: list[str]
    onderdelen: list[int]
    bewindspersonen: list[int]
    namen: list[str] = field(default_factory=list)  # of the units or the ministry

    @classmethod
    def van(cls, sleutels: list[str]) -> Bereik:
        """Given bereiken and their ids (for the tests and tools: a page uses `voor`)."""
        lijst, params = _in(sleutels)
        return cls._lees(
            _Sql().add(
                f"SELECT bereik, '' AS naam FROM (SELECT DISTINCT bereik FROM "
                f"workflow_onderdeelbereik WHERE bereik IN ({lijst})) b",
                params,
            )
        )

    @classmethod
    def voor(cls, user: Medewerker) -> Bereik:
        """The viewer's bereiken (see `bereiken`) and their ids, in one query."""
        if ministry_wide(user):
            sleutels = _Sql().add(
                "SELECT 'min:' || m.id AS bereik, m.naam FROM workflow_ministerie m"
                " WHERE m.id = %s",
                [user.eigen_ministerie_id],
            )
        else:
            sleutels = _Sql().add(
                """SELECT 'o:' || u.id AS bereik, u.naam FROM workflow_organisatieonderdeel u
                    WHERE u.manager_id = %s
                      AND NOT EXISTS (
                          SELECT 1 FROM workflow_onderdeelbereik b
                            JOIN workflow_organisatieonderdeel boven
                              ON b.bereik = 'o:' || boven.id
                           WHERE b.organisatieonderdeel_id = u.id AND boven.id <> u.id
                             AND boven.manager_id = %s)""",
                [user.pk, user.pk],
            )
        return cls._lees(sleutels)

    @classmethod
    def _lees(cls, sleutels: _Sql) -> Bereik:
        q = _Sql().add("WITH sleutels AS (").extend(sleutels)
        q.add(
            """) SELECT 's', bereik, 0, naam FROM sleutels
              UNION ALL
              SELECT 'o', '', organisatieonderdeel_id, '' FROM workflow_onderdeelbereik
               WHERE bereik IN (SELECT bereik FROM sleutels)
              UNION ALL
              SELECT 'b', '', bp.id, '' FROM workflow_bewindspersoon bp
               WHERE 'min:' || bp.ministerie_id IN (SELECT bereik FROM sleutels)"""
        )
        rows = q.fetch()
        eigen = sorted((b, naam) for soort, b, _i, naam in rows if soort == "s")
        return cls(
            [b for b, _naam in eigen],
            sorted({i for soort, _b, i, _n in rows if soort == "o"}),
            sorted({i for soort, _b, i, _n in rows if soort == "b"}),
            [naam for _b, naam in eigen],
        )

    @property
    def ministerie(self) -> bool:
        return any(s.startswith("min:") for s in self.sleutels)

    def bevat(self, nota: str) -> tuple[str, list]:
        """SQL: the nota `nota` (an alias) counts here: its unit is one of ours, or it is
        addressed to an office of our ministry (as the werkstand's triggers count it). Plain
        lists of ids, so that the planner sees a cheap check per nota and a query stops at its
        first TOP rows (a view in the condition made it join every nota first: 130 ms)."""
        onderdelen, o_params = _in([str(i) for i in self.onderdelen])
        bewindspersonen, b_params = _in([str(i) for i in self.bewindspersonen])
        return (
            f"({nota}.organisatieonderdeel_id IN ({onderdelen})"
            f" OR {nota}.aan_id IN ({bewindspersonen}))",
            [int(p) if p else -1 for p in o_params + b_params],
        )


def _notas_in_bereik(bereik: Bereik) -> tuple[str, list]:
    """SQL for the ids of the notas counted in these bereiken."""
    sql, params = bereik.bevat("n")
    return f"SELECT n.id FROM letters_nota n WHERE {sql}", params


def werkstand_bijwerken() -> None:
    """Applies this transaction's pending counts now, so that a reader inside the transaction
    that acted (a test, a service) reads its own acts; the triggers' flush otherwise waits for
    the commit. Nothing is pending outside a transaction."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(
                "SET CONSTRAINTS werkstand_flush IMMEDIATE;"
                " SET CONSTRAINTS werkstand_flush DEFERRED"
            )


def werkstand_verschillen() -> int:
    """How many counts of the werkstand differ from the live view (PostgreSQL; 0 on SQLite,
    which reads the view itself). Nothing should: triggers keep it. A TRUNCATE, a restore of
    one table or a load with triggers off would."""
    if connection.vendor != "postgresql":
        return 0
    kolommen = "bereik, soort, status, wie_id, onderdeel_id, deadline, aantal"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT COUNT(*) FROM (
                  (SELECT {kolommen} FROM workflow_werkstand
                   EXCEPT SELECT {kolommen} FROM workflow_werkstand_live)
                  UNION ALL
                  (SELECT {kolommen} FROM workflow_werkstand_live
                   EXCEPT SELECT {kolommen} FROM workflow_werkstand)) verschil"""
        )
        return int(cursor.fetchone()[0])


def werkstand_herberekenen() -> None:
    """Counts the werkstand again from the live view, in one transaction: the lock waits for
    the transactions that have written counts and makes later ones wait for this one."""
    if connection.vendor != "postgresql":
        return
    kolommen = "bereik, soort, status, wie_id, onderdeel_id, deadline"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE workflow_werkstand IN EXCLUSIVE MODE")
        cursor.execute("DELETE FROM workflow_werkstand")
        cursor.execute(
            f"INSERT INTO workflow_werkstand ({kolommen}, aantal)"
            f" SELECT {kolommen}, aantal FROM workflow_werkstand_live"
        )


def _werkstand(soort: str, bereik: list[str], select: str, where: str = "", params=()) -> _Sql:
    """The werkstand's rows of one kind in these bereiken (on SQLite: counted live)."""
    tabel = "workflow_werkstand" if connection.vendor == "postgresql" else "workflow_werkstand_live"
    lijst, bereik_params = _in(bereik)
    return _Sql().add(
        f"SELECT {select} FROM {tabel} w WHERE w.soort = %s AND w.bereik IN ({lijst}) {where}",
        [soort, *bereik_params, *params],
    )


@dataclass(frozen=True)
class Periode:
    van: date
    tot: date  # inclusive


@dataclass
class Doorlooptijd:
    """Lead times of one group: how many, the median and the 90th percentile, in werkdagen."""

    sleutel: Any
    aantal: int
    mediaan: float
    p90: float


@dataclass
class Plek:
    naam: str
    aantal: int


@dataclass
class TeLaat:
    soort: str
    nota_id: int
    kenmerk: str
    wie: str
    deadline: date
    werkdagen: int


@dataclass
class Overzicht:
    periode: Periode
    per_status: list[Plek]
    plekken: list[Plek]
    per_soort: list[Doorlooptijd]
    per_directie: list[Doorlooptijd]
    per_ministerie: list[Doorlooptijd]
    te_laat: list[TeLaat]
    te_laat_aantal: int
    toezeggingen_4: int
    toezeggingen_12: int
    toezeggingen: list[Toezegging] = field(default_factory=list)
    bereik: Bereik | None = None


# -- SQL building blocks ----------------------------------------------------------------------


class _Sql:
    """SQL text and its positional parameters, appended in step so they never drift apart."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> _Sql:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def extend(self, other: _Sql) -> _Sql:
        self.parts += other.parts
        self.params += other.params
        return self

    def fetch(self) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute("".join(self.parts), self.params)
            return cursor.fetchall()


def _dag(column: str) -> tuple[str, list]:
    """The local (Amsterdam) date of a timestamp column, as the backend writes it."""
    sql, params = connection.ops.datetime_cast_date_sql(column, (), settings.TIME_ZONE)
    return sql, list(params)


def _werkdagen(kalender: Werkkalender, van: date, tot: date) -> tuple[str, list, str, str]:
    """The werkdagen from column `begin` to column `eind` of `f`, counted with the calendar's
    numbers for [van, tot]: (a CTE `kal`, its parameters, the join, the expression).

    On PostgreSQL the numbers are one array parameter and a day's number the element at its
    distance from `van` (outside the array: NULL, so 0, as a day before the calendar counts);
    on SQLite they are a small table of (dag, nr) joined twice."""
    if connection.vendor == "postgresql":

        def nr(column: str) -> str:
            return f"COALESCE(kal.nrs[{column} - kal.eerste + 1], 0)"

        return (
            "kal(eerste, nrs) AS (SELECT %s::date, %s::int[])",
            [van, kalender_als_array(kalender, van, tot)],
            "CROSS JOIN kal",
            nr("f.eind") + " - " + nr('f."begin"'),
        )
    dagen, nummers = kalendernummers(kalender, van, tot)
    pairs = json.dumps([[d.isoformat(), n] for d, n in zip(dagen, nummers, strict=True)])
    return (
        "kal AS (SELECT json_extract(value, '$[0]') AS dag, json_extract(value, '$[1]') AS nr "
        "FROM json_each(%s))",
        [pairs],
        'LEFT JOIN kal kb ON kb.dag = f."begin" LEFT JOIN kal ke ON ke.dag = f.eind',
        "COALESCE(ke.nr, 0) - COALESCE(kb.nr, 0)",
    )


def _directie(alias: str) -> str:
    """The directie a unit belongs to: its parent for an afdeling, else the unit itself."""
    return f"CASE WHEN {alias}.soort = 'afdeling' THEN {alias}.bovenliggend_id ELSE {alias}.id END"


# The three groupings of the lead times, as (keys, GROUPING(directie_id, ministerie_id)).
GROEPERINGEN = (
    (["soort"], 3),
    (["soort", "directie_id"], 1),
    (["soort", "ministerie_id"], 2),
)
PER_SOORT, PER_DIRECTIE, PER_MINISTERIE = (g for _keys, g in GROEPERINGEN)


def _percentielen_uit_histogram(hist: str) -> str:
    """Count, median and p90 per group from `hist` (g, soort, directie_id, ministerie_id, dagen,
    c): how many steps of the group took `dagen` werkdagen.

    percentile_cont(p) is the value at position p*(n-1) of the sorted group, interpolated between
    the values at the positions just below and just above it; the value at position i is the
    `dagen` whose run of c values covers i (`voor` <= i < `voor` + c). A year's lead times are a
    few hundred distinct werkdagen per group: this sorts those, not every step. In integer tenths,
    so that both databases truncate alike (PostgreSQL's CAST of 2.5 AS INTEGER rounds to 3)."""
    groep = "g, soort, directie_id, ministerie_id"
    parts = []
    for name, tienden in (("p50", 5), ("p90", 9)):
        pos = f"({tienden} * (n - 1) / 10)"
        parts.append(
            f"MAX(CASE WHEN voor <= {pos} AND {pos} < voor + c THEN dagen END) AS {name}_lo, "
            f"MAX(CASE WHEN voor <= {pos} + 1 AND {pos} + 1 < voor + c THEN dagen END) "
            f"AS {name}_hi, "
            f"({tienden} * (n - 1) - 10 * {pos}) / 10.0 AS {name}_f"
        )

    def interpolated(name: str) -> str:
        return f"{name}_lo + (COALESCE({name}_hi, {name}_lo) - {name}_lo) * {name}_f"

    return f"""SELECT {groep}, n, {interpolated("p50")}, {interpolated("p90")} FROM (
                 SELECT {groep}, n, {", ".join(parts)} FROM (
                   SELECT {groep}, dagen, c,
                          CAST(SUM(c) OVER (PARTITION BY {groep} ORDER BY dagen) - c AS BIGINT)
                            AS voor,
                          CAST(SUM(c) OVER (PARTITION BY {groep}) AS BIGINT) AS n
                     FROM ({hist}) h) cumulatief
                 GROUP BY {groep}, n) gegroepeerd"""


def _percentielen(*, percentile_cont: bool, fijn: str | None = None) -> str:
    """Rows (grouping, soort, directie_id, ministerie_id, count, median, p90) of the lead times
    in a table `duur` (soort, directie_id, ministerie_id, dagen), for each of GROEPERINGEN; or,
    given `fijn`, of the counts in that table (soort, directie_id, ministerie_id, dagen, c),
    where a key may come more than once (the counted steps and those read live)."""
    if percentile_cont:
        # PostgreSQL's own percentiles, sorting every step: what the histogram must equal.
        sets = ", ".join(f"({', '.join(keys)})" for keys, _g in GROEPERINGEN)
        return f"""SELECT GROUPING(directie_id, ministerie_id), soort, directie_id, ministerie_id,
                      COUNT(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY dagen),
                      percentile_cont(0.9) WITHIN GROUP (ORDER BY dagen)
                 FROM duur GROUP BY GROUPING SETS ({sets})"""
    # First how many steps took each number of werkdagen in the finest groups (one hash over
    # the steps), then the three groupings over those few rows.
    fijn = (
        fijn
        or """(SELECT soort, directie_id, ministerie_id, dagen, COUNT(*) AS c
                FROM duur GROUP BY soort, directie_id, ministerie_id, dagen) fijn"""
    )
    if connection.vendor == "postgresql":
        sets = ", ".join(f"({', '.join(keys)}, dagen)" for keys, _g in GROEPERINGEN)
        return _percentielen_uit_histogram(
            f"""SELECT GROUPING(directie_id, ministerie_id) AS g, soort, directie_id,
                       ministerie_id, dagen, SUM(c) AS c
                  FROM {fijn} GROUP BY GROUPING SETS ({sets})"""
        )

    # No GROUPING SETS on SQLite: one GROUP BY per grouping.
    def kolom(name: str, keys: list[str]) -> str:
        return f"{name if name in keys else 'CAST(NULL AS INTEGER)'} AS {name}"

    return _percentielen_uit_histogram(
        " UNION ALL ".join(
            f"""SELECT {g} AS g, soort, {kolom("directie_id", keys)},
                       {kolom("ministerie_id", keys)}, dagen, SUM(c) AS c
                  FROM {fijn} GROUP BY {", ".join(keys)}, dagen"""
            for keys, g in GROEPERINGEN
        )
    )


class _Bron:
    """What the queries of one page share: the viewer's bereik, the period and the
    calendar's werkdag numbers."""

    def __init__(self, user: Medewerker, periode: Periode, today: date, kalender: Werkkalender):
        self.user, self.periode, self.today, self.kalender = user, periode, today, kalender
        self.bereik = Bereik.voor(user)
        self.in_bereik = _notas_in_bereik(self.bereik)
        eerste = min(periode.van, today) - TERUGKIJKEN
        self.kal = _werkdagen(kalender, eerste, max(periode.tot, today) + timedelta(days=1))

    def met_bereik(self) -> _Sql:
        sql, params = self.in_bereik
        # Inlined where it is used, not materialized once: PostgreSQL knows nothing of a
        # materialized CTE's rows, guessed 200 visible notas for a DG's 100,000 and probed the
        # steps nota by nota (6 s for the late steps at scale; 2 s with hash joins).
        inline = "NOT MATERIALIZED " if connection.vendor == "postgresql" else ""
        return _Sql().add(f"WITH in_bereik(id) AS {inline}({sql}), ", params)

    def doorlooptijden(self, *, percentile_cont: bool) -> list:
        """Every step finished in the period (`AfgerondeStap`, one row each: a parafeerstap from
        its turn to its paraaf or sending back; a decision from the moment the nota was put ter
        beslissing to its next change of status; an afstemming from the request to the answer)
        with its werkdagen: count, median and p90 per kind, per directie and kind, and per
        ministry and kind. Rows (grouping, soort, directie_id, ministerie_id, count, median,
        p90), grouping PER_SOORT, PER_DIRECTIE or PER_MINISTERIE.

        Read from the Doorlooptijdstand (workflow/doorlooptijdstand.py): the counts of the
        period's blocks, plus the steps not counted yet, with their werkdagen counted here, in
        one statement (one snapshot). Counts made with another calendar are not read: then
        every step is read live. `percentile_cont`: every step live, sorted by PostgreSQL."""
        kal, kal_params, kal_join, werkdagen = self.kal
        van, tot = self.periode.van, self.periode.tot
        if percentile_cont:
            q = self.met_bereik()
            q.add(f"{kal}, ", kal_params)
            q.add(
                f"""duur AS (
                      SELECT f.soort, {_directie("o")} AS directie_id, f.ministerie_id,
                             {werkdagen} AS dagen
                        FROM workflow_afgerondestap f
                        JOIN workflow_organisatieonderdeel o ON o.id = f.organisatieonderdeel_id
                        {kal_join}
                       WHERE f.eind >= %s AND f.eind <= %s
                         AND f.nota_id IN (SELECT id FROM in_bereik)) """,
                [van, tot],
            )
            return q.add(_percentielen(percentile_cont=True)).fetch()

        bereik, bereik_params = _in(self.bereik.sleutels)

        def live(welke: str) -> str:
            # A nota in these bereiken as `_notas_in_bereik` says, tested per step: the steps
            # read live are few, and a probe by nota beats listing a DG's 100,000 notas.
            return f"""SELECT f.soort, {_directie("o")} AS directie_id, f.ministerie_id,
                              {werkdagen} AS dagen
                         FROM workflow_afgerondestap f
                         JOIN workflow_organisatieonderdeel o ON o.id = f.organisatieonderdeel_id
                         JOIN letters_nota n ON n.id = f.nota_id
                         {kal_join}
                        WHERE f.eind >= %s AND f.eind <= %s AND {welke}
                          AND (n.organisatieonderdeel_id IN (SELECT id FROM eenheden)
                               OR n.aan_id IN (SELECT id FROM bureaus))"""

        delen = blokken(van, tot)
        q = _Sql().add(f"WITH {kal}, ", kal_params)
        q.add(
            """geldig(ja) AS (SELECT 1 FROM workflow_doorlooptijdstandkalender
                               WHERE id = 1 AND kalender = %s), """,
            [vingerafdruk(self.kalender)],
        )
        q.add(
            f"blokken(niveau, blok) AS (VALUES {', '.join(['(%s, %s)'] * len(delen))}), ",
            [x for deel in delen for x in deel],
        )
        q.add(
            f"""eenheden(id) AS MATERIALIZED (
                    SELECT organisatieonderdeel_id FROM workflow_onderdeelbereik
                     WHERE bereik IN ({bereik})),
                bureaus(id) AS MATERIALIZED (
                    SELECT id FROM workflow_bewindspersoon
                     WHERE 'min:' || ministerie_id IN ({bereik})), """,
            bereik_params + bereik_params,
        )
        # The steps not counted yet; and, should the counts be of another calendar, the rest.
        q.add(
            f"""duur AS ({live("f.werkdagen IS NULL")}
                         UNION ALL
                         {live("f.werkdagen IS NOT NULL AND NOT EXISTS (SELECT 1 FROM geldig)")})
            """,
            [van, tot, van, tot],
        )
        # The counts of the period's blocks, while they are of this calendar.
        q.add(
            f""", geteld(soort, directie_id, ministerie_id, dagen, c) AS (
                  SELECT h.soort, h.directie_id, h.ministerie_id, h.werkdagen, SUM(h.aantal)
                    FROM workflow_doorlooptijdstand h
                    JOIN blokken b ON h.niveau = b.niveau AND h.blok = b.blok
                   WHERE h.bereik IN ({bereik}) AND EXISTS (SELECT 1 FROM geldig)
                   GROUP BY h.soort, h.directie_id, h.ministerie_id, h.werkdagen) """,
            bereik_params,
        )
        q.add(
            _percentielen(
                percentile_cont=False,
                fijn="""(SELECT soort, directie_id, ministerie_id, dagen, COUNT(*) AS c
                           FROM duur GROUP BY soort, directie_id, ministerie_id, dagen
                         UNION ALL
                         SELECT * FROM geteld) fijn""",
            )
        )
        return q.fetch()

    def te_laat(self, grenzen: dict[str, date]) -> list[TeLaat]:
        """The steps late now, most overdue first (the first TOP): each kind takes its own first
        TOP by deadline (an open step's deadline is indexed), up to the deadline by which the
        werkstand says its first TOP in this bereik fall (`grenzen`, from `open_werk`). A kind
        with nothing late here is not asked for: its scan would read every late step of the
        ministry looking for one of ours (26 ms for a directie without late afstemmingen)."""
        in_bereik, bereik_params = self.bereik.bevat("n")
        soorten = {
            PARAAF: """SELECT 'paraaf' AS soort, s.nota_id, s.deadline, s.parafeerder_id AS wie_id,
                              CAST(NULL AS INTEGER) AS bewindspersoon_id
                         FROM workflow_parafeerstap s JOIN letters_nota n ON n.id = s.nota_id
                        WHERE s.status = 'aan_de_beurt' AND s.deadline < %s
                          AND s.deadline <= %s AND {in_bereik}
                        ORDER BY s.deadline, s.nota_id""",
            BESLUIT: """SELECT 'besluit', n.id, n.deadline, CAST(NULL AS INTEGER), n.aan_id
                          FROM letters_nota n
                         WHERE n.status = 'ter_beslissing' AND n.deadline < %s
                           AND n.deadline <= %s AND {in_bereik}
                         ORDER BY n.deadline, n.id""",
            AFSTEMMING: """SELECT 'afstemming', k.nota_id, v.deadline, CAST(NULL AS INTEGER),
                                  v.bewindspersoon_id
                             FROM letters_afstemmingsverzoek v
                             JOIN letters_kamerbrief k ON k.id = v.kamerbrief_id
                             JOIN letters_nota n ON n.id = k.nota_id
                            WHERE v.status = 'aangevraagd' AND v.deadline < %s
                              AND v.deadline <= %s AND {in_bereik}
                            ORDER BY v.deadline, k.nota_id""",
        }
        asked = [soort for soort in STAPSOORTEN if soort in grenzen]
        if not asked:
            return []
        q = _Sql().add("WITH laat AS (")
        for n, soort in enumerate(asked):
            q.add(" UNION ALL " if n else "")
            q.add(
                f"SELECT * FROM ({soorten[soort].format(in_bereik=in_bereik)} LIMIT {TOP}) s{n}",
                [self.today, grenzen[soort], *bereik_params],
            )
        q.add(
            f""")
            SELECT laat.soort, laat.nota_id, n.kenmerk, laat.deadline,
                   m.first_name, m.last_name, m.username, bp.titel
              FROM laat
              JOIN letters_nota n ON n.id = laat.nota_id
              LEFT JOIN workflow_medewerker m ON m.id = laat.wie_id
              LEFT JOIN workflow_bewindspersoon bp ON bp.id = laat.bewindspersoon_id
             ORDER BY laat.deadline, laat.nota_id, laat.soort
             LIMIT {TOP}"""
        )
        regels = []
        for soort, nota_id, kenmerk, deadline, first, last, username, titel in q.fetch():
            deadline = _as_date(deadline)
            wie = f"{first or ''} {last or ''}".strip() or username or titel or ""
            # At most TOP rows: counted with the calendar itself.
            dagen = -self.kalender.werkdagen_tussen(self.today, deadline)
            regels.append(TeLaat(soort, nota_id, kenmerk, wie, deadline, dagen))
        return regels


def afgeronde_stappen_aanvullen() -> int:
    """Adds the `AfgerondeStap` rows of finished steps that have none, derived set-based from
    the route and the history exactly as the services write them live; returns how many.

    For steps finished before the table existed (migration 0025) and for data loaded around
    the services (the bench generator). Running it again adds nothing."""

    def dagen(begin: str, eind: str) -> tuple[str, list]:
        """The local dates of two timestamp columns, as SQL and its parameters."""
        (b, b_params), (e, e_params) = _dag(begin), _dag(eind)
        return f"{b}, {e}", b_params + e_params

    kolommen = """(soort, nota_id, organisatieonderdeel_id, ministerie_id, "begin", eind,
                   parafeerstap_id, gebeurtenis_id, afstemmingsverzoek_id)"""
    paraaf, paraaf_params = dagen("s.aan_de_beurt_sinds", "s.afgehandeld_op")
    besluit, besluit_params = dagen("x.begin_op", "x.eind_op")
    afstemming, afstemming_params = dagen("v.aangevraagd_op", "v.beantwoord_op")
    statements = [
        (
            f"""INSERT INTO workflow_afgerondestap {kolommen}
            SELECT 'paraaf', s.nota_id, n.organisatieonderdeel_id, NULL,
                   {paraaf}, s.id, NULL, NULL
              FROM workflow_parafeerstap s
              JOIN letters_nota n ON n.id = s.nota_id
             WHERE s.status IN ('geparafeerd', 'teruggestuurd')
               AND s.aan_de_beurt_sinds IS NOT NULL AND s.afgehandeld_op IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM workflow_afgerondestap f
                                WHERE f.parafeerstap_id = s.id)""",
            paraaf_params,
        ),
        # A decision ends with the event that takes the nota out of ter_beslissing; it began
        # with the last event that put it there.
        (
            f"""INSERT INTO workflow_afgerondestap {kolommen}
            SELECT 'besluit', x.nota_id, n.organisatieonderdeel_id, NULL,
                   {besluit}, NULL, x.id, NULL
              FROM (SELECT g.id, g.nota_id, g.tijdstip AS eind_op,
                           (SELECT MAX(b.tijdstip) FROM workflow_gebeurtenis b
                             WHERE b.nota_id = g.nota_id AND b.parafeerstap_id IS NULL
                               AND b.naar_status = 'ter_beslissing' AND b.tijdstip <= g.tijdstip)
                             AS begin_op
                      FROM workflow_gebeurtenis g
                     WHERE g.van_status = 'ter_beslissing' AND g.naar_status <> 'ter_beslissing'
                       AND g.parafeerstap_id IS NULL AND g.nota_id IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM workflow_afgerondestap f
                                        WHERE f.gebeurtenis_id = g.id)) x
              JOIN letters_nota n ON n.id = x.nota_id
             WHERE x.begin_op IS NOT NULL""",
            besluit_params,
        ),
        (
            f"""INSERT INTO workflow_afgerondestap {kolommen}
            SELECT 'afstemming', k.nota_id, n.organisatieonderdeel_id, bp.ministerie_id,
                   {afstemming}, NULL, NULL, v.id
              FROM letters_afstemmingsverzoek v
              JOIN letters_kamerbrief k ON k.id = v.kamerbrief_id
              JOIN letters_nota n ON n.id = k.nota_id
              JOIN workflow_bewindspersoon bp ON bp.id = v.bewindspersoon_id
             WHERE v.beantwoord_op IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM workflow_afgerondestap f
                                WHERE f.afstemmingsverzoek_id = v.id)""",
            afstemming_params,
        ),
    ]
    added = 0
    with connection.cursor() as cursor:
        for statement, params in statements:
            cursor.execute(statement, params)
            added += max(cursor.rowcount, 0)
    return added


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


# Who has a nota in each open status: its parafeerder, the office, or the opsteller.
BIJ_OPSTELLER = (
    Nota.Status.CONCEPT, Nota.Status.AKKOORD_MET_WIJZIGINGEN, Nota.Status.AKKOORD,
    Nota.Status.NIET_AKKOORD,
)  # fmt: skip
BIJ_BUREAU = (Nota.Status.TER_BESLISSING, Nota.Status.TER_KENNISNAME, Nota.Status.AANGEHOUDEN)


@dataclass
class OpenWerk:
    per_status: list[Plek]
    plekken: list[Plek]
    te_laat: int
    # Per kind with steps late: the deadline by which its first TOP fall (see `_Bron.te_laat`).
    grenzen: dict[str, date]


def open_werk(bereik: list[str], today: date) -> OpenWerk:
    """From the werkstand, in one query: the open notas per status (in the order of the
    process); where they wait, the busiest places first: a parafeerder (their turn), a
    bewindspersoon's office (decision) or a directie's opstellers (each kind its first TOP,
    then the TOP of those); and how many steps are past their deadline."""
    bureau, bureau_params = _in(list(BIJ_BUREAU))
    opsteller, opsteller_params = _in(list(BIJ_OPSTELLER))
    per_status = _werkstand(
        Werkstand.Soort.STATUS, bereik, "w.status AS k, SUM(w.aantal) AS n", "GROUP BY w.status"
    )
    # Per kind of step: how many are late, and by which deadline its first TOP fall (read as
    # the kind's first TOP counts by deadline, in order from the werkstand_termijnen index:
    # each count is at least 1, so the TOP-th late step is among them).
    laat = _Sql()
    for n, soort in enumerate(STAPSOORTEN):
        totaal = _werkstand(
            Werkstand.Soort.TERMIJN,
            bereik,
            "COALESCE(SUM(w.aantal), 0)",
            "AND w.status = %s AND w.deadline < %s",
            [soort, today],
        )
        eerste = _werkstand(
            Werkstand.Soort.TERMIJN,
            bereik,
            "w.deadline, w.aantal",
            f"AND w.status = %s AND w.deadline < %s ORDER BY w.deadline LIMIT {TOP}",
            [soort, today],
        )
        laat.add(" UNION ALL " if n else "").add("SELECT %s AS status, (", [soort])
        laat.extend(totaal).add(
            f""") AS n, (SELECT COALESCE(MIN(f.deadline) FILTER (WHERE f.cum >= {TOP}),
                                         MAX(f.deadline))
                           FROM (SELECT e.deadline, SUM(e.aantal) OVER (
                                        ORDER BY e.deadline ROWS UNBOUNDED PRECEDING) AS cum
                                   FROM ("""
        ).extend(eerste).add(") e) f) AS grens")
    if len(bereik) == 1:
        # One row per parafeerder already: the TOP largest, read in order from an index.
        parafeerders = _werkstand(
            Werkstand.Soort.BEURT,
            bereik,
            "w.wie_id, w.aantal AS n",
            f"ORDER BY w.aantal DESC, w.wie_id LIMIT {TOP}",
        )
    else:
        parafeerders = _werkstand(
            Werkstand.Soort.BEURT, bereik, "w.wie_id, SUM(w.aantal) AS n", "GROUP BY w.wie_id"
        )
    bureaus = _werkstand(
        Werkstand.Soort.STATUS,
        bereik,
        "w.wie_id, SUM(w.aantal) AS n",
        f"AND w.status IN ({bureau}) GROUP BY w.wie_id",
        bureau_params,
    )
    opstellers = _werkstand(
        Werkstand.Soort.STATUS,
        bereik,
        "w.onderdeel_id, SUM(w.aantal) AS n",
        f"AND w.status IN ({opsteller}) GROUP BY w.onderdeel_id",
        opsteller_params,
    )
    q = _Sql().add("SELECT 's', t.k, '', '', t.n FROM (").extend(per_status)
    q.add(
        """) t UNION ALL
        SELECT 'l', t.status, CAST(t.grens AS VARCHAR(10)), '', t.n FROM ("""
    ).extend(laat)
    q.add(
        """) t WHERE t.n > 0 UNION ALL
        SELECT * FROM (SELECT 'p', m.first_name, m.last_name, m.username, t.n FROM ("""
    ).extend(parafeerders)
    q.add(f""") t JOIN workflow_medewerker m ON m.id = t.wie_id
               ORDER BY t.n DESC, m.last_name, m.id LIMIT {TOP}) p
               UNION ALL
               SELECT * FROM (SELECT 'b', bp.afkorting, '', '', t.n FROM (""").extend(bureaus)
    q.add(f""") t JOIN workflow_bewindspersoon bp ON bp.id = t.wie_id
               ORDER BY t.n DESC, bp.afkorting LIMIT {TOP}) b
               UNION ALL
               SELECT * FROM (SELECT 'o', o.code, '', '', t.n FROM (""").extend(opstellers)
    q.add(f""") t JOIN workflow_organisatieonderdeel o ON o.id = t.onderdeel_id
               ORDER BY t.n DESC, o.code LIMIT {TOP}) o""")
    statussen: dict[str, int] = {}
    plekken: list[Plek] = []
    late: dict[str, int] = {}
    grenzen: dict[str, date] = {}
    for soort, naam, last, username, n in q.fetch():
        if soort == "s":
            statussen[naam] = int(n)
            continue
        if soort == "l":
            late[naam], grenzen[naam] = int(n), _as_date(last)
            continue
        if soort == "p":
            naam = f"{naam} {last}".strip() or username
        elif soort == "b":
            naam = _("Office %(post)s") % {"post": naam}
        else:
            naam = _("Drafters %(unit)s") % {"unit": naam}
        if n:
            plekken.append(Plek(naam, int(n)))
    plekken.sort(key=lambda plek: (-plek.aantal, plek.naam))
    labels = dict(Nota.Status.choices)
    return OpenWerk(
        per_status=[Plek(str(labels[s]), statussen[s]) for s in OPEN_STATUSSEN if statussen.get(s)],
        plekken=plekken[:TOP],
        te_laat=sum(late.values()),
        grenzen=grenzen,
    )


def toezeggingen(user: Medewerker, today: date) -> tuple[int, int, list[Toezegging]]:
    """Open toezeggingen of the viewer's ministry due in the coming 4 and 12 weeks."""
    ministerie = user.eigen_ministerie_id
    qs = Toezegging.objects.filter(
        Q(ministerie_id=ministerie)
        | Q(ministerie__isnull=True, bewindspersoon__ministerie_id=ministerie),
        status__in=[Toezegging.Status.OPENSTAAND, Toezegging.Status.DEELS_VOLDAAN],
        deadline__gte=today,
        deadline__lte=today + timedelta(weeks=12),
    )
    counts = qs.aggregate(
        vier=Count("pk", filter=Q(deadline__lte=today + timedelta(weeks=4))), twaalf=Count("pk")
    )
    lijst = list(
        qs.select_related("bewindspersoon")
        .only("pk", "tekst", "deadline", "bewindspersoon__afkorting")
        .order_by("deadline", "pk")[:TOP]
    )
    return counts["vier"], counts["twaalf"], lijst


def overzicht(
    user: Medewerker, periode: Periode, today: date, *, percentile_cont: bool = False
) -> Overzicht:
    """Every figure of the page, for what this user may read. `percentile_cont`: PostgreSQL's
    own percentiles instead of the histogram's (the tests compare them)."""
    werkstand_bijwerken()
    bron = _Bron(user, periode, today, werkkalender())
    rows = bron.doorlooptijden(percentile_cont=percentile_cont)
    directies = Organisatieonderdeel.objects.in_bulk(
        {r[2] for r in rows if r[0] == PER_DIRECTIE and r[2]}
    )
    ministeries = Ministerie.objects.in_bulk(
        {r[3] for r in rows if r[0] == PER_MINISTERIE and r[3]}
    )
    per_soort, per_directie, per_ministerie = [], [], []
    for groep, soort, directie, ministerie, n, p50, p90 in rows:
        if groep == PER_SOORT:
            per_soort.append(Doorlooptijd(soort, n, float(p50), float(p90)))
        elif groep == PER_DIRECTIE:
            unit = directies.get(directie)
            per_directie.append(Doorlooptijd((unit, soort), n, float(p50), float(p90)))
        elif soort == AFSTEMMING:
            post = ministeries.get(ministerie)
            per_ministerie.append(Doorlooptijd(post, n, float(p50), float(p90)))
    per_soort.sort(key=lambda d: STAPSOORTEN.index(d.sleutel))
    per_directie.sort(
        key=lambda d: (d.sleutel[0].code if d.sleutel[0] else "", STAPSOORTEN.index(d.sleutel[1]))
    )
    per_ministerie.sort(key=lambda d: d.sleutel.afkorting if d.sleutel else "")
    werk = open_werk(bron.bereik.sleutels, today)
    vier, twaalf, lijst = toezeggingen(user, today)
    return Overzicht(
        periode=periode,
        per_status=werk.per_status,
        plekken=werk.plekken,
        per_soort=per_soort,
        per_directie=per_directie,
        per_ministerie=per_ministerie,
        te_laat=bron.te_laat(werk.grenzen),
        te_laat_aantal=werk.te_laat,
        toezeggingen_4=vier,
        toezeggingen_12=twaalf,
        toezeggingen=lijst,
        bereik=bron.bereik,
    )
