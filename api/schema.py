"""The OpenAPI schema's AutoSchema: every operation documents the problems it can answer.

DRF answers 400, 401, 403, 404 and 429 from any view (a bad filter, no or an expired token, a
role that may not, an id the caller cannot read, too many calls), always as
application/problem+json (api.problems). The schema says so for every operation, so a client
generated from it handles them and a fuzzer holds the API to it.
"""

from typing import Any

from drf_spectacular.openapi import AutoSchema

from .problems import PROBLEM_CONTENT_TYPE
from .serializers import ProblemSerializer

DESCRIPTIONS = {
    "400": "Invalid input: `detail` and `invalid-params` say what, in Dutch.",
    "401": "Not logged in: no valid API token or session.",
    "403": "Not allowed: the Dutch reason in `detail`.",
    "404": "Not found, or not the caller's to read.",
    "409": "Not possible in the current state: the Dutch reason in `detail`.",
    "429": "Too many requests for this token: `Retry-After` says when to try again.",
}


class ProblemAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        codes = ["400", "401", "403", "429"]
        if "{" in self.path:
            codes.append("404")
        for code in codes:
            responses.setdefault(code, {"description": DESCRIPTIONS[code]})
        for code, response in responses.items():
            if code[0] in "45":
                problem = self._get_response_for_code(
                    ProblemSerializer, code, media_types=[PROBLEM_CONTENT_TYPE]
                )
                response["content"] = problem["content"]
                response.setdefault("description", problem.get("description", ""))
        return responses
