"""Nothing lost, nothing waits, when the broker is down (issue 16): the proof against real
services.

The test runs a Redis server of its own (never the shared one), the web app as a real server
process, and an SMTP sink. With that Redis stopped, a parafeerder initials a nota through the
real view and the reminder scan runs: the request returns in well under 2 s with the paraaf
recorded, and nothing is lost. Redis is started again, a real Celery worker and beat take up the
outbox relay, and every message arrives at the sink exactly once, within two minutes of the
broker coming back. Waiting is by polling with a deadline, never a bare sleep.
"""

import http.cookiejar
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.support import at
from tests.workflow import test_reminders_e2e as reminders_e2e
from workflow.models import Herinnering, Medewerker, Melding, Parafeerstap
from workflow.services.nota import nota_paraferen

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]
REMARK = "Let op: bijlage 2 ontbreekt nog"

# The SMTP sink, the environment of the subprocesses, the scan and the worker of the reminder
# tests, and their notas due on Fri 8 Dec.
sink = reminders_e2e.sink
env = reminders_e2e.env
due_on_8_december = reminders_e2e.due_on_8_december
scan, start_worker, stop = reminders_e2e.scan, reminders_e2e.start_worker, reminders_e2e.stop


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout: float, what: str):
    """Polls `condition` until it is true, or fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)  # the polling interval, not a wait for work
    return result


class OwnRedis:
    """A redis-server on a free port of 127.0.0.1, started and stopped by the test."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def answers(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self.answers, 30, "our Redis to start")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.process = None
        assert not self.answers()


@pytest.fixture
def own_redis():
    if shutil.which("redis-server") is None:
        pytest.fail("needs redis-server on the PATH (apt-get install redis-server)")
    server = OwnRedis()
    server.start()
    yield server
    if server.process is not None:
        server.stop()


@pytest.fixture
def app_env(env, own_redis):
    """The environment of every process of this test: our Redis as the broker, the sink."""
    return {**env, "REDIS_URL": own_redis.url, "CELERY_BROKER_URL": own_redis.url}


@pytest.fixture
def web(app_env):
    """Parafeer served by a real server process; returns its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks",
         f"127.0.0.1:{port}"],
        cwd=BASE_DIR, env=app_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def serving():
        try:
            return urllib.request.urlopen(f"{base}/inloggen/", timeout=10).status == 200
        except OSError:  # not listening yet, or still starting
            return False

    try:
        wait_until(serving, 60, "the web server")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: cookies, the CSRF token, no following of redirects."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )

    def request(self, path: str, data: dict | None = None):
        if data is not None:
            token = next(c.value for c in self.cookies if c.name == "csrftoken")
            data = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        try:
            with self.opener.open(f"{self.base}{path}", data=data, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as response:
            return response.code, response.read().decode()

    def log_in(self, username: str, password: str):
        self.request("/inloggen/")
        status, _body = self.request("/inloggen/", {"username": username, "password": password})
        assert status == 302, "login failed"


def test_with_the_broker_down_a_paraaf_is_quick_and_every_message_arrives_once_after(
    due_on_8_december, people, own_redis, app_env, web, sink
):
    # Work due on Fri 8 Dec for the afdelingshoofd (reminders on Tue 5 Dec), and a nota that
    # waits for the directeur's paraaf.
    due_on_8_december(2)
    [nota] = due_on_8_december(1)
    nota_paraferen(nota=nota, by=people["afdelingshoofd"], now=at(4, 11))
    assert Melding.objects.te_verzenden().count() == 0  # sent in-process here (tests are eager)
    # A hash the server's settings know (the tests' fast MD5 is not among them).
    hasher = PBKDF2PasswordHasher()
    Medewerker.objects.filter(pk=people["directeur"].pk).update(
        password=hasher.encode("geheim-wachtwoord", hasher.salt(), iterations=1000)
    )
    browser = Browser(web)
    browser.log_in("directeur", "geheim-wachtwoord")

    # --- the broker goes down ---
    own_redis.stop()
    status, body = browser.request("/healthz")
    assert status == 503 and '"broker": "fout"' in body

    started = time.monotonic()
    status, _body = browser.request(f"/notas/{nota.pk}/paraferen/", {"opmerking": REMARK})
    took = time.monotonic() - started
    assert status == 302
    assert took < 2, f"paraferen took {took:.2f} s with the broker down"
    stap = Parafeerstap.objects.get(nota=nota, parafeerder=people["directeur"])
    assert stap.status == Parafeerstap.Status.GEPARAFEERD
    assert stap.opmerking == REMARK
    to_dg = Melding.objects.get(soort="aan_de_beurt", ontvanger=people["dg"])
    assert to_dg.status == Melding.Status.TE_VERZENDEN  # its kick found no broker

    started = time.monotonic()
    assert scan(app_env) == "2 nieuwe herinnering(en), 2 in de wachtrij gezet."
    assert time.monotonic() - started < 30  # a process start and the scan, no broker waits
    assert sink.received == []

    expected = Counter(
        [(people["dg"].email, f"Nota {nota.kenmerk} wacht op uw paraaf")]
        + [
            (h.ontvanger.email, f"Herinnering: {h.kenmerk}, deadline 08-12-2023")
            for h in Herinnering.objects.select_related("ontvanger")
        ]
    )
    assert sum(expected.values()) == 3

    # --- the broker comes back; the worker and beat start (as docker compose restarts them) ---
    own_redis.start()
    back = time.monotonic()
    worker = start_worker(app_env)
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "WARNING"],
        cwd=BASE_DIR, env=app_env,
    )  # fmt: skip
    try:
        sink.wait_for(sum(expected.values()), timeout=120)
        arrived_after = time.monotonic() - back
        wait_until(
            lambda: (
                not Melding.objects.te_verzenden().exists()
                and not Herinnering.objects.te_verzenden().exists()
            ),
            30,
            "the outbox to be marked sent",
        )
    finally:
        beat.terminate()
        beat.wait(timeout=30)
        stop(worker)

    assert arrived_after < 120, f"the last message came {arrived_after:.0f} s after the broker"
    assert Counter(sink.received) == expected  # every message, exactly once
    [dg_mail] = [m for m in sink.messages if m["To"] == people["dg"].email]
    assert f"Opmerking: {REMARK}" in dg_mail.get_body(("plain",)).get_content()
