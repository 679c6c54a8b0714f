"""Kenmerken: `{documentnummer}-{dossiernummer}-{code}`, e.g. 3730760-1057533-PG."""

from django.db import transaction
from django.db.models import F

from .models import Nummerreeks

DOCUMENTNUMMER = "documentnummer"
DOSSIERNUMMER = "dossiernummer"
# Numbers start above those of the seed documents, so generated ones never collide with them.
EERSTE_NUMMER = {DOCUMENTNUMMER: 3_800_000, DOSSIERNUMMER: 1_060_000}


def next_number(reeks: str) -> int:
    """The next number of a series; call inside the transaction that uses it.

    The UPDATE locks the counter row until that transaction ends: concurrent callers wait, so
    no number is handed out twice, and a rolled-back caller's number is handed out again
    (it never reached a document).
    """
    assert transaction.get_connection().in_atomic_block, "next_number needs a transaction"
    Nummerreeks.objects.get_or_create(naam=reeks, defaults={"laatste": EERSTE_NUMMER[reeks] - 1})
    Nummerreeks.objects.filter(naam=reeks).update(laatste=F("laatste") + 1)
    return Nummerreeks.objects.get(naam=reeks).laatste


def format_kenmerk(documentnummer: int, dossiernummer: int, code: str) -> str:
    return f"{documentnummer}-{dossiernummer}-{code}"
