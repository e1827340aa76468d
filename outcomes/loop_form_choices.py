"""What the feedback loop's forms offer to choose from: records the user may see, each labelled
through the user's TextDoor (a theme's label is its run's organisation's words, an answer its
activity's), and the starting values. Read here so that the views shape nothing."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from consultations.models import Answer
from core import quarters
from engagement.models import Activity
from insight.models import AnalysisRun, CodedAnswer, Priority, RunState, Theme
from organisations.models import User
from organisations.privacy import text_door

from .loop_forms import Choices, areas_of, public_areas
from .loop_selectors import decisions_visible, finding_choices, findings_visible
from .loop_selectors_work import actions_visible
from .models import Action, Decision, Feedback, Finding, FindingSource

ANSWERS_OFFERED = 50
PRIORITIES_OFFERED = 120


@dataclass(frozen=True)
class FindingStart:
    activity: Activity | None
    choices: Choices
    initial: dict[str, Any] = field(default_factory=dict)


def _theme_label(user: User) -> Callable[[Theme], str]:
    return lambda theme: f"{text_door(user, theme.run.organisation_id)(theme.label)} ({theme.size} answers)"


def _answer_label(user: User) -> Callable[[Answer], str]:
    return lambda answer: text_door(user, answer.response.questionnaire.activity.lead_organisation_id)(
        answer.text
    )


def _priority_label(priority: Priority) -> str:
    return f"{priority.label} ({priority.area.name}, {quarters.label(priority.quarter)})"


def _priorities(user: User, activity: Activity | None) -> QuerySet[Priority]:
    visible = Priority.private_objects.visible_to(user).select_related("area")
    if activity is not None:
        paths = [a.path for a in activity.areas.all()]
        ids = [p.pk for p in visible if any(p.area.path.startswith(path) for path in paths)]
        visible = visible.filter(pk__in=ids)
    ids = list(
        visible.order_by("-quarter", "area__name", "rank").values_list("pk", flat=True)[:PRIORITIES_OFFERED]
    )
    return (
        Priority.private_objects.filter(pk__in=ids)
        .select_related("area")
        .order_by("-quarter", "area__name", "rank")
    )


def _themes(
    user: User, *, activity: Activity | None = None, run: AnalysisRun | None = None
) -> QuerySet[Theme]:
    themes = Theme.objects.visible_to(user).filter(run__state=RunState.DONE).select_related("run")
    if run is not None:
        return themes.filter(run=run)
    if activity is not None:
        return themes.filter(run__questionnaire__activity=activity)
    return themes.none()


def _answers(user: User, themes: list[Theme], keep: list[int]) -> QuerySet[Answer]:
    coded = CodedAnswer.objects.filter(theme__in=themes).order_by("quote_position", "pk")
    ids = list(coded.values_list("answer_id", flat=True)[:ANSWERS_OFFERED]) + keep
    return (
        Answer.objects.visible_to(user)
        .filter(pk__in=ids)
        .exclude(text="")
        .select_related("response__questionnaire__activity")
    )


def finding_start(
    *,
    user: User,
    activity: Activity | None = None,
    run: AnalysisRun | None = None,
    theme: Theme | None = None,
) -> FindingStart:
    """Recording a finding from a theme of an analysis, from an activity, or on its own."""
    if run is not None and run.questionnaire_id:
        activity = run.questionnaire.activity if run.questionnaire else None
    themes = _themes(user, activity=activity, run=run)
    areas = areas_of(activity) if activity is not None else public_areas()
    chosen = [theme] if theme is not None else []
    choices: Choices = {
        "area": (areas, str),
        "themes": (themes, _theme_label(user)),
        "priorities": (_priorities(user, activity), _priority_label),
        "answers": (_answers(user, chosen, []), _answer_label(user)),
    }
    initial: dict[str, Any] = {"source": FindingSource.ACTIVITY if activity else FindingSource.PRIORITY}
    if theme is not None:
        initial.update(
            source=FindingSource.THEME,
            themes=[theme.pk],
            statement=text_door(user, theme.run.organisation_id)(theme.label),
        )
    if areas.count() == 1:
        initial["area"] = areas.first().pk  # type: ignore[union-attr]
    return FindingStart(activity=activity, choices=choices, initial=initial)


def _union(visible: QuerySet[Any], offered: QuerySet[Any], kept: Any) -> QuerySet[Any]:
    """What is offered, and what was chosen before (if the user may still see it)."""
    ids = set(offered.values_list("pk", flat=True)) | {record.pk for record in kept}
    return visible.filter(pk__in=ids)


def finding_edit_start(*, user: User, finding: Finding) -> FindingStart:
    themes = list(finding.themes.all())
    activity = finding.activity
    choices: Choices = {
        "area": (areas_of(activity) if activity else public_areas(), str),
        "themes": (
            _union(Theme.objects.visible_to(user), _themes(user, activity=activity), themes),
            _theme_label(user),
        ),
        "priorities": (
            _union(
                Priority.private_objects.visible_to(user),
                _priorities(user, activity),
                finding.priorities.all(),
            ),
            _priority_label,
        ),
        "answers": (
            _answers(user, themes, list(finding.evidence_answers.values_list("pk", flat=True))),
            _answer_label(user),
        ),
    }
    door = text_door(user, finding.organisation_id)
    initial = {
        "statement": door(finding.statement),
        "area": finding.area_id,
        "source": finding.source,
        "source_note": door(finding.source_note),
        "themes": [t.pk for t in themes],
        "priorities": list(finding.priorities.values_list("pk", flat=True)),
        "answers": list(finding.evidence_answers.values_list("pk", flat=True)),
        "found_on": finding.found_on,
        "marking": finding.marking,
    }
    return FindingStart(activity=activity, choices=choices, initial=initial)


def _finding_label(user: User) -> Callable[[Finding], str]:
    def label(finding: Finding) -> str:
        where = finding.activity.title if finding.activity else finding.area.name
        return f"{text_door(user, finding.organisation_id)(finding.statement)} ({where})"

    return label


def decision_choices(*, user: User, around: Finding | None = None, keep: list[int] | None = None) -> Choices:
    offered = finding_choices(user=user, around=around)
    kept = findings_visible(user=user).filter(pk__in=keep or [])
    findings = _union(findings_visible(user=user), offered, kept).order_by("-found_on", "-pk")
    return {"findings": (findings, _finding_label(user))}


def _decision_label(user: User) -> Callable[[Decision], str]:
    return lambda d: f"{text_door(user, d.organisation_id)(d.summary)} ({d.decided_on:%-d %B %Y})"


def _action_label(user: User) -> Callable[[Action], str]:
    return lambda a: f"{text_door(user, a.decision.organisation_id)(a.title)} ({a.owner_organisation.name})"


def feedback_choices(*, user: User, activity: Activity, feedback: Feedback | None = None) -> Choices:
    """Decisions and actions about the activity's findings (and any already reported)."""
    about = findings_visible(user=user, activity=activity).values("pk")
    decisions = decisions_visible(user=user).filter(findings__in=about)
    actions = actions_visible(user=user).filter(decision__findings__in=about)
    decision_ids = set(decisions.values_list("pk", flat=True))
    action_ids = set(actions.values_list("pk", flat=True))
    if feedback is not None:
        decision_ids |= set(
            decisions_visible(user=user).filter(reported_in=feedback).values_list("pk", flat=True)
        )
        action_ids |= set(
            actions_visible(user=user).filter(reported_in=feedback).values_list("pk", flat=True)
        )
    return {
        "area": (areas_of(activity), str),
        "decisions": (Decision.objects.filter(pk__in=decision_ids), _decision_label(user)),
        "actions": (
            Action.objects.filter(pk__in=action_ids).select_related("decision", "owner_organisation"),
            _action_label(user),
        ),
    }
