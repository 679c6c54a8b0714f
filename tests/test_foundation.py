"""The foundation: settings, login, health check, demo data and the production hardening."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.notas import DEMO_PASSWORD, DEMO_USERS
from workflow.models import Bewindspersoon, Medewerker, Ministerie, Organisatieonderdeel

BASE_DIR = Path(__file__).resolve().parent.parent


def test_healthz_reports_database_ok_and_no_broker(client, db, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert "niet ingesteld" in response.json()["broker"]


def test_healthz_names_the_broker_when_it_is_down(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # the discard port: nobody listens
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["database"] == "ok"
    assert body["broker"] == "fout"
    assert "broker" in body["fouten"]


@pytest.mark.redis
def test_healthz_with_a_live_broker(client, db, settings):
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["broker"] == "ok"


@pytest.mark.postgres
def test_tests_run_on_postgresql_when_database_url_says_so(db):
    from django.db import connection

    assert connection.vendor == "postgresql"


def test_login_page_is_dutch(client, db):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Aanmelden" in content
    assert "Gebruikersnaam" in content
    assert "Wachtwoord" in content


def test_every_demo_user_can_log_in(client, seed_organisation):
    for spec in DEMO_USERS:
        response = client.post(
            reverse("login"), {"username": spec.username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, spec.username
        assert response["Location"] == reverse("home")
        home = client.get(reverse("home"))
        assert spec.first_name in home.content.decode()
        client.post(reverse("logout"))


def test_home_requires_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_wrong_password_gets_a_dutch_message(client, seed_organisation):
    response = client.post(reverse("login"), {"username": "opsteller", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


def test_login_is_locked_after_five_failures(client, seed_organisation):
    for _ in range(5):
        client.post(reverse("login"), {"username": "opsteller", "password": "fout"})
    response = client.post(reverse("login"), {"username": "opsteller", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()


def test_pages_carry_a_content_security_policy(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_demo_data_is_idempotent(db):
    call_command("demo", no_server=True, stdout=StringIO())
    counts = _counts()
    call_command("demo", no_server=True, stdout=StringIO())
    assert _counts() == counts
    assert counts[Ministerie] == 4
    assert counts[Medewerker] == len(DEMO_USERS)


def test_demo_data_holds_the_seed_organisation(seed_organisation):
    pg = Organisatieonderdeel.objects.get(code="PG")
    assert pg.bovenliggend.code == "DGV"
    assert pg.manager.username == "directeur"
    assert set(Bewindspersoon.objects.values_list("afkorting", flat=True)) == {
        "StasVWS", "MLZS", "MOCW", "MPVO", "StasCM", "MSZW", "MAPP", "StasBZK",
    }  # fmt: skip
    assert Bewindspersoon.objects.get(afkorting="MLZS").ambtsperiodes.get().naam == "Conny Helder"


def test_every_role_has_a_demo_user(seed_organisation):
    from workflow.models import Rol

    for rol in Rol:
        assert any(user.has_rol(rol) for user in Medewerker.objects.all()), rol


def _counts():
    return {
        model: model.objects.count()
        for model in (Ministerie, Organisatieonderdeel, Bewindspersoon, Medewerker)
    }


def _run_with_settings(module: str, *args: str, **env_overrides: str):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": module, **env_overrides}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_with_settings("config.settings.production", "check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY ontbreekt" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = _run_with_settings(
        "config.settings.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "a-real-secret-key-of-enough-length-for-django-checks",
        ALLOWED_HOSTS="parafeer.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sqlite_serialises_writers_since_it_has_no_row_locks(tmp_path):
    """The demo's SQLite ignores select_for_update; a transaction that takes the write lock when
    it begins keeps two acts on the same item (two sends of one message) from interleaving."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
    }
    code = (
        "import django, json; django.setup(); from django.db import connection; "
        "print(json.dumps(connection.settings_dict['OPTIONS']))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["transaction_mode"] == "IMMEDIATE"


@pytest.mark.postgres
def test_the_pool_and_server_side_binding_serve_queries_when_switched_on(db):
    """DATABASE_POOL and DATABASE_SERVER_SIDE_BINDING (README, Configuration): the settings a
    process gets, and queries through them on the real database, with parameters, often enough
    for psycopg to prepare them."""
    from django.db import connection

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
        "DATABASE_POOL": "true",
        "DATABASE_POOL_MAX_SIZE": "2",
        "DATABASE_SERVER_SIDE_BINDING": "true",
    }
    code = (
        "import django, json; django.setup(); from django.db import connection;"
        "from workflow.models import Ministerie;"
        "n = [Ministerie.objects.filter(afkorting__in=['VWS', 'OCW']).count() for _ in range(8)];"
        "print(json.dumps({'pool': connection.settings_dict['OPTIONS']['pool'],"
        " 'ssb': connection.settings_dict['OPTIONS']['server_side_binding'],"
        " 'age': connection.settings_dict['CONN_MAX_AGE'], 'n': n,"
        " 'cursor': type(connection.cursor().cursor).__name__}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout)
    assert seen["pool"]["max_size"] == 2 and seen["age"] == 0 and seen["ssb"] is True
    assert seen["cursor"] == "ServerBindingCursor"
    assert seen["n"] == [seen["n"][0]] * 8
