"""Writes to the National Standards self-assessments (seed 004): every one of the seven standards
scored from 1 to 4 with a note, for an activity (by its team) or for a partnership's year (by
engagement officers and admins of its members). Checked, in one transaction, audited."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from engagement.models import Activity
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import Partnership, User

from .models import NationalStandard, StandardsAssessment, StandardScore
from .models.evaluation import HIGHEST_SCORE, LOWEST_SCORE

FIRST_YEAR = 2000


@dataclass(frozen=True)
class ScoreInput:
    standard: str  # the standard's slug
    score: int | None
    note: str = ""


def _checked(scores: Sequence[ScoreInput]) -> dict[str, ScoreInput]:
    standards = {s.slug: s for s in NationalStandard.objects.all()}
    if not standards:
        raise ValidationError(gettext("The National Standards are not loaded: ask an administrator."))
    errors: dict[str, str] = {}
    given: dict[str, ScoreInput] = {}
    for item in scores:
        if item.standard not in standards:
            errors["scores"] = f"Not one of the National Standards: {item.standard}."
        elif item.standard in given:
            errors[item.standard] = "Each standard is scored once."
        else:
            given[item.standard] = item
    for slug, standard in standards.items():
        scored = given.get(slug)
        if scored is None or scored.score is None:
            errors.setdefault(
                slug, f"{standard.name}: choose a score from {LOWEST_SCORE} to {HIGHEST_SCORE}."
            )
        elif not LOWEST_SCORE <= scored.score <= HIGHEST_SCORE:
            errors[slug] = f"{standard.name}: the score is from {LOWEST_SCORE} to {HIGHEST_SCORE}."
    if errors:
        raise ValidationError(errors)
    return given


def _set_scores(assessment: StandardsAssessment, given: dict[str, ScoreInput]) -> dict[str, Any]:
    before = {s.standard.slug: [s.score, s.note] for s in assessment.scores.select_related("standard")}
    changes: dict[str, Any] = {}
    for standard in NationalStandard.objects.all():
        item = given[standard.slug]
        row = StandardScore.objects.filter(assessment=assessment, standard=standard).first()
        row = row or StandardScore(assessment=assessment, standard=standard)
        row.score, row.note = int(item.score or 0), item.note.strip()
        row.full_clean()
        row.save()
        if before.get(standard.slug) != [row.score, row.note]:
            changes[standard.name] = [before.get(standard.slug, [None, ""])[0], row.score]
    return changes


def _save(assessment: StandardsAssessment, user: User, given: dict[str, ScoreInput], obj: Any) -> None:
    created = assessment.pk is None
    assessment.updated_by = user
    assessment.full_clean()
    assessment.save()
    changes = _set_scores(assessment, given)
    if changes or created:
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=obj,
            changes={"national standards": changes, **({"year": assessment.year} if assessment.year else {})},
        )


@transaction.atomic
def standards_assess_activity(
    *, user: User, activity: Activity, scores: Sequence[ScoreInput]
) -> StandardsAssessment:
    require(user, "outcomes.assess_standards", activity)
    activity = Activity.private_objects.select_for_update().get(pk=activity.pk)
    given = _checked(scores)
    assessment = StandardsAssessment.objects.filter(activity=activity).first() or StandardsAssessment(
        activity=activity, organisation_id=activity.lead_organisation_id
    )
    assessment.period_start = timezone.localdate(activity.starts_at)
    _save(assessment, user, given, activity)
    return assessment


def check_year(year: Any) -> int:
    latest = timezone.localdate().year + 1
    try:
        number = int(year)
    except (TypeError, ValueError):
        number = 0
    if not FIRST_YEAR <= number <= latest:
        raise ValidationError(
            {
                "year": gettext("Choose a year from %(first)s to %(latest)s.")
                % {"first": FIRST_YEAR, "latest": latest}
            }
        )
    return number


@transaction.atomic
def standards_assess_partnership(
    *, user: User, partnership: Partnership, year: int, scores: Sequence[ScoreInput]
) -> StandardsAssessment:
    """The partnership's own assessment of its year, written by a member organisation."""
    require(user, "outcomes.assess_partnership_standards", partnership)
    year = check_year(year)
    if user.organisation_id is None:
        raise ValidationError(gettext("Only staff of a member organisation can assess a partnership."))
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    given = _checked(scores)
    assessment = StandardsAssessment.objects.filter(partnership=partnership, year=year).first()
    assessment = assessment or StandardsAssessment(partnership=partnership, year=year)
    assessment.organisation_id = user.organisation_id
    assessment.period_start = date(year, 1, 1)
    _save(assessment, user, given, partnership)
    return assessment
