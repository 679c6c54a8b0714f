from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .services import session_seen
from .tweefactor import INSTELLEN, SESSIE_NODIG


class SessieMiddleware:
    """Keeps the session index's last-seen time (at most one write a minute per session)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            session_seen(request)
        return response


class TweeFactorMiddleware:
    """After the password, a session that owes its second factor reaches only the two-factor
    pages (and logging out); everything else sends it there. Decided at login, kept in the
    session: no query on anyone's pages."""

    VRIJ = ("/tweefactor/", "/uitloggen/", "/inloggen/", "/static/", "/taal/", "/healthz")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.get(SESSIE_NODIG)
            and not request.path.startswith(self.VRIJ)
            and request.user.is_authenticated
        ):
            target = "tweefactor_instellen" if session[SESSIE_NODIG] == INSTELLEN else "tweefactor"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
