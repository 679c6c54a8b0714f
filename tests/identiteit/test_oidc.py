"""Single sign-on against a real OpenID Connect provider: django-oauth-toolkit with OIDC, started
by the test in a process of its own (tests/identiteit/oidc_op/), reached over HTTP for the
authorization, the token, the keys and the userinfo (issue 23 item 1)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth.models import Group
from django.test import Client

from identiteit.models import AuditRegel
from workflow.models import Medewerker, Rol

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID, SECRET = "parafeer-test", "geheim-van-de-test"
PEOPLE = {
    "fatima": {
        "claims": {"email": "f.devries@minvws.nl", "email_verified": True, "given_name": "Fatima"}
    },
    "nieuw": {
        "claims": {
            "email": "nieuw@minvws.nl",
            "email_verified": True,
            "given_name": "Noor",
            "family_name": "Nieuw",
            "roles": ["beheerder", "iets-anders"],
            "department": "PG",
        }
    },
    "vreemde": {"claims": {"email": "onbekend@elders.nl", "email_verified": True}},
    "andere-app": {
        "claims": {
            "email": "f.devries@minvws.nl",
            "email_verified": True,
            "_aud": "een-andere-applicatie",
        }
    },
    "verlopen": {
        "claims": {"email": "f.devries@minvws.nl", "email_verified": True, "_verlopen": True}
    },
    # A provider whose "roles" mean something else than Parafeer's.
    "fatima-rollen": {
        "claims": {"email": "f.devries@minvws.nl", "email_verified": True, "roles": ["lezer"]}
    },
    # A provider that sends empty names as null, and a username someone here already has.
    "zonder-namen": {
        "claims": {
            "email": "zonder.namen@minvws.nl",
            "email_verified": True,
            "given_name": None,
            "family_name": None,
            "preferred_username": None,
        }
    },
    "naamgenoot": {
        "claims": {
            "email": "andere.opsteller@minvws.nl",
            "email_verified": True,
            "preferred_username": "opsteller",
        }
    },
    # Someone who typed a colleague's address into their profile at the provider.
    "onbevestigd": {"claims": {"email": "f.devries@minvws.nl", "email_verified": False}},
    "zonder-bevestiging": {"claims": {"email": "f.devries@minvws.nl"}},
    # The beheerder, by a password only at the provider, with an app there, with a smart card.
    "beheerder-wachtwoord": {
        "claims": {"email": "beheer@minvws.nl", "email_verified": True, "amr": ["pwd"]}
    },
    "beheerder-mfa": {
        "claims": {"email": "beheer@minvws.nl", "email_verified": True, "amr": ["pwd", "mfa"]}
    },
    "beheerder-acr": {
        "claims": {"email": "beheer@minvws.nl", "email_verified": True, "acr": "urn:nl:hoog"}
    },
}


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    env = {
        **os.environ,
        "OP_DB": str(tmp_path_factory.mktemp("op") / "op.sqlite3"),
        "OP_RSA_KEY": pem,
        "OP_PEOPLE": json.dumps(PEOPLE),
    }
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.identiteit.oidc_op.serve",
            CLIENT_ID,
            SECRET,
            "http://testserver/oidc/callback/",
            "http://testserver/inloggen/",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()  # blocks until it serves (or died)
        assert line.startswith("READY "), f"the provider did not start: {line!r}"
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso(provider, settings):
    settings.PARAFEER_OIDC = True
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "identiteit.oidc.ParafeerOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.OIDC_OP_ISSUER = f"{provider}/o"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/o/.well-known/jwks.json"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{provider}/o/logout/"
    settings.OIDC_ONDERDEEL_CLAIM = "department"
    return provider


def _login_at_provider(client: Client, username: str, *, tamper_state: bool = False):
    """The browser's way through: Parafeer → the provider (logged in there) → the callback."""
    start = client.get("/oidc/inloggen/")
    assert start.status_code == 302
    authorize = start["Location"]
    query = parse_qs(urlparse(authorize).query)
    assert query["code_challenge_method"] == ["S256"]  # PKCE
    browser = requests.Session()
    browser.post(f"{authorize.split('/o/')[0]}/login/", data={"username": username})
    answer = browser.get(authorize, allow_redirects=False)
    assert answer.status_code == 302, answer.text[:500]
    callback = urlparse(answer.headers["Location"])
    assert callback.path == "/oidc/callback/"
    params = {k: v[0] for k, v in parse_qs(callback.query).items()}
    if tamper_state:
        params["state"] = params["state"][:-4] + "XXXX"
    return client.get("/oidc/callback/", params)


def test_a_known_person_logs_in_through_the_provider(people, sso):
    Medewerker.objects.filter(username="opsteller").update(email="f.devries@minvws.nl")
    client = Client()
    response = _login_at_provider(client, "fatima")
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.get("/").status_code == 200
    assert int(client.session["_auth_user_id"]) == people["opsteller"].pk
    assert AuditRegel.objects.filter(soort="aangemeld", medewerker=people["opsteller"]).exists()
    # Logging out here logs out at the provider too.
    response = client.post("/uitloggen/")
    assert response["Location"].startswith(f"{sso}/o/logout/?id_token_hint=")
    assert client.get("/").status_code == 302


def test_an_unknown_person_is_refused_in_dutch(people, sso):
    response = _login_at_provider(Client(), "vreemde")
    assert response.status_code == 403
    assert "Parafeer kent u nog niet" in response.content.decode()
    row = AuditRegel.objects.get(soort="aanmelden_mislukt")
    assert "kent u nog niet" in row.omschrijving
    assert not Medewerker.objects.filter(email="onbekend@elders.nl").exists()


def test_a_new_person_is_created_with_roles_and_unit_from_the_claims(people, sso, settings):
    settings.OIDC_CREATE_USER = True
    settings.OIDC_ROLLEN_CLAIM = "roles"
    client = Client()
    assert _login_at_provider(client, "nieuw").status_code == 302
    user = Medewerker.objects.get(email="nieuw@minvws.nl")
    assert (user.first_name, user.last_name) == ("Noor", "Nieuw")
    assert user.organisatieonderdeel.code == "PG"
    assert set(user.groups.values_list("name", flat=True)) == {Rol.BEHEERDER.value}
    assert not user.has_usable_password()
    row = AuditRegel.objects.get(soort="rol_gewijzigd", medewerker=user)
    assert "beheerder" in row.omschrijving
    # A role the provider no longer gives is taken away at the next login.
    Group.objects.get_or_create(name=Rol.PARLEMENTAIRE_COORDINATIE.value)[0].user_set.add(user)
    assert _login_at_provider(Client(), "nieuw").status_code == 302
    assert set(user.groups.values_list("name", flat=True)) == {Rol.BEHEERDER.value}


def test_a_token_for_another_audience_is_refused(people, sso):
    Medewerker.objects.filter(username="opsteller").update(email="f.devries@minvws.nl")
    client = Client()
    response = _login_at_provider(client, "andere-app")
    assert response.status_code == 403
    assert "voor een andere applicatie bedoeld" in response.content.decode()
    assert client.get("/").status_code == 302


def test_an_expired_token_is_refused(people, sso):
    Medewerker.objects.filter(username="opsteller").update(email="f.devries@minvws.nl")
    response = _login_at_provider(Client(), "verlopen")
    assert response.status_code == 403
    assert "is verlopen" in response.content.decode()


def test_a_tampered_state_is_refused(people, sso):
    Medewerker.objects.filter(username="opsteller").update(email="f.devries@minvws.nl")
    client = Client()
    response = _login_at_provider(client, "fatima", tamper_state=True)
    assert response.status_code == 403
    assert "kon niet worden gecontroleerd" in response.content.decode()
    assert client.get("/").status_code == 302


def test_password_login_can_be_switched_off(people, sso, settings):
    settings.PARAFEER_WACHTWOORD_INLOGGEN = False
    settings.AUTHENTICATION_BACKENDS = ["identiteit.oidc.ParafeerOIDCBackend"]
    client = Client()
    page = client.get("/inloggen/").content.decode()
    assert "Inloggen met uw organisatieaccount" in page
    assert 'name="password"' not in page
    client.post("/inloggen/", {"username": "opsteller", "password": "parafeer-demo"})
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("who", ["onbevestigd", "zonder-bevestiging"])
def test_an_unconfirmed_address_does_not_log_anyone_in(people, sso, who):
    Medewerker.objects.filter(username="opsteller").update(email="f.devries@minvws.nl")
    client = Client()
    response = _login_at_provider(client, who)
    assert response.status_code == 403
    assert "heeft uw e-mailadres niet bevestigd" in response.content.decode()
    assert client.get("/").status_code == 302
    row = AuditRegel.objects.get(soort="aanmelden_mislukt")
    assert "niet bevestigd" in row.omschrijving
    assert not AuditRegel.objects.filter(soort="aangemeld").exists()


@pytest.fixture
def beheerder_sso(people, sso, settings):
    settings.PARAFEER_2FA_VERPLICHT = True
    Medewerker.objects.filter(username="beheerder").update(email="beheer@minvws.nl")
    return people["beheerder"]


def test_a_beheerder_without_a_second_factor_at_the_provider_sets_up_parafeers(beheerder_sso):
    client = Client()
    assert _login_at_provider(client, "beheerder-wachtwoord").status_code == 302
    assert int(client.session["_auth_user_id"]) == beheerder_sso.pk
    assert client.get("/auditlog/")["Location"].startswith("/tweefactor/instellen/")


def test_a_beheerder_with_an_app_asks_for_its_code_after_the_provider(beheerder_sso):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=beheerder_sso, name="app", confirmed=True)
    client = Client()
    assert _login_at_provider(client, "beheerder-wachtwoord").status_code == 302
    assert client.get("/auditlog/")["Location"].startswith("/tweefactor/?next=")


def test_the_providers_second_factor_counts_by_amr(beheerder_sso):
    client = Client()
    assert _login_at_provider(client, "beheerder-mfa").status_code == 302
    assert client.get("/auditlog/").status_code == 200


def test_the_providers_second_factor_counts_by_a_configured_acr(beheerder_sso, settings):
    client = Client()
    assert _login_at_provider(client, "beheerder-acr").status_code == 302
    assert client.get("/auditlog/")["Location"].startswith("/tweefactor/instellen/")
    settings.OIDC_MFA_ACR = ["urn:nl:hoog"]
    client = Client()
    assert _login_at_provider(client, "beheerder-acr").status_code == 302
    assert client.get("/auditlog/").status_code == 200


def test_someone_not_required_to_is_not_asked_after_the_provider(people, sso, settings):
    settings.PARAFEER_2FA_VERPLICHT = True
    Medewerker.objects.filter(username="opsteller").update(email="f.devries@minvws.nl")
    client = Client()
    assert _login_at_provider(client, "fatima").status_code == 302
    assert client.get("/").status_code == 200


def test_single_sign_on_without_an_issuer_refuses_to_start():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_OP_ISSUER": "",
    }
    started = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert "OIDC_OP_ISSUER is empty" in started.stderr
    env["OIDC_OP_ISSUER"] = "https://login.example.nl"
    started = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert started.returncode == 0, started.stderr


def test_by_default_role_claims_leave_the_roles_granted_in_the_admin(people, sso):
    opsteller = people["opsteller"]
    Medewerker.objects.filter(pk=opsteller.pk).update(email="f.devries@minvws.nl")
    Group.objects.get_or_create(name=Rol.BEHEERDER.value)[0].user_set.add(opsteller)
    assert _login_at_provider(Client(), "fatima-rollen").status_code == 302
    assert set(opsteller.groups.values_list("name", flat=True)) >= {Rol.BEHEERDER.value}
    assert not AuditRegel.objects.filter(soort="rol_gewijzigd", medewerker=opsteller).exists()


def test_a_new_person_with_null_names_is_created(people, sso, settings):
    settings.OIDC_CREATE_USER = True
    assert _login_at_provider(Client(), "zonder-namen").status_code == 302
    user = Medewerker.objects.get(email="zonder.namen@minvws.nl")
    assert (user.username, user.first_name, user.last_name) == ("zonder.namen@minvws.nl", "", "")


def test_a_new_person_whose_username_is_taken_is_refused_in_dutch(people, sso, settings):
    settings.OIDC_CREATE_USER = True
    client = Client()
    response = _login_at_provider(client, "naamgenoot")
    assert response.status_code == 403
    assert "Parafeer kent u nog niet" in response.content.decode()
    assert client.get("/").status_code == 302
    assert not Medewerker.objects.filter(email="andere.opsteller@minvws.nl").exists()
    assert AuditRegel.objects.filter(soort="aanmelden_mislukt").count() == 1


def test_an_unconfirmed_address_counts_neither_when_matched_to_the_username(people, sso, settings):
    settings.OIDC_GEBRUIKER_VELD = "username"
    Medewerker.objects.filter(username="opsteller").update(username="f.devries@minvws.nl")
    response = _login_at_provider(Client(), "onbevestigd")
    assert response.status_code == 403
    assert "heeft uw e-mailadres niet bevestigd" in response.content.decode()
