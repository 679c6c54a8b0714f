from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .services import session_seen


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
