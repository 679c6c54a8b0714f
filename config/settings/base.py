"""Settings shared by every environment, read from the environment (django-environ).

The defaults make `manage.py runserver` and the demo work with nothing installed: a SQLite file,
no broker (Celery tasks run in-process), email to the console. `production.py` tightens them.
"""

import warnings
from datetime import datetime
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="onveilig-alleen-voor-ontwikkeling-en-demo")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Whether `manage.py demo --reset` may empty the database (production settings say no).
PARAFEER_DEMO_RESET = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_celery_beat",
    "django_fsm",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    "workflow",
    "letters",
    "api",
    "programma",
    "identiteit",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.taal.TaalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The session index's last-seen time (identiteit: the profile lists a person's sessions).
    "identiteit.middleware.SessieMiddleware",
    # Who still owes the second factor of their login sees only the page that asks for it.
    "identiteit.middleware.TweeFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "workflow.memo.ReadsOnceMiddleware",
    "api.middleware.ApiVersionMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by the backend into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# The common widgets written in Python, byte for byte as Django's templates (config/formulieren.py).
FORM_RENDERER = "config.formulieren.FormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Persistent connections: opening one costs a request several milliseconds (bench/RESULTS.md).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiles a query when its cost estimate is high, as the werkvoorraad's
    # is at scale: half a second of compiling for a query that runs in milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # psycopg 3's server-side binding: parameters travel apart from the SQL, and a query a
    # connection runs often is prepared once (psycopg prepares after 5 runs) instead of being
    # parsed and planned on every request.
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = env.bool(
        "DATABASE_SERVER_SIDE_BINDING", default=False
    )
    # psycopg 3's connection pool, per process: a request borrows a connection that is already
    # open and checked. It replaces CONN_MAX_AGE's persistent connection (Django requires 0 with
    # a pool). A gunicorn sync worker serves one request at a time, so it needs one connection;
    # a threaded server, one per thread.
    if env.bool("DATABASE_POOL", default=False):
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
            "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=4),
            # A request waits this long for a free connection, then fails rather than hangs.
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The demo's scheduler thread and the web server share the file: wait rather than fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # SQLite has no row locks (select_for_update does nothing): a transaction takes the write
    # lock when it begins, so two acts on the same nota or reminder are serialised as the row
    # lock serialises them on PostgreSQL, and a message is never sent twice.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # Three covering indexes (INCLUDE: the archive's, the toezeggingen due, the werkstand's
    # deadlines) let PostgreSQL answer from the index alone; SQLite builds them without the
    # included columns, which changes nothing but speed in the demo. Not a warning worth
    # showing a newcomer on every migrate.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "workflow.Medewerker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user's roles with the user.
    "workflow.auth.MedewerkerBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Two-factor login (identiteit/tweefactor.py) for whoever decides or signs for a bewindspersoon
# and for beheerders: on in production, off here so the demo's users log in with a password.
PARAFEER_2FA_VERPLICHT = env.bool("PARAFEER_2FA_VERPLICHT", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Parafeer")
# Single sign-on with OpenID Connect (identiteit/oidc.py), on when OIDC_RP_CLIENT_ID is set;
# README, "Inloggen en identiteit". Password login can then be switched off.
PARAFEER_OIDC = bool(env("OIDC_RP_CLIENT_ID", default=""))
PARAFEER_WACHTWOORD_INLOGGEN = env.bool("PARAFEER_WACHTWOORD_INLOGGEN", default=True)
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT = env("OIDC_OP_LOGOUT_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # for logging out at the provider
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=10.0)
# Who is who: the claim that names the person, and the Medewerker field it is matched to
# (email, or username for an employee number); unknown people are refused unless created.
OIDC_GEBRUIKER_CLAIM = env("OIDC_GEBRUIKER_CLAIM", default="email")
OIDC_GEBRUIKER_VELD = env("OIDC_GEBRUIKER_VELD", default="email")
OIDC_CREATE_USER = env.bool("OIDC_CREATE_USER", default=False)
# Roles (beheerder, parlementaire_coordinatie) and the unit's code, where the provider gives them.
# Roles from claims are opt-in: a provider's unrelated "roles" would otherwise take away the
# roles a beheerder granted in the admin.
OIDC_ROLLEN_CLAIM = env("OIDC_ROLLEN_CLAIM", default="")
OIDC_ONDERDEEL_CLAIM = env("OIDC_ONDERDEEL_CLAIM", default="")
OIDC_KLOKSPELING = env.int("OIDC_KLOKSPELING", default=30)  # seconds of clock skew allowed
# For those two-factor login is required for: the id token's `acr` values that count as the
# provider's own second factor (besides an `amr` with mfa/otp/hwk/swk); else Parafeer asks its code.
OIDC_MFA_ACR = env.list("OIDC_MFA_ACR", default=[])
if PARAFEER_OIDC:
    AUTHENTICATION_BACKENDS.append("identiteit.oidc.ParafeerOIDCBackend")
if not PARAFEER_WACHTWOORD_INLOGGEN:
    AUTHENTICATION_BACKENDS = ["identiteit.oidc.ParafeerOIDCBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures for one username from one address lock it for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 9)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content Security Policy (django-csp 4): only our own scripts and styles, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The footer's language choice is remembered for a year (config/taal.py).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Without collectstatic there is no STATIC_ROOT yet; WhiteNoise then serves from the finders.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
# Serve static files straight from the apps and static/ without collectstatic (not in production).
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Bijlagen in an S3-compatible object store (MinIO, AWS, a government cloud) when S3_BUCKET is
# set; in MEDIA_ROOT otherwise. A stored version is never written over: with file_overwrite off
# a second file of the same name gets a new name, so removing a failed upload never hits another.
if env("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default="") or None,
            "region_name": env("S3_REGION", default="") or None,
            "access_key": env("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env("S3_PREFIX", default=""),
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }

# Uploads: the largest bijlage accepted (25 MB by default). The first handler stops reading a
# file once it passes the limit, so an oversized upload is neither kept in memory nor on disk.
PARAFEER_MAX_UPLOAD_BYTES = env.int("PARAFEER_MAX_UPLOAD_BYTES", default=25 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "letters.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Email: EMAIL_URL (smtp://user:pass@host:port) wins; else EMAIL_HOST/EMAIL_PORT; else the console.
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif env("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Parafeer <parafeer@example.org>")
EMAIL_TIMEOUT = 30

# Celery: CELERY_BROKER_URL, else REDIS_URL; with neither, tasks run in-process (eager).
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
# The home page's werkvoorraad, rendered, per user in Redis (workflow/werkvoorraad_cache.py):
# on when there is a Redis; its key carries the versions the werkvoorraad depends on, so an act
# makes the next request render afresh, and the TTL bounds what a version cannot see.
PARAFEER_WERKVOORRAAD_CACHE_URL = env("PARAFEER_WERKVOORRAAD_CACHE_URL", default=REDIS_URL)
PARAFEER_WERKVOORRAAD_CACHE = env.bool(
    "PARAFEER_WERKVOORRAAD_CACHE", default=bool(PARAFEER_WERKVOORRAAD_CACHE_URL)
)
PARAFEER_WERKVOORRAAD_CACHE_TTL = env.int("PARAFEER_WERKVOORRAAD_CACHE_TTL", default=600)
# No task's result is ever read, so by default none is stored: a result backend on the broker
# made every .delay() wait on Redis (29 s per request while it was down, issue 16).
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_IGNORE_RESULT = not CELERY_RESULT_BACKEND
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged after it ran, so a worker killed mid-task leaves it for another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down must cost a request (the kick after a commit) a second at most, never a
# wait: short connect timeouts, and no publish retries, since the outbox in the database is
# the retry (the relay sends whatever a lost message did not).
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=1.0)
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "max_retries": 0,
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The outbox relay: sends every email still due (a lost kick, a task lost with the broker or a
# killed worker, a retry whose time came), so that within two minutes of the broker coming back
# everything is out. Cheap: one indexed query per outbox when nothing is due.
PARAFEER_OUTBOX_INTERVAL = env.int("PARAFEER_OUTBOX_INTERVAL", default=30)
# A row handed to a send task this many seconds ago is left to that task until then.
PARAFEER_OUTBOX_GRACE = env.int("PARAFEER_OUTBOX_GRACE", default=60)
# The most rows of each outbox one relay run sends; the next run takes the rest.
PARAFEER_OUTBOX_BATCH = env.int("PARAFEER_OUTBOX_BATCH", default=500)
# The overzicht's lead times: steps finished since the last fold are read live until this
# fold counts them into the Doorlooptijdstand (workflow/doorlooptijdstand.py), a batch of
# PARAFEER_DOORLOOPTIJDEN_BATCH steps per transaction, for at most the interval per run.
PARAFEER_DOORLOOPTIJDEN_INTERVAL = env.int("PARAFEER_DOORLOOPTIJDEN_INTERVAL", default=60)
PARAFEER_DOORLOOPTIJDEN_BATCH = env.int("PARAFEER_DOORLOOPTIJDEN_BATCH", default=5000)
CELERY_BEAT_SCHEDULE = {
    "outbox-relay": {
        "task": "workflow.tasks.relay_outbox",
        "schedule": PARAFEER_OUTBOX_INTERVAL,
        # A run that waited in the queue longer than one interval is dropped: the next comes.
        "options": {"expires": PARAFEER_OUTBOX_INTERVAL},
    },
    "doorlooptijden-vouwen": {
        "task": "workflow.tasks.fold_doorlooptijden",
        "schedule": PARAFEER_DOORLOOPTIJDEN_INTERVAL,
        "options": {"expires": PARAFEER_DOORLOOPTIJDEN_INTERVAL},
    },
}

# Parafeer: the werkdagen calendar (Rijksoverheid default) and the reminders.
PARAFEER_GOEDE_VRIJDAG_VRIJ = env.bool("PARAFEER_GOEDE_VRIJDAG_VRIJ", default=False)
PARAFEER_BEVRIJDINGSDAG = env("PARAFEER_BEVRIJDINGSDAG", default="lustrum")  # jaarlijks|nooit
# Reminders whose moment passed while the scan did not run are still sent within this window.
PARAFEER_HERINNERING_INHAALDAGEN = env.int("PARAFEER_HERINNERING_INHAALDAGEN", default=7)
# The weekly overdue digest goes out on this weekday (0 = Monday) or the first scan after it.
PARAFEER_WEEKOVERZICHT_DAG = env.int("PARAFEER_WEEKOVERZICHT_DAG", default=0)
# Sending a reminder is tried this often, with exponential backoff, before it is marked failed.
PARAFEER_HERINNERING_POGINGEN = env.int("PARAFEER_HERINNERING_POGINGEN", default=5)
# A reminder still unsent this many minutes after it was queued is queued again by the scan.
PARAFEER_HERINNERING_OPNIEUW_NA_MINUTEN = env.int(
    "PARAFEER_HERINNERING_OPNIEUW_NA_MINUTEN", default=15
)

# The API (api/): Django REST framework, its schema by drf-spectacular, errors as
# application/problem+json, cursor pagination (Logius' API Design Rules).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Cursor",
    "DEFAULT_SCHEMA_CLASS": "api.schema.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Webhooks (workflow/webhooks.py): attempts before a delivery is given up, and the wait for
# the receiver's answer, in seconds.
PARAFEER_WEBHOOK_POGINGEN = env.int("PARAFEER_WEBHOOK_POGINGEN", default=8)
PARAFEER_WEBHOOK_TIMEOUT = env.float("PARAFEER_WEBHOOK_TIMEOUT", default=10.0)
# Calls per token (or per logged-in browser) a caller may make: DRF's "N/second|minute|hour".
PARAFEER_API_RATE = env("PARAFEER_API_RATE", default="600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Parafeer API",
    "DESCRIPTION": "Notas, Kamerbrieven, toezeggingen, moties and the werkvoorraad of Parafeer.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "NotaStatusEnum": "letters.models.Nota.Status",
        "NotaSoortEnum": "letters.models.Nota.Soort",
        "KamerbriefStatusEnum": "letters.models.Kamerbrief.Status",
        "AfstemmingStatusEnum": "letters.models.Afstemmingsverzoek.Status",
        "ParafeerstapStatusEnum": "workflow.models.Parafeerstap.Status",
        "ToezeggingStatusEnum": "workflow.models.Toezegging.Status",
        "ToezeggingSoortEnum": "workflow.models.Toezegging.Soort",
        "MotieStatusEnum": "workflow.models.Motie.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

# The sync with the Tweede Kamer (workflow/tk_sync.py), from Celery beat every 15 minutes. Off
# while no base URL is set; production sets the Gegevensmagazijn's,
# https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0
PARAFEER_TK_ODATA_URL = env("PARAFEER_TK_ODATA_URL", default="")
# Where the very first run starts (records the Kamer changed since then).
PARAFEER_TK_SYNC_VANAF = datetime.fromisoformat(
    env("PARAFEER_TK_SYNC_VANAF", default="2024-01-01T00:00:00+00:00")
)
PARAFEER_TK_SYNC_TIMEOUT = env.float("PARAFEER_TK_SYNC_TIMEOUT", default=30.0)
# Pages one run reads per stream; the next run goes on from the watermark.
PARAFEER_TK_SYNC_MAX_PAGINAS = env.int("PARAFEER_TK_SYNC_MAX_PAGINAS", default=40)
# The longest wait, in seconds, between attempts after failures (the backoff doubles up to it).
PARAFEER_TK_SYNC_MAX_WACHTTIJD = env.int("PARAFEER_TK_SYNC_MAX_WACHTTIJD", default=6 * 3600)
