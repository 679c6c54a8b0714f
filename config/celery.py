"""The Celery app: workers run `celery -A config worker`, the scheduler `celery -A config beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("parafeer")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
