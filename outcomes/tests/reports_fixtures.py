"""A small world for the reports' tests (`from .reports_fixtures import *`), in 2025, whose
figures are known:

- Trafford with two wards of known Census profiles, Altrincham and Bowdon, and a third ward,
  Sale, where nothing happens;
- the police's PACT meeting in Altrincham (40 people at it, 33 paper equality forms: 20 men aged
  65 to 74, 10 women aged 45 to 54, and 3 women aged 25 to 34, a small number), a street
  briefing in Bowdon that reached only 4 people, and a victims' surgery in Altrincham aimed at
  victims of crime (12 people, 12 forms); an OFFICIAL-SENSITIVE meeting, a cancelled one and
  one of 2024, which no published report counts; and the council's own unshared event in
  Bowdon (50 people), which the police never see;
- the loop: a finding from the PACT meeting that quotes a name and an address, the decision
  that weighed it, an action done in April and one taken up in 2026 after being planned in
  2025, feedback published in May; an OFFICIAL-SENSITIVE finding no report shows;
- the meeting's complete evaluation and National Standards scores, a published priority, an
  analysis with a large and a small theme, and the Safer Trafford Partnership's report card.

Tests run with --nomigrations, so the reference rows data migrations seed (methods, audiences,
the National Standards) are loaded here."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from consultations.models import Attendance, EqualityRecord
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory
from engagement.models import Activity, Purpose, Status
from engagement.tests.factories import ActivityFactory, method
from governance.models import Marking
from insight.models import AnalysisRun, Priority, RunState, Theme
from organisations.models import Organisation, Partnership, PartnershipKind, Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from outcomes.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    AimRating,
    AimResult,
    Decision,
    Evaluation,
    EvaluationState,
    Feedback,
    FeedbackChannel,
    FeedbackState,
    Finding,
    FindingSource,
    Measure,
    MeasureValue,
    NationalStandard,
    StandardsAssessment,
    StandardScore,
)
from outcomes.tests.evaluation_fixtures import load_reference_rows
from places.models import Area, AreaLevel, Audience
from places.services import area_set_parent
from places.tests.factories import AreaFactory
from reach.tests.reach_fixtures import profile

__all__ = ["analyst", "member", "reports_reference_rows", "world"]

YEAR = 2025
SECRET = "Dave Smith of 14 Elm Street, M33 7ZA, says the park is unsafe at night"
PLANTED = ["Dave Smith", "14 Elm Street", "M33 7ZA"]


def at(day: date, hour: int = 18) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@dataclass
class World:
    district: Area
    altrincham: Area
    bowdon: Area
    sale: Area
    pact: Activity
    briefing: Activity
    surgery: Activity
    sensitive: Activity
    council_event: Activity
    finding: Finding
    decision: Decision
    done: Action
    later: Action
    feedback: Feedback
    partnership: Partnership
    measure: Measure
    theme: Theme


@pytest.fixture(autouse=True)
def reports_reference_rows(db):
    load_reference_rows()


@pytest.fixture
def analyst(police):
    return UserFactory(username="analyst", organisation=police, roles=[Role.ANALYST])


@pytest.fixture
def member(db):
    """An authority member of the police and crime commissioner's office."""
    office = OrganisationFactory(
        name="Office of the Police and Crime Commissioner", sector="police_authority"
    )
    return UserFactory(username="member", organisation=office, roles=[Role.AUTHORITY_MEMBER])


def _ward(code: str, name: str, district: Area, scale: int = 1) -> Area:
    ward = AreaFactory(code=code, name=name)
    area_set_parent(area=ward, parent=district)
    return profile(ward, scale=scale)


def _forms(activity: Activity, n: int, **answers: str) -> None:
    EqualityRecord.objects.bulk_create(
        EqualityRecord(activity=activity, channel="paper", recorded_on=activity.starts_at.date(), **answers)
        for _ in range(n)
    )


def _activity(lead: Organisation, area: Area, title: str, day: date, heads: int, **kwargs: Any) -> Activity:
    activity = ActivityFactory(
        lead_organisation=lead,
        title=title,
        areas=[area],
        starts_at=at(day),
        status=kwargs.pop("status", Status.CLOSED),
        is_published=True,
        **kwargs,
    )
    Attendance.objects.create(activity=activity, held_on=day, head_count=heads)
    return activity


def _activities(
    police: Organisation, council: Organisation, altrincham: Area, bowdon: Area
) -> dict[str, Any]:
    victims = Audience.objects.get(slug="victims-of-crime")
    pact = _activity(police, altrincham, "Altrincham PACT meeting", date(YEAR, 3, 10), 40)
    _forms(pact, 20, age_band="65-74", sex="Male")
    _forms(pact, 10, age_band="45-54", sex="Female")
    _forms(pact, 3, age_band="25-34", sex="Female")
    briefing = _activity(
        police,
        bowdon,
        "Bowdon street briefing",
        date(YEAR, 6, 1),
        4,
        purpose=Purpose.GIVING_INFORMATION,
        method=method("street-briefing"),
    )
    surgery = _activity(
        police,
        altrincham,
        "Victims' surgery, Altrincham",
        date(YEAR, 9, 1),
        12,
        purpose=Purpose.GETTING_INFORMATION,
        audiences=[victims],
    )
    _forms(surgery, 8, age_band="25-34", sex="Female")
    _forms(surgery, 4, age_band="16-24", sex="Male")
    sensitive = _activity(
        police, altrincham, "SENSITIVE-briefing", date(YEAR, 5, 1), 25, marking=Marking.OFFICIAL_SENSITIVE
    )
    _activity(police, altrincham, "CANCELLED-meeting", date(YEAR, 7, 1), 30, status=Status.CANCELLED)
    _activity(police, altrincham, "LAST-YEAR-meeting", date(YEAR - 1, 7, 1), 30)
    council_event = _activity(council, bowdon, "COUNCIL-UNSHARED-event", date(YEAR, 4, 1), 50)
    return {
        "pact": pact,
        "briefing": briefing,
        "surgery": surgery,
        "sensitive": sensitive,
        "council_event": council_event,
    }


def _update(action: Action, status: str, day: date) -> None:
    ActionUpdate.objects.create(
        action=action,
        text=f"Now {status}",
        status=status,
        organisation=action.decision.organisation,
        at=at(day, 9),
    )


def _loop(police: Organisation, pact: Activity, sensitive: Activity, altrincham: Area) -> dict[str, Any]:
    finding = Finding.objects.create(
        organisation=police,
        activity=pact,
        area=altrincham,
        statement=SECRET,
        source=FindingSource.ACTIVITY,
        found_on=date(YEAR, 3, 20),
    )
    Finding.objects.create(
        organisation=police,
        activity=sensitive,
        area=altrincham,
        statement="SENSITIVE-finding",
        source=FindingSource.ACTIVITY,
        found_on=date(YEAR, 5, 2),
        marking=Marking.OFFICIAL_SENSITIVE,
    )
    decision = Decision.objects.create(
        organisation=police,
        summary="Light the path through the park",
        decided_by_name="Ch Insp Jo Example",
        decided_by_body="Neighbourhood tasking meeting",
        decided_on=date(YEAR, 4, 1),
    )
    decision.findings.add(finding)
    done = Action.objects.create(
        decision=decision,
        title="Ask the council to fix the lights",
        owner_organisation=police,
        owner_name="Neighbourhood team",
        due_on=date(YEAR, 5, 1),
        status=ActionStatus.DONE,
        done_on=date(YEAR, 4, 20),
    )
    _update(done, ActionStatus.IN_PROGRESS, date(YEAR, 4, 5))
    _update(done, ActionStatus.DONE, date(YEAR, 4, 20))
    later = Action.objects.create(
        decision=decision,
        title="Patrol the park at night",
        owner_organisation=police,
        owner_name="Neighbourhood team",
        due_on=date(YEAR, 11, 30),
        status=ActionStatus.DONE,
        done_on=date(YEAR + 1, 2, 1),
    )
    _update(later, ActionStatus.IN_PROGRESS, date(YEAR + 1, 1, 10))
    _update(later, ActionStatus.DONE, date(YEAR + 1, 2, 1))
    Action.objects.filter(pk__in=[done.pk, later.pk]).update(created_at=at(date(YEAR, 4, 1)))
    feedback = Feedback.objects.create(
        organisation=police,
        activity=pact,
        title="Lights in the park",
        statement="We asked for the lights.",
        state=FeedbackState.PUBLISHED,
        published_on=date(YEAR, 5, 1),
        channels=[FeedbackChannel.WEBSITE],
    )
    feedback.decisions.add(decision)
    return {"finding": finding, "decision": decision, "done": done, "later": later, "feedback": feedback}


def _evaluation(pact: Activity, police: Organisation) -> None:
    evaluation = Evaluation.objects.create(
        activity=pact,
        state=EvaluationState.COMPLETE,
        target_participants=30,
        people_reached=40,
        completed_at=at(date(YEAR, 4, 1)),
    )
    AimRating.objects.create(evaluation=evaluation, aim_text="Hear residents", result=AimResult.MET)
    AimRating.objects.create(evaluation=evaluation, aim_text="Agree priorities", result=AimResult.PARTLY)
    assessment = StandardsAssessment.objects.create(
        activity=pact, organisation=police, period_start=pact.starts_at.date()
    )
    for standard in NationalStandard.objects.all():
        StandardScore.objects.create(assessment=assessment, standard=standard, score=3)


def _insight(pact: Activity, police: Organisation, altrincham: Area) -> Theme:
    questionnaire = QuestionnaireFactory(activity=pact, title="PACT survey")
    question = QuestionFactory(questionnaire=questionnaire)
    run = AnalysisRun.objects.create(
        questionnaire=questionnaire,
        question=question,
        organisation=police,
        state=RunState.DONE,
        progress=100,
        finished_at=at(date(YEAR, 3, 25)),
    )
    theme = Theme.objects.create(run=run, label="Dark paths in the park", size=14, position=0)
    Theme.objects.create(run=run, label="SMALL-theme", size=3, position=1)
    Priority.private_objects.create(
        area=altrincham,
        quarter=f"{YEAR}-Q2",
        label="Safer paths in the park",
        rank=1,
        is_public=True,
        organisation=police,
    )
    return theme


def _measures(police: Organisation, council: Organisation, district: Area) -> dict[str, Any]:
    partnership = Partnership.objects.create(
        name="Safer Trafford Partnership", kind=PartnershipKind.STATUTORY
    )
    partnership.members.add(police, council)
    partnership.areas.add(district)
    measure = Measure.objects.create(
        name="People who took part",
        quadrant="how_much",
        organisation=police,
        partnership=partnership,
        unit="people",
        target=Decimal(100),
        story="Numbers rose after Dave Smith of 14 Elm Street helped.",
    )
    for month, value in ((1, 40), (4, 55), (7, 70)):
        MeasureValue.objects.create(measure=measure, period_start=date(YEAR, month, 1), value=Decimal(value))
    return {"partnership": partnership, "measure": measure}


@pytest.fixture
def world(police, council) -> World:
    district = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    police.areas.add(district)
    altrincham = _ward("E05000820", "Altrincham", district)
    bowdon = _ward("E05000821", "Bowdon", district, scale=2)
    sale = _ward("E05000822", "Sale", district)
    made = _activities(police, council, altrincham, bowdon)
    loop = _loop(police, made["pact"], made["sensitive"], altrincham)
    _evaluation(made["pact"], police)
    theme = _insight(made["pact"], police, altrincham)
    return World(
        district=district,
        altrincham=altrincham,
        bowdon=bowdon,
        sale=sale,
        theme=theme,
        **made,
        **loop,
        **_measures(police, council, district),
    )
