"""Shared fixtures, and the rule for tests that need PostgreSQL or Redis.

Such a test is marked `postgres` or `redis`. Without the service it skips with a reason on a
developer's machine, and fails when CI=true: CI must run every test against the real services.
"""

import os

import pytest
import redis
from django.conf import settings


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: this test must run, not skip)", pytrace=False)
    pytest.skip(reason)


def redis_url() -> str | None:
    return os.environ.get("REDIS_URL") or None


def pytest_runtest_setup(item):
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    if item.get_closest_marker("postgres") and not on_postgres:
        _unavailable("needs PostgreSQL: set DATABASE_URL=postgres://…")
    if item.get_closest_marker("redis"):
        url = redis_url()
        if not url:
            _unavailable("needs Redis: set REDIS_URL=redis://…")
        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError as exc:
            _unavailable(f"Redis at {url} does not answer: {exc}")


@pytest.fixture
def seed_organisation(db):
    """The organisation and demo users of the seed case."""
    from workflow.demo import load_demo_data

    load_demo_data()


@pytest.fixture
def user_named(seed_organisation):
    from workflow.models import Medewerker

    def get(username: str) -> Medewerker:
        return Medewerker.objects.get(username=username)

    return get
