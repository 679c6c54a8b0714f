"""bench/run: Parafeer's pages at ministry scale, each against the floor in the same loop.

Serves the app with gunicorn on 127.0.0.1 against the data of `manage.py generate_bench_data`
and measures every page of `generate_bench_data.bench_pages()` interleaved with the floor
(config/bench_floor.py): each round asks floor, page A, floor, page B, …, so that a page and its
floor share the machine's load of that moment, and a page's cost is the median of its per-round
ratios, with the 10th–90th percentile of them as its spread. The 1-minute load average is
sampled all along; a run where it exceeded the number of cores is flagged unreliable.

Then (unless left out): the werkvoorraad's throughput under wrk in alternating slices with the
floor's, the reminder scan, paraferen POSTs single-client, 50 approvers at once, 50 requests on
one step, and one worker's memory after 10,000 requests. `--sweep 0.1,1.0` instead generates the
same seed at each scale in a database of its own and fails when a page grows more than 1.3× per
10× data. Appends a section to bench/RESULTS.md. See bench/README.md.

A run consumes data: every paraferen POST initials a step for real. Regenerate with
`manage.py generate_bench_data --reset` now and then (about a minute).
"""

import argparse
import http.client
import itertools
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "RESULTS.md"
CSRF = "benchcsrfbenchcsrfbenchcsrfbench"  # 32 characters: an unmasked CSRF secret
# What a database made by --sweep says about itself: only such a database is ever reset.
CREATED_BY_BENCH = "created by bench/run"
WRK_LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
           latency:percentile(50), latency:percentile(95), errors))
end
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="parafeer_scale", help="database with the bench data")
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--port", type=int, default=8765, help="gunicorn's port")
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/12",
        help="broker for what paraferen queues; no worker may read it. Only the keys the run "
        "added are removed afterwards, never the whole database",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--rounds", type=int, default=100, help="interleaved rounds")
    parser.add_argument("--warmup", type=int, default=5, help="requests per page before")
    parser.add_argument("--connections", type=int, default=16, help="wrk concurrency")
    parser.add_argument("--wrk-slice", type=int, default=5, help="seconds per wrk slice")
    parser.add_argument(
        "--wrk-pairs", type=int, default=3, help="floor/werkvoorraad wrk slice pairs (0: none)"
    )
    parser.add_argument("--approvers", type=int, default=50)
    parser.add_argument("--posts", type=int, default=20, help="POSTs per approver")
    parser.add_argument("--no-actions", action="store_true", help="no POSTs, no reminder scan")
    parser.add_argument("--rss-requests", type=int, default=10_000)
    parser.add_argument(
        "--rss-seconds", type=int, default=900, help="at most this long to reach --rss-requests"
    )
    parser.add_argument("--no-rss", action="store_true", help="leave the memory check out")
    parser.add_argument(
        "--sweep",
        help="scales to generate and compare, e.g. 0.1,1.0 (10.0 = 1,000,000 notas); "
        "pages only, in --sweep-db",
    )
    parser.add_argument("--sweep-db", default="parafeer_sweep_bench")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed in a sweep")
    parser.add_argument(
        "--max-growth", type=float, default=1.3, help="a sweep fails above this growth per 10×"
    )
    parser.add_argument("--no-results", action="store_true", help="do not append RESULTS.md")
    parser.add_argument(
        "--pages",
        default="",
        help="only the pages whose name contains one of these comma-separated words, e.g. "
        "werkvoorraad,toezeggingen (default: every page)",
    )
    return parser.parse_args(argv)


def say(*parts):
    print(f"[{datetime.now():%H:%M:%S}]", *parts, flush=True)


# --- the machine's load --------------------------------------------------------------------------


class LoadWatch:
    """The 1-minute load average, sampled every few seconds in a thread, and at each phase."""

    def __init__(self, every: float = 5.0):
        self.cores = os.cpu_count() or 1
        self.samples: list[float] = []
        self.phases: list[tuple[str, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    def _run(self, every):
        while not self._stop.wait(every):
            self.samples.append(os.getloadavg()[0])

    def start(self):
        self.mark("start")
        self._thread.start()
        return self

    def mark(self, phase: str) -> float:
        value = os.getloadavg()[0]
        self.phases.append((phase, value))
        self.samples.append(value)
        return value

    def stop(self):
        self._stop.set()
        self.mark("end")

    @property
    def peak(self) -> float:
        return max(self.samples)

    @property
    def reliable(self) -> bool:
        return self.peak <= self.cores

    def summary(self) -> str:
        verdict = (
            "reliable"
            if self.reliable
            else f"**unreliable**: above {self.cores} (the number of cores) during the run"
        )
        during = self.samples[1:-1] or self.samples
        return (
            f"{self.phases[0][1]:.2f} at the start, {self.phases[-1][1]:.2f} at the end; during: "
            f"median {statistics.median(during):.2f}, peak {self.peak:.2f} "
            f"({len(self.samples)} samples) — {verdict}; after each phase: "
            + ", ".join(f"{name} {value:.2f}" for name, value in self.phases[1:-1])
        )


# --- databases -----------------------------------------------------------------------------------


def database_url(args, db: str) -> str:
    return f"postgres://postgres@{args.pg_host}:{args.pg_port}/{db}"


def ensure_sweep_database(args):
    """The sweep's own database: created here and marked so; an existing one is reset only when
    it carries that mark. The bench never empties a database it did not create."""
    import psycopg

    with psycopg.connect(
        host=args.pg_host, port=args.pg_port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [args.sweep_db],
        ).fetchone()
        if row is None:
            conn.execute(f'CREATE DATABASE "{args.sweep_db}"')
            conn.execute(f"COMMENT ON DATABASE \"{args.sweep_db}\" IS '{CREATED_BY_BENCH}'")
            say("created database", args.sweep_db)
        elif row[0] != CREATED_BY_BENCH:
            sys.exit(
                f"{args.sweep_db!r} exists and was not created by bench/run (its comment is not "
                f"{CREATED_BY_BENCH!r}): a sweep empties its database, so it refuses this one. "
                "Name another with --sweep-db."
            )


def setup_django(args, db: str):
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    os.environ["DATABASE_URL"] = database_url(args, db)
    # A broker no worker reads, as in production a broker is there: the notifications that
    # paraferen queues land in it and are removed at the end; nothing is ever sent.
    os.environ["CELERY_BROKER_URL"] = args.redis_url
    os.environ["CELERY_RESULT_BACKEND"] = args.redis_url
    os.environ.pop("REDIS_URL", None)
    # The cached werkvoorraad (workflow/werkvoorraad_cache.py) in the same database: its keys
    # are among those the run added, removed at the end like the rest.
    os.environ["PARAFEER_WERKVOORRAAD_CACHE_URL"] = args.redis_url
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from demo.management.commands.generate_bench_data import looks_like_bench_database

    if not looks_like_bench_database(db):
        sys.exit(f"{db!r} does not look like a bench database; refusing.")


class RedisKeys:
    """The broker's keys before the run; afterwards only the keys the run added are deleted, and
    the queues it pushed to are put back to their earlier length. Never a FLUSHDB."""

    def __init__(self, url: str):
        import redis

        self.redis = redis.Redis.from_url(url)
        self.before = set(self.redis.scan_iter(count=1000))
        self.lengths = {
            key: self.redis.llen(key) for key in self.before if self.redis.type(key) == b"list"
        }

    def clean(self) -> int:
        added = [key for key in self.redis.scan_iter(count=1000) if key not in self.before]
        if added:
            self.redis.delete(*added)
        for key, length in self.lengths.items():  # the messages the run pushed (LPUSH: left)
            extra = self.redis.llen(key) - length
            if extra > 0:
                self.redis.ltrim(key, extra, -1)
        return len(added)


def sql(statement, params=()):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


# --- who and what --------------------------------------------------------------------------------


def session_for(user_id: int) -> str:
    """A logged-in session, as django.contrib.auth.login would write it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from workflow.models import Medewerker

    user = Medewerker.objects.get(pk=user_id)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(60 * 60 * 9)
    store.save()
    return store.session_key


def cookie(session_key: str) -> str:
    return f"sessionid={session_key}; csrftoken={CSRF}"


def pick_pages() -> dict[str, dict]:
    """bench_pages(), each with the rows its floor renders: for a werkvoorraad the rows the page
    renders (each group up to TOON_PER_GROEP), for the other pages 50."""
    from demo.management.commands.generate_bench_data import bench_pages
    from workflow.models import Medewerker
    from workflow.selectors import werkvoorraad_for
    from workflow.views.algemeen import TOON_PER_GROEP

    pages = bench_pages()
    for page in pages.values():
        page["floor_rows"] = 50
        if page["path"] == "/":
            groups = werkvoorraad_for(Medewerker.objects.get(pk=page["user"])).groepen
            page["lines"] = sum(g.aantal for g in groups)
            page["floor_rows"] = sum(min(g.aantal, TOON_PER_GROEP) for g in groups)
    return pages


def floor_user() -> tuple[int, int]:
    """The floor is asked for by the person with the most open steps, so it can render as many
    rows as a page does."""
    return sql(
        """SELECT parafeerder_id, count(*) FROM workflow_parafeerstap
            WHERE status = 'aan_de_beurt' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"""
    )[0]


def pick_posters(approvers: int, posts: int, busiest: int):
    """Per approver, notas where it is their turn and no other chosen approver's, not their own."""
    rows = sql(
        """SELECT parafeerder_id, nota_id FROM (
              SELECT s.parafeerder_id, s.nota_id,
                     row_number() OVER (PARTITION BY s.nota_id ORDER BY s.parafeerder_id) AS r
                FROM workflow_parafeerstap s JOIN letters_nota n ON n.id = s.nota_id
               WHERE s.status = 'aan_de_beurt' AND n.status = 'in_parafering'
                 -- The generator's meeparafen may fall on the nota's opsteller, whom the app
                 -- never puts on a route and refuses to let initial.
                 AND s.parafeerder_id <> n.opsteller_id AND s.parafeerder_id <> %s) x
            WHERE r = 1 ORDER BY nota_id""",
        [busiest],
    )
    per_user: dict[int, list[int]] = {}
    for user, nota_id in rows:
        per_user.setdefault(user, []).append(nota_id)
    users = sorted(per_user, key=lambda u: (-len(per_user[u]), u))
    approvers = min(approvers, len(users) - 2)
    single, same = users[0], users[approvers + 1]
    return {
        "single_poster": single,
        "single_notas": per_user[single][:posts],
        "approvers": {u: per_user[u][:posts] for u in users[1 : approvers + 1]},
        "same_user": same,
        "same_nota": per_user[same][0],
    }


# --- measuring -----------------------------------------------------------------------------------


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


class Client:
    """One HTTP connection, as a browser would hold (gunicorn's sync workers close it after each
    response; http.client opens the next one)."""

    def __init__(self, port, session_key):
        self.port = port
        self.headers = {"Cookie": cookie(session_key), "X-CSRFToken": CSRF}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method, path, body=None):
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            response.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            raise
        return response.status, (time.perf_counter() - start) * 1000


def floor_path(rows: int) -> str:
    return f"/bench/floor/?rows={rows}"


def interleaved(port, pages: dict, sessions: dict, floor_session: str, rounds, warmup) -> dict:
    """Per round: floor, page A, floor, page B, …; each page's latency divided by that of the
    floor request just before it. The ratio's median and its 10th–90th percentile."""
    floor = Client(port, floor_session)
    clients = {name: Client(port, sessions[page["user"]]) for name, page in pages.items()}
    for name, page in pages.items():
        for _ in range(warmup):  # the worker's imports, the template cache
            floor.request("GET", floor_path(page["floor_rows"]))
            clients[name].request("GET", page["path"])
    samples = {name: {"page": [], "floor": [], "statuses": Counter()} for name in pages}
    for _ in range(rounds):
        for name, page in pages.items():
            _status, floor_ms = floor.request("GET", floor_path(page["floor_rows"]))
            status, page_ms = clients[name].request("GET", page["path"])
            samples[name]["floor"].append(floor_ms)
            samples[name]["page"].append(page_ms)
            samples[name]["statuses"][status] += 1
    return {
        name: {**summarise(s["page"], s["floor"]), "statuses": dict(s["statuses"])}
        for name, s in samples.items()
    }


def summarise(page_ms: list[float], floor_ms: list[float]) -> dict:
    """A page's latencies against the floor's of the same rounds: the ratio is taken per round,
    so a moment of load that slows both leaves it alone."""
    ratios = [p / f for p, f in zip(page_ms, floor_ms, strict=True)]
    return {
        "p50": percentile(page_ms, 50),
        "p95": percentile(page_ms, 95),
        "floor_p50": percentile(floor_ms, 50),
        "ratio": statistics.median(ratios),
        "ratio_p10": percentile(ratios, 10),
        "ratio_p90": percentile(ratios, 90),
    }


def wrk(port, session_key, path, connections, duration) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_LUA)
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "-s",
            script.name,
            "-H",
            f"Cookie: {cookie(session_key)}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)
    requests, duration_us, p50, p95, errors = (
        int(x) for x in re.search(r"BENCH (\d+) (\d+) (\d+) (\d+) (\d+)", out).groups()
    )
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": requests / (duration_us / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
        "requests": requests,
    }


def throughput(args, page: dict, session: str, floor_session: str) -> dict:
    """wrk on the floor and on the page in alternating slices (floor, page, floor, page, …):
    the page's share of the floor's requests per second, per pair."""
    pairs = []
    for _ in range(args.wrk_pairs):
        f = wrk(args.port, floor_session, floor_path(page["floor_rows"]), args.connections,
                args.wrk_slice)  # fmt: skip
        p = wrk(args.port, session, page["path"], args.connections, args.wrk_slice)
        pairs.append((p, f))
    shares = [p["rps"] / f["rps"] for p, f in pairs]
    return {
        "share": statistics.median(shares),
        "share_min": min(shares),
        "share_max": max(shares),
        "rps": statistics.median(p["rps"] for p, _f in pairs),
        "floor_rps": statistics.median(f["rps"] for _p, f in pairs),
        "p95": statistics.median(p["p95"] for p, _f in pairs),
        "errors": sum(p["errors"] + f["errors"] for p, f in pairs),
    }


def post_paraferen(port, session_key, notas) -> dict:
    client = Client(port, session_key)
    times, statuses = [], Counter()
    start = time.perf_counter()
    for nota in notas:
        status, ms = client.request("POST", f"/notas/{nota}/paraferen/", body="opmerking=")
        statuses[status] += 1
        times.append(ms)
    wall = time.perf_counter() - start
    return {
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "rps": len(notas) / wall,
        "statuses": dict(statuses),
    }


def initialled(user_id, notas, since=None) -> int:
    """How many of the user's steps on these notas were initialled (since `since`)."""
    return sql(
        """SELECT count(*) FROM workflow_parafeerstap
            WHERE parafeerder_id = %s AND nota_id = ANY(%s) AND status = 'geparafeerd'
              AND afgehandeld_op >= %s""",
        [user_id, list(notas), since or datetime(2000, 1, 1).astimezone()],
    )[0][0]


def concurrent_approvers(port, approvers: dict[int, list[int]]) -> dict:
    """Every approver in a thread of their own, paraferen their notas one after another."""
    sessions = {u: session_for(u) for u in approvers}
    statuses, lock = Counter(), threading.Lock()
    barrier = threading.Barrier(len(approvers))

    def work(user):
        client = Client(port, sessions[user])
        barrier.wait()
        for nota in approvers[user]:
            try:
                status, _ms = client.request("POST", f"/notas/{nota}/paraferen/", body="")
            except OSError:
                status = "error"
            with lock:
                statuses[status] += 1

    threads = [threading.Thread(target=work, args=(u,)) for u in approvers]
    started_at = datetime.now().astimezone()
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    done = sum(initialled(u, notas, since=started_at) for u, notas in approvers.items())
    asked = sum(len(n) for n in approvers.values())
    return {"transitions": done, "asked": asked, "tps": done / wall, "statuses": dict(statuses)}


def deadlocks(db) -> int:
    return sql("SELECT deadlocks FROM pg_stat_database WHERE datname = %s", [db])[0][0]


def same_nota(port, user, nota, n) -> dict:
    """n requests at once, one session, one step: exactly one may initial it."""
    from workflow.models import Gebeurtenis

    started_at = datetime.now().astimezone()
    session = session_for(user)
    statuses, lock = Counter(), threading.Lock()
    barrier = threading.Barrier(n)

    def work():
        client = Client(port, session)
        barrier.wait()
        try:
            status, _ms = client.request("POST", f"/notas/{nota}/paraferen/", body="")
        except OSError:
            status = "error"
        with lock:
            statuses[status] += 1

    threads = [threading.Thread(target=work) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    events = Gebeurtenis.objects.filter(
        nota_id=nota,
        actie="geparafeerd",
        parafeerstap__parafeerder_id=user,
        tijdstip__gte=started_at,
    ).count()
    return {
        "winners": events,
        "steps_initialled": initialled(user, [nota], since=started_at),
        "statuses": dict(statuses),
        "5xx": sum(c for s, c in statuses.items() if isinstance(s, int) and s >= 500),
    }


def queries_and_sizes(pages) -> dict[str, tuple[int, int]]:
    """In-process, as tests/bench/test_budgets.py counts them: the second request of two."""
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    from workflow.models import Medewerker

    figures = {}
    for name, page in pages.items():
        client = DjangoClient(HTTP_HOST="127.0.0.1")
        client.force_login(Medewerker.objects.get(pk=page["user"]))
        client.get(page["path"])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page["path"])
        assert response.status_code == 200, (page["path"], response.status_code)
        figures[name] = (len(queries), len(response.content))
    return figures


def post_query_count(posters) -> int:
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    from workflow.models import Medewerker

    user = posters["single_poster"]
    nota = posters["single_notas"].pop()
    client = DjangoClient(HTTP_HOST="127.0.0.1")
    client.force_login(Medewerker.objects.get(pk=user))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/notas/{nota}/paraferen/")
    assert response.status_code == 302, response.status_code
    assert initialled(user, [nota]) == 1
    return len(queries)


def reminder_scan(runs=3) -> dict:
    """The whole scan at the generator's scan moment, in a transaction rolled back each time:
    the due deadlines among all open ones, written to the outbox; no broker push (on_commit never
    runs). Then the same at a moment when nothing is due (a werkdag years after every deadline of
    the data), the scan most mornings of a quiet office make."""
    from django.db import transaction

    from demo.management.commands.generate_bench_data import SCAN_MOMENT
    from workflow.reminders import scan_reminders

    class Rollback(Exception):
        pass

    def timed(moment) -> tuple[list[float], int]:
        times, created = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            try:
                with transaction.atomic():
                    result = scan_reminders(now=moment)
                    times.append(time.perf_counter() - start)
                    created = result.created
                    raise Rollback
            except Rollback:
                pass
        return times, created

    times, created = timed(SCAN_MOMENT)
    quiet, quiet_created = timed(NOTHING_DUE_MOMENT)
    return {
        "min": min(times),
        "median": statistics.median(times),
        "created": created,
        "quiet_min": min(quiet),
        "quiet_median": statistics.median(quiet),
        "quiet_created": quiet_created,
    }


NOTHING_DUE_MOMENT = datetime(2030, 6, 4, 8, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


# --- gunicorn --------------------------------------------------------------------------------------


class Server:
    def __init__(self, args, log: Path, workers: int):
        self.log = log
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--timeout",
                "120",
                "--access-logfile",
                str(log),
                "--access-logformat",
                "%(p)s %(s)s %(M)s",
            ],
            cwd=BASE_DIR,
            env=dict(os.environ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(300):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=1)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                break
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"gunicorn exited ({self.proc.returncode})") from None
                time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError("gunicorn did not start")

    def workers(self) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True
        ).stdout
        return [int(p) for p in out.split()]

    def requests_per_worker(self) -> Counter:
        counts = Counter()
        for line in self.log.read_text().splitlines():
            counts[int(line.split()[0].strip("<>"))] += 1
        return counts

    def statuses(self) -> Counter:
        return Counter(line.split()[1] for line in self.log.read_text().splitlines())

    @staticmethod
    def rss_mb(pid) -> float:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)


def memory_check(args, pages, sessions) -> dict:
    """One worker, mixed pages from several connections, until it served --rss-requests."""
    log = Path(tempfile.mkdtemp()) / "rss.log"
    server = Server(args, log, workers=1)
    try:
        (pid,) = server.workers()
        mix = list(pages.values())
        client = {user: Client(args.port, sessions[user]) for user in {p["user"] for p in mix}}
        for page in mix:
            client[page["user"]].request("GET", page["path"])
        rss_start, served_start = server.rss_mb(pid), server.requests_per_worker()[pid]
        deadline = time.perf_counter() + args.rss_seconds
        i = 0
        while (
            server.requests_per_worker()[pid] < args.rss_requests and time.perf_counter() < deadline
        ):
            page = mix[i % len(mix)]
            i += 1
            wrk(args.port, sessions[page["user"]], page["path"], 4, 3)
        return {
            "rss_start": rss_start,
            "served_start": served_start,
            "rss": server.rss_mb(pid),
            "served": server.requests_per_worker()[pid],
            "statuses": server.statuses(),
        }
    finally:
        server.stop()


# --- the report ----------------------------------------------------------------------------------


def machine() -> str:
    cores = os.cpu_count()
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    pg = sql("SHOW server_version")[0][0]
    jit = sql("SHOW jit")[0][0]
    return (
        f"{cores} cores, {mem:.1f} GiB RAM, {platform.machine()}; PostgreSQL {pg} "
        f"(jit {jit} in the app's connections); Python {platform.python_version()}"
    )


def git_commit() -> str:
    def git(*cmd):
        return subprocess.run(
            ["git", *cmd], cwd=BASE_DIR, capture_output=True, text=True
        ).stdout.strip()

    # RESULTS.md itself is what runs write to; any other change is part of what was measured.
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/RESULTS.md")
    return git("rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if dirty else "")


def data_summary() -> str:
    from demo.management.commands.generate_bench_data import Command

    counts = Command().counts()
    return ", ".join(f"{v:,} {k}" for k, v in counts.items())


def ms(x):
    return f"{x:.1f} ms"


def within(value, target) -> str:
    return "yes" if value <= target else "**no**"


def pages_table(pages, figures, sizes) -> str:
    rows = [
        "| page | asked as | p50 | p95 | floor p50 (same rounds, rows) | ÷ floor: median "
        "[p10–p90] of per-round ratios | ≤ 2× | queries | bytes | non-200 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, page in pages.items():
        f = figures[name]
        queries, size = sizes[name]
        bad = sum(c for s, c in f["statuses"].items() if s != 200)
        rows.append(
            f"| {name} (`{page['path']}`) | medewerker {page['user']}"
            + (f", {page['lines']} lines" if "lines" in page else "")
            + f" | {ms(f['p50'])} | {ms(f['p95'])} | {ms(f['floor_p50'])}, {page['floor_rows']} "
            f"| {f['ratio']:.2f}× [{f['ratio_p10']:.2f}–{f['ratio_p90']:.2f}] "
            f"| {within(f['ratio'], 2)} | {queries} | {size:,} | {bad} |"
        )
    return "\n".join(rows)


COMMIT_AT_START = None  # set by main(): the code measured is the code loaded then


def header(args, watch, started, extra: list[tuple[str, str]]) -> str:
    now = datetime.now().astimezone()
    rows = [
        ("date", f"{now:%Y-%m-%d %H:%M %Z}"),
        ("machine", machine()),
        ("git commit", f"{COMMIT_AT_START} at the start, {git_commit()} at the end"),
        ("load average (1 min)", watch.summary()),
        *extra,
        (
            "method",
            f"gunicorn, {args.workers} sync workers, 127.0.0.1:{args.port}; {args.rounds} rounds "
            f"of floor, page, floor, page, … on one connection per user after {args.warmup} "
            "warm-up requests per page",
        ),
        ("whole run", f"{time.perf_counter() - started:.0f} s"),
    ]
    return "| | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)


def measure_pages(args, watch: LoadWatch):
    """Query counts in-process, then the interleaved rounds against a fresh gunicorn."""
    from django.db import connection

    pages = pick_pages()
    if args.pages:
        words = [w.strip() for w in args.pages.split(",") if w.strip()]
        pages = {name: p for name, p in pages.items() if any(w in name for w in words)}
    floor_id, floor_steps = floor_user()
    sizes = queries_and_sizes(pages)
    say("queries and bytes per page", sizes)
    sessions = {
        user: session_for(user) for user in {p["user"] for p in pages.values()} | {floor_id}
    }
    connection.close()
    log = Path(tempfile.mkdtemp()) / "access.log"
    server = Server(args, log, workers=args.workers)
    try:
        figures = interleaved(
            args.port, pages, sessions, sessions[floor_id], args.rounds, args.warmup
        )
        watch.mark("pages")
        for name, f in figures.items():
            say(f"{name}: p50 {ms(f['p50'])}, {f['ratio']:.2f}× the floor "
                f"[{f['ratio_p10']:.2f}–{f['ratio_p90']:.2f}]")  # fmt: skip
        wv = None
        if args.wrk_pairs and shutil.which("wrk") and "werkvoorraad, busiest" in pages:
            busiest = pages["werkvoorraad, busiest"]
            wv = throughput(args, busiest, sessions[busiest["user"]], sessions[floor_id])
            watch.mark("wrk")
            say("werkvoorraad under wrk", wv)
    finally:
        server.stop()
    return pages, sizes, figures, wv, sessions, (floor_id, floor_steps)


def run(args):
    started = time.perf_counter()
    setup_django(args, args.db)
    redis_keys = RedisKeys(args.redis_url)
    watch = LoadWatch().start()
    say("load average", watch.phases[0][1], "on", watch.cores, "cores")
    scan = posters = post_queries = None
    if not args.no_actions:
        # The scan first, while the data is as generated (the POSTs below initial steps).
        scan = reminder_scan()
        watch.mark("reminder scan")
        say("reminder scan", scan)
    pages, sizes, figures, wv, sessions, (floor_id, floor_steps) = measure_pages(args, watch)
    actions = {}
    try:
        if not args.no_actions:
            posters = pick_posters(args.approvers, args.posts, floor_id)
            post_queries = post_query_count(posters)
            from django.db import connection

            connection.close()
            log = Path(tempfile.mkdtemp()) / "actions.log"
            server = Server(args, log, workers=args.workers)
            try:
                actions["post"] = post_paraferen(
                    args.port, session_for(posters["single_poster"]), posters["single_notas"]
                )
                say("paraferen POST", actions["post"])
                before = deadlocks(args.db)
                actions["approvers"] = concurrent_approvers(args.port, posters["approvers"])
                watch.mark("approvers")
                say("approvers", actions["approvers"])
                actions["same"] = same_nota(
                    args.port, posters["same_user"], posters["same_nota"], args.approvers
                )
                actions["same"]["deadlocks"] = deadlocks(args.db) - before
                say("same nota", actions["same"])
                actions["statuses"] = server.statuses()
            finally:
                server.stop()
        rss = None
        if not args.no_rss and shutil.which("wrk"):
            rss = memory_check(args, pages, sessions)
            watch.mark("memory")
            say("memory", rss)
    finally:
        removed = redis_keys.clean()
        watch.stop()
    say("removed", removed, "keys the run added to", args.redis_url)

    extra = [
        ("data", f"database `{args.db}`: {data_summary()}"),
        ("floor", f"asked as medewerker {floor_id} ({floor_steps} open steps)"),
    ]
    targets = [
        "| figure | value | target |",
        "|---|---|---|",
        "| pages within 2× the floor (median of per-round ratios) | "
        + f"{sum(f['ratio'] <= 2 for f in figures.values())} of {len(figures)} | all |",
        f"| most queries on a page | {max(q for q, _b in sizes.values())} | ≤ 15 |",
    ]
    if wv:
        targets.append(
            f"| werkvoorraad throughput under wrk ({args.connections} connections, "
            f"{args.wrk_pairs} pairs of {args.wrk_slice} s slices with the floor) | "
            f"{wv['share']:.0%} of the floor's [{wv['share_min']:.0%}–{wv['share_max']:.0%}] "
            f"({wv['rps']:.0f} against {wv['floor_rps']:.0f} req/s; p95 {ms(wv['p95'])}; "
            f"errors {wv['errors']}) | ≥ 50% |"
        )
    if scan:
        targets.append(
            f"| reminder scan at the scan moment (min / median of 3, rolled back) | "
            f"{scan['min']:.2f} / {scan['median']:.2f} s, {scan['created']:,} reminders "
            "written | ≤ 2 s median (10,000 due among 1,000,000) |"
        )
        targets.append(
            f"| reminder scan when no deadline is due (min / median of 3, rolled back) | "
            f"{scan['quiet_min'] * 1000:.0f} / {scan['quiet_median'] * 1000:.0f} ms, "
            f"{scan['quiet_created']:,} digests written | ≤ 50 ms median |"
        )
    if actions:
        post, appr, same = actions["post"], actions["approvers"], actions["same"]
        non_ok = sum(c for s, c in actions["statuses"].items() if not s.startswith(("2", "3")))
        targets += [
            f"| paraferen POST, single client ({len(posters['single_notas'])} notas) | p50 "
            f"{ms(post['p50'])}, p95 {ms(post['p95'])}; {post_queries} queries | – |",
            f"| {len(posters['approvers'])} concurrent approvers, distinct notas | "
            f"{appr['tps']:.0f} transitions/s ({appr['transitions']} of {appr['asked']}; "
            f"responses {appr['statuses']}) | ≥ 100/s |",
            f"| {args.approvers} concurrent requests, same nota and step | {same['winners']} "
            f"won; responses {same['statuses']}; 5xx: {same['5xx']}; deadlocks: "
            f"{same['deadlocks']} | exactly 1, no 5xx, no deadlock |",
            f"| responses other than 2xx/3xx in the actions | {non_ok} | 0 |",
        ]
    if rss:
        targets.append(
            f"| one worker's RSS | {rss['rss']:.0f} MB after {rss['served']:,} requests "
            f"({rss['rss_start']:.0f} MB after {rss['served_start']:,}) | ≤ 150 MB after "
            f"{args.rss_requests:,} |"
        )
    report = f"""
## {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}: bench/run, pages against the floor in one loop{"" if watch.reliable else " (unreliable: load above the cores)"}

{header(args, watch, started, extra)}

{pages_table(pages, figures, sizes)}

{chr(10).join(targets)}
"""
    finish(args, report)
    return 0


def growth(a: float, b: float, scale_a: float, scale_b: float) -> float:
    """b's growth over a, per 10× data."""
    return (b / a) ** (1 / math.log10(scale_b / scale_a))


def sweep(args):
    """The same seed at each scale, in the sweep's own database; pages only. A page fails when its
    p50 in floor units (the median of per-round ratios, so that the machine's load between the
    scales cancels out) grows more than --max-growth per 10× data; its p50 in ms is shown too."""
    from django.core.management import call_command

    started = time.perf_counter()
    scales = sorted(float(s) for s in args.sweep.split(","))
    ensure_sweep_database(args)
    setup_django(args, args.sweep_db)
    redis_keys = RedisKeys(args.redis_url)
    watch = LoadWatch().start()
    call_command("migrate", verbosity=0)
    per_scale = {}
    try:
        for scale in scales:
            say("generating scale", scale, "seed", args.seed)
            call_command(
                "generate_bench_data", scale=scale, seed=args.seed, reset=True, stdout=sys.stderr
            )
            watch.mark(f"generate {scale}")
            pages, sizes, figures, _wv, _s, _f = measure_pages(args, watch)
            per_scale[scale] = (pages, sizes, figures, data_summary())
    finally:
        redis_keys.clean()
        watch.stop()
    failures = []
    head = " | ".join(f"p50 at {s:g} (÷ floor)" for s in scales)
    rows = [
        f"| page | {head} | growth per 10×, ÷ floor | growth per 10×, ms | ≤ {args.max_growth}× |",
        "|---|" + "---|" * (len(scales) + 3),
    ]
    for name in per_scale[scales[0]][0]:
        cells = [
            f"{ms(per_scale[s][2][name]['p50'])} ({per_scale[s][2][name]['ratio']:.2f}×)"
            for s in scales
        ]
        worst_ratio = worst_ms = 0.0
        for a, b in itertools.pairwise(scales):
            fa, fb = per_scale[a][2][name], per_scale[b][2][name]
            worst_ratio = max(worst_ratio, growth(fa["ratio"], fb["ratio"], a, b))
            worst_ms = max(worst_ms, growth(fa["p50"], fb["p50"], a, b))
        ok = worst_ratio <= args.max_growth
        if not ok:
            failures.append(name)
        rows.append(
            f"| {name} | {' | '.join(cells)} | {worst_ratio:.2f}× | {worst_ms:.2f}× "
            f"| {'yes' if ok else '**no**'} |"
        )
    extra = [
        ("data", "; ".join(f"scale {s:g}: {per_scale[s][3]}" for s in scales)),
        ("sweep", f"database `{args.sweep_db}` (created by bench/run), seed {args.seed}"),
    ]
    report = f"""
## {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}: bench/run --sweep {args.sweep}{"" if watch.reliable else " (unreliable: load above the cores)"}

{header(args, watch, started, extra)}

{chr(10).join(rows)}

{"Every page grew within " + str(args.max_growth) + "× per 10× data." if not failures else "**Failed**: " + ", ".join(failures) + f" grew more than {args.max_growth}× per 10× data."}
"""
    finish(args, report)
    return 1 if failures else 0


def finish(args, report: str):
    print(report)
    if not args.no_results:
        with RESULTS.open("a") as f:
            f.write(report)
        say("appended to", RESULTS)


def main(argv=None) -> int:
    global COMMIT_AT_START
    COMMIT_AT_START = git_commit()
    args = parse_args(argv)
    return sweep(args) if args.sweep else run(args)


if __name__ == "__main__":
    sys.exit(main())
