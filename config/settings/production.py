"""Production: the base settings, hardened. Refuses to start without a real SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("onveilig"):
    raise ImproperlyConfigured(
        "SECRET_KEY ontbreekt of is te kort: zet een willekeurige sleutel van 50+ tekens "
        "in de omgevingsvariabele SECRET_KEY."
    )

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# `demo --reset` empties the database: never on a production installation.
PARAFEER_DEMO_RESET = False
PARAFEER_2FA_VERPLICHT = env.bool("PARAFEER_2FA_VERPLICHT", default=True)
# /healthz is probed over plain HTTP inside the compose network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

WHITENOISE_USE_FINDERS = False
# The default storage stays base's: MEDIA_ROOT, or S3 when S3_BUCKET is set.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
