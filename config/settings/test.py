"""Test settings: the base settings with a fast password hasher.

The database and Redis come from DATABASE_URL and REDIS_URL, as everywhere else.
"""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests that need a real worker start one themselves; everything else runs tasks in-process.
CELERY_TASK_ALWAYS_EAGER = True
# The cached werkvoorraad is off: the tests that test it switch it on.
PARAFEER_WERKVOORRAAD_CACHE = False

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # On SQLite the test database is a file, not memory. The browser tests' live server answers
    # each request in a thread of its own; with an in-memory database all those threads share
    # the one connection, so an htmx request arriving during another request began its
    # transaction inside the other's ("cannot start a transaction within a transaction", seen
    # in CI). With a file each thread has its own connection and SQLite serialises the writers,
    # as it does in the demo. Named per process, so that runs side by side do not meet; Django
    # removes it when the run ends. Nothing waits for the disk: a test database need not
    # survive a crash.
    import os as _os
    import tempfile as _tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": _os.path.join(_tempfile.gettempdir(), f"parafeer-test-{_os.getpid()}.sqlite3")
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous = OFF"  # noqa: F405
