"""The home page's werkvoorraad, rendered, per user in Redis.

The key is made of the user, the versions their werkvoorraad depends on (workflow/models/
werkvoorraad.py: their own, of whom they stand in for today, of their offices, and the
organisation's), today's date (lines turn "te laat" by date), the language and the query string
(sort, filter, page). Every write a werkvoorraad reads bumps a version in its own transaction
(migration workflow/0028), so after an act the next request asks for a key nobody wrote yet and
renders afresh: a stale line is never served; old entries expire after the TTL.

Redis is a help, not a need: every call waits at most SOCKET_TIMEOUT, and after an error the
cache is skipped for SKIP_SECONDS (the page renders directly), so an outage neither fails nor
slows the page.
"""

import hashlib
import logging
import time
from collections.abc import Callable

import redis
from django.conf import settings
from django.db import connection
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

SOCKET_TIMEOUT = 0.1  # seconds
SKIP_SECONDS = 30
# What the fragment carries instead of the CSRF token, which is per session, not per werkvoorraad.
CSRF_PLACEHOLDER = "werkvoorraad-csrf-placeholder"

_clients: dict[str, redis.Redis] = {}
_skip_until = 0.0  # time.monotonic() before which Redis is not asked


def enabled() -> bool:
    return bool(
        settings.PARAFEER_WERKVOORRAAD_CACHE and settings.PARAFEER_WERKVOORRAAD_CACHE_URL
    ) and (time.monotonic() >= _skip_until)


def _client() -> redis.Redis:
    url = settings.PARAFEER_WERKVOORRAAD_CACHE_URL
    if url not in _clients:
        _clients[url] = redis.Redis.from_url(
            url,
            socket_timeout=SOCKET_TIMEOUT,
            socket_connect_timeout=SOCKET_TIMEOUT,
            retry=Retry(NoBackoff(), 0),  # one attempt: a retry would double the wait
            health_check_interval=0,
        )
    return _clients[url]


def _failed(exc: Exception) -> None:
    global _skip_until
    _skip_until = time.monotonic() + SKIP_SECONDS
    logger.warning("werkvoorraad cache skipped for %s s: %s", SKIP_SECONDS, exc)


# One small query: the version rows of the user, of whom they stand in for today, of the offices
# of both, and the organisation's. A row that does not exist yet is version 0, and its first
# bump creates it: the set of rows read changes, and with it the key.
_VERSIONS_SQL = """
SELECT sleutel, versie FROM workflow_werkvoorraadversie
WHERE sleutel IN ('g', %s)
   OR sleutel IN (
       SELECT 'm:' || v.medewerker_id FROM workflow_vervanging v
       WHERE v.vervanger_id = %s AND v.van <= %s AND v.tot >= %s)
   OR sleutel IN (
       SELECT 'b:' || m.bureau_van_id FROM workflow_medewerker m
       WHERE m.bureau_van_id IS NOT NULL AND (m.id = %s OR m.id IN (
           SELECT v.medewerker_id FROM workflow_vervanging v
           WHERE v.vervanger_id = %s AND v.van <= %s AND v.tot >= %s)))
ORDER BY sleutel
"""


def versions(user_id: int, on) -> list[tuple[str, int]]:
    with connection.cursor() as cursor:
        cursor.execute(_VERSIONS_SQL, [f"m:{user_id}", user_id, on, on, user_id, user_id, on, on])
        return [(sleutel, int(versie)) for sleutel, versie in cursor.fetchall()]


def cache_key(user_id: int, query_string: str, on=None) -> str:
    on = on or timezone.localdate()
    parts = repr((versions(user_id, on), query_string)).encode()
    digest = hashlib.sha256(parts).hexdigest()[:32]
    language = translation.get_language() or ""
    return f"parafeer:werkvoorraad:{user_id}:{on.isoformat()}:{language}:{digest}"


def fragment(request, render: Callable[[dict], str]) -> str:
    """The werkvoorraad's HTML for this request: from Redis when it holds it for the current
    versions, else `render(extra_context)` (stored for the next request). The CSRF token is put
    in afterwards, so the cached HTML holds no secret of a session."""
    html = None
    key = None
    if enabled():
        key = cache_key(request.user.pk, request.META.get("QUERY_STRING", ""))
        try:
            cached = _client().get(key)
            if isinstance(cached, bytes):
                html = cached.decode()
        except (redis.RedisError, OSError) as exc:
            _failed(exc)
            key = None
    if html is None:
        html = render({"csrf_token": CSRF_PLACEHOLDER})
        if key is not None:
            try:
                _client().set(key, html.encode(), ex=settings.PARAFEER_WERKVOORRAAD_CACHE_TTL)
            except (redis.RedisError, OSError) as exc:
                _failed(exc)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return html
