"""A choice field over a short list of rows (bewindspersonen, ministeries, directies).

Django reads a ModelChoiceField's options with `QuerySet.iterator()`, which on PostgreSQL is a
server-side cursor: DECLARE, FETCH and CLOSE, three round trips for a handful of rows, on every
filter form of the registers and the archief (issue 19). These fields read them with one plain
query instead; the rows are as few as the options a person reads in a select.
"""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator


class _InOneQuery(ModelChoiceIterator):
    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # .all(): a fresh read on each rendering, as Django's iterator() is, never a stale cache.
        for obj in self.queryset.all():
            yield self.choice(obj)


class ShortModelChoiceField(forms.ModelChoiceField):
    iterator = _InOneQuery
