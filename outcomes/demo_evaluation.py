"""The evaluation's part of the demo (heard/demo.py calls `demo_load_evaluation` after the
register and the consultations are loaded): every evaluated activity evaluated, with its aims
met or partly met, participant forms online and on paper, and a National Standards
self-assessment whose scores improve over the year; drafts for some of the activities whose
feedback has been given. Deterministic, and safe to run again: an activity that already has an
evaluation or an assessment is left as it is."""

import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from engagement.models import Activity, Status
from organisations.models import User

from .evaluation_assessments import ScoreInput, standards_assess_activity
from .evaluation_participants import (
    ParticipantAnswers,
    form_days,
    participant_evaluation_enter,
    participant_link_open,
)
from .evaluation_services import AimRatingInput, evaluation_save, evaluation_transition
from .evaluation_standards import STANDARDS, load_national_standards
from .models import AimResult, Evaluation, ParticipantChannel, ParticipantEvaluation, StandardsAssessment

EVIDENCE = {
    AimResult.MET: [
        "Residents agreed three priorities at the meeting and the ward panel adopted them.",
        "Forty-two people came, twice the last meeting, and most stayed for the priorities vote.",
        "Every group we invited sent someone; the notes were shared with the tasking meeting.",
    ],
    AimResult.PARTLY: [
        "We heard from older residents, but few young people came despite the school flyers.",
        "Priorities were agreed, but the action on parking is still with the council.",
        "Good discussion, though the room was too small and some people left early.",
    ],
    AimResult.NOT_MET: ["Too few people came to agree anything; the session is being rearranged."],
}
LESSONS = [
    "Start after the school run and hold it somewhere young people already go.",
    "Send the agenda a week ahead and say at the start how views will be used.",
    "Work with the housing trust's tenant officers: they brought people we do not usually reach.",
    "Book an interpreter in advance; two people needed one on the night.",
]
COMMENTS = [
    "Good to meet the new PCSO in person.",
    "Could you hold the next one in the evening? I work days.",
    "I still don't know what happens to what we said last time.",
    "The room was too hot and it was hard to hear at the back.",
    "Really useful, thank you for listening.",
]
# A standard's usual score relative to the others: impact is the hardest to show.
OFFSETS = {"inclusion": -0.3, "support": 0.0, "planning": 0.3, "working-together": 0.2, "methods": 0.1}
OFFSETS |= {"communication": 0.2, "impact": -0.6}


@dataclass(frozen=True)
class DemoEvaluationSummary:
    evaluations: int
    participant_forms: int
    assessments: int


def _writer(activity: Activity, writers: list[User]) -> User | None:
    return next((u for u in writers if u.organisation_id == activity.lead_organisation_id), None)


def _forms(activity: Activity, user: User, rng: random.Random) -> int:
    """Online forms (when the activity is on the website) and paper ones, mostly satisfied."""
    answers = ["yes", "yes", "yes", "partly", "no"]
    count = 0
    started = timezone.localdate(activity.starts_at)
    public = Activity.public_objects.filter(pk=activity.pk).exists()
    if public:
        closes = started + timedelta(days=form_days())
        participant_link_open(user=user, activity=activity, opens_on=started, closes_on=closes)
        for _ in range(rng.randint(4, 12)):
            row = ParticipantEvaluation(
                activity=activity,
                channel=ParticipantChannel.ONLINE,
                satisfied=rng.choice(answers),
                listened_to=rng.choice(answers),
                understood_use=rng.choice([*answers, ""]),
                comments=rng.choice([*COMMENTS, "", ""]),
                browser_token=secrets.token_urlsafe(32),
                received_on=started,
            )
            row.full_clean(validate_constraints=False)
            row.save()
            count += 1
    for _ in range(rng.randint(3, 10)):
        given = ParticipantAnswers(
            satisfied=rng.choice(answers),
            listened_to=rng.choice(answers),
            understood_use=rng.choice([*answers, ""]),
            comments=rng.choice([*COMMENTS, "", "", ""]),
        )
        participant_evaluation_enter(user=user, activity=activity, answers=given, received_on=started)
        count += 1
    return count


def _evaluate(activity: Activity, user: User, rng: random.Random, *, complete: bool) -> None:
    results = [
        rng.choice([AimResult.MET, AimResult.MET, AimResult.PARTLY, AimResult.PARTLY, AimResult.NOT_MET])
    ]
    results += [rng.choice([AimResult.MET, AimResult.PARTLY]) for _ in range(activity.aims.count() - 1)]
    ratings = [
        AimRatingInput(aim.pk, result, rng.choice(EVIDENCE[result]))
        for aim, result in zip(activity.aims.all(), results, strict=False)
    ]
    evaluation = evaluation_save(
        user=user,
        activity=activity,
        target_participants=rng.choice([20, 30, 40, 60]),
        lessons_learned=rng.choice(LESSONS) if complete or rng.random() < 0.5 else "",
        ratings=ratings if complete else ratings[:1],
    )
    if complete:
        evaluation_transition(user=user, evaluation=evaluation, to="complete", seen="draft")


def _assess(activity: Activity, user: User, rng: random.Random, progress: float) -> None:
    """Scores from about 2 early in the year to about 3.5 at its end, each standard with its
    own level and some noise."""
    scores = []
    for standard in STANDARDS:
        value = 1.8 + 1.7 * progress + OFFSETS.get(standard.slug, 0) + rng.uniform(-0.5, 0.5)
        scores.append(ScoreInput(standard.slug, max(1, min(4, round(value))), ""))
    standards_assess_activity(user=user, activity=activity, scores=scores)


def _candidates(writers: list[User], today: date) -> QuerySet[Activity]:
    return (
        Activity.private_objects.filter(
            lead_organisation__in=[u.organisation_id for u in writers],
            status__in=[Status.EVALUATED, Status.FEEDBACK_GIVEN],
            starts_at__date__lte=min(today, timezone.localdate()),
        )
        .prefetch_related("aims")
        .order_by("starts_at", "pk")
    )


@transaction.atomic
def demo_load_evaluation(*, officer: User, partner: User, today: date | None = None) -> DemoEvaluationSummary:
    """Evaluate the demo's past activities led by `officer`'s and `partner`'s organisations."""
    load_national_standards()
    today = today or timezone.localdate()
    writers = [officer, partner]
    activities = list(_candidates(writers, today))
    first = min((a.starts_at for a in activities), default=None)
    span = max(1.0, (today - timezone.localdate(first)).days) if first else 1.0
    evaluations = forms = assessments = 0
    for activity in activities:
        user = _writer(activity, writers)
        if user is None or not activity.aims.exists():
            continue
        # Each activity's own random numbers: the same whichever activities were done before.
        rng = random.Random(f"{activity.title} {activity.starts_at:%Y-%m-%d}")  # noqa: S311 - demo data
        evaluated = activity.status == Status.EVALUATED
        wants_evaluation, wants_assessment = evaluated or rng.random() < 0.4, evaluated or rng.random() < 0.6
        if wants_evaluation and not Evaluation.objects.filter(activity=activity).exists():
            forms += _forms(activity, user, rng)
            _evaluate(activity, user, rng, complete=evaluated)
            evaluations += 1
        if wants_assessment and not StandardsAssessment.objects.filter(activity=activity).exists():
            progress = (
                (timezone.localdate(activity.starts_at) - timezone.localdate(first)).days / span
                if first
                else 0
            )
            _assess(activity, user, rng, progress)
            assessments += 1
    return DemoEvaluationSummary(evaluations=evaluations, participant_forms=forms, assessments=assessments)
