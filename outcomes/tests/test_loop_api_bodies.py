"""Every write operation of the feedback loop's API, with whatever body its schema admits and
the oddest values JSON can carry (api/tests/test_write_schemas.py's strategies): the answer is
below 500, and a refusal leaves every table, the loop's included, as it was. Path ids are the
caller's own records, so the bodies reach the services."""

import json
from typing import Any

import pytest
from django.apps import apps
from django.db.models import Count
from django.test import Client
from hypothesis import HealthCheck, given, settings

from api.tests.test_write_schemas import OPERATIONS, _bodies
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403

LOOP = [op for op in OPERATIONS if op[1].startswith("/api/outcomes/") or op[1].endswith("/feedback")]


def _counts() -> dict[str, int]:
    apps_watched = {"engagement", "consultations", "insight", "organisations", "governance", "outcomes"}
    return {
        model._meta.label: model._base_manager.aggregate(n=Count("pk"))["n"]
        for model in apps.get_models()
        if model._meta.app_label in apps_watched
    }


@pytest.fixture
def scene(police, consultation) -> dict[str, Any]:
    user = UserFactory(organisation=police, roles=[Role.ADMIN, Role.ENGAGEMENT_OFFICER, Role.ANALYST])
    trail = make_trail(consultation, published=False)
    client = Client()
    client.force_login(user)
    ids = {
        "activity_id": consultation.pk,
        "finding_id": trail.finding.pk,
        "decision_id": trail.decision.pk,
        "action_id": trail.action.pk,
        "feedback_id": trail.feedback.pk,
        "language": "cy",
    }
    return {"client": client, "ids": ids}


def test_the_loops_write_operations_are_all_here():
    paths = {path for _, path, _ in LOOP}
    assert len(LOOP) == 13 and "/api/outcomes/feedback/{feedback_id}/publish" in paths
    assert "/api/outcomes/feedback/{feedback_id}/translations/{language}" in paths


@pytest.mark.parametrize(("method", "path", "schema"), LOOP, ids=[f"{m} {p}" for m, p, _ in LOOP])
def test_any_body_gets_an_answer_below_500_and_a_refusal_changes_nothing(scene, method, path, schema):
    send = getattr(scene["client"], method)
    url = path.format(**scene["ids"])

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(body=_bodies(schema))
    def check(body: Any) -> None:
        before = _counts()
        response = send(url, json.dumps(body), content_type="application/json")
        assert response.status_code < 500, f"{method.upper()} {url} with {body!r}: {response.status_code}"
        if response.status_code >= 400:
            assert _counts() == before, f"{method.upper()} {url} refused {body!r} but stored something"

    check()
