"""bench/run: Parafeer's pages at ministry scale, against a floor, in one run (issue 9).

Serves the app with gunicorn on 127.0.0.1 against the data of `manage.py generate_bench_data`
(database `parafeer_scale` by default) and measures, single-client and with wrk: the
werkvoorraad of the busiest parafeerder, a nota's page, the toezeggingen register with a filter,
a paraferen POST, and the floor (config/bench_floor.py) with the same number of rows. Then 50
concurrent approvers on distinct notas and on one nota, the reminder scan, query counts and a
worker's RSS. Appends a Markdown table to bench/RESULTS.md. See bench/README.md.

A run consumes data: every paraferen POST initials a step for real. Regenerate with
`manage.py generate_bench_data --reset` now and then (about a minute).
"""

import argparse
import http.client
import os
import platform
import re
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

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "RESULTS.md"
BROKER = "redis://127.0.0.1:6379/12"
CSRF = "benchcsrfbenchcsrfbenchcsrfbench"  # 32 characters: an unmasked CSRF secret
WRK_LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
           latency:percentile(50), latency:percentile(95), errors))
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="parafeer_scale", help="database with the bench data")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--requests", type=int, default=200, help="single-client, per page")
    parser.add_argument("--connections", type=int, default=16, help="wrk concurrency")
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per page")
    parser.add_argument("--approvers", type=int, default=50)
    parser.add_argument("--rss-requests", type=int, default=10_000)
    parser.add_argument(
        "--rss-seconds", type=int, default=180, help="at most this long to reach --rss-requests"
    )
    parser.add_argument("--no-results", action="store_true", help="do not append RESULTS.md")
    return parser.parse_args()


def say(*parts):
    print(f"[{datetime.now():%H:%M:%S}]", *parts, flush=True)


def load() -> float:
    return os.getloadavg()[0]


def setup_django(db: str):
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{db}"
    # A broker no worker reads, as in production a broker is there: the notifications that
    # paraferen queues land in it and are flushed at the end; nothing is ever sent.
    os.environ["CELERY_BROKER_URL"] = BROKER
    os.environ["CELERY_RESULT_BACKEND"] = BROKER
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from workflow.management.commands.generate_bench_data import looks_like_bench_database

    if not looks_like_bench_database(db):
        sys.exit(f"{db!r} does not look like a bench database; refusing.")


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


def pick_targets(approvers: int, posts: int):
    """The busiest parafeerder; a nota on their list; distinct notas for the approvers."""
    busiest, open_steps = sql(
        """SELECT parafeerder_id, count(*) FROM workflow_parafeerstap
            WHERE status = 'aan_de_beurt' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"""
    )[0]
    nota = sql(
        """SELECT s.nota_id FROM workflow_parafeerstap s
            WHERE s.parafeerder_id = %s AND s.status = 'aan_de_beurt'
            ORDER BY s.nota_id LIMIT 1""",
        [busiest],
    )[0][0]
    # For the POSTs: per approver, notas where it is their turn and no other chosen approver's.
    rows = sql(
        """SELECT parafeerder_id, nota_id FROM (
              SELECT s.parafeerder_id, s.nota_id,
                     row_number() OVER (PARTITION BY s.nota_id ORDER BY s.parafeerder_id) AS r
                FROM workflow_parafeerstap s JOIN letters_nota n ON n.id = s.nota_id
               WHERE s.status = 'aan_de_beurt' AND n.status = 'in_parafering'
                 AND s.parafeerder_id <> %s) x
            WHERE r = 1 ORDER BY nota_id""",
        [busiest],
    )
    per_user: dict[int, list[int]] = {}
    for user, nota_id in rows:
        per_user.setdefault(user, []).append(nota_id)
    users = sorted(per_user, key=lambda u: -len(per_user[u]))
    single = users[0]
    concurrent = users[1 : approvers + 1]
    same = users[approvers + 1]
    return {
        "busiest": busiest,
        "busiest_open_steps": open_steps,
        "nota": nota,
        "single_poster": single,
        "single_notas": per_user[single][:posts],
        "approvers": {u: per_user[u][:posts] for u in concurrent},
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
    """One keep-alive HTTP connection, as a browser would hold."""

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


def single_client(port, session_key, path, n) -> dict:
    client = Client(port, session_key)
    for _ in range(5):  # warm up: the worker's imports, the template cache
        client.request("GET", path)
    times, statuses = [], Counter()
    start = time.perf_counter()
    for _ in range(n):
        status, ms = client.request("GET", path)
        statuses[status] += 1
        times.append(ms)
    wall = time.perf_counter() - start
    return {
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "rps": n / wall,
        "statuses": dict(statuses),
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


def query_counts(targets) -> dict[str, int]:
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    from workflow.models import Medewerker

    client = DjangoClient(HTTP_HOST="127.0.0.1")
    client.force_login(Medewerker.objects.get(pk=targets["busiest"]))
    counts = {}
    for name, path in pages(targets).items():
        client.get(path)  # warm: the first request reads what later ones have cached
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(queries)
    return counts


def post_query_count(targets) -> int:
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    from workflow.models import Medewerker

    user = targets["single_poster"]
    nota = targets["single_notas"].pop()
    client = DjangoClient(HTTP_HOST="127.0.0.1")
    client.force_login(Medewerker.objects.get(pk=user))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/notas/{nota}/paraferen/")
    assert response.status_code == 302, response.status_code
    assert initialled(user, [nota]) == 1
    return len(queries)


def reminder_scan(runs=3) -> dict:
    """The whole scan at the generator's scan moment, in a transaction rolled back each time:
    10,000 due among 1,000,000 open deadlines, written to the outbox; no broker push (on_commit
    never runs)."""
    from django.db import transaction

    from workflow.management.commands.generate_bench_data import SCAN_MOMENT
    from workflow.reminders import scan_reminders

    class Rollback(Exception):
        pass

    times, created = [], None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            with transaction.atomic():
                result = scan_reminders(now=SCAN_MOMENT)
                times.append(time.perf_counter() - start)
                created = result.created
                raise Rollback
        except Rollback:
            pass
    return {"min": min(times), "median": statistics.median(times), "created": created}


def pages(targets) -> dict[str, str]:
    return {
        "werkvoorraad": "/",
        "nota detail": f"/notas/{targets['nota']}/",
        "toezeggingen register, filtered": "/toezeggingen/?status=openstaand&q=jeugdzorg",
        "floor (werkvoorraad rows)": f"/bench/floor/?rows={targets['rows']}",
        "floor (50 rows)": "/bench/floor/?rows=50",
    }


# --- gunicorn --------------------------------------------------------------------------------------


class Server:
    def __init__(self, args, log: Path):
        env = dict(os.environ)
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
                str(args.workers),
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
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request(
                    "GET", "/healthz"
                )
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")

    def workers(self) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True
        ).stdout
        return [int(p) for p in out.split()]

    def requests_per_worker(self) -> Counter:
        counts = Counter()
        for line in self.log.read_text().splitlines():
            pid, _status, _ms = line.split()
            counts[int(pid.strip("<>"))] += 1
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


# --- the report ----------------------------------------------------------------------------------


def machine(db) -> str:
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

    dirty = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if dirty else "")


def ms(x):
    return f"{x:.1f} ms"


def main():
    args = parse_args()
    started = time.perf_counter()
    setup_django(args.db)
    from django.db import connection

    loads = [load()]
    say("load average", loads[0])
    targets = pick_targets(args.approvers, posts=max(10, args.requests // 10))
    from workflow.models import Medewerker
    from workflow.selectors import werkvoorraad_for
    from workflow.views import TOON_PER_GROEP

    wv = werkvoorraad_for(Medewerker.objects.get(pk=targets["busiest"]))
    # The rows the page renders: each group up to TOON_PER_GROEP (the rest is a click away).
    targets["open_rows"] = sum(len(regels) for _code, regels in wv.groepen)
    targets["rows"] = sum(min(len(regels), TOON_PER_GROEP) for _code, regels in wv.groepen)
    say("busiest user", targets["busiest"], "with", targets["open_rows"], "werkvoorraad lines,",
        targets["rows"], "rendered")  # fmt: skip
    counts = query_counts(targets)
    counts["paraferen POST"] = post_query_count(targets)
    say("queries per page", counts)
    # The scan first, while the data is as generated (the POSTs below initial steps).
    scan = reminder_scan()
    loads.append(load())
    say("reminder scan", scan, "load", loads[-1])
    connection.close()

    log = Path(tempfile.mkdtemp()) / "access.log"
    server = Server(args, log)
    figures = {}
    try:
        session = session_for(targets["busiest"])
        for name, path in pages(targets).items():
            single = single_client(args.port, session, path, args.requests)
            many = wrk(args.port, session, path, args.connections, args.duration)
            loads.append(load())
            figures[name] = (single, many, loads[-1])
            say(name, single, many, "load", loads[-1])
        post = post_paraferen(
            args.port, session_for(targets["single_poster"]), targets["single_notas"]
        )
        figures["paraferen POST"] = (post, None, load())
        say("paraferen POST", post)

        before = deadlocks(args.db)
        approvers = concurrent_approvers(args.port, targets["approvers"])
        loads.append(load())
        say("50 approvers", approvers, "load", loads[-1])
        same = same_nota(args.port, targets["same_user"], targets["same_nota"], args.approvers)
        same["deadlocks"] = deadlocks(args.db) - before
        say("same nota", same)

        # RSS after rss_requests requests on the busiest worker: mixed pages until it has served
        # that many (or three minutes have passed).
        paths = list(pages(targets).values())[:3]
        rss_before = {pid: server.rss_mb(pid) for pid in server.workers()}
        served_before = server.requests_per_worker()
        deadline = time.perf_counter() + args.rss_seconds
        while (
            max(server.requests_per_worker().values()) < args.rss_requests
            and time.perf_counter() < deadline
        ):
            for path in paths:
                wrk(args.port, session, path, args.connections, 5)
        per_worker = server.requests_per_worker()
        rss = {pid: server.rss_mb(pid) for pid in server.workers()}
        busiest_worker = max(rss, key=lambda pid: per_worker.get(pid, 0))
        statuses = server.statuses()
        loads.append(load())
    finally:
        server.stop()

    import redis

    redis.Redis.from_url(BROKER).flushdb()

    floor_of = {
        "werkvoorraad": "floor (werkvoorraad rows)",
        "nota detail": "floor (50 rows)",
        "toezeggingen register, filtered": "floor (50 rows)",
    }
    rows = []
    for name, (single, many, load_then) in figures.items():
        ratio = ""
        if name in floor_of:
            f_single, _f_many, _ = figures[floor_of[name]]
            ratio = (
                f"{single['p50'] / f_single['p50']:.1f}× / {single['p95'] / f_single['p95']:.1f}×"
            )
        rows.append(
            f"| {name} | {ms(single['p50'])} | {ms(single['p95'])} | {single['rps']:.0f} | "
            + (
                f"{ms(many['p50'])} | {ms(many['p95'])} | {many['rps']:.0f} | {many['errors']} | "
                if many
                else "– | – | – | – | "
            )
            + f"{ratio} | {counts.get(name, '')} | {load_then:.2f} |"
        )
    wv_single = figures["werkvoorraad"][0]
    wv_floor = figures["floor (werkvoorraad rows)"][0]
    non_2xx_3xx = sum(c for s, c in statuses.items() if not s.startswith(("2", "3")))
    now = datetime.now().astimezone()
    report = f"""
## {now:%Y-%m-%d %H:%M %Z}: bench/run, pages at ministry scale

| | |
|---|---|
| date | {now:%Y-%m-%d %H:%M %Z} |
| machine | {machine(args.db)} |
| git commit | {git_commit()} |
| load average (1 min) | {loads[0]:.2f} at the start; {", ".join(f"{x:.2f}" for x in loads[1:])} after each phase |
| data | database `{args.db}`: {data_summary()} |
| server | gunicorn, {args.workers} sync workers, 127.0.0.1; single client: {args.requests} requests per page on one keep-alive connection after 5 warm-up requests; wrk: {args.connections} connections, {args.duration} s per page |
| busiest user | medewerker {targets["busiest"]}: {targets["busiest_open_steps"]} open steps, {targets["open_rows"]} werkvoorraad lines of which {targets["rows"]} rendered |
| whole run | {time.perf_counter() - started:.0f} s |

| page | p50 (1 client) | p95 (1 client) | req/s (1 client) | p50 (wrk) | p95 (wrk) | req/s (wrk) | errors (wrk) | ÷ floor p50 / p95 | queries | load |
|---|---|---|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

| figure | value | target |
|---|---|---|
| werkvoorraad p50 ÷ floor p50 (1 client) | {wv_single["p50"] / wv_floor["p50"]:.1f}× | ≤ 3× |
| werkvoorraad p95 (1 client) | {ms(wv_single["p95"])} | ≤ 60 ms |
| werkvoorraad throughput ({args.connections} connections) | {figures["werkvoorraad"][1]["rps"]:.0f} req/s | ≥ 100 req/s |
| most queries on a page | {max(counts.values())} ({", ".join(f"{k} {v}" for k, v in counts.items())}) | ≤ 15 |
| reminder scan, 10,000 due among 1,000,000 (min / median of 3, rolled back) | {scan["min"]:.2f} / {scan["median"]:.2f} s, {scan["created"]:,} reminders written | ≤ 2 s |
| {len(targets["approvers"])} concurrent approvers, distinct notas | {approvers["tps"]:.0f} transitions/s ({approvers["transitions"]} of {approvers["asked"]}; responses {approvers["statuses"]}) | ≥ 100/s |
| {args.approvers} concurrent requests, same nota and step | {same["winners"]} won; responses {same["statuses"]}; 5xx: {same["5xx"]}; deadlocks: {same["deadlocks"]} | exactly 1, no 5xx, no deadlock |
| Dutch full-text search over notas | not present | – |
| worker RSS | {rss[busiest_worker]:.0f} MB after {per_worker.get(busiest_worker, 0):,} requests (all workers: {", ".join(f"{v:.0f}" for v in rss.values())} MB; the same worker had {rss_before.get(busiest_worker, 0):.0f} MB after {served_before.get(busiest_worker, 0):,}) | ≤ 150 MB after {args.rss_requests:,} |
| responses other than 2xx/3xx in the whole run | {non_2xx_3xx} of {sum(statuses.values()):,} | 0 |
"""
    print(report)
    if not args.no_results:
        with RESULTS.open("a") as f:
            f.write(report)
        say("appended to", RESULTS)


def data_summary() -> str:
    from workflow.management.commands.generate_bench_data import Command

    counts = Command().counts()
    return ", ".join(f"{v:,} {k}" for k, v in counts.items())


if __name__ == "__main__":
    main()
