"""Reads done once per page: who stands in for whom today, the Kamer's recesses.

A page asks "whom does this user stand in for?" from several places (visibility, each action's
check, the links form); within one GET request the answer cannot change, so it is read once.
Writes (POST) never use the memo: a service must see what its own transaction changed.
"""

from collections.abc import Callable, Hashable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("parafeer_memo", default=None)


@contextmanager
def reads_once():
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), or what it gave before for this key within `reads_once()`."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


class ReadsOnceMiddleware:
    """Wraps every GET and HEAD request in `reads_once()`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with reads_once():
            return self.get_response(request)
