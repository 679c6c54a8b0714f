"""Every write of identity and access: the audit log's rows and the sessions' begin and end."""

import re
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.handelen import ActionNotAllowed
from workflow.models import Medewerker

from .models import AuditRegel, Sessie

# The last-seen time of a session is written at most this often (not on every request).
GEZIEN_INTERVAL = timedelta(minutes=1)
GEZIEN_SLEUTEL = "identiteit_gezien"


def client_of(request: HttpRequest | None) -> tuple[str | None, str]:
    """The caller's IP address (as django-axes reads it, proxies included) and browser."""
    if request is None:
        return None, ""
    from axes.helpers import get_client_ip_address

    ip = get_client_ip_address(request) or None
    return ip, request.META.get("HTTP_USER_AGENT", "")[:300]


def audit_record(
    *,
    soort: str,
    medewerker: Medewerker | None = None,
    gebruikersnaam: str = "",
    door: Medewerker | None = None,
    request: HttpRequest | None = None,
    omschrijving: str = "",
    now: datetime | None = None,
) -> AuditRegel:
    ip, browser = client_of(request)
    return AuditRegel.objects.create(
        tijdstip=now or timezone.now(),
        soort=soort,
        medewerker=medewerker,
        gebruikersnaam=(gebruikersnaam or (medewerker.username if medewerker else ""))[:150],
        door=door,
        ip_adres=ip,
        browser=browser,
        omschrijving=omschrijving,
    )


@transaction.atomic
def login_record(*, user: Medewerker, request: HttpRequest, now: datetime | None = None) -> None:
    """A login: its audit row, and the session in the index (the key is new: Django cycles it)."""
    now = now or timezone.now()
    audit_record(soort=AuditRegel.Soort.AANGEMELD, medewerker=user, request=request, now=now)
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    ip, browser = client_of(request)
    Sessie.objects.update_or_create(
        sessiesleutel=session.session_key,
        defaults={
            "medewerker": user,
            "ip_adres": ip,
            "browser": browser,
            "begonnen_op": now,
            "laatst_gezien": now,
            "beeindigd_op": None,
        },
    )
    session[GEZIEN_SLEUTEL] = now.isoformat()


@transaction.atomic
def logout_record(
    *, user: Medewerker | None, request: HttpRequest, now: datetime | None = None
) -> None:
    now = now or timezone.now()
    if user is None:
        return
    audit_record(soort=AuditRegel.Soort.AFGEMELD, medewerker=user, request=request, now=now)
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        Sessie.objects.filter(sessiesleutel=key, beeindigd_op__isnull=True).update(beeindigd_op=now)


def session_cycle_key(request: HttpRequest) -> None:
    """A new session key (after the second factor, as Django gives one after the password),
    and the session index follows it, so the session can still be listed and ended."""
    old = request.session.session_key
    request.session.cycle_key()
    if old:
        Sessie.objects.filter(sessiesleutel=old).update(sessiesleutel=request.session.session_key)


def session_seen(request: HttpRequest, now: datetime | None = None) -> None:
    """Moves the session's last-seen time forward, at most once a minute (one UPDATE)."""
    session = request.session
    if not session.session_key:
        # No browser session (an API call with a token): nothing to keep, and writing the
        # stamp would create a session for every call.
        return
    now = now or timezone.now()
    stamp = session.get(GEZIEN_SLEUTEL)
    try:
        last = datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        last = None
    if last is not None and now - last < GEZIEN_INTERVAL:
        return
    session[GEZIEN_SLEUTEL] = now.isoformat()
    Sessie.objects.filter(sessiesleutel=session.session_key, beeindigd_op__isnull=True).update(
        laatst_gezien=now
    )


def active_sessions(user: Medewerker, now: datetime | None = None) -> list[Sessie]:
    """The person's sessions that still work: not ended, and used within the session's age."""
    now = now or timezone.now()
    since = now - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return list(
        Sessie.objects.filter(
            medewerker=user, beeindigd_op__isnull=True, laatst_gezien__gt=since
        ).order_by("-laatst_gezien")[:50]
    )


def _end(sessie: Sessie, *, by: Medewerker, request: HttpRequest | None, now: datetime) -> None:
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore(session_key=sessie.sessiesleutel).delete()
    Sessie.objects.filter(pk=sessie.pk).update(beeindigd_op=now)
    audit_record(
        soort=AuditRegel.Soort.SESSIE_BEEINDIGD,
        medewerker=sessie.medewerker,
        door=by if by.pk != sessie.medewerker_id else None,
        request=request,
        omschrijving=_("Session started %(begin)s from %(waar)s")
        % {
            "begin": timezone.localtime(sessie.begonnen_op).strftime("%d-%m-%Y %H:%M"),
            "waar": describe_browser(sessie.browser),
        },
        now=now,
    )


@transaction.atomic
def sessie_beeindigen(
    *,
    by: Medewerker,
    pk: int,
    current_key: str | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Sessie:
    """Ends one of the person's own sessions elsewhere: that browser is logged out at once."""
    now = now or timezone.now()
    sessie = Sessie.objects.select_for_update().filter(pk=pk, medewerker=by).first()
    if sessie is None:
        raise ActionNotAllowed(_("This session does not exist or is not yours."))
    if sessie.beeindigd_op is not None:
        raise ActionNotAllowed(_("This session has already ended."))
    if sessie.sessiesleutel == current_key:
        raise ActionNotAllowed(_("This is the session you are using now: log out to end it."))
    _end(sessie, by=by, request=request, now=now)
    return sessie


@transaction.atomic
def andere_sessies_beeindigen(
    *,
    by: Medewerker,
    current_key: str | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> int:
    """Ends every session of the person but the one they use now; returns how many."""
    now = now or timezone.now()
    sessies = list(
        Sessie.objects.select_for_update()
        .filter(medewerker=by, beeindigd_op__isnull=True)
        .exclude(sessiesleutel=current_key or "")
    )
    for sessie in sessies:
        _end(sessie, by=by, request=request, now=now)
    return len(sessies)


# What a person recognises a session by: the browser and the system, not the raw User-Agent.
_BROWSERS = [
    (r"Edg(e|A|iOS)?/", "Edge"),
    (r"OPR/|Opera", "Opera"),
    (r"Firefox/|FxiOS/", "Firefox"),
    (r"Chrome/|CriOS/|Chromium/", "Chrome"),
    (r"Safari/", "Safari"),
]
_SYSTEMS = [
    (r"iPhone|iPad|iPod", "iOS"),
    (r"Android", "Android"),
    (r"Windows", "Windows"),
    (r"Mac OS X|Macintosh", "macOS"),
    (r"CrOS", "ChromeOS"),
    (r"Linux", "Linux"),
]


def describe_browser(user_agent: str) -> str:
    """`Firefox op Windows`, from a User-Agent header; `onbekende browser` when none matches."""
    browser = next((name for pattern, name in _BROWSERS if re.search(pattern, user_agent)), None)
    system = next((name for pattern, name in _SYSTEMS if re.search(pattern, user_agent)), None)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("unknown browser")
