"""De doorlooptijdstand: the overzicht's lead times counted ahead, exact and never stale.

`Doorlooptijdstand` (workflow/models/doorlooptijden.py) holds how many finished steps took how
many werkdagen, per bereik, block of end dates, kind, directie and ministry. The overzicht reads
a period as the fewest aligned blocks that tile it (`blokken`: a year is about ten) and adds the
steps not counted yet, read live from `AfgerondeStap` (those with `werkdagen` NULL: a partial
index), in one statement, so that it sees the counts and the steps in one snapshot: what a fold
commits moves a step from one side to the other, never both or neither.

`vouwen` (Celery beat, `workflow.tasks.fold_doorlooptijden`, and the bench generator) counts the
uncounted steps a batch at a time: each batch one transaction that locks its steps with
`FOR UPDATE SKIP LOCKED` (two folds take different steps), counts them and marks them counted
(migration workflow/0030, `doorlooptijdstand_vouwen`). No high-water mark: a step is uncounted
until its own row says otherwise, whenever its transaction committed. Safe to run again, to
crash (the batch rolls back whole) and to run twice at once.

What a count depends on, and what keeps it true:
- the calendar (holidays by the settings and the `holidays` package, closure days): its
  fingerprint (`vingerafdruk`) is stored with the counts; the overzicht uses them only when its
  own calendar has the same one (else it reads every step live, as before), and the next fold
  empties them and counts again. Whoever changes a closure day, however, changes the
  fingerprint: no trigger to forget;
- the organisation's tree, a bewindspersoon's ministry, a nota's unit or office, a step's row:
  triggers (migration 0030) take the counted steps out in the changing transaction.

Steps that started more than TERUGKIJKEN before their end are never counted here: the
overzicht counts their werkdagen from TERUGKIJKEN before the period (see workflow/overzicht.py),
which depends on the period, so they stay live. So do steps that end before they begin.
"""

from __future__ import annotations

import functools
import hashlib
import time
from datetime import date, timedelta

import holidays
from django.conf import settings
from django.db import connection, transaction

from .deadlines import werkkalender
from .werkdagen import Werkkalender

# A step that started this long before the period counts its werkdagen from there.
TERUGKIJKEN = timedelta(days=730)
# Blocks: day number (days since EPOCH) >> niveau, for niveau 0 … NIVEAUS - 1 (1 … 1024 days).
# Migration workflow/0030 writes the same numbers in its SQL.
EPOCH = date(2000, 1, 1)
NIVEAUS = 11
# Raised when what a count means changes (the blocks, the werkdagen rule): counts made before
# then no longer match any calendar's fingerprint.
REGELS = "1"


def kalendernummers(kalender: Werkkalender, van: date, tot: date) -> tuple[list[date], list[int]]:
    """Each day of [van, tot] with the number of werkdagen in [van, that day]: the werkdagen
    from a to b (a not counted, b counted) are then nr(b) - nr(a), as in `werkdagen_tussen`."""
    dagen, nummers = _kalendernummers(kalender, van, tot)
    return list(dagen), list(nummers)


@functools.lru_cache(maxsize=16)
def _kalendernummers(
    kalender: Werkkalender, van: date, tot: date
) -> tuple[tuple[date, ...], tuple[int, ...]]:
    # Three years of days cost a page 0.8 ms; the same calendar (its closure days included:
    # the key is its value) and period give the same numbers.
    dagen, nummers, nr = [], [], 0
    dag = van
    while dag <= tot:
        if kalender.is_werkdag(dag):
            nr += 1
        dagen.append(dag)
        nummers.append(nr)
        dag += timedelta(days=1)
    return tuple(dagen), tuple(nummers)


@functools.lru_cache(maxsize=16)
def kalender_als_array(kalender: Werkkalender, van: date, tot: date) -> str:
    """`kalendernummers` as PostgreSQL's text of an int[]: psycopg dumps a list of a few
    thousand numbers element by element (1-2 ms a page); this text is made once."""
    _dagen, nummers = _kalendernummers(kalender, van, tot)
    return "{" + ",".join(map(str, nummers)) + "}"


def vingerafdruk(kalender: Werkkalender) -> str:
    """What decides a werkdag in this calendar, hashed: equal fingerprints, equal werkdagen."""
    tekst = "|".join(
        [
            REGELS,
            str(kalender.goede_vrijdag_vrij),
            kalender.bevrijdingsdag,
            holidays.__version__,
            ",".join(sorted(d.isoformat() for d in kalender.sluitingsdagen)),
        ]
    )
    return hashlib.sha256(tekst.encode()).hexdigest()


def blokken(van: date, tot: date) -> list[tuple[int, int]]:
    """The fewest aligned blocks (niveau, blok) that tile [van, tot]: from each day on, the
    largest block that starts there and fits (at most two per level)."""
    a, b = (van - EPOCH).days, (tot - EPOCH).days
    found = []
    while a <= b:
        niveau = 0
        while niveau + 1 < NIVEAUS and a % (2 << niveau) == 0 and a + (2 << niveau) - 1 <= b:
            niveau += 1
        found.append((niveau, a >> niveau))
        a += 1 << niveau
    return found


def vouwen(*, batch: int | None = None, seconden: float | None = None) -> int:
    """Counts the steps not counted yet, a batch per transaction, until none is left (or
    `seconden` have passed: the next run goes on); returns how many it counted. Empties the
    counts first when they were made with another calendar. PostgreSQL only: on SQLite (the
    demo) the overzicht reads every step live."""
    if connection.vendor != "postgresql":
        return 0
    batch = batch or settings.PARAFEER_DOORLOOPTIJDEN_BATCH
    kalender = werkkalender()
    afdruk = vingerafdruk(kalender)
    _kalender_instellen(afdruk)
    gevouwen, begonnen = 0, time.monotonic()
    while True:
        n = _vouw_batch(kalender, afdruk, batch)
        gevouwen += n
        if not n or (seconden is not None and time.monotonic() - begonnen > seconden):
            return gevouwen


def _kalender_instellen(afdruk: str) -> None:
    """Empties the counts and takes every step out when they were made with another calendar
    (or none: the row is missing after a TRUNCATE)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT kalender FROM workflow_doorlooptijdstandkalender WHERE id = 1")
        row = cursor.fetchone()
        if row and row[0] == afdruk:
            return
        cursor.execute("SELECT doorlooptijdstand_legen()")
        cursor.execute(
            "UPDATE workflow_doorlooptijdstandkalender SET kalender = %s WHERE id = 1", [afdruk]
        )


def _vouw_batch(kalender: Werkkalender, afdruk: str, batch: int) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        # Shared: folds run side by side; whatever takes counted steps out waits for them.
        cursor.execute("SELECT doorlooptijdstand_vergrendelen(false)")
        cursor.execute("SELECT kalender FROM workflow_doorlooptijdstandkalender WHERE id = 1")
        if cursor.fetchone()[0] != afdruk:
            return 0  # another calendar came in meanwhile: the next run starts again
        cursor.execute(
            """SELECT id, "begin", eind FROM workflow_afgerondestap
                WHERE werkdagen IS NULL AND "begin" <= eind AND "begin" >= eind - %s
                ORDER BY eind LIMIT %s FOR UPDATE SKIP LOCKED""",
            [TERUGKIJKEN.days, batch],
        )
        stappen = cursor.fetchall()
        if not stappen:
            return 0
        eerste = min(begin for _id, begin, _eind in stappen)
        laatste = max(eind for _id, _begin, eind in stappen)
        _dagen, nummers = kalendernummers(kalender, eerste, laatste)
        cursor.execute(
            "SELECT doorlooptijdstand_vouwen(%s::bigint[], %s::date, %s::int[])",
            [[pk for pk, _begin, _eind in stappen], eerste, nummers],
        )
        return len(stappen)
