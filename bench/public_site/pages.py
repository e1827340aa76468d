"""Pages: wrk runs against the bare view and Heard's public pages, with and without a session."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from dataclasses import dataclass, field

from .server import HERE, server_cpu_seconds


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
