"""Load test: CLIENTS concurrent clients against gunicorn and PostgreSQL for a bounded time.

Each client, again and again, picks one kind of work: a resident answering the consultation
(every page of the journey, then Send: the response is acknowledged when the page shows its
receipt code), a public page (the consultation's start page, the calendar), a staff read over
the API (the consultation's results, the activity register), or the bare "ok" view, the baseline
measured in the same run (same server, workers and middleware, no work). Then the database is
checked against the receipt codes and a table is printed: requests of each kind, errors,
p50/p95 latency and their ratio to the baseline, and the responses acknowledged, stored (once),
lost and stored without an acknowledgement. Standard library only, besides Heard itself."""

from __future__ import annotations

import argparse
import os
import random
import secrets
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from bench.public_site.client import FlowError, Resident, client_address
from heard.tests.faults_harness import Api, answers, child, free_port, fresh_database, gunicorn, wait_for

DATABASE = "heard_bench_load"
KINDS = {  # kind: (weight, label)
    "submit": (3, "resident: whole journey + send"),
    "public": (3, "public page"),
    "staff": (2, "staff read (API)"),
    "bare": (2, "bare view (baseline)"),
}
MAX_SECONDS = 600


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.codes: list[str] = []
        self.journeys = 0

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds * 1000)

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] += 1


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def client(n: int, port: int, info: dict, stats: Stats, until: float) -> None:
    rng = random.Random(n)
    api = Api(port, str(info["token"]))
    questionnaire = int(info["questionnaire"])
    kinds = [k for k, (weight, _) in KINDS.items() for _ in range(weight)]
    count = 0
    while time.monotonic() < until:
        kind = rng.choice(kinds)
        count += 1
        try:
            if kind == "submit":
                resident = Resident("127.0.0.1", port, client_address(n * 100_000 + count), rng)
                resident.prepare(questionnaire, [])
                reply, code = resident.send(questionnaire)
                stats.add(kind, reply.seconds)
                with stats.lock:
                    stats.journeys += 1
                    if code:
                        stats.codes.append(code)
                    else:
                        stats.errors[kind] += 1
                continue
            began = time.perf_counter()
            if kind == "staff":
                path = rng.choice([f"/api/questionnaires/{questionnaire}/results", "/api/activities"])
                status, _ = api.call("GET", path)
            else:
                path = (
                    rng.choice([f"/consultations/{questionnaire}/", "/calendar/"])
                    if kind == "public"
                    else "/bench/bare/"
                )
                status = Resident("127.0.0.1", port, client_address(n), rng).request("GET", path).status
            stats.add(kind, time.perf_counter() - began)
            if status >= 400:
                stats.error(kind)
        except (FlowError, OSError) as error:
            stats.error(kind)
            print(f"  {kind}: {error}", file=sys.stderr)


def report(stats: Stats, seconds: float, verified: dict) -> str:
    base = percentile(stats.latencies["bare"], 50) or 1.0
    base95 = percentile(stats.latencies["bare"], 95) or 1.0
    lines = [
        f"{'kind':<34}{'requests':>9}{'req/s':>8}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p50 × bare':>12}{'p95 × bare':>12}"
    ]
    for kind, (_, label) in KINDS.items():
        values = stats.latencies[kind]
        p50, p95 = percentile(values, 50), percentile(values, 95)
        lines.append(
            f"{label:<34}{len(values):>9}{len(values) / seconds:>8.1f}{stats.errors[kind]:>8}"
            f"{p50:>9.1f}{p95:>9.1f}{p50 / base:>12.1f}{p95 / base95:>12.1f}"
        )
    lines.append("(for residents, the latency is Send's, the request that stores the response)")
    lines.append("")
    lines.append(
        f"Responses: acknowledged {verified['acknowledged']}, stored {verified['stored_once']} "
        f"(twice: {verified['stored_twice']}), lost {verified['lost']}, stored without an "
        f"acknowledgement {verified['web_responses'] - verified['stored_once'] - verified['stored_twice']}"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench/load/run.sh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long the clients run (default 60)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn sync workers"
    )
    parser.add_argument(
        "--pg-url", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/heard")
    )
    args = parser.parse_args(argv)
    seconds = min(max(args.seconds, 1.0), MAX_SECONDS)
    with (
        tempfile.TemporaryDirectory(prefix="heard-load-") as work,
        fresh_database(args.pg_url, DATABASE) as url,
    ):
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "bench.load.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "HEARD_VAR_DIR": work,
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        }
        print(f"Making the database {DATABASE} (migrations, a live consultation)…", file=sys.stderr)
        info = child(["-m", "heard.tests.fault_data", "setup", "100"], env, timeout=900)
        port = free_port()
        web = gunicorn(port, env, Path(work) / "web.log", workers=args.workers)
        web.start()
        try:
            wait_for(lambda: answers(port, "/bench/bare/"), 120, "gunicorn to answer")
            print(
                f"{args.clients} clients for {seconds:.0f} s against gunicorn ({args.workers} workers)…",
                file=sys.stderr,
            )
            stats = Stats()
            until = time.monotonic() + seconds
            threads = [
                threading.Thread(target=client, args=(n + 1, port, info, stats, until), daemon=True)
                for n in range(args.clients)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=seconds + 120)
        finally:
            web.stop()
        verified = child(
            ["-m", "heard.tests.fault_data", "verify", str(info["questionnaire"])],
            env,
            "\n".join(stats.codes),
        )
    print(
        f"\nLoad on PostgreSQL: {args.clients} clients, {seconds:.0f} s, gunicorn with {args.workers} sync workers"
    )
    print(report(stats, seconds, verified))
    return 1 if verified["lost"] or verified["stored_twice"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
