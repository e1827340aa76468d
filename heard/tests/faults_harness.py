"""Real processes for the fault test (test_faults.py): a PostgreSQL database of its own, gunicorn
and the task worker as subprocesses on loopback ports, each killable with SIGKILL and
restartable, and the test data made in a child process (fault_data.py)."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # loopback only, always


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(sql)


@contextmanager
def fresh_database(pg_url: str, name: str) -> Iterator[str]:
    """A new, empty database `name` on the server of `pg_url`, dropped afterwards."""
    parts = urlsplit(pg_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(admin, f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def child(args: list[str], env: dict[str, str], stdin: str = "", timeout: float = 300) -> dict[str, Any]:
    """Run `python …` in the repository with `env`; its FAULTS_JSON line."""
    done = subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    for line in done.stdout.splitlines():
        if line.startswith("FAULTS_JSON "):
            return dict(json.loads(line.removeprefix("FAULTS_JSON ")))
    raise AssertionError(
        f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )


class Service:
    """A process group (gunicorn's master and workers, or the task worker) that can be started,
    killed with SIGKILL mid-work, and started again."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.command, self.env, self.log = name, command, env, log
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        with self.log.open("ab") as out:
            out.write(f"\n--- start {self.starts} ---\n".encode())
            self.process = subprocess.Popen(
                self.command,
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill9(self) -> None:
        """SIGKILL to the whole group: no handler runs, nothing is cleaned up."""
        assert self.process is not None
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill9()

    def stacks(self, wait: float = 2.0) -> str:
        """Every thread's stack, as the process writes it to its log on SIGUSR1 (run_worker
        registers it), then the log's last lines: where a task that will not finish waits."""
        if self.alive():
            assert self.process is not None
            os.kill(self.process.pid, signal.SIGUSR1)
            time.sleep(wait)
        return self.log.read_text(errors="replace")[-12_000:]

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def gunicorn(port: int, env: dict[str, str], log: Path, workers: int = 2) -> Service:
    command = [
        sys.executable, "-m", "gunicorn", "heard.wsgi:application",
        "--bind", f"{HOST}:{port}",
        "--workers", str(workers),
        "--worker-class", "sync",
        "--timeout", "60",
        "--log-level", "warning",
    ]  # fmt: skip
    return Service("web", command, env, log)


def worker(env: dict[str, str], log: Path) -> Service:
    command = [
        sys.executable,
        "manage.py",
        "run_worker",
        "--no-startup-delay",
        "--interval",
        "0.2",
        "--no-reload",
    ]
    return Service("worker", command, env, log)


def wait_for(check: Callable[[], bool], timeout: float, what: str, every: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def answers(port: int, path: str = "/") -> bool:
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=2)
        connection.request("GET", path)
        return connection.getresponse().status < 500
    except OSError:
        return False
    finally:
        connection.close()


class Api:
    """Heard's HTTP API with a bearer token."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token

    def call(
        self, method: str, path: str, body: bytes | None = None, content_type: str = ""
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {self.token}", "Host": f"{HOST}:{self.port}"}
        if content_type:
            headers["Content-Type"] = content_type
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        return response.status, json.loads(text) if text.startswith(("{", "[")) else text

    def post_json(self, path: str, data: dict[str, Any]) -> tuple[int, Any]:
        return self.call("POST", path, json.dumps(data).encode(), "application/json")

    def post_file(self, path: str, fields: dict[str, str], name: str, content: bytes) -> tuple[int, Any]:
        boundary = "HeardFaultTest"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
            for key, value in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: text/csv\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.call("POST", path, body, f"multipart/form-data; boundary={boundary}")


ACTIVE_SQL = """
SELECT (SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING'))
     + (SELECT count(*) FROM insight_analysisrun WHERE state IN ('queued', 'running'))
     + (SELECT count(*) FROM consultations_responseimport WHERE state IN ('queued', 'running'))
"""


WAITING_SQL = """
SELECT pid, state, wait_event_type, wait_event, now() - query_start, left(query, 300)
FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
ORDER BY query_start
"""


def still_active(url: str) -> str:
    """What is still waiting or running, and what each database session is doing, as text."""
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as connection:
        runs = connection.execute(
            "SELECT id, state, progress, heartbeat_at FROM insight_analysisrun ORDER BY id"
        ).fetchall()
        sessions = connection.execute(WAITING_SQL).fetchall()
    return "\n".join(["analyses:", *map(repr, runs), "database sessions:", *map(repr, sessions)])


def active_work(url: str) -> int:
    """Tasks, analyses and imports still waiting or running (read straight from the database)."""
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as connection:
        row = connection.execute(ACTIVE_SQL).fetchone()
    return int(row[0]) if row else 0
