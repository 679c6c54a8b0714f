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
