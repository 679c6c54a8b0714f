"""A real OpenID Connect provider for the tests: django-oauth-toolkit with OIDC, in a process of
its own (tests/identiteit/oidc_op/serve.py). Nothing of Parafeer is loaded here."""

import json
import os

SECRET_KEY = "alleen-voor-de-test-provider"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
ROOT_URLCONF = "tests.identiteit.oidc_op.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["OP_DB"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "/login/"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": os.environ["OP_RSA_KEY"],
    "OIDC_ISS_ENDPOINT": os.environ["OP_ISSUER"],
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "PKCE_REQUIRED": True,
    "SCOPES": {"openid": "OpenID Connect", "email": "E-mail", "profile": "Profiel"},
    "OAUTH2_VALIDATOR_CLASS": "tests.identiteit.oidc_op.validator.Validator",
}
# The people this provider knows, with the claims it hands out for each (set by the test).
OP_PEOPLE = json.loads(os.environ["OP_PEOPLE"])
