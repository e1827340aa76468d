"""Whatever body the measures and plans API's write operations are sent (drawn from their
OpenAPI schemas and from hostile values, as api/tests/test_write_schemas.py does), the answer
is below 500 and a refusal changes nothing. The ids in the paths name the caller's own records,
so that bodies reach the services."""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings

from api.tests.test_write_schemas import OPERATIONS, _bodies
from engagement.tests.factories import ActivityFactory
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes import measures_plan_services, measures_services
from outcomes.models import (
    AnnualPlan,
    AnnualPlanChange,
    AnnualPlanItem,
    EvidenceSource,
    EvidenceValue,
    Measure,
    MeasureValue,
    StrategyAction,
    StrategyActionUpdate,
)

from .measures_fixtures import *  # noqa: F403 - the fixtures

PREFIXES = ("/api/measures", "/api/evidence", "/api/strategy", "/api/annual-plans", "/api/report-cards")
OURS = [op for op in OPERATIONS if op[1].startswith(PREFIXES)]
MODELS = [
    Measure,
    MeasureValue,
    EvidenceSource,
    EvidenceValue,
    StrategyAction,
    StrategyActionUpdate,
    AnnualPlan,
    AnnualPlanItem,
    AnnualPlanChange,
]


def _state() -> list[Any]:
    return [list(model._base_manager.order_by("pk").values()) for model in MODELS]


@pytest.fixture
def scene(police, partnership, ward):
    user = UserFactory(organisation=police, roles=[Role.ADMIN, Role.ENGAGEMENT_OFFICER, Role.ANALYST])
    found = measures_services.measure_create(
        user=user, name="Satisfied", quadrant="how_well", partnership=partnership
    )
    value, _ = measures_services.measure_value_set(
        user=user, measure=found, period_start=date(2026, 4, 1), value=Decimal(70)
    )
    source = measures_services.evidence_source_create(user=user, name="Complaints", kind="complaints")
    action = measures_plan_services.strategy_action_create(
        user=user, partnership=partnership, action="Roadshows", rag="amber", rag_reason="Planning"
    )
    plan = measures_plan_services.annual_plan_create(user=user, partnership=partnership, year=2026)
    activity = ActivityFactory(
        lead_organisation=police, areas=[ward], starts_at=timezone.make_aware(datetime(2026, 6, 1, 19))
    )
    item = measures_plan_services.annual_plan_add_activity(user=user, plan=plan, activity=activity)
    client = Client()
    client.force_login(user)
    ids = {
        "measure_id": found.pk,
        "value_id": value.pk,
        "source_id": source.pk,
        "partnership_id": partnership.pk,
        "action_id": action.pk,
        "plan_id": plan.pk,
        "item_id": item.pk,
    }
    return {"client": client, "ids": ids}


def test_every_write_of_measures_and_plans_is_walked():
    assert len(OURS) == 12  # the imports take a file, not a JSON body


@pytest.mark.parametrize(("method", "path", "schema"), OURS, ids=[f"{m} {p}" for m, p, _ in OURS])
def test_any_body_gets_an_answer_below_500_and_a_refusal_changes_nothing(scene, method, path, schema):
    url = path.format(**scene["ids"])
    send = getattr(scene["client"], method)

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(body=_bodies(schema))
    def check(body: Any) -> None:
        before = _state()
        response = send(url, json.dumps(body), content_type="application/json")
        assert response.status_code < 500, f"{method.upper()} {url} with {body!r}: {response.status_code}"
        if response.status_code >= 400:
            assert _state() == before, f"{method.upper()} {url} refused {body!r} but stored something"

    check()
