"""Evaluation of activities and the National Standards self-assessment over HTTP: thin adapters
over the app's selectors and services (outcomes/evaluation_*.py), so the API shows and changes
exactly what the staff pages do, under the same rules. Participants' answers only as totals,
small numbers suppressed; their comments, and staff's evidence, lessons and notes, through the
reader's text door (redacted outside the owning organisation). The public participant form has
no API: it is answered on its web page (/evaluate/), with its integrity checks."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema
from ninja.responses import Status as Reply

from core.permissions import require
from organisations.http import StaffRequest
from outcomes import evaluation_selectors as selectors
from outcomes import evaluation_trend as trend
from outcomes.evaluation_assessments import (
    ScoreInput,
    standards_assess_activity,
    standards_assess_partnership,
)
from outcomes.evaluation_participants import (
    ParticipantAnswers,
    forms_entered,
    paper_forms_entered,
    participant_evaluation_enter,
    participant_link_open,
)
from outcomes.evaluation_pdf import paper_form_pdf, paper_language
from outcomes.evaluation_services import AimRatingInput, evaluation_save, evaluation_transition
from outcomes.models import NationalStandard
from places.models import Area

router = Router(tags=["evaluation"])


class AimOut(Schema):
    aim_id: int | None
    text: str
    result: str = Field(..., description="met, partly or not_met; empty when not rated yet")
    result_label: str
    evidence: str
    evidence_link: str


class AudienceReachOut(Schema):
    audience: str
    counted_from: str
    count: int | None = Field(..., description="null when not counted, or from 1 to 4 from equality forms")
    reached: bool | None


class CellOut(Schema):
    label: str
    count: int | None = Field(
        ..., description="null when hidden: from 1 to 4, or one that would give such away"
    )
    shown: str
    percent: float | None


class ViewsTableOut(Schema):
    field: str
    question: str
    cells: list[CellOut]


class ParticipantViewsOut(Schema):
    total: int
    online: int
    paper: int
    suppressed_below: int
    tables: list[ViewsTableOut]


class LinkOut(Schema):
    code: str
    shown_code: str
    path: str
    opens_on: date
    closes_on: date
    closed_reason: str


class EvaluationOut(Schema):
    activity: int = Field(..., alias="activity.pk")
    state: str = Field(..., description="draft or complete; empty when not started")
    state_label: str
    aims: list[AimOut]
    people_reached: int = Field(..., alias="people")
    figures_as_completed: bool
    equality_forms: int = Field(..., alias="reached.equality_forms")
    head_count: int = Field(..., alias="reached.head_count")
    budget: Decimal | None
    cost_per_participant: Decimal | None
    target_participants: int | None = Field(..., alias="target.target")
    target_percent: int | None = Field(..., alias="target.percent")
    target_met: bool | None = Field(..., alias="target.met")
    audiences: list[AudienceReachOut]
    participants: ParticipantViewsOut = Field(..., alias="views")
    comments: list[str]
    lessons_learned: str
    completed_by: str
    completed_at: datetime | None
    online_form: LinkOut | None = Field(..., alias="link")


class OverviewOut(Schema):
    activity_id: int
    title: str
    starts_at: datetime
    status_label: str
    state: str
    state_label: str
    aims_met: int
    aims_rated: int
    forms: int


# Request bodies: every field has a default, so that a record out of reach is refused (404)
# before the body is judged; the services say what is missing (422).


class AimRatingIn(Schema):
    aim: int = 0
    result: str = Field("", description="met, partly or not_met")
    evidence: str = ""
    evidence_link: str = Field("", max_length=500)


class EvaluationIn(Schema):
    target_participants: int | None = Field(None, ge=0, le=10_000_000)
    lessons_learned: str = ""
    ratings: list[AimRatingIn] | None = Field(
        None, description="Replaces every rating; leave out to keep them"
    )


class EvaluationTransitionIn(Schema):
    to: str = Field("", description="complete, or draft to reopen it")
    from_state: str | None = Field(None, description="The state you last saw: a 409 if it has changed since")


class LinkIn(Schema):
    opens_on: date | None = None
    closes_on: date | None = None


class ParticipantFormIn(Schema):
    satisfied: str = Field("", description="yes, partly, no, or empty when not answered")
    listened_to: str = ""
    understood_use: str = ""
    comments: str = Field("", max_length=2000)
    received_on: date | None = None


class ParticipantFormCreated(Schema):
    forms_for_activity: int
    paper_forms: int


class ScoreIn(Schema):
    standard: str = Field("", description="The standard's slug, from /national-standards")
    score: int | None = Field(None, description="1 to 4")
    note: str = Field("", max_length=5000)


class ScoresIn(Schema):
    scores: list[ScoreIn] = []


class ScoreOut(Schema):
    slug: str
    name: str
    score: int | None
    score_label: str
    note: str


class AssessmentOut(Schema):
    exists: bool
    average: float | None
    updated_by: str
    updated_at: datetime | None
    scores: list[ScoreOut] = Field(..., alias="rows")


class StandardOut(Schema):
    slug: str
    name: str
    description: str
    descriptors: list[str]


class TrendCellOut(Schema):
    average: float | None
    count: int


class TrendRowOut(Schema):
    standard: str
    cells: list[TrendCellOut]


class TrendOut(Schema):
    by: str
    periods: list[str] = Field(..., alias="labels", description="In words, oldest first")
    assessments: int
    rows: list[TrendRowOut]

    @staticmethod
    def resolve_rows(obj: trend.StandardsTrend) -> list[dict[str, Any]]:
        return [{"standard": name, "cells": cells} for name, cells in obj.rows]


class TrendFilters(Schema):
    area: str | None = Field(None, description="Area code; includes the areas inside it")
    by: str = Field("quarter", description="quarter or year")


def _area(code: str | None) -> Area | None:
    if not code:
        return None
    found = Area.objects.filter(code=code).first()
    if found is None:
        raise ValidationError({"area": gettext("Unknown area: %(code)s.") % {"code": code}})
    return found


@router.get(
    "/evaluations", response=list[OverviewOut], summary="Activities that have happened, with their evaluation"
)
def list_evaluations(request: StaffRequest, filters: Query[TrendFilters]) -> Any:
    return selectors.evaluation_overview(user=request.user, area=_area(filters.area))


@router.get("/activities/{int:activity_id}/evaluation", response=EvaluationOut)
def get_evaluation(request: StaffRequest, activity_id: int) -> Any:
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    return selectors.evaluation_detail(user=request.user, activity=activity)


@router.put("/activities/{int:activity_id}/evaluation", response=EvaluationOut)
def save_evaluation(request: StaffRequest, activity_id: int, payload: EvaluationIn) -> Any:
    """Start or change the draft: the target, the lessons learned and (when given) every aim's rating."""
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    ratings = None
    if payload.ratings is not None:
        ratings = [AimRatingInput(r.aim, r.result, r.evidence, r.evidence_link) for r in payload.ratings]
    evaluation_save(
        user=request.user,
        activity=activity,
        target_participants=payload.target_participants,
        lessons_learned=payload.lessons_learned,
        ratings=ratings,
    )
    return selectors.evaluation_detail(user=request.user, activity=activity)


@router.post("/activities/{int:activity_id}/evaluation/transition", response=EvaluationOut)
def transition_evaluation(request: StaffRequest, activity_id: int, payload: EvaluationTransitionIn) -> Any:
    """Complete the evaluation (answering checklist point 25 as done) or reopen it. 409 when it is
    no longer in `from_state`; 422 naming what is missing."""
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    require(request.user, "outcomes.change_evaluation", activity)
    evaluation = selectors.evaluation_of(activity)
    if evaluation is None:
        raise ValidationError({"state": "Start the evaluation first."})
    evaluation_transition(user=request.user, evaluation=evaluation, to=payload.to, seen=payload.from_state)
    return selectors.evaluation_detail(user=request.user, activity=activity)


@router.put("/activities/{int:activity_id}/evaluation/online-form", response=LinkOut)
def open_participant_form(request: StaffRequest, activity_id: int, payload: LinkIn) -> Any:
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    require(request.user, "outcomes.open_participant_link", activity)
    if payload.opens_on is None or payload.closes_on is None:
        raise ValidationError({"closes_on": "Give the day the form opens and the day it closes."})
    participant_link_open(
        user=request.user, activity=activity, opens_on=payload.opens_on, closes_on=payload.closes_on
    )
    return selectors.link_info(activity)


@router.get(
    "/activities/{int:activity_id}/evaluation/paper-form.pdf",
    response={200: None},
    summary="The paper participant form to print (PDF), in English, Welsh or Polish",
)
def paper_form(request: StaffRequest, activity_id: int, lang: str = "en-gb") -> HttpResponse:
    """`lang`: en-gb, cy or pl (the online form also speaks Urdu and Punjabi); 422 for another."""
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    language = paper_language(lang)
    pdf = paper_form_pdf(
        activity=activity,
        site_url=request.build_absolute_uri("/"),
        language=language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="evaluation-form-{activity.pk}-{language}.pdf"'
    return response


@router.post(
    "/activities/{int:activity_id}/participant-evaluations",
    response={201: ParticipantFormCreated},
    summary="Type in a paper participant evaluation form",
)
def enter_participant_evaluation(request: StaffRequest, activity_id: int, payload: ParticipantFormIn) -> Any:
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    answers = ParticipantAnswers(
        payload.satisfied, payload.listened_to, payload.understood_use, payload.comments
    )
    participant_evaluation_enter(
        user=request.user, activity=activity, answers=answers, received_on=payload.received_on
    )
    return Reply(
        201, {"forms_for_activity": forms_entered(activity), "paper_forms": paper_forms_entered(activity)}
    )


@router.get("/activities/{int:activity_id}/national-standards", response=AssessmentOut)
def get_standards_assessment(request: StaffRequest, activity_id: int) -> Any:
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    return trend.activity_assessment(user=request.user, activity=activity)


def _scores(payload: ScoresIn) -> list[ScoreInput]:
    return [ScoreInput(s.standard, s.score, s.note) for s in payload.scores]


@router.put("/activities/{int:activity_id}/national-standards", response=AssessmentOut)
def set_standards_assessment(request: StaffRequest, activity_id: int, payload: ScoresIn) -> Any:
    """Every one of the seven standards, scored 1 to 4, with a note."""
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    standards_assess_activity(user=request.user, activity=activity, scores=_scores(payload))
    return trend.activity_assessment(user=request.user, activity=activity)


@router.get("/partnerships/{int:partnership_id}/national-standards/{int:year}", response=AssessmentOut)
def get_partnership_standards(request: StaffRequest, partnership_id: int, year: int) -> Any:
    partnership = trend.partnership_get(user=request.user, pk=partnership_id)
    return trend.partnership_assessment(user=request.user, partnership=partnership, year=year)


@router.put("/partnerships/{int:partnership_id}/national-standards/{int:year}", response=AssessmentOut)
def set_partnership_standards(
    request: StaffRequest, partnership_id: int, year: int, payload: ScoresIn
) -> Any:
    partnership = trend.partnership_get(user=request.user, pk=partnership_id)
    standards_assess_partnership(
        user=request.user, partnership=partnership, year=year, scores=_scores(payload)
    )
    return trend.partnership_assessment(user=request.user, partnership=partnership, year=year)


@router.get("/national-standards", response=list[StandardOut], summary="The seven National Standards")
def list_national_standards(request: StaffRequest) -> Any:
    require(request.user, "outcomes.view_evaluation_overview")
    return list(NationalStandard.objects.all())


@router.get("/national-standards/trend", response=TrendOut, summary="Average scores per standard over time")
def get_standards_trend(request: StaffRequest, filters: Query[TrendFilters]) -> Any:
    if filters.by not in trend.PERIODS:
        raise ValidationError({"by": "Choose quarter or year."})
    return trend.standards_trend(user=request.user, area=_area(filters.area), by=filters.by)
