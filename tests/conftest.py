"""Shared fixtures, and the rule for tests that need PostgreSQL or Redis.

Such a test is marked `postgres` or `redis`. Without the service it skips with a reason on a
developer's machine, and fails when CI=true: CI must run every test against the real services.
"""

import os
from datetime import date

import pytest
import redis
from django.conf import settings
from django.db.backends.signals import connection_created
from django.dispatch import receiver


@receiver(connection_created)
def _tests_may_empty_the_history(sender, connection, **kwargs):
    """Transactional tests are cleaned up with TRUNCATE, which PostgreSQL refuses on the history
    and the versions unless the session says so (workflow/migrations/0013)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET parafeer.truncate_history = 'on'")


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


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Every test stores its bijlagen in a fresh folder of its own, never in the project's."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def seed_organisation(db):
    """The organisation and demo users of the seed case."""
    from demo.notas import load_demo_data

    load_demo_data()


@pytest.fixture
def user_named(seed_organisation):
    from workflow.models import Medewerker

    def get(username: str) -> Medewerker:
        return Medewerker.objects.get(username=username)

    return get


@pytest.fixture
def people(user_named):
    """The demo users of the seed case, by username."""
    names = [
        "opsteller", "afdelingshoofd", "directeur", "dg", "secretariaat", "bureau-mlzs",
        "parlementair", "beheerder",
    ]  # fmt: skip
    return {name: user_named(name) for name in names}


@pytest.fixture
def route_template(seed_organisation):
    """The PG template of the demo: afdelingshoofd → directeur → DG."""
    from demo.notas import load_route_templates

    load_route_templates()


@pytest.fixture
def stas(seed_organisation):
    from workflow.models import Bewindspersoon

    return Bewindspersoon.objects.get(afkorting="StasVWS")


@pytest.fixture
def make_nota(people, stas, route_template):
    """Makes a concept nota by the opsteller, to the Staatssecretaris, with the PG route."""
    from workflow.services.opstellen import nota_create

    from .support import at

    def make(**overrides):
        fields = {
            "by": people["opsteller"],
            "aan": stas,
            "onderwerp": "Kamerbrief voortgang aanpak mentale gezondheid",
            "geadviseerd_besluit": "Akkoord gaan met verzending.",
            "deadline": date(2023, 12, 15),
            "now": at(1, 9),
        }
        fields.update(overrides)
        return nota_create(**fields)

    return make


@pytest.fixture
def outsider(seed_organisation):
    """A civil servant of another ministry with no part in any nota."""
    from workflow.models import Bewindspersoon, Medewerker, Organisatieonderdeel

    ocw = Organisatieonderdeel.objects.create(
        ministerie=Bewindspersoon.objects.get(afkorting="MOCW").ministerie,
        soort=Organisatieonderdeel.Soort.DIRECTIE,
        code="OWB",
        naam="Directie Onderwijsbeleid",
    )
    return Medewerker.objects.create_user(
        username="buitenstaander", password="x", first_name="Otto", organisatieonderdeel=ocw
    )


@pytest.fixture
def absent(seed_organisation):
    """Registers an absence: `absent(person, substitute)` for all of December 2023."""
    from workflow.models import Vervanging

    def register(person, substitute, van=date(2023, 12, 1), tot=date(2023, 12, 31)):
        return Vervanging.objects.create(medewerker=person, vervanger=substitute, van=van, tot=tot)

    return register


@pytest.fixture
def offices(seed_organisation):
    """The office staff of the demo, by the abbreviation of their bewindspersoon."""
    from workflow.models import Medewerker

    return {u.bureau_van.afkorting: u for u in Medewerker.objects.filter(bureau_van__isnull=False)}
