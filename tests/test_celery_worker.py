"""Celery really runs tasks through Redis, in a worker process this test starts (not eager)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

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
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base"},
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
    result = echo.apply_async(args=["nota 3730760-1057533-PG"], queue=worker_queue)
    # Blocks until the worker has stored the result in Redis (or fails after the timeout).
    outcome = result.get(timeout=60)
    assert outcome["value"] == "nota 3730760-1057533-PG"
    assert outcome["worker"].startswith(worker_queue)
    assert result.status == "SUCCESS"
