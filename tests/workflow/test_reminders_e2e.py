"""Reminders end to end: real Redis, a real Celery worker process, an SMTP sink on localhost.

The scan runs as `manage.py send_reminders --now …` in its own process, as operations would
run it; the worker is started and stopped (or killed) by the test. Waiting is on events (the
sink's condition, process exit), never on sleep.
"""

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import uuid
from collections import Counter
from datetime import date
from email.policy import default as default_policy
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from django.db import connection

from tests.support import at
from workflow.models import Herinnering, Medewerker
from workflow.services.nota import nota_indienen
from workflow.services.opstellen import nota_create
from workflow.services.route import nota_route_set

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]
E2E_REDIS_DB = 9  # a database of its own, emptied first: no other worker or leftover task


class Sink:
    """An SMTP server on localhost that keeps what it receives, and can hold one reply."""

    def __init__(self):
        self.received: list[tuple[str, str]] = []
        self.messages: list[email.message.EmailMessage] = []
        self.changed = threading.Condition()
        self.hold_at: int | None = None
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        with self.changed:
            self.received.append((envelope.rcpt_tos[0], str(message["subject"])))
            self.messages.append(message)
            number = len(self.received)
            self.changed.notify_all()
        if number == self.hold_at:
            # The message is in; the reply ("250 accepted") waits until the test releases it.
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 90) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.received) >= count, timeout), (
                f"expected {count} mails, got {len(self.received)}: {self.received}"
            )


@pytest.fixture
def sink():
    handler = Sink()
    with socket.socket() as probe:  # a free port (aiosmtpd cannot start on port 0)
        probe.bind(("127.0.0.1", 0))
        handler.port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    handler.release.set()
    controller.stop()


@pytest.fixture
def env(sink):
    db = connection.settings_dict
    base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    broker = f"{base}/{E2E_REDIS_DB}"
    redis.Redis.from_url(broker).flushdb()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "REDIS_URL": broker,
        "CELERY_BROKER_URL": broker,
        "EMAIL_URL": "",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "SITE_URL": "https://parafeer.example",
        # Re-queue at once whatever is unsent when the scan runs again (after a crash).
        "PARAFEER_HERINNERING_OPNIEUW_NA_MINUTEN": "0",
    }


def scan(env, when="2023-12-05T08:00") -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "send_reminders", "--now", when],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def start_worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
            "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING",
            "--hostname", f"e2e-{uuid.uuid4().hex[:6]}@%h",
        ],
        cwd=BASE_DIR, env=env,
    )  # fmt: skip


def stop(worker: subprocess.Popen) -> None:
    """A warm shutdown: the worker finishes (and commits) the task at hand, then exits."""
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=60)


@pytest.fixture
def due_on_8_december(seed_organisation, route_template, people, stas):
    """Notas submitted on Mon 4 Dec with deadline Fri 15 Dec: their first paraaf is due Fri 8
    Dec, so the scan of Tue 5 Dec sends the reminder 3 werkdagen before. No digests."""
    Medewerker.objects.update(dagoverzicht=False)

    def make(count: int, only_parafeerder=None):
        notas = []
        for i in range(count):
            nota = nota_create(
                by=people["opsteller"], aan=stas, onderwerp=f"Nota {i}",
                geadviseerd_besluit="Akkoord.", now=at(4, 9),
                # One step only: 3 werkdagen for the office before Wed 13 Dec leaves Fri 8 Dec.
                deadline=date(2023, 12, 13) if only_parafeerder else date(2023, 12, 15),
            )  # fmt: skip
            if only_parafeerder:
                nota_route_set(
                    nota=nota, by=people["opsteller"], stappen=[(1, people[only_parafeerder], "")]
                )
            nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 10))
            notas.append(nota)
        return notas

    return make


def test_the_right_people_get_exactly_the_right_mails_once(
    due_on_8_december, people, absent, env, sink
):
    [for_afdelingshoofd] = due_on_8_december(1)
    # The directeur is absent: their reminder goes to the vervanger, with a copy to them.
    plv = Medewerker.objects.create_user(
        username="plv", email="plv@parafeer.example", password="x", dagoverzicht=False
    )
    absent(people["directeur"], plv)
    [for_directeur] = due_on_8_december(1, only_parafeerder="directeur")

    assert scan(env) == "3 nieuwe herinnering(en), 3 in de wachtrij gezet."
    worker = start_worker(env)
    try:
        sink.wait_for(3)
    finally:
        stop(worker)
    assert sorted(sink.received) == sorted(
        [
            ("afdelingshoofd@parafeer.example",
             f"Herinnering: {for_afdelingshoofd.kenmerk}, deadline 08-12-2023"),
            ("plv@parafeer.example", f"Herinnering: {for_directeur.kenmerk}, deadline 08-12-2023"),
            ("directeur@parafeer.example",
             f"[kopie, u bent afwezig] Herinnering: {for_directeur.kenmerk}, deadline 08-12-2023"),
        ]
    )  # fmt: skip
    assert set(Herinnering.objects.values_list("status", flat=True)) == {"verzonden"}

    # The scan again, later that day: nothing new, nothing queued, nothing sent.
    assert scan(env, "2023-12-05T15:00") == "0 nieuwe herinnering(en), 0 in de wachtrij gezet."
    assert redis.Redis.from_url(env["CELERY_BROKER_URL"]).llen("celery") == 0
    assert len(sink.received) == 3


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_at_most_the_one_in_flight(
    due_on_8_december, env, sink
):
    notas = due_on_8_december(12)
    assert scan(env) == "12 nieuwe herinnering(en), 12 in de wachtrij gezet."

    # The fourth mail reaches the SMTP server, whose "accepted" reply is held back; meanwhile
    # the worker is killed with SIGKILL: no cleanup, no commit, no acknowledgement.
    sink.hold_at = 4
    worker = start_worker(env)
    assert sink.holding.wait(timeout=90), "the worker never reached the fourth mail"
    in_flight = sink.received[3]
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    sink.release.set()
    sent_before_crash = Herinnering.objects.filter(status="verzonden").count()
    assert sent_before_crash == 3

    # After the restart: the scan re-queues what is unsent, a new worker sends it.
    assert scan(env, "2023-12-05T08:30") == "0 nieuwe herinnering(en), 9 in de wachtrij gezet."
    worker = start_worker(env)
    try:
        sink.wait_for(13)  # twelve reminders, and the documented window: the one in flight
    finally:
        stop(worker)

    assert set(Herinnering.objects.values_list("status", flat=True)) == {"verzonden"}
    counts = Counter(sink.received)
    assert {subject for _to, subject in counts} == {
        f"Herinnering: {nota.kenmerk}, deadline 08-12-2023" for nota in notas
    }
    # Every reminder arrived exactly once, except the one whose acceptance the crash cut off:
    # the SMTP server had it, the database never heard, so it went again. That one, only once.
    assert {key: n for key, n in counts.items() if n != 1} == {in_flight: 2}
