"""The API fuzzed against its own published schema (schemathesis), as every role.

One test, so the seed case is loaded once: for each role's token, every operation of
/api/v1/openapi.json gets a bounded number of generated requests against the live server. Every
answer must be no server error and valid against the schema (status code, content type,
headers, body). Kept to about a minute on a loaded machine by PARAFEER_FUZZ_EXAMPLES.
"""

import os
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from api import services as api_services
from demo.notas import SEED_VANDAAG, load_demo_notas
from demo.programma import load_demo_programma
from workflow.models import Medewerker

ROLES = [
    "opsteller", "afdelingshoofd", "secretariaat", "bureau-mlzs", "parlementair", "beheerder",
    "buitenstaander",
]  # fmt: skip
EXAMPLES = int(os.environ.get("PARAFEER_FUZZ_EXAMPLES", "3"))
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


def fuzz(operation, *, base_url: str, headers: dict, tried: dict[str, int]) -> None:
    """A bounded number of generated requests to one operation, each checked."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case) -> None:
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)
        tried[operation.label] = tried.get(operation.label, 0) + 1

    check()


@pytest.mark.django_db(transaction=True)
def test_every_operation_as_every_role_answers_within_its_schema(
    live_server, seed_organisation, outsider
):
    load_demo_notas(vandaag=SEED_VANDAAG)
    load_demo_programma(vandaag=SEED_VANDAAG)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    base_url = live_server.url  # the schema's paths start with /api/v1
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20  # reads and writes are all in the schema
    started = time.monotonic()
    tried: dict[str, int] = {}
    for role in ROLES:
        user = Medewerker.objects.get(username=role)
        sleutel = api_services.api_token_create(by=user, naam="Fuzz", dagen=1)[1]
        for operation in operations:
            fuzz(
                operation, base_url=base_url, headers={"Authorization": f"Bearer {sleutel}"},
                tried=tried,
            )  # fmt: skip
    assert len(tried) == len(operations)
    print(f"fuzzed {sum(tried.values())} requests in {time.monotonic() - started:.1f}s")
