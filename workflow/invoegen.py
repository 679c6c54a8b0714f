"""Writing many rows of one model at once, as one statement per few thousand rows.

`bulk_create` builds one placeholder per value (fifteen per reminder) and prepares each value
in Python; for the 10,000 reminders of a busy morning that was most of the scan's time
(bench/RESULTS.md). On PostgreSQL the rows go instead as one array per column,
`INSERT … SELECT * FROM unnest(%s::integer[], %s::date[], …)`, which psycopg sends in its binary
form. On other databases (SQLite, the demo) it is `bulk_create`. Either way a row that breaks a
unique constraint is skipped (the caller's rerun is a no-op), and nothing else differs: the
values are the model instances' own, defaults included.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models

BATCH = 5000


def invoegen(model: type[models.Model], rijen: Sequence[models.Model]) -> None:
    """Writes the rows, skipping any that conflict with a unique constraint."""
    if not rijen:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(rijen, ignore_conflicts=True, batch_size=2000)
        return
    velden = [f for f in model._meta.concrete_fields if not f.primary_key and f.column]
    qn = connection.ops.quote_name
    kolommen = ", ".join(qn(str(f.column)) for f in velden)
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in velden)
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({kolommen}) "
        f"SELECT * FROM unnest({arrays}) ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        for begin in range(0, len(rijen), BATCH):
            deel = rijen[begin : begin + BATCH]
            cursor.execute(sql, [[getattr(r, f.attname) for r in deel] for f in velden])
