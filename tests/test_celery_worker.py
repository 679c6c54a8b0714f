"""Celery really runs tasks through Redis, in a worker process this test starts (not eager).

Parafeer reads no task results and configures no result backend; this test gives its worker one
(Redis) so that it can read what the task returned.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery.backends.redis import RedisBackend

from config.celery import app
from workflow.tasks import echo

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker_queue():
    """A worker process on a queue of its own, so no other worker can take our task."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "config", "worker",
            "--queues", queue, "--pool", "solo", "--hostname", f"{queue}@%h",
            "--without-gossip", "--without-mingle", "--loglevel", "WARNING",
        ],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "CELERY_RESULT_BACKEND": os.environ["REDIS_URL"],
        },
    )  # fmt: skip
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        app.conf.task_always_eager = eager
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.redis
def test_a_worker_process_runs_a_task_sent_through_redis(worker_queue):
    result = echo.apply_async(
        args=["nota 3730760-1057533-PG"], queue=worker_queue, ignore_result=False
    )
    backend = RedisBackend(app=app, url=os.environ["REDIS_URL"])
    deadline = time.monotonic() + 60
    meta = backend.get_task_meta(result.id)
    while meta["status"] != "SUCCESS" and time.monotonic() < deadline:
        time.sleep(0.1)  # polling the result's key, with a deadline
        meta = backend.get_task_meta(result.id)
    assert meta["status"] == "SUCCESS", meta
    assert meta["result"]["value"] == "nota 3730760-1057533-PG"
    assert meta["result"]["worker"].startswith(worker_queue)


def test_no_result_backend_unless_one_is_configured():
    # A result backend on the broker made every .delay() wait on Redis when it was down.
    from django.conf import settings

    assert settings.CELERY_RESULT_BACKEND is None
    assert settings.CELERY_TASK_IGNORE_RESULT is True
    assert settings.CELERY_TASK_PUBLISH_RETRY is False
