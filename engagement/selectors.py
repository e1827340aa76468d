"""What the activity register's staff pages and its API show, read once for both: scoped to what
the user may see (`visible_to`), checklist notes through the reader's TextDoor. Views and the
API router are adapters over these functions (reads) and services.py (writes)."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from core.extensions import Panel, activity_panels, checklist_link, panels_for
from core.permissions import require
from core.shortcuts import get_visible_or_404
from governance.history import HistoryLine, Vocabulary, history_lines
from governance.models import AuditEvent
from organisations.models import User
from organisations.privacy import TextDoor, text_door

from .access import format_label, language_name
from .checklist import POINTS, Point, Stage, applicable_points
from .filters import ActivityFilter
from .lifecycle import ACTION_LABELS, ACTIVITY
from .models import Activity, Aim, Answer, ChecklistAnswer, EngagementPlan, Status

HISTORY_LENGTH = 20


# Field names as people read them in an activity's history, where the field's own label would not do.
HISTORY_FIELD_WORDS = {
    "starts_at": "start",
    "ends_at": "end",
    "response_opens": "when responses open",
    "response_closes": "when responses close",
    "is_published": "whether it is on the public website",
    "checklist_scope": "which checklist applies",
    "lead_organisation": "lead organisation",
    "aims": "aims",
    "plan": "engagement plan",
}


def _checklist_sentence(found: re.Match[str], change: Any, words: Vocabulary) -> str:
    after = change[1] if isinstance(change, list | tuple) and len(change) == 2 else {}
    answer = after.get("answer") if isinstance(after, dict) else None
    return f"Checklist point {found[1]} answered: {words.value_words(answer).lower()}"


def activity_words() -> Vocabulary:
    """How an activity's history reads (governance/history.py): "Status changed from Open to
    Closed", "Checklist point 5 answered: done", "Changed: title, venue"."""
    labels = {f.name: str(f.verbose_name).lower() for f in Activity._meta.concrete_fields}
    relations = {"areas": "areas", "audiences": "audiences", "partners": "partners"}
    return Vocabulary(
        fields={**labels, **relations, **HISTORY_FIELD_WORDS},
        states={s.value: str(s.label) for s in Status},
        values={a.value: str(a.label) for a in Answer},
        sentences=[(re.compile(r"checklist point (\d+)"), _checklist_sentence)],
    )


def _activities() -> QuerySet[Activity]:
    """Activities with everything a page or an API response shows of them."""
    return Activity.private_objects.with_related().prefetch_related("aims")


def activity_get(*, user: User, pk: Any) -> Activity:
    """The activity with id `pk` if `user` may see it; Http404 otherwise (also for an id that
    cannot be one), PermissionDenied for someone who may see no activities at all."""
    require(user, "engagement.view_activity")
    return get_visible_or_404(_activities(), user, pk)


def activity_filter(*, user: User, data: Mapping[str, Any] | None) -> ActivityFilter:
    """The register as `user` may see it, narrowed by `data` (the filters' fields); the list page
    shows the filter form and its errors."""
    require(user, "engagement.view_activity")
    visible = Activity.private_objects.visible_to(user).with_related().prefetch_related("aims")
    return ActivityFilter(data or None, queryset=visible)


def activity_list(*, user: User, data: Mapping[str, Any] | None) -> QuerySet[Activity]:
    """The filtered register, or ValidationError naming the filters that are not valid."""
    found = activity_filter(user=user, data=data)
    if found.is_bound and not found.is_valid():
        raise ValidationError({name: [str(e) for e in errors] for name, errors in found.errors.items()})
    return found.qs


@dataclass(frozen=True)
class ChecklistRow:
    """One of the 25 points for one activity, as pages and the API show it."""

    number: int
    stage: str
    title: str
    text: str
    applies: bool
    answer: str | None
    answer_label: str
    note: str
    answered_by: str | None
    answered_by_name: str
    answered_at: datetime | None
    # Where in Heard the point's work is done, if an app says (core.extensions.checklist_links).
    link: tuple[str, str] | None = None


@dataclass(frozen=True)
class StageProgress:
    stage: Stage
    rows: list[ChecklistRow]
    answered: int
    done: int

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.rows else 100


def _checklist_row(
    point: Point,
    applies: bool,
    answer: ChecklistAnswer | None,
    door: TextDoor,
    link: tuple[str, str] | None = None,
) -> ChecklistRow:
    by = answer.answered_by if answer else None
    return ChecklistRow(
        number=point.number,
        stage=point.stage.value,
        title=point.title,
        text=point.text,
        applies=applies,
        answer=answer.answer if answer else None,
        answer_label=answer.get_answer_display() if answer else "",
        note=door(answer.note) if answer else "",
        answered_by=by.get_username() if by else None,
        answered_by_name=by.display_name() if by else "",
        answered_at=answer.answered_at if answer else None,
        link=link,
    )


def checklist_rows(*, user: User, activity: Activity) -> list[ChecklistRow]:
    """All 25 points, whether each applies to this kind of activity, and its answer."""
    door = text_door(user, activity.lead_organisation_id)
    applies = {p.number for p in applicable_points(activity.checklist_scope)}
    answers = {a.point: a for a in activity.checklist_answers.select_related("answered_by")}
    return [
        _checklist_row(
            p, p.number in applies, answers.get(p.number), door, checklist_link(user, activity, p.number)
        )
        for p in POINTS
    ]


def checklist_progress(*, rows: Sequence[ChecklistRow]) -> list[StageProgress]:
    """Per stage: the points that apply, how many are answered and how many done."""
    progress = []
    for stage in Stage:
        applicable = [r for r in rows if r.applies and r.stage == stage]
        answered = [r for r in applicable if r.answer is not None]
        done = sum(1 for r in answered if r.answer == Answer.DONE)
        progress.append(StageProgress(stage=stage, rows=applicable, answered=len(answered), done=done))
    return progress


def plan_get(*, activity: Activity) -> EngagementPlan | None:
    """The activity's engagement plan, if one is written."""
    return EngagementPlan.objects.filter(activity=activity).first()


@dataclass(frozen=True)
class ActivityDetail:
    activity: Activity
    aims: list[Aim]
    progress: list[StageProgress]
    plan: EngagementPlan | None
    moves: list[tuple[str, str]]  # (status, button label) for each move the user may make
    can_change: bool
    can_delete: bool
    history: list[HistoryLine]  # only for those who may change the activity
    panels: list[Panel]  # sections other apps add (core.extensions.activity_panels)


def activity_detail(*, user: User, pk: Any) -> ActivityDetail:
    activity = activity_get(user=user, pk=pk)
    can_change = user.has_perm("engagement.change_activity", activity)
    events = AuditEvent.objects.for_object(activity).select_related("actor")[:HISTORY_LENGTH]
    history = history_lines(events, activity_words()) if can_change else []
    return ActivityDetail(
        activity=activity,
        aims=list(activity.aims.all()),
        progress=checklist_progress(rows=checklist_rows(user=user, activity=activity)),
        plan=plan_get(activity=activity),
        moves=[(status, ACTION_LABELS[status]) for status in ACTIVITY.available(user, activity)],
        can_change=can_change,
        can_delete=user.has_perm("engagement.delete_activity", activity),
        history=history,
        panels=panels_for(user, activity, activity_panels),
    )


EXPORT_HEADERS = [
    gettext_lazy("ID"),
    gettext_lazy("Title"),
    gettext_lazy("Status"),
    gettext_lazy("Summary"),
    gettext_lazy("Purpose"),
    gettext_lazy("Method"),
    gettext_lazy("Level"),
    gettext_lazy("Lead organisation"),
    gettext_lazy("Partners"),
    gettext_lazy("Areas"),
    gettext_lazy("Audiences"),
    gettext_lazy("Starts"),
    gettext_lazy("Ends"),
    gettext_lazy("Responses open"),
    gettext_lazy("Responses close"),
    gettext_lazy("Short window reason"),
    gettext_lazy("Named contact"),
    gettext_lazy("Contact e-mail"),
    gettext_lazy("Venue"),
    gettext_lazy("Accessibility"),
    gettext_lazy("Languages"),
    gettext_lazy("Access formats"),
    gettext_lazy("Budget"),
    gettext_lazy("Expected benefit"),
    gettext_lazy("Protective marking"),
    gettext_lazy("Published"),
    gettext_lazy("Aims"),
    gettext_lazy("Checklist answered"),
    gettext_lazy("Created"),
]


def _export_row(a: Activity) -> list[Any]:
    """Times and dates as they are: the export writes them in UK local time."""
    applicable = {p.number for p in applicable_points(a.checklist_scope)}
    answered = sum(1 for ans in a.checklist_answers.all() if ans.point in applicable)
    return [
        a.pk,
        a.title,
        a.get_status_display(),
        a.summary,
        a.get_purpose_display(),
        a.method.name,
        a.get_level_display(),
        a.lead_organisation.name,
        "; ".join(p.name for p in a.partners.all()),
        "; ".join(f"{ar.name} ({ar.code})" for ar in a.areas.all()),
        "; ".join(au.name for au in a.audiences.all()),
        a.starts_at,
        a.ends_at,
        a.response_opens,
        a.response_closes,
        a.short_window_reason,
        a.contact_name,
        a.contact_email,
        a.venue,
        a.accessibility,
        "; ".join(language_name(code) for code in a.languages),
        "; ".join(format_label(code) for code in a.access_formats),
        a.budget,
        a.expected_benefit,
        a.get_marking_display(),
        "yes" if a.is_published else "no",
        "; ".join(f"{aim.text} [{aim.linked_to}]" for aim in a.aims.all()),
        f"{answered}/{len(applicable)}",
        a.created_at,
    ]


def activity_export_rows(*, user: User, data: Mapping[str, Any] | None) -> list[list[Any]]:
    """The filtered register as rows under EXPORT_HEADERS (ValidationError for bad filters)."""
    activities = activity_list(user=user, data=data).prefetch_related("checklist_answers")
    return [_export_row(a) for a in activities]
