"""Writes to an activity's evaluation (seed 002 point 25): its target, aims rated met, partly met or
not met with evidence, the lessons learned, and its lifecycle, draft > complete (and back, to
correct it, until the activity is marked evaluated). Completing it keeps the figures as they
stood and answers checklist point 25 as done, as the completing user. Every write checks the
outcomes.* permissions (evaluation_rules.py), runs in one transaction and is audited."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.lifecycle import Lifecycle
from core.permissions import require
from engagement.checklist import EVALUATION_POINT
from engagement.models import Activity, Aim, Answer, Status
from engagement.services import checklist_answer_set
from governance.models import AuditAction
from governance.services import audit_record, diff, snapshot
from organisations.models import User

from .evaluation_figures import cost_per_participant, people_reached
from .evaluation_rules import can_sign_off, can_write
from .models import AimRating, AimResult, Evaluation, EvaluationState

# An activity is evaluated once it has happened.
HAPPENED = frozenset({Status.CLOSED, Status.ANALYSED, Status.FEEDBACK_GIVEN, Status.EVALUATED})

EVALUATION: Lifecycle[Evaluation] = Lifecycle(
    model=Evaluation,
    states=EvaluationState,
    moves={
        EvaluationState.DRAFT: frozenset({EvaluationState.COMPLETE}),
        EvaluationState.COMPLETE: frozenset({EvaluationState.DRAFT}),
    },
    rules={EvaluationState.COMPLETE: can_write, EvaluationState.DRAFT: can_sign_off},
    state_field="state",
    noun="evaluation",
)
ACTION_LABELS: dict[str, str] = {
    EvaluationState.COMPLETE: "Complete the evaluation",
    EvaluationState.DRAFT: "Reopen to correct it",
}
FIELDS = ["target_participants", "lessons_learned"]


@dataclass(frozen=True)
class AimRatingInput:
    aim_id: int
    result: str
    evidence: str = ""
    evidence_link: str = ""


def _lock_activity(activity: Activity) -> Activity:
    return Activity.private_objects.select_for_update().get(pk=activity.pk)


def relink_ratings(evaluation: Evaluation, aims: Sequence[Aim]) -> None:
    """Editing an activity writes its aims afresh: a rating whose aim went is linked again to
    the aim with the same words, if there is exactly one and it has no rating yet."""
    ratings = list(evaluation.aim_ratings.all())
    rated = {r.aim_id for r in ratings if r.aim_id}
    for rating in ratings:
        if rating.aim_id is not None:
            continue
        same = [a for a in aims if a.text == rating.aim_text and a.pk not in rated]
        if len(same) == 1:
            rating.aim = same[0]
            rating.save(update_fields=["aim"])
            rated.add(same[0].pk)


def _rating_errors(aims: dict[int, Aim], ratings: Sequence[AimRatingInput]) -> dict[str, str]:
    errors: dict[str, str] = {}
    seen: set[int] = set()
    for item in ratings:
        key = f"aim_{item.aim_id}"
        if item.aim_id not in aims:
            errors["ratings"] = f"Not an aim of this activity: {item.aim_id}."
        elif item.aim_id in seen:
            errors[key] = "Each aim is rated once."
        elif item.result not in AimResult.values:
            errors[key] = "Choose met, partly met or not met."
        seen.add(item.aim_id)
    return errors


def _set_ratings(evaluation: Evaluation, activity: Activity, ratings: Sequence[AimRatingInput]) -> None:
    aims = {a.pk: a for a in activity.aims.all()}
    errors = _rating_errors(aims, ratings)
    if errors:
        raise ValidationError(errors)
    evaluation.aim_ratings.all().delete()
    for item in ratings:
        aim = aims[item.aim_id]
        rating = AimRating(
            evaluation=evaluation,
            aim=aim,
            aim_text=aim.text,
            result=item.result,
            evidence=item.evidence.strip(),
            evidence_link=item.evidence_link.strip(),
            order=aim.order,
        )
        try:
            rating.full_clean()
        except ValidationError as error:
            raise ValidationError({f"aim_{aim.pk}": error.messages}) from error
        rating.save()


def _ratings_snapshot(evaluation: Evaluation) -> list[str]:
    return [f"{r.aim_text}: {r.get_result_display()}" for r in evaluation.aim_ratings.all()]


@transaction.atomic
def evaluation_save(
    *,
    user: User,
    activity: Activity,
    target_participants: int | None,
    lessons_learned: str,
    ratings: Sequence[AimRatingInput] | None = None,
) -> Evaluation:
    """Start or change the draft evaluation of `activity`. `ratings` replaces the aims' ratings
    (None keeps them). A complete evaluation is reopened before it is changed."""
    require(user, "outcomes.change_evaluation", activity)
    activity = _lock_activity(activity)
    if activity.status == Status.CANCELLED:
        raise ValidationError(gettext("A cancelled activity is not evaluated."))
    evaluation = Evaluation.objects.filter(activity=activity).first()
    created = evaluation is None
    if evaluation is None:
        evaluation = Evaluation(activity=activity, created_by=user)
    elif evaluation.state == EvaluationState.COMPLETE:
        raise ValidationError(gettext("This evaluation is complete: reopen it to change it."))
    before = {**snapshot(evaluation, FIELDS), "aims": _ratings_snapshot(evaluation)} if not created else {}
    evaluation.target_participants = target_participants
    evaluation.lessons_learned = lessons_learned.strip()
    evaluation.full_clean()
    evaluation.save()
    if ratings is not None:
        _set_ratings(evaluation, activity, ratings)
    else:
        relink_ratings(evaluation, list(activity.aims.all()))
    after = {**snapshot(evaluation, FIELDS), "aims": _ratings_snapshot(evaluation)}
    changes = after if created else diff(before, after)
    if changes:
        action = AuditAction.CREATE if created else AuditAction.UPDATE
        audit_record(actor=user, action=action, obj=evaluation, changes=changes)
    return evaluation


def completion_problems(evaluation: Evaluation, activity: Activity) -> list[str]:
    """What stops the evaluation being completed, in words (none: it can be)."""
    problems = []
    if activity.status not in HAPPENED:
        problems.append(
            f"The activity is {activity.get_status_display().lower()}: it can be evaluated once it has "
            "happened and is closed."
        )
    aims = list(activity.aims.all())
    rated = {r.aim_id: r for r in evaluation.aim_ratings.all() if r.aim_id}
    if not aims:
        problems.append(
            "Record the activity's aims first (checklist point 1): the evaluation rates each one."
        )
    for aim in aims:
        rating = rated.get(aim.pk)
        if rating is None:
            problems.append(f"Say whether this aim was met: “{aim.text}”.")
        elif not rating.evidence.strip():
            problems.append(f"Give the evidence for this aim: “{aim.text}”.")
    if not evaluation.lessons_learned.strip():
        problems.append("Write the lessons learned.")
    return problems


def _complete(locked: Evaluation, user: User) -> list[str]:
    activity = Activity.private_objects.get(pk=locked.activity_id)
    relink_ratings(locked, list(activity.aims.all()))
    problems = completion_problems(locked, activity)
    if problems:
        raise ValidationError({"state": problems})
    reached = people_reached(activity).total
    locked.people_reached = reached
    locked.cost_per_participant = cost_per_participant(activity.budget, reached)
    locked.completed_by = user
    locked.completed_at = timezone.now()
    return ["people_reached", "cost_per_participant", "completed_by", "completed_at", "updated_at"]


def _reopen(locked: Evaluation) -> list[str]:
    activity = Activity.private_objects.get(pk=locked.activity_id)
    if activity.status == Status.EVALUATED:
        raise ValidationError(
            {"state": gettext("The activity is marked as evaluated, so its evaluation stays complete.")}
        )
    locked.people_reached = None
    locked.cost_per_participant = None
    locked.completed_by = None
    locked.completed_at = None
    return ["people_reached", "cost_per_participant", "completed_by", "completed_at", "updated_at"]


@transaction.atomic
def evaluation_transition(
    *, user: User, evaluation: Evaluation, to: str, seen: str | None = None
) -> Evaluation:
    """Complete a draft evaluation (answering checklist point 25 as done) or reopen a complete
    one. `seen` is the state the person last saw: when somebody else has moved it since,
    nothing changes and TransitionConflict says so. ValidationError names what is missing."""
    if seen:
        if seen not in EvaluationState.values:
            raise ValidationError(
                {"state": gettext("Reload the page: the state it showed is not one Heard knows.")}
            )
        evaluation.state = seen
    before = evaluation.state

    def update(locked: Evaluation) -> list[str]:
        return _complete(locked, user) if str(to) == EvaluationState.COMPLETE else _reopen(locked)

    EVALUATION.advance(evaluation, str(to), user=user, update=update)
    activity = Activity.private_objects.get(pk=evaluation.activity_id)
    if evaluation.state == EvaluationState.COMPLETE:
        checklist_answer_set(
            user=user,
            activity=activity,
            point=EVALUATION_POINT,
            answer=Answer.DONE,
            note="Evaluation completed.",
        )
    else:
        checklist_answer_set(
            user=user,
            activity=activity,
            point=EVALUATION_POINT,
            answer=Answer.NOT_DONE,
            note="The evaluation was reopened to correct it.",
        )
    audit_record(
        actor=user,
        action=AuditAction.TRANSITION,
        obj=evaluation,
        changes={"state": [str(before), evaluation.state]},
    )
    return evaluation
