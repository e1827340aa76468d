"""The server under test: the database it runs on, gunicorn, and the CPU time its processes use."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"  # loopback only, always
PG_DATABASE = "heard_bench_public_site"


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
