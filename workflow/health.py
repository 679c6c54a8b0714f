"""What /healthz checks: the database answers, and the Celery broker answers when one is set."""

from celery import current_app as app
from django.conf import settings
from django.db import connection


def check_database() -> str | None:
    """None when healthy, else why not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def check_broker() -> str | None:
    """None when healthy or when there is no broker (tasks run in-process), else why not."""
    if not settings.CELERY_BROKER_URL:
        return None

    try:
        with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None
