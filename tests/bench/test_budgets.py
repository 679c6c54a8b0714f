"""Budgets that cannot drift (issue 19 item 2): every main page, on bench data generated at a
small scale, within a number of queries and a response size. Nothing is timed, so a regression
fails the build whatever the machine's load.

The pages and who asks for them come from generate_bench_data.bench_pages(), the list bench/run
measures. A budget is the page's figure when it was written, the queries exactly, the size with
about a fifth of headroom (dates and names in a page vary with the day the test runs). A page
that gets cheaper: lower its budget here, in the same commit.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from demo.management.commands import generate_bench_data as generator

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# 500 notas, 5,000 open steps, 50 letters, 250 toezeggingen (5 pages), 100 moties (2 pages).
SCALE = 0.005

# page (as named by bench_pages()): (at most this many queries, at most this many bytes)
# Issue 17 raised some: the werkvoorraad's and the register's rows carry their column's name
# (data-label) to stack on a phone, and the nota page says where it stands with its deadline in
# werkdagen, which reads the closure days (one query); so does the letter page's summary (one
# query). Bulk paraferen: the werkvoorraad reads which of the lines waiting for my paraaf I opened
# (one query) and shows a tick box or "eerst openen" per line, and the directie beside the subject;
# the nota page records that a parafeerder at their turn opened it (one insert).
# Issue 19 item 3: the werkvoorraad counts every group in one query and reads the lines it shows
# in one more, whatever the number of groups (busiest 11 → 10).
BUDGETS = {
    "werkvoorraad, busiest": (10, 33_000),
    "werkvoorraad, heaviest": (11, 52_000),
    "nota detail": (12, 20_500),
    "nota detail with letter": (15, 23_500),
    "concept nota (opsteller)": (14, 13_000),
    "Kamerbrief": (12, 16_500),
    # Issue 19: the register reads the letters only of the lines that have any (none here).
    "toezeggingen": (6, 38_000),
    "toezeggingen, filtered": (6, 39_000),
    "toezeggingen, searched": (6, 38_000),
    "toezeggingen, later page": (6, 38_000),
    "moties": (7, 36_000),
    "moties, filtered": (7, 31_000),
    "moties, searched": (7, 12_000),
    "moties, later page": (7, 36_000),
    # Issue 20: the search's directie filter reads its options (one query); the exact
    # references it tries first are one query instead of four.
    "zoeken": (13, 27_000),
    "zoeken, two words": (14, 33_000),
    "archief": (7, 27_000),
    # Issue 20 item 4: the three lead-time queries became one (GROUPING SETS) over AfgerondeStap;
    # with figures in the period, the directies and ministries they name are read (two more).
    # Issue 19/20: the open work is read from the werkstand (one query for per status, where it
    # waits and how many are late; one more here, in the test's transaction, to flush it).
    "overzicht (DG, the data's year)": (12, 26_000),
}


class _Quiet:
    def write(self, *args, **kwargs):
        pass


@pytest.fixture(scope="module")
def bench_pages(django_db_setup, django_db_blocker):
    """Generated once for the module (about ten seconds) and committed; afterwards the app's
    tables are emptied and what the migrations had put there (the reminder policies) is put back:
    the tests after these expect the database as migrated."""
    with django_db_blocker.unblock():
        kept = _keep_app_rows()
        try:
            call_command("generate_bench_data", scale=SCALE, seed=1, reset=True, stdout=_Quiet())
            yield generator.bench_pages()
        finally:
            generator.Command()._reset()
            _put_back(kept)


def _keep_app_rows() -> list[tuple[str, str, str]]:
    """A copy of every app table that has rows: (table, its copy, the columns to put back)."""
    kept = []
    for i, table in enumerate(generator.scalar(generator.APP_TABLES_SQL).split(", ")):
        if not generator.scalar(f"SELECT EXISTS (SELECT 1 FROM {table})"):
            continue
        columns = ", ".join(
            f'"{name}"'
            for (name,) in generator.sql(
                """SELECT column_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = %s
                      AND is_generated = 'NEVER' ORDER BY ordinal_position""",
                [table.strip('"')],
            )
        )
        copy = f"budgets_kept_{i}"
        generator.sql(f"CREATE TABLE {copy} AS SELECT {columns} FROM {table}")
        kept.append((table, copy, columns))
    return kept


def _put_back(kept):
    for table, copy, columns in kept:
        generator.sql(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {copy}")
        generator.sql(f"DROP TABLE {copy}")
        generator.sql(
            f"""SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                              (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"""
        )


def _measure(page: dict) -> tuple[int, int, int]:
    from workflow.models import Medewerker

    client = Client()
    client.force_login(Medewerker.objects.get(pk=page["user"]))
    client.get(page["path"])  # the first request fills what later ones read from the cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page["path"])
    return response.status_code, len(queries), len(response.content)


def test_every_page_bench_run_measures_has_a_budget(bench_pages):
    assert set(bench_pages) == set(BUDGETS)


@pytest.mark.parametrize("name", list(BUDGETS))
def test_page_stays_within_its_query_and_size_budget(bench_pages, name):
    status, queries, size = _measure(bench_pages[name])
    max_queries, max_bytes = BUDGETS[name]
    print(f"{name}: {queries} queries, {size:,} bytes")
    assert status == 200, f"{name}: {bench_pages[name]['path']} answered {status}"
    assert queries <= max_queries, f"{name}: {queries} queries, budget {max_queries}"
    assert size <= max_bytes, f"{name}: {size:,} bytes, budget {max_bytes:,}"
