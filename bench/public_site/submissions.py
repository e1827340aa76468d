"""Submissions: simulated residents walk the consultation over HTTP, then send it; the database is checked."""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from .client import FlowError, Resident, client_address
from .server import HOST, child, server_cpu_seconds


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
