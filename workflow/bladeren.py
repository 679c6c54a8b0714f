"""Paging through a long list without counting all of it on every request.

Django's Paginator counts every row of the list to number its pages; at a ministry's register
(tens of thousands of items) that COUNT is most of the page's work, on every page. A Bladzijde
reads one row more than it shows, to know whether a next page exists, and counts at most
TELLEN_TOT rows: "1.234 toezeggingen" becomes "meer dan 1.000" beyond that. The list must be
ordered by an indexed key, so that a later page is an index scan, not a sort of everything.

At the end, two helpers for writing a page's lines in Python rather than in the template engine
(issue 19): a detail page's address per pk, and dates as the lists write them.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language

TELLEN_TOT = 1000
# No list pages further than this (an OFFSET past it is a typed address, not a reader).
VERSTE_PAGINA = 100_000


@dataclass(frozen=True)
class Bladzijde:
    object_list: Sequence[Any]
    number: int
    has_next: bool
    aantal: int  # the list's length when it is at most TELLEN_TOT, otherwise TELLEN_TOT + 1
    per_pagina: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def meer_dan(self) -> bool:
        """Whether the list is longer than was counted (aantal is then only a lower bound)."""
        return self.aantal > TELLEN_TOT

    @property
    def num_pages(self) -> int | None:
        """The number of pages, when the list was counted to its end."""
        if self.meer_dan:
            return None
        return max(1, -(-self.aantal // self.per_pagina))

    @property
    def tot(self) -> int:
        return TELLEN_TOT


def _paginanummer(nummer: str | int | None) -> int:
    try:
        return min(max(1, int(nummer or 1)), VERSTE_PAGINA)
    except (TypeError, ValueError):
        return 1


def bladzijde(items: QuerySet, nummer: str | int | None, per_pagina: int) -> Bladzijde:
    """The page `nummer` (1 for anything that is not a positive number) of an ordered list.

    A number past the end gives the last page when the list was counted to its end, as
    Paginator.get_page does; further than that an empty page with a way back.
    """
    number = _paginanummer(nummer)
    # Only the keys: a list's annotations (a line's flags) need not be worked out to count it.
    aantal = items.order_by().values("pk")[: TELLEN_TOT + 1].count()
    if aantal <= TELLEN_TOT:
        number = min(number, max(1, -(-aantal // per_pagina)))
    start = (number - 1) * per_pagina
    rows = list(items[start : start + per_pagina + 1])
    return Bladzijde(
        object_list=rows[:per_pagina],
        number=number,
        has_next=len(rows) > per_pagina,
        aantal=aantal,
        per_pagina=per_pagina,
    )


def bladzijde_op_sleutels(
    items: QuerySet,
    nummer: str | int | None,
    per_pagina: int,
    rijen: Callable[[list[int]], Iterable[Any]],
) -> Bladzijde:
    """As `bladzijde`, for a list whose filter is most of its cost (what a reader may read, over
    a large table): one query reads the keys of its first TELLEN_TOT + 1 items in order, which
    counts the list as well, and `rijen(keys)` loads only the page's items by key. The filter is
    thus applied once, not once to count and again to read the page. A page beyond those keys
    is read as `bladzijde` reads it.
    """
    number = _paginanummer(nummer)
    if number * per_pagina > TELLEN_TOT:
        return bladzijde(items, number, per_pagina)
    keys = list(items.values_list("pk", flat=True)[: TELLEN_TOT + 1])
    aantal = len(keys)
    if aantal <= TELLEN_TOT:
        number = min(number, max(1, -(-aantal // per_pagina)))
    start = (number - 1) * per_pagina
    page_keys = keys[start : start + per_pagina]
    by_key = {item.pk: item for item in rijen(page_keys)} if page_keys else {}
    return Bladzijde(
        object_list=[by_key[key] for key in page_keys if key in by_key],
        number=number,
        has_next=aantal > start + per_pagina,
        aantal=aantal,
        per_pagina=per_pagina,
    )


# A key no list reaches: only ever replaced, in the path reversed once.
_SLEUTEL = 987654321


def adres_per_sleutel(viewname: str) -> Callable[[int], str]:
    """The address of `viewname` for any pk, reversing once: a list of fifty links paid fifty
    reverse() calls (`{% url %}` per row). The view's only argument must be an int pk."""
    voor, na = reverse(viewname, args=[_SLEUTEL]).split(str(_SLEUTEL))
    return lambda pk: f"{voor}{int(pk)}{na}"


@cache
def _maanden(taal: str) -> dict[int, str]:
    """The month names in the active language `taal`: they never change while we run."""
    return {month: str(name) for month, name in MONTHS.items()}


class Datums(dict[date, str]):
    """A date as the lists write it, exactly the template's `|date:"j F Y"` (day, the month's
    name in the reader's language, four-digit year), once per day: a list's lines are worked
    out in Python, once per page (workflow/register.py, archief.py). Django's date formatting
    reads its format machinery for every date, a tenth of a millisecond per line of moties."""

    def __init__(self) -> None:
        super().__init__()
        self.maanden = _maanden(get_language())

    def __missing__(self, day: date) -> str:
        self[day] = text = f"{day.day} {self.maanden[day.month]} {day.year:04d}"
        return text

    def met_tijd(self, moment: datetime) -> str:
        """A moment as `|date:"j F Y H:i"` writes it: in the reader's time zone."""
        moment = timezone.localtime(moment)
        return f"{self[moment.date()]} {moment.hour:02d}:{moment.minute:02d}"
