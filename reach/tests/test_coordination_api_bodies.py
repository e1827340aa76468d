"""Whatever body the coordination API's write operations are sent (drawn from their OpenAPI
schemas and from hostile values, as api/tests/test_write_schemas.py does), the answer is below
500 and a refusal changes nothing. The ids in the paths name a proposal waiting for the
caller's own answer, so that bodies reach the services."""

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings

from api.tests.test_write_schemas import OPERATIONS, _bodies
from engagement.models import Activity
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from reach.coordination_services import proposal_create
from reach.models import JointProposal

from .coordination_helpers import build_places, load_reference, youth_clash

COORDINATION = [op for op in OPERATIONS if "/coordination/" in op[1]]


def _state() -> list[Any]:
    proposals = list(JointProposal.objects.order_by("pk").values_list("pk", "state", "reply"))
    partners = list(
        Activity.partners.through.objects.order_by("pk").values_list("activity_id", "organisation_id")
    )
    return [proposals, partners]


@pytest.fixture
def scene(police, council):
    load_reference()
    DataSharingAgreementFactory(owner=police, recipient=council)
    DataSharingAgreementFactory(owner=council, recipient=police)
    ours, theirs = youth_clash(police, council, build_places())
    proposer = UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER])
    proposal = proposal_create(user=proposer, activity=theirs, other_activity=ours, message="One session?")
    client = Client()
    client.force_login(UserFactory(organisation=police, roles=[Role.ADMIN, Role.ENGAGEMENT_OFFICER]))
    return {"client": client, "ids": {"proposal_id": proposal.pk}}


def test_every_coordination_write_is_walked():
    assert {p for _, p, _ in COORDINATION} == {
        "/api/coordination/proposals",
        "/api/coordination/proposals/{proposal_id}/accept",
        "/api/coordination/proposals/{proposal_id}/decline",
    }


@pytest.mark.parametrize(
    ("method", "path", "schema"), COORDINATION, ids=[f"{m} {p}" for m, p, _ in COORDINATION]
)
def test_any_body_gets_an_answer_below_500_and_a_refusal_changes_nothing(scene, method, path, schema):
    url = path.format(**scene["ids"])

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(body=_bodies(schema))
    def check(body: Any) -> None:
        before = _state()
        response = getattr(scene["client"], method)(url, json.dumps(body), content_type="application/json")
        assert response.status_code < 500, f"{method.upper()} {url} with {body!r}: {response.status_code}"
        if response.status_code >= 400:
            assert _state() == before, f"{method.upper()} {url} refused {body!r} but changed something"

    check()
