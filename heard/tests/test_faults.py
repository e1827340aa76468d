"""Proof under faults: real gunicorn and task-worker processes on PostgreSQL, each killed with
SIGKILL in the middle of its work and started again.

16 simulated residents answer a public consultation over HTTP the whole time (every page, as a
browser would; bench/public_site/client.py). A 5,000-row response import and three analyses are
started through the API. The worker is killed while the import runs and started again; then the
web server is killed while responses are being sent, and started again. Then:

- every response the server acknowledged (a receipt code on the page) is stored exactly once;
- every background task ended: succeeded, or failed with a reason (the killed import says its
  worker stopped, and stored none of its rows); nothing is left waiting or "running".

Runs only when HEARD_FAULTS_PG_URL names a PostgreSQL server (`make test-faults`, part of
`make test`), in a database of its own, `heard_faults`, made and dropped here."""

from __future__ import annotations

import os
import random
import secrets
import sys
import threading
import time
from pathlib import Path

import pytest

from .faults_harness import (
    Api,
    active_work,
    answers,
    child,
    free_port,
    fresh_database,
    gunicorn,
    still_active,
    wait_for,
    worker,
)

PG_URL = os.environ.get("HEARD_FAULTS_PG_URL", "")
DATABASE = "heard_faults"
CLIENTS = 16
IMPORT_ROWS = 5_000
# From the servers answering to every task ended. Making the database (migrations) comes before.
FAULT_SECONDS = 120

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        not PG_URL, reason="set HEARD_FAULTS_PG_URL to a PostgreSQL server (make test-faults)"
    ),
]


class Residents:
    """CLIENTS threads, each walking the consultation and sending it, again and again, until
    stopped. Only a page showing a receipt code counts as acknowledged."""

    def __init__(self, port: int, questionnaire: int) -> None:
        from bench.public_site.client import FlowError, Resident, client_address

        self.port, self.questionnaire = port, questionnaire
        self.errors_caught = (FlowError, OSError)
        self.resident, self.address = Resident, client_address
        self.codes: list[str] = []
        self.errors = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.next = 0
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(CLIENTS)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=90)

    @property
    def acknowledged(self) -> int:
        with self.lock:
            return len(self.codes)

    def _run(self) -> None:
        while not self.stopping.is_set():
            with self.lock:
                self.next += 1
                n = self.next
            resident = self.resident("127.0.0.1", self.port, self.address(n), random.Random(n))
            try:
                resident.prepare(self.questionnaire, [])
                _reply, code = resident.send(self.questionnaire)
            except self.errors_caught:
                with self.lock:
                    self.errors += 1
                time.sleep(0.2)
                continue
            with self.lock:
                if code:
                    self.codes.append(code)
                else:
                    self.errors += 1


def _log(began: float, what: str) -> None:
    print(f"  {time.monotonic() - began:5.1f} s  {what}", file=sys.stderr)


def _file(single_label: str = "Yes") -> bytes:
    rows = [f"{single_label},Imported answer {n} about street lighting" for n in range(IMPORT_ROWS)]
    return (
        "Do you feel safe after dark?,What would make you feel safer?\n" + "\n".join(rows) + "\n"
    ).encode()


def _nothing_active(state: dict) -> bool:
    return (
        all(t["status"] in ("SUCCESSFUL", "FAILED") for t in state["tasks"])
        and all(a["state"] in ("done", "failed") for a in state["analyses"])
        and all(i["state"] in ("done", "rejected", "failed") for i in state["imports"])
    )


def test_killed_processes_lose_nothing_acknowledged_and_leave_nothing_running(tmp_path: Path) -> None:
    began = time.monotonic()
    with fresh_database(PG_URL, DATABASE) as url:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "heard.settings.fault",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "HEARD_VAR_DIR": str(tmp_path),
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        }
        info = child(["-m", "heard.tests.fault_data", "setup", "100"], env)
        _log(began, "database ready")
        questionnaire = int(info["questionnaire"])
        port = free_port()
        web, tasks = gunicorn(port, env, tmp_path / "web.log"), worker(env, tmp_path / "worker.log")
        web.start()
        tasks.start()
        residents = Residents(port, questionnaire)
        try:  # the servers are stopped whatever happens
            try:
                wait_for(lambda: answers(port), 60, "gunicorn to answer")
                _log(began, "gunicorn answers")
                started_at = time.monotonic()
                api = Api(port, str(info["token"]))
                residents.start()

                # The worker: killed while it imports 5,000 rows, with three analyses waiting.
                status, started = api.post_file(
                    f"/api/questionnaires/{questionnaire}/import",
                    {"channel": "paper"},
                    "lighting.csv",
                    _file(),
                )
                assert status == 202, started
                for _ in range(3):
                    status, run = api.post_json(
                        f"/api/questionnaires/{questionnaire}/analyses", {"question": info["text"]}
                    )
                    assert status == 201, run
                wait_for(
                    lambda: api.call("GET", started["url"])[1]["state"] == "running",
                    60,
                    "the import to start",
                )
                time.sleep(1.0)
                tasks.kill9()
                _log(began, "worker killed mid-import")
                assert api.call("GET", started["url"])[1]["state"] == "running"
                tasks.start()

                # The web server: killed while 16 residents are sending responses.
                wait_for(lambda: residents.acknowledged >= 20, 60, "20 acknowledged responses")
                web.kill9()
                _log(began, f"web killed after {residents.acknowledged} acknowledged")
                errors_before, acknowledged_before = residents.errors, residents.acknowledged
                time.sleep(1.0)
                web.start()
                wait_for(lambda: answers(port), 60, "gunicorn to answer again")
                wait_for(
                    lambda: residents.acknowledged >= acknowledged_before + 10,
                    60,
                    "responses after the restart",
                )
            finally:
                residents.stop()
            try:
                wait_for(lambda: active_work(url) == 0, 60, "every task to finish or fail", every=0.5)
            except AssertionError as stuck:
                raise AssertionError(f"{stuck}\n{still_active(url)}\n{tasks.stacks()}") from None
            _log(began, "every task finished or failed")
            recovered = time.monotonic() - started_at
        finally:
            web.stop()
            tasks.stop()
        result = child(
            ["-m", "heard.tests.fault_data", "verify", str(questionnaire)], env, "\n".join(residents.codes)
        )

    print(
        f"acknowledged {result['acknowledged']}, stored once {result['stored_once']}, lost {result['lost']}, "
        f"stored twice {result['stored_twice']}, failed requests {residents.errors}, "
        f"web responses {result['web_responses']}; tasks {[t['status'] for t in result['tasks']]}; "
        f"{time.monotonic() - began:.0f} s",
        file=sys.stderr,
    )
    assert residents.errors > errors_before, "the web process was killed while no response was being sent"
    assert result["acknowledged"] == result["distinct"] > 40
    assert result["lost"] == 0 and result["stored_twice"] == 0
    assert result["stored_once"] == result["acknowledged"] <= result["web_responses"]

    assert _nothing_active(result), result
    failed = [t for t in result["tasks"] if t["status"] == "FAILED"]
    assert all(t["error"] and t["traceback"] for t in failed), failed
    assert any(
        "WorkerStopped" in t["error"] and "worker running this task stopped" in t["traceback"] for t in failed
    )
    (killed,) = result["imports"]
    assert killed["state"] == "failed" and "process running it ended" in killed["error"], killed
    assert result["paper_responses"] == info["seeded"], "the killed import stored none of its rows"
    assert len(result["analyses"]) == 3
    assert all(a["state"] == "done" or a["error"] for a in result["analyses"]), result["analyses"]
    assert recovered < FAULT_SECONDS, f"the faults and the recovery took {recovered:.0f} s"
