"""Public-site benchmark. One command, from the repository root:

    .venv/bin/python -m bench.public_site            # or bench/public_site/run.sh
    .venv/bin/python -m bench.public_site --quick    # one short run, to try it out

Serves Heard with gunicorn under production settings (bench/public_site/settings.py) and prints:

1. Pages: requests/s and p50/p99 latency at 16 connections (wrk) of the calendar, a consultation's
   start page and an event page, beside a bare Django view ("ok") in the same server: the same
   gunicorn, workers, settings and middleware. The headline figure is page/bare.
2. Submissions: N simulated residents (each its own browser and client address) walk the whole
   consultation over HTTP up to the send page, then send their responses C at a time. Then the
   database is checked: every acknowledged receipt code is stored, nothing else is.

Each figure is the median of --runs runs (3). Everything runs on 127.0.0.1 and is bounded in
count and time. Needs `wrk` (Debian: apt-get install -y wrk); PostgreSQL and Redis are used when
reachable (PG_URL, REDIS_URL) and skipped with a note when not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .client import FlowError, Resident, client_address

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"  # loopback only, always
PG_DATABASE = "heard_bench_public_site"
MAX_DURATION = 60
MAX_SUBMISSIONS = 5000
# A frame of Heard's own code in py-spy's output: "function (app/module.py:line)".
HEARD_FRAME = re.compile(
    r"\((heard|heard_text|website|consultations|engagement|insight|places|organisations|governance|api)/[^ ]+\)$"
)
GOAL_RATIO, GOAL_P99_MS, GOAL_SUBMISSIONS = 0.6, 100.0, 50.0


# --- the server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or HOST, parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def child(args: list[str], env: dict[str, str], stdin: str = "") -> dict:
    """Run `python -m …` with the bench settings; its BENCH_JSON line."""
    done = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=600
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise SystemExit(
        f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )


@dataclass
class Database:
    label: str
    url: str
    drop: str = ""  # PostgreSQL maintenance URL to drop the database with afterwards


def pg_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


@contextmanager
def database(kind: str, workdir: Path, pg_url: str) -> Iterator[Database]:
    if kind == "sqlite":
        yield Database("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}")
        return
    parts = urlsplit(pg_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    pg_admin(admin, f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
    pg_admin(admin, f'CREATE DATABASE "{PG_DATABASE}"')
    try:
        yield Database("PostgreSQL", urlunsplit(parts._replace(path=f"/{PG_DATABASE}")), admin)
    finally:
        pg_admin(admin, f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> Iterator[subprocess.Popen]:
    command = [
        sys.executable, "-m", "gunicorn", "heard.wsgi:application",
        "--bind", f"{HOST}:{port}",
        "--workers", str(workers),
        "--worker-class", "sync",
        "--timeout", "60",
        "--preload",
        "--log-level", "warning",
        "--error-logfile", str(log),
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited ({server.returncode}); see {log}")
            try:
                import http.client

                connection = http.client.HTTPConnection(HOST, port, timeout=2)
                connection.request("GET", "/bench/bare/")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer within 60 s; see {log}")
            time.sleep(0.2)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- pages (wrk) --------------------------------------------------------------------------


def server_cpu_seconds(pid: int | None) -> float:
    """CPU time (user + system) used so far by the gunicorn master and its workers. Unlike
    throughput it hardly depends on what else the machine is doing, so it is the figure to
    compare across machines and runs."""
    if pid is None:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])
    return total / ticks


@dataclass
class PageRun:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    cpu_ms: float  # server CPU per request


def wrk(url: str, seconds: int, connections: int, server: int | None = None, cookie: str = "") -> PageRun:
    threads = min(2, connections)
    cpu = server_cpu_seconds(server)
    done = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            "-s",
            str(HERE / "report.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRK_JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk failed: {done.stdout}\n{done.stderr}")
    cpu = server_cpu_seconds(server) - cpu
    r = json.loads(line.removeprefix("WRK_JSON "))
    errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    return PageRun(
        r["requests"] / (r["duration_us"] / 1e6),
        r["p50_us"] / 1000,
        r["p99_us"] / 1000,
        errors,
        1000 * cpu / max(r["requests"], 1),
    )


# Sent by the "with a session" rows: a visitor who is signed in or part-way through a
# consultation never gets a page from the shared page cache, so these rows show what rendering
# a page costs. The session does not exist, so Django reads the session table once and carries on.
SESSION_COOKIE = "sessionid=bench-visitor-with-a-session"


@dataclass
class PageResult:
    name: str
    path: str
    cookie: str = ""
    runs: list[PageRun] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.name} {self.path}" + (" *" if self.cookie else "")

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs)

    @property
    def errors(self) -> int:
        return sum(run.errors for run in self.runs)


def bench_pages(
    base: str, targets: list[tuple[str, str, str]], args: argparse.Namespace, server: int
) -> list[PageResult]:
    results = [PageResult(name, path, cookie) for name, path, cookie in targets]
    for result in results:  # warm up every worker's caches and connections
        wrk(base + result.path, 2, args.connections, cookie=result.cookie)
    for run in range(args.runs):
        for result in results:  # interleaved, so drift hits every target alike
            result.runs.append(
                wrk(base + result.path, args.duration, args.connections, server, result.cookie)
            )
            print(
                f"  run {run + 1}/{args.runs} {result.label}: {result.runs[-1].rps:.0f} req/s, "
                f"p99 {result.runs[-1].p99_ms:.1f} ms",
                file=sys.stderr,
            )
    return results


# --- submissions --------------------------------------------------------------------------


@dataclass
class SubmitRun:
    residents: int
    flows_per_s: float
    journey_requests_per_s: float
    submissions_per_s: float
    p50_ms: float
    p99_ms: float
    acknowledged: int
    stored: int
    lost: int
    unacknowledged_stored: int
    errors: int
    cpu_ms: float  # server CPU per acknowledged submission


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def bench_submissions(
    port: int,
    env: dict[str, str],
    info: dict,
    args: argparse.Namespace,
    run: int,
    stored_before: int,
    server: int,
    spy: AbstractContextManager | None = None,
) -> SubmitRun:
    questionnaire = int(info["questionnaire"])
    postcodes = list(info["postcodes"])
    first = (run + 1) * 100_000 + (0 if env["DATABASE_URL"].startswith("sqlite") else 50_000)
    residents = [
        Resident(HOST, port, client_address(first + i), random.Random(first + i))
        for i in range(args.submissions)
    ]
    errors = 0
    lock = threading.Lock()

    def prepare(resident: Resident) -> bool:
        nonlocal errors
        try:
            resident.prepare(questionnaire, postcodes)
            return True
        except (FlowError, OSError) as error:
            with lock:
                errors += 1
            print(f"  prepare failed: {error}", file=sys.stderr)
            return False

    began = time.perf_counter()
    with ThreadPoolExecutor(args.clients) as pool:
        ready = [r for r, ok in zip(residents, pool.map(prepare, residents), strict=True) if ok]
    prepare_seconds = time.perf_counter() - began
    journey_requests = sum(r.requests for r in residents)
    # The minimum fill time (production's value) must have passed for the last one to start.
    wait = max(r.started_at for r in ready) + float(info["min_fill_seconds"]) + 0.2 - time.time()
    if wait > 0:
        time.sleep(wait)

    latencies: list[float] = []
    codes: list[str] = []

    def send(resident: Resident) -> None:
        nonlocal errors
        try:
            reply, code = resident.send(questionnaire)
        except (FlowError, OSError) as error:
            with lock:
                errors += 1
            print(f"  send failed: {error}", file=sys.stderr)
            return
        with lock:
            latencies.append(reply.seconds * 1000)
            if code:
                codes.append(code)
            else:
                errors += 1
                print(f"  send answered {reply.status} without a receipt", file=sys.stderr)

    with spy or nullcontext():
        cpu = server_cpu_seconds(server)
        began = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(send, ready))
        send_seconds = time.perf_counter() - began
        cpu = server_cpu_seconds(server) - cpu
    check = child(["-m", "bench.public_site.data", "verify", str(questionnaire)], env, "\n".join(codes))
    new = check["stored"] - stored_before
    return SubmitRun(
        residents=len(residents),
        flows_per_s=len(ready) / prepare_seconds,
        journey_requests_per_s=journey_requests / prepare_seconds,
        submissions_per_s=len(codes) / send_seconds,
        p50_ms=percentile(latencies, 50),
        p99_ms=percentile(latencies, 99),
        acknowledged=len(codes),
        stored=new,
        lost=len(codes) - check["found"],
        unacknowledged_stored=new - check["found"],
        errors=errors,
        cpu_ms=1000 * cpu / max(len(codes), 1),
    )


# --- the report ---------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def print_report(
    header: list[str], pages: dict[str, list[PageResult]], submits: dict[str, list[SubmitRun]]
) -> bool:
    print()
    for line in header:
        print(line)
    all_ok = True
    for label, results in pages.items():
        bare = results[0].median("rps")
        print()
        print(
            f"Pages on {label}: wrk, {ARGS.connections} connections, {ARGS.duration} s per run, median of {ARGS.runs}"
        )
        print(
            f"  {'page':<40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'× bare':>7}"
            f" {'CPU ms/req':>11} {'bare/CPU':>9}"
        )
        bare_cpu = results[0].median("cpu_ms")
        for result in results:
            ratio = result.median("rps") / bare if bare else 0.0
            cpu = result.median("cpu_ms")
            print(
                f"  {result.label:<40} {result.median('rps'):>8.0f} {result.median('p50_ms'):>8.1f} "
                f"{result.median('p99_ms'):>8.1f} {result.errors:>7} {ratio:>7.2f} {cpu:>11.2f} "
                f"{bare_cpu / cpu if cpu else 0.0:>9.2f}"
            )
        pages_only = [r for r in results[1:] if not r.cookie]
        if any(r.cookie for r in results):
            print(
                "  * with a session cookie: never from the page cache (signed-in staff, or a resident part-way "
                "through a consultation); for information, not in the goal"
            )
        worst_ratio = min(r.median("rps") / bare for r in pages_only)
        worst_p99 = max(r.median("p99_ms") for r in pages_only)
        errors = sum(r.errors for r in results)
        ok = worst_ratio >= GOAL_RATIO and worst_p99 < GOAL_P99_MS and errors == 0
        all_ok &= ok
        print(
            f"  goal: every page ≥{GOAL_RATIO}× bare ({verdict(worst_ratio >= GOAL_RATIO)}: lowest {worst_ratio:.2f}), "
            f"p99 <{GOAL_P99_MS:.0f} ms ({verdict(worst_p99 < GOAL_P99_MS)}: highest {worst_p99:.1f}), "
            f"0 errors ({verdict(errors == 0)}: {errors})"
        )
    if submits:
        print()
        print(
            f"Submissions: {ARGS.submissions} residents walk the consultation over HTTP ({ARGS.clients} at a time), "
            f"then send it, {ARGS.clients} at a time; median of {ARGS.runs}"
        )
        print(
            f"  {'database':<11} {'journeys/s':>10} {'journey req/s':>13} {'sends/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'acknowledged':>12} {'stored':>7} {'lost':>5} {'extra':>5} {'errors':>6} {'CPU ms/send':>11}"
        )
        for label, runs in submits.items():

            def med(attribute: str, runs: list[SubmitRun] = runs) -> float:
                return statistics.median(getattr(r, attribute) for r in runs)

            acknowledged = sum(r.acknowledged for r in runs)
            stored = sum(r.stored for r in runs)
            lost = sum(r.lost for r in runs)
            extra = sum(r.unacknowledged_stored for r in runs)
            errors = sum(r.errors for r in runs)
            print(
                f"  {label:<11} {med('flows_per_s'):>10.1f} {med('journey_requests_per_s'):>13.0f} "
                f"{med('submissions_per_s'):>8.1f} {med('p50_ms'):>7.1f} {med('p99_ms'):>7.1f} "
                f"{acknowledged:>12} {stored:>7} {lost:>5} {extra:>5} {errors:>6} {med('cpu_ms'):>11.1f}"
            )
            ok = med("submissions_per_s") >= GOAL_SUBMISSIONS and lost == 0 and extra == 0 and errors == 0
            all_ok &= ok
            print(
                f"  goal on {label}: ≥{GOAL_SUBMISSIONS:.0f} submissions/s ({verdict(med('submissions_per_s') >= GOAL_SUBMISSIONS)}), "
                f"stored == acknowledged, 0 lost, 0 errors ({verdict(lost == 0 and extra == 0 and errors == 0)})"
            )
    print()
    if not pages and not submits:
        print("Nothing was measured (--skip-pages and --skip-submissions).")
    else:
        print("All goals met." if all_ok else "Some goals were missed (see MISSED above).")
    return all_ok


# --- main ---------------------------------------------------------------------------------

ARGS = argparse.Namespace()


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.public_site",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is shown (3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10, at most 60)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--submissions", type=int, default=200, help="residents per submission run (200)")
    parser.add_argument("--clients", type=int, default=16, help="residents at a time (16)")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite,postgres (both)")
    parser.add_argument("--pages-on", default="all", help="databases to measure pages on: all, or one (all)")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-submissions", action="store_true")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn sync workers (2 × cores)"
    )
    parser.add_argument(
        "--pg-url", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/heard")
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"))
    parser.add_argument("--quick", action="store_true", help="1 run of 3 s, 60 residents: a smoke test")
    parser.add_argument(
        "--profile",
        metavar="PAGE|send",
        help="py-spy the server while wrk loads PAGE (a path), or while residents send (send)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.duration, args.submissions = 1, 3, 60
    args.duration = max(1, min(args.duration, MAX_DURATION))
    args.submissions = max(1, min(args.submissions, MAX_SUBMISSIONS))
    args.connections = max(1, min(args.connections, 256))
    args.clients = max(1, min(args.clients, 256))
    args.runs = max(1, min(args.runs, 10))
    return args


def main(argv: list[str]) -> int:
    global ARGS
    args = ARGS = parse(argv)
    if shutil.which("wrk") is None:
        print(
            "wrk is not installed: apt-get install -y wrk (or run bench/public_site/run.sh)", file=sys.stderr
        )
        return 2
    kinds = [k.strip() for k in args.databases.split(",") if k.strip()]
    notes = []
    if "postgres" in kinds and not reachable(args.pg_url, 5432):
        kinds.remove("postgres")
        notes.append(f"PostgreSQL skipped: nothing answers at {args.pg_url} (set PG_URL)")
    cache = (
        "Redis"
        if reachable(args.redis_url, 6379)
        else "locmem (per worker: no Redis at " + args.redis_url + ")"
    )
    import gunicorn as gunicorn_package

    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split()[1:2]
    header = [
        f"Heard public-site benchmark, {time.strftime('%Y-%m-%d %H:%M')}: {os.cpu_count()} cores, loopback only",
        f"Server: gunicorn {gunicorn_package.__version__}, {args.workers} sync workers (2 × cores), no keep-alive; "
        f"bench/public_site/settings.py = heard.settings.production (DEBUG off) with a throwaway secret, plain HTTP, "
        f"one trusted proxy; cache {cache}",
        f"Load: wrk {''.join(wrk_version)} (2 threads) for pages; Python threads (bench/public_site/client.py) "
        "for submissions; the load generator shares the 2 cores with the server",
        *notes,
    ]
    header.append(f"Other load on the machine (1-minute load average) at the start: {os.getloadavg()[0]:.1f}")
    workdir = Path(tempfile.mkdtemp(prefix="heard-bench-"))
    pages: dict[str, list[PageResult]] = {}
    submits: dict[str, list[SubmitRun]] = {}
    try:
        for kind in kinds:
            with database(kind, workdir, args.pg_url) as db:
                env = {
                    **os.environ,
                    "DJANGO_SETTINGS_MODULE": "bench.public_site.settings",
                    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                    "HEARD_BENCH_RUN": secrets.token_hex(4),
                    "DATABASE_URL": db.url,
                    "HEARD_VAR_DIR": str(workdir / kind),
                    "LOG_LEVEL": "WARNING",
                    "PYTHONPATH": str(ROOT),
                }
                if cache == "Redis":
                    env["REDIS_URL"] = args.redis_url
                else:
                    env.pop("REDIS_URL", None)
                print(f"{db.label}: loading the demo and a live consultation…", file=sys.stderr)
                info = child(["-m", "bench.public_site.data", "setup"], env)
                age = f"database connections kept {info['conn_max_age']} s (DB_CONN_MAX_AGE)"
                if age not in header:
                    header.insert(2, age)
                port = free_port()
                with gunicorn(env, port, args.workers, workdir / f"gunicorn-{kind}.log") as server:
                    base = f"http://{HOST}:{port}"
                    public_pages = [
                        ("calendar", "/calendar/"),
                        ("consultation start", f"/consultations/{info['questionnaire']}/"),
                        ("event", f"/events/{info['event']}/"),
                    ]
                    targets = [
                        ("bare Django view", "/bench/bare/", ""),
                        *[(name, path, "") for name, path in public_pages],
                        *[(name, path, SESSION_COOKIE) for name, path in public_pages],
                    ]
                    if args.profile and args.profile != "send":
                        wrk(base + args.profile, 3, args.connections)  # warm up: imports, caches
                        with profiling(server, f"{kind}-{args.profile.strip('/').replace('/', '-')}", 120):
                            wrk(base + args.profile, args.duration, args.connections)
                    if not args.skip_pages and args.pages_on in ("all", kind):
                        print(f"{db.label}: pages…", file=sys.stderr)
                        pages[db.label] = bench_pages(base, targets, args, server.pid)
                    if not args.skip_submissions:
                        runs: list[SubmitRun] = []
                        stored = 0
                        for run in range(args.runs):
                            print(f"{db.label}: submissions, run {run + 1}/{args.runs}…", file=sys.stderr)
                            spy = (
                                profiling(server, f"{kind}-send", 300)
                                if args.profile == "send" and not run
                                else None
                            )
                            runs.append(
                                bench_submissions(port, env, info, args, run, stored, server.pid, spy)
                            )
                            stored += runs[-1].stored
                            print(f"  {runs[-1]}", file=sys.stderr)
                        submits[db.label] = runs
        header.append(f"… and at the end: {os.getloadavg()[0]:.1f}")
        ok = print_report(header, pages, submits)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


@contextmanager
def profiling(server: subprocess.Popen, label: str, seconds: int) -> Iterator[None]:
    """Sample every gunicorn process with py-spy while the body runs (at most `seconds`).
    Writes the collapsed stacks to var/bench-profile-<label>.txt and prints the functions
    most often on the stack."""
    spy = shutil.which("py-spy") or str(HERE / ".venv" / "bin" / "py-spy")
    if not Path(spy).exists():
        raise SystemExit("--profile needs py-spy: bench/public_site/run.sh --profile … installs it")
    out = ROOT / "var" / f"bench-profile-{label}.txt"
    out.parent.mkdir(exist_ok=True)
    recorder = subprocess.Popen(
        [spy, "record", "--subprocesses", "--pid", str(server.pid), "--duration", str(seconds),
         "--rate", "250", "--nonblocking", "--format", "raw", "--output", str(out)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(1)
    try:
        yield
    finally:
        recorder.send_signal(signal.SIGINT)  # py-spy writes what it has on Ctrl+C
        recorder.wait(timeout=60)
    summarise_profile(out, label)


def summarise_profile(out: Path, label: str) -> None:
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in out.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        total += int(count)
        for frame in {re.sub(r":\d+\)$", ")", f) for f in frames}:  # per function, not per line
            inclusive[frame] = inclusive.get(frame, 0) + int(count)
        own[frames[-1]] = own.get(frames[-1], 0) + int(count)
    print(f"Profile {label} ({total} samples; collapsed stacks in {out.relative_to(ROOT)}):", file=sys.stderr)
    print("  Heard's own functions, by share of samples with them on the stack:", file=sys.stderr)
    heard = [(n, f) for f, n in inclusive.items() if HEARD_FRAME.search(f)]
    for n, frame in sorted(heard, reverse=True)[:25]:
        print(f"    {100 * n / max(total, 1):5.1f}%  {frame}", file=sys.stderr)
    print("  any function, by share of samples at the top of the stack:", file=sys.stderr)
    for frame, n in sorted(own.items(), key=lambda x: -x[1])[:20]:
        print(f"    {100 * n / max(total, 1):5.1f}%  {frame}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
