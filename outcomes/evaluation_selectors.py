"""What the evaluation's staff pages, its activity panel and its API show, read once for all of
them: scoped with `visible_to`, staff notes and residents' comments through the reader's
TextDoor, participants' answers only as totals with small numbers suppressed.

For the annual report: `evaluations_in_period` gives the complete evaluations of the activities
a user may see that started in a period, in an area."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from consultations.suppression import reader_threshold
from core.permissions import require
from core.shortcuts import get_visible_or_404
from engagement.models import Activity, Aim, Status
from organisations.models import User
from organisations.privacy import TextDoor, text_door
from places.models import Area

from .evaluation_figures import (
    AudienceReach,
    ParticipantViews,
    Reached,
    TargetReach,
    audience_reach,
    cost_per_participant,
    participant_views,
    people_reached,
)
from .evaluation_participants import closed_reason
from .evaluation_services import ACTION_LABELS, EVALUATION, HAPPENED
from .models import (
    AimRating,
    AimResult,
    Evaluation,
    EvaluationState,
    ParticipantEvaluation,
    ParticipantEvaluationLink,
)

NOT_STARTED = "Not started"


def activity_get(*, user: User, pk: Any) -> Activity:
    """The activity with id `pk` if `user` may see it (Http404 otherwise)."""
    require(user, "outcomes.view_evaluation")
    return get_visible_or_404(Activity.private_objects.with_related().prefetch_related("aims"), user, pk)


def evaluation_of(activity: Activity) -> Evaluation | None:
    return Evaluation.objects.filter(activity=activity).select_related("completed_by").first()


@dataclass(frozen=True)
class AimRow:
    aim_id: int | None
    text: str
    result: str  # "" when not rated yet
    result_label: str
    evidence: str
    evidence_link: str


@dataclass(frozen=True)
class LinkInfo:
    code: str
    shown_code: str
    path: str  # the public page, /evaluate/<code>/
    opens_on: date
    closes_on: date
    closed_reason: str


@dataclass(frozen=True)
class EvaluationDetail:
    activity: Activity
    state: str  # "" when not started
    state_label: str
    aims: list[AimRow]
    reached: Reached
    people: int  # as completed, or as it stands
    budget: Decimal | None
    cost_per_participant: Decimal | None
    figures_as_completed: bool
    target: TargetReach
    audiences: list[AudienceReach]
    views: ParticipantViews
    comments: list[str]
    lessons_learned: str
    completed_by: str
    completed_at: datetime | None
    link: LinkInfo | None
    moves: list[tuple[str, str]]  # (state, button label) the user may make
    can_change: bool
    can_enter_paper: bool
    redacted: bool


def _rating_row(rating: AimRating, door: TextDoor) -> AimRow:
    return AimRow(
        aim_id=rating.aim_id,
        text=rating.aim_text,
        result=rating.result,
        result_label=rating.get_result_display(),
        evidence=door(rating.evidence),
        evidence_link=rating.evidence_link,
    )


def aim_rows(evaluation: Evaluation | None, aims: list[Aim], door: TextDoor) -> list[AimRow]:
    """A complete evaluation: the aims as it rated them. A draft: the activity's aims now, each
    with its rating (matched by aim, or by the same words after the activity was edited)."""
    ratings = list(evaluation.aim_ratings.all()) if evaluation else []
    if evaluation is not None and evaluation.state == EvaluationState.COMPLETE:
        return [_rating_row(r, door) for r in ratings]
    by_aim = {r.aim_id: r for r in ratings if r.aim_id}
    by_text = {r.aim_text: r for r in ratings if r.aim_id is None}
    rows = []
    for aim in aims:
        rating = by_aim.get(aim.pk) or by_text.get(aim.text)
        if rating is None:
            rows.append(AimRow(aim.pk, aim.text, "", "Not rated yet", "", ""))
        else:
            rows.append(_with_aim(rating, aim, door))
    return rows


def _with_aim(rating: AimRating, aim: Aim, door: TextDoor) -> AimRow:
    row = _rating_row(rating, door)
    return AimRow(aim.pk, aim.text, row.result, row.result_label, row.evidence, row.evidence_link)


def link_info(activity: Activity) -> LinkInfo | None:
    link = ParticipantEvaluationLink.objects.filter(activity=activity).select_related("activity").first()
    if link is None:
        return None
    return LinkInfo(
        code=link.code,
        shown_code=link.shown_code,
        path=reverse("evaluate:form", kwargs={"code": link.code}),
        opens_on=link.opens_on,
        closes_on=link.closes_on,
        closed_reason=closed_reason(link),
    )


def participant_comments(*, activity: Activity, door: TextDoor) -> list[str]:
    """The forms' comments, each on its own (never beside the form's other answers)."""
    texts = (
        ParticipantEvaluation.objects.filter(activity=activity)
        .exclude(comments="")
        .values_list("comments", flat=True)
    )
    return door.many(list(texts))


def _figures(activity: Activity, evaluation: Evaluation | None) -> tuple[Reached, int, Decimal | None, bool]:
    reached = people_reached(activity)
    if (
        evaluation is not None
        and evaluation.state == EvaluationState.COMPLETE
        and evaluation.people_reached is not None
    ):
        return reached, evaluation.people_reached, evaluation.cost_per_participant, True
    return reached, reached.total, cost_per_participant(activity.budget, reached.total), False


def _moves(user: User, evaluation: Evaluation | None, activity: Activity) -> list[tuple[str, str]]:
    """The buttons: none before the evaluation is started, and no reopening once the activity
    is marked evaluated (the service would refuse it)."""
    if evaluation is None:
        return []
    moves = EVALUATION.available(user, evaluation)
    if activity.status == Status.EVALUATED:
        moves = [m for m in moves if m != EvaluationState.DRAFT]
    return [(state, ACTION_LABELS[state]) for state in moves]


def evaluation_detail(*, user: User, activity: Activity) -> EvaluationDetail:
    """Everything the evaluation page and its API show of one activity's evaluation."""
    require(user, "outcomes.view_evaluation", activity)
    door = text_door(user, activity.lead_organisation_id)
    below = reader_threshold(user, activity.lead_organisation_id)
    evaluation = evaluation_of(activity)
    reached, people, cost, as_completed = _figures(activity, evaluation)
    state = evaluation.state if evaluation else ""
    return EvaluationDetail(
        activity=activity,
        state=state,
        state_label=evaluation.get_state_display() if evaluation else NOT_STARTED,
        aims=aim_rows(evaluation, list(activity.aims.all()), door),
        reached=reached,
        people=people,
        budget=activity.budget,
        cost_per_participant=cost,
        figures_as_completed=as_completed,
        target=TargetReach(evaluation.target_participants if evaluation else None, people),
        audiences=audience_reach(activity, activity.audiences.all(), below=below),
        views=participant_views(ParticipantEvaluation.objects.filter(activity=activity), below=below),
        comments=participant_comments(activity=activity, door=door),
        lessons_learned=door(evaluation.lessons_learned) if evaluation else "",
        completed_by=evaluation.completed_by.display_name() if evaluation and evaluation.completed_by else "",
        completed_at=evaluation.completed_at if evaluation else None,
        link=link_info(activity),
        moves=_moves(user, evaluation, activity),
        can_change=user.has_perm("outcomes.change_evaluation", activity)
        and state != EvaluationState.COMPLETE,
        can_enter_paper=user.has_perm("outcomes.enter_participant_evaluations", activity),
        redacted=door.redacts,
    )


@dataclass(frozen=True)
class PanelSummary:
    """The activity page's "Evaluation" section: figures only, never anybody's words."""

    state_label: str
    aims_rated: int
    aims_met: int
    aims_partly: int
    people: int
    cost_per_participant: Decimal | None
    forms: int
    url: str
    link: LinkInfo | None
    can_change: bool


def evaluation_panel(*, user: User, activity: Activity) -> PanelSummary | None:
    if not user.has_perm("outcomes.view_evaluation", activity):
        return None
    evaluation = evaluation_of(activity)
    ratings = list(evaluation.aim_ratings.all()) if evaluation else []
    _, people, cost, _ = _figures(activity, evaluation)
    return PanelSummary(
        state_label=evaluation.get_state_display() if evaluation else NOT_STARTED,
        aims_rated=len(ratings),
        aims_met=sum(1 for r in ratings if r.result == AimResult.MET),
        aims_partly=sum(1 for r in ratings if r.result == AimResult.PARTLY),
        people=people,
        cost_per_participant=cost,
        forms=ParticipantEvaluation.objects.filter(activity=activity).count(),
        url=reverse("evaluation:detail", kwargs={"pk": activity.pk}),
        link=link_info(activity),
        can_change=user.has_perm("outcomes.change_evaluation", activity),
    )


@dataclass(frozen=True)
class OverviewRow:
    activity_id: int
    title: str
    starts_at: datetime
    status_label: str
    state: str
    state_label: str
    aims_met: int
    aims_rated: int
    forms: int


def evaluation_overview(*, user: User, area: Area | None = None) -> list[OverviewRow]:
    """The activities `user` may see that have happened or have an evaluation, newest first."""
    require(user, "outcomes.view_evaluation_overview")
    activities = Activity.private_objects.visible_to(user).filter(
        Q(status__in=HAPPENED) | Q(evaluation__isnull=False)
    )
    if area is not None:
        activities = activities.in_area(area)
    activities = activities.select_related("evaluation").annotate(
        forms=Count("participant_evaluations", distinct=True),
        met=Count(
            "evaluation__aim_ratings", filter=Q(evaluation__aim_ratings__result=AimResult.MET), distinct=True
        ),
        rated=Count("evaluation__aim_ratings", distinct=True),
    )
    rows = []
    for a in activities.order_by("-starts_at", "-id"):
        evaluation = getattr(a, "evaluation", None) if _has_evaluation(a) else None
        rows.append(
            OverviewRow(
                activity_id=a.pk,
                title=a.title,
                starts_at=a.starts_at,
                status_label=a.get_status_display(),
                state=evaluation.state if evaluation else "",
                state_label=evaluation.get_state_display() if evaluation else NOT_STARTED,
                aims_met=a.met,
                aims_rated=a.rated,
                forms=a.forms,
            )
        )
    return rows


def _has_evaluation(activity: Activity) -> bool:
    try:
        activity.evaluation  # noqa: B018
    except Evaluation.DoesNotExist:
        return False
    return True


def evaluations_in_period(
    *, user: User, start: date, end: date, area: Area | None = None
) -> QuerySet[Evaluation]:
    """Complete evaluations of the activities `user` may see that started from `start` to `end`
    (inclusive, UK dates) in `area` (and the areas inside it): for the annual report."""
    activities = Activity.private_objects.visible_to(user).filter(
        starts_at__date__gte=start, starts_at__date__lte=end
    )
    if area is not None:
        activities = activities.in_area(area)
    return (
        Evaluation.objects.filter(activity__in=activities.values("pk"), state=EvaluationState.COMPLETE)
        .select_related("activity")
        .prefetch_related("aim_ratings", "activity__areas")
    )
