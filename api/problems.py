"""Errors as `application/problem+json` (RFC 9457), as Logius' API Design Rules ask.

DRF's own exception handler decides the status and the (translated, so Dutch) reason; this
module only reshapes its answer, so a 403 of the API says what the page's 403 says.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler

from workflow.handelen import ActionNotAllowed, MissingInput, StateConflict

PROBLEM_CONTENT_TYPE = "application/problem+json"


class ProblemJSONRenderer(JSONRenderer):
    """Lets a view answer `Accept: application/problem+json` and marks problems as such."""

    media_type = PROBLEM_CONTENT_TYPE
    format = "problem+json"


def _detail_and_fields(data) -> tuple[str, dict | None]:
    if isinstance(data, dict) and set(data) == {"detail"}:
        return str(data["detail"]), None
    if isinstance(data, dict):
        return "", {key: [str(e) for e in value] if isinstance(value, list) else [str(value)]
                    for key, value in data.items()}  # fmt: skip
    if isinstance(data, list):
        return " ".join(str(e) for e in data), None
    return str(data), None


class Refused(exceptions.APIException):
    """A service's refusal (workflow.services.ActionNotAllowed) with its Dutch reason."""

    def __init__(self, refusal):

        super().__init__(detail=refusal.message)
        if isinstance(refusal, StateConflict):
            self.status_code = status.HTTP_409_CONFLICT
        elif isinstance(refusal, MissingInput):
            self.status_code = status.HTTP_400_BAD_REQUEST
        else:
            self.status_code = status.HTTP_403_FORBIDDEN


def problem_exception_handler(exc, context):

    if isinstance(exc, ActionNotAllowed):
        exc = Refused(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail, fields = _detail_and_fields(response.data)
    if isinstance(exc, Http404):
        # Django's message names the model in English ("No Nota matches the given query.").
        detail = str(exceptions.NotFound.default_detail)
    title = {
        status.HTTP_400_BAD_REQUEST: _("Invalid input"),
        status.HTTP_401_UNAUTHORIZED: _("Not logged in"),
        status.HTTP_403_FORBIDDEN: _("Not allowed"),
        status.HTTP_404_NOT_FOUND: _("Not found"),
        status.HTTP_405_METHOD_NOT_ALLOWED: _("Method not allowed"),
        status.HTTP_409_CONFLICT: _("Conflict"),
        status.HTTP_429_TOO_MANY_REQUESTS: _("Too many requests"),
    }.get(response.status_code, _("Error"))
    problem = {
        "type": "about:blank",
        "title": title,
        "status": response.status_code,
        "detail": detail or title,
        "instance": context["request"].get_full_path() if context.get("request") else "",
    }
    if fields:
        problem["invalid-params"] = [
            {"name": name, "reason": " ".join(reasons)} for name, reasons in fields.items()
        ]
        if not detail:
            problem["detail"] = _("One or more parameters are not valid.")
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response["Retry-After"] = str(int(exc.wait))
    response.data = problem
    response.content_type = PROBLEM_CONTENT_TYPE
    return response
