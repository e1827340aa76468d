"""The reports over HTTP: asking for an annual report (202 with its id), its progress, its files
(409 until it is ready), the evidence pack as JSON of its figures or as a PDF, and the board's
numbers; another organisation's report is a 404, bad input a 422."""

import pytest
from django.test import Client

from organisations.models import Role
from organisations.tests.factories import UserFactory

from .reports_fixtures import *  # noqa: F403
from .reports_fixtures import PLANTED, YEAR


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_asking_for_an_annual_report_and_following_it(world, analyst, django_capture_on_commit_callbacks):
    client = _client(analyst)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        asked = client.post(
            "/api/reports/annual", {"year": YEAR, "area": "E08000009"}, content_type="application/json"
        )
    assert asked.status_code == 202
    body = asked.json()
    assert body["state"] == "queued" and body["progress"] == 0 and body["pdf"] == ""
    url = f"/api/reports/{body['id']}"
    assert client.get(f"{url}/pdf").status_code == 409
    callbacks[0]()
    ready = client.get(url).json()
    assert ready["state"] == "done" and ready["progress"] == 100 and ready["area"] == "E08000009"
    assert ready["title"] == "Annual outcome report 2025 for Trafford"
    pdf = client.get(ready["pdf"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    html = client.get(ready["html"])
    assert html.status_code == 200 and b"<!DOCTYPE html>" in html.content
    assert [r["id"] for r in client.get("/api/reports").json()] == [body["id"]]


@pytest.mark.parametrize(
    "body", [{"year": 1999}, {"year": 3000}, {"year": YEAR, "area": "E09999999"}, {"area": "E08000009"}]
)
def test_a_bad_request_is_a_422(world, analyst, body):
    response = _client(analyst).post("/api/reports/annual", body, content_type="application/json")
    assert response.status_code == 422


def test_another_organisations_report_is_a_404(world, analyst, council, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = (
            _client(analyst)
            .post("/api/reports/annual", {"year": YEAR}, content_type="application/json")
            .json()
        )
    stranger = _client(UserFactory(organisation=council, roles=[Role.ADMIN]))
    for url in (
        f"/api/reports/{made['id']}",
        f"/api/reports/{made['id']}/pdf",
        f"/api/reports/{made['id']}/html",
    ):
        assert stranger.get(url).status_code == 404
    assert stranger.get("/api/reports").json() == []


def test_the_evidence_pack_as_figures_and_as_a_pdf(world, analyst):
    client = _client(analyst)
    query = {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31", "area": "E08000009"}
    figures = client.get("/api/evidence-pack", query).json()
    assert figures["heard"]["people"] == 52 and figures["heard"]["victims"]["activities"] == 1
    assert figures["law"][0].startswith("The law asks the police and crime commissioner")
    assert not [v for v in PLANTED if v in str(figures)]
    pdf = client.get("/api/evidence-pack", {**query, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"format": "docx"}, 422),
        ({"area": "E09999999"}, 422),
        ({"start": f"{YEAR}-06-01", "end": f"{YEAR}-01-01"}, 422),
        ({"target": 999999}, 404),
    ],
)
def test_a_bad_evidence_pack_query(world, analyst, query, status):
    assert _client(analyst).get("/api/evidence-pack", query).status_code == status


def test_keeping_a_copy_of_the_evidence_pack(world, analyst):
    response = _client(analyst).post(
        "/api/reports/evidence-pack",
        {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31", "area": "E08000009"},
        content_type="application/json",
    )
    assert response.status_code == 202 and response.json()["kind"] == "evidence"


def test_the_boards_numbers(world, member, analyst):
    board = _client(analyst).get("/api/board", {"year": YEAR, "area": "E08000009"}).json()
    tiles = {t["key"]: t for t in board["tiles"]}
    assert tiles["activities"]["number"] == "3" and tiles["feedback"]["number"] == "1"
    assert board["figures"]["people"] == {"reached": 52, "left_out": 1}
    assert board["suppressed_below"] == 10
    assert _client(member).get("/api/board", {"year": YEAR}).status_code == 200
    assert _client(member).get("/api/board", {"year": 1900}).status_code == 422


def test_signing_in_is_needed(world):
    assert Client().get("/api/board").status_code == 401
    assert (
        Client().post("/api/reports/annual", {"year": YEAR}, content_type="application/json").status_code
        == 401
    )


def test_reading_a_report_marks_a_dead_workers_report_failed(world, analyst):
    from datetime import timedelta

    from django.utils import timezone

    from outcomes.models import Report, ReportState

    client = _client(analyst)
    made = client.post("/api/reports/annual", {"year": YEAR}, content_type="application/json").json()
    Report.objects.filter(pk=made["id"]).update(
        state=ReportState.RUNNING, heartbeat_at=timezone.now() - timedelta(minutes=30)
    )
    read = client.get(f"/api/reports/{made['id']}").json()
    assert read["state"] == "failed" and "stopped part-way" in read["error"]
    assert client.get(f"/api/reports/{made['id']}/pdf").status_code == 409
