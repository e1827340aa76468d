"""Fixtures of the feedback loop's tests (imported with `from .loop_fixtures import *`): a
consultation that has happened, with written answers from people who asked for updates, analysed
into themes; staff of the police and of a partner council."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from consultations.models import Response
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from engagement.models import Method, Status
from engagement.tests.factories import ActivityFactory
from insight import services as insight_services
from insight.models import CodedAnswer, Theme
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from places.models import AreaLevel
from places.services import area_set_parent
from places.tests.factories import AreaFactory

__all__ = [
    "analyst",
    "consultation",
    "district",
    "loop_reference_data",
    "partner",
    "run",
    "sharing",
    "ward",
]

ANSWERS = [
    ("Speeding cars on the main road outside the school every morning", "speed1@example.org"),
    ("Drivers speed down the high street, we need speed cameras", "speed2@example.org"),
    ("Cars going far too fast near the school gates", "Speed1@Example.org"),  # the same person again
    ("Litter and fly-tipping in the park behind the shops", "litter@example.org"),
    ("Rubbish dumped in the alley, fly-tipping every week", ""),
    ("The park is full of litter and broken glass", "glass@example.org"),
]


@pytest.fixture(autouse=True)
def loop_reference_data(db):
    """The methods and audiences data migrations add (absent when tests run without them)."""
    if not Method.objects.exists():
        import_module("engagement.migrations.0003_methods").forwards(apps, None)
        import_module("places.migrations.0002_audiences").forwards(apps, None)


@pytest.fixture
def district(db):
    return AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)


@pytest.fixture
def ward(district, police):
    area = AreaFactory(code="E05000819", name="Altrincham")
    area_set_parent(area=area, parent=district)
    police.areas.add(district)
    return area


@pytest.fixture
def analyst(police):
    return UserFactory(username="analyst", organisation=police, roles=[Role.ANALYST])


@pytest.fixture
def partner(council):
    return UserFactory(username="partner", organisation=council, roles=[Role.ENGAGEMENT_OFFICER])


@pytest.fixture
def sharing(police, council):
    """The police share their OFFICIAL activities with the council."""
    return DataSharingAgreementFactory(owner=police, recipient=council)


@pytest.fixture
def consultation(police, ward):
    """A published consultation that closed last week, with written answers."""
    activity = ActivityFactory(
        lead_organisation=police,
        title="Road safety in Altrincham",
        status=Status.CLOSED,
        is_published=True,
        areas=[ward],
        starts_at=timezone.now() - timedelta(days=40),
    )
    questionnaire = QuestionnaireFactory(activity=activity, title="Road safety survey")
    question = QuestionFactory(questionnaire=questionnaire, text="What worries you most?")
    for text, email in ANSWERS:
        answer = answer_with_text(question, text)
        if email:
            Response.objects.filter(pk=answer.response_id).update(email=email, wants_updates=True, area=ward)
    return activity


@pytest.fixture
def run(consultation, analyst, django_capture_on_commit_callbacks):
    question = consultation.questionnaires.get().questions.get()
    with django_capture_on_commit_callbacks(execute=True):
        created = insight_services.analysis_run_create(user=analyst, question=question)
    created.refresh_from_db()
    return created


def split_litter(run):
    """The run's answers about litter in a theme of their own (so few answers make one theme)."""
    litter = Theme.objects.create(run=run, label="Litter and fly-tipping", size=3, position=1)
    CodedAnswer.objects.filter(run=run, answer__text__in=[t for t, _ in ANSWERS[3:]]).update(theme=litter)
    for theme in run.themes.all():
        theme.size = theme.coded.count()
        theme.save()
    return litter


def theme_of(run, text):
    """The theme an answer with this text was coded to."""
    return CodedAnswer.objects.get(run=run, answer__text=text).theme
