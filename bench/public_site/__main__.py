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
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .pages import SESSION_COOKIE, PageResult, bench_pages, wrk
from .profile import profiling
from .report import print_report
from .server import HOST, ROOT, child, database, free_port, gunicorn, reachable
from .submissions import SubmitRun, bench_submissions

MAX_DURATION = 60
MAX_SUBMISSIONS = 5000


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
    args = parse(argv)
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
        ok = print_report(header, pages, submits, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
