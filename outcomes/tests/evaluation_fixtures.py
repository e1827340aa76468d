"""Fixtures shared by the evaluation's tests: `from .evaluation_fixtures import *` in a test
module. The reference rows (methods, audiences, the National Standards) are loaded for every
test, so that the tests also run with --nomigrations."""

from datetime import timedelta
from decimal import Decimal
from importlib import import_module
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from engagement.models import Aim, Status
from engagement.tests.factories import ActivityFactory
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.evaluation_participants import ParticipantAnswers
from outcomes.evaluation_standards import load_national_standards
from outcomes.models import ParticipantChannel, ParticipantEvaluation
from places.models import Audience
from places.tests.factories import AreaFactory

__all__ = [
    "add_forms",
    "client_for",
    "closed_activity",
    "evaluation_hooks_only",
    "form_post",
    "lead_admin",
    "reference_rows",
    "ward",
]


def load_reference_rows() -> None:
    import_module("engagement.migrations.0003_methods").forwards(apps, None)
    import_module("places.migrations.0002_audiences").forwards(apps, None)
    load_national_standards()


@pytest.fixture(autouse=True)
def reference_rows(db):
    load_reference_rows()


@pytest.fixture
def evaluation_hooks_only(monkeypatch):
    """Only this part's registrations with the extension points, so that a test of them does not
    depend on the state of the other parts of outcomes and reach, built at the same time."""
    from core import extensions

    for registry in (extensions.activity_panels, extensions.checklist_links, extensions.transition_checks):
        monkeypatch.setattr(registry, "items", {k: v for k, v in registry.items.items() if k == "evaluation"})


@pytest.fixture
def ward(db):
    return AreaFactory(code="E05000819", name="Altrincham")


@pytest.fixture
def closed_activity(police, ward):
    """A public meeting that happened ten days ago, published, with a budget, two aims and two
    audiences (one counted from equality forms, one only at the door)."""
    activity = ActivityFactory(
        lead_organisation=police,
        title="Altrincham PACT meeting",
        status=Status.CLOSED,
        is_published=True,
        areas=[ward],
        starts_at=timezone.now() - timedelta(days=10),
        budget=Decimal("500.00"),
        audiences=[Audience.objects.get(slug="young-people"), Audience.objects.get(slug="businesses")],
    )
    Aim.objects.create(
        activity=activity, text="Hear residents' priorities", linked_to="Local policing plan", order=0
    )
    Aim.objects.create(
        activity=activity, text="Recruit Neighbourhood Watch members", linked_to="Ward plan", order=1
    )
    return activity


@pytest.fixture
def lead_admin(police):
    return UserFactory(organisation=police, roles=[Role.ADMIN])


@pytest.fixture
def client_for():
    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


def add_forms(activity, count, *, channel=ParticipantChannel.PAPER, **answers):
    """`count` participant forms with the same answers, straight into the database."""
    given = ParticipantAnswers(**answers)
    ParticipantEvaluation.objects.bulk_create(
        ParticipantEvaluation(
            activity=activity,
            channel=channel,
            satisfied=given.satisfied,
            listened_to=given.listened_to,
            understood_use=given.understood_use,
            comments=given.comments,
        )
        for _ in range(count)
    )


def form_post(client, url, data):
    """POST as a browser's form does (the public pages read nothing else)."""
    return client.post(url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded")
