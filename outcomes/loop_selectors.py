"""The feedback loop's reading door for findings and decisions: what the staff pages and the API
show, scoped with `visible_to`, every piece of text through the reader's TextDoor (findings may
quote residents; staff of the owning organisation read them as written, everyone else
redacted). Actions, feedback, the activity panel and the overview are in loop_selectors_work.py.
Views and api/outcomes.py shape nothing themselves."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext

from consultations.models import Answer
from core.permissions import require
from core.shortcuts import get_visible_or_404
from engagement.models import Activity
from governance.models import Marking
from insight.models import Priority, Theme
from organisations.models import User
from organisations.privacy import text_door
from places.models import Area

from .loop_rows import ActionRow, action_rows
from .loop_services import Evidence
from .models import Action, Decision, Finding

LIST_LIMIT = 500  # a list page paginates; the API pages too
CHOICES_LIMIT = 200  # findings offered to a decision


@dataclass(frozen=True)
class FindingRow:
    pk: int
    statement: str
    source: str
    source_label: str
    area: str
    area_code: str
    activity_pk: int | None
    activity_title: str
    found_on: date
    organisation: str
    sensitive: bool
    decisions: int


@dataclass(frozen=True)
class ThemeLink:
    pk: int
    run_pk: int
    label: str


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    row: FindingRow
    source_note: str
    themes: list[ThemeLink]
    priorities: list[str]
    answers: list[str]
    activities: list[tuple[int, str]]
    decisions: list["DecisionRow"]
    can_change: bool
    can_decide: bool


@dataclass(frozen=True)
class DecisionRow:
    pk: int
    summary: str
    decided_by_name: str
    decided_by_body: str
    decided_on: date
    organisation: str
    sensitive: bool
    findings: int
    actions: int


@dataclass(frozen=True)
class DecisionView:
    decision: Decision
    row: DecisionRow
    detail: str
    findings: list[FindingRow]
    factors: list[tuple[str, str, str]]  # (factor, its label, the note)
    actions: list[ActionRow] = field(default_factory=list)
    can_change: bool = False
    can_add_action: bool = False


def _findings() -> QuerySet[Finding]:
    return Finding.objects.select_related("area", "activity", "organisation").annotate(
        decision_count=Count("considered_by", distinct=True)
    )


def finding_rows(*, user: User, findings: Iterable[Finding]) -> list[FindingRow]:
    """`findings` from `_findings()` (or with `decision_count`), as the user may read them."""
    rows = []
    for finding in findings:
        door = text_door(user, finding.organisation_id)
        rows.append(
            FindingRow(
                pk=finding.pk,
                statement=door(finding.statement),
                source=finding.source,
                source_label=finding.get_source_display(),
                area=finding.area.name,
                area_code=finding.area.code,
                activity_pk=finding.activity_id,
                activity_title=finding.activity.title if finding.activity else "",
                found_on=finding.found_on,
                organisation=finding.organisation.name,
                sensitive=finding.marking == Marking.OFFICIAL_SENSITIVE,
                decisions=getattr(finding, "decision_count", 0),
            )
        )
    return rows


def findings_visible(*, user: User, area: Area | None = None, activity: Any = None) -> QuerySet[Finding]:
    require(user, "outcomes.view_loop")
    found = _findings().filter(pk__in=Finding.objects.visible_to(user).values("pk"))
    if area is not None:
        found = found.in_area(area)  # type: ignore[attr-defined]
    if activity is not None:
        found = found.filter(Q(activity=activity) | Q(evidence_activities=activity)).distinct()
    return found


def finding_list(*, user: User, area: Area | None = None, activity: Any = None) -> list[FindingRow]:
    return finding_rows(
        user=user, findings=findings_visible(user=user, area=area, activity=activity)[:LIST_LIMIT]
    )


def finding_get(*, user: User, pk: Any) -> Finding:
    require(user, "outcomes.view_loop")
    return get_visible_or_404(Finding.objects.select_related("area", "activity", "organisation"), user, pk)


def _themes(user: User, finding: Finding) -> list[ThemeLink]:
    themes = Theme.objects.visible_to(user).filter(loop_findings=finding).select_related("run")
    return [ThemeLink(t.pk, t.run_id, text_door(user, t.run.organisation_id)(t.label)) for t in themes]


def _answers(user: User, finding: Finding) -> list[str]:
    answers = (
        Answer.objects.visible_to(user)
        .filter(pk__in=finding.evidence_answers.values("pk"))
        .select_related("response__questionnaire__activity")
    )
    return [text_door(user, a.response.questionnaire.activity.lead_organisation_id)(a.text) for a in answers]


def finding_view(*, user: User, finding: Finding) -> FindingView:
    priorities = Priority.private_objects.visible_to(user).filter(pk__in=finding.priorities.values("pk"))
    activities = finding.evidence_activities.filter(
        pk__in=Activity.private_objects.visible_to(user).values("pk")
    )
    row = finding_rows(user=user, findings=[_findings().get(pk=finding.pk)])[0]
    return FindingView(
        finding=finding,
        row=row,
        source_note=text_door(user, finding.organisation_id)(finding.source_note),
        themes=_themes(user, finding),
        priorities=[f"{p.label} ({p.area.name})" for p in priorities.select_related("area")],
        answers=_answers(user, finding),
        activities=[(a.pk, a.title) for a in activities],
        decisions=decision_rows(user=user, decisions=decisions_visible(user=user).filter(findings=finding)),
        can_change=user.has_perm("outcomes.change_finding", finding),
        can_decide=user.has_perm("outcomes.add_decision"),
    )


def _decisions() -> QuerySet[Decision]:
    return Decision.objects.select_related("organisation").annotate(
        finding_count=Count("findings", distinct=True), action_count=Count("actions", distinct=True)
    )


def decision_rows(*, user: User, decisions: Iterable[Decision]) -> list[DecisionRow]:
    rows = []
    for decision in decisions:
        door = text_door(user, decision.organisation_id)
        rows.append(
            DecisionRow(
                pk=decision.pk,
                summary=door(decision.summary),
                decided_by_name=decision.decided_by_name,
                decided_by_body=decision.decided_by_body,
                decided_on=decision.decided_on,
                organisation=decision.organisation.name,
                sensitive=decision.marking == Marking.OFFICIAL_SENSITIVE,
                findings=getattr(decision, "finding_count", 0),
                actions=getattr(decision, "action_count", 0),
            )
        )
    return rows


def decisions_visible(*, user: User, area: Area | None = None) -> QuerySet[Decision]:
    require(user, "outcomes.view_loop")
    found = _decisions().filter(pk__in=Decision.objects.visible_to(user).values("pk"))
    return found.in_area(area) if area is not None else found  # type: ignore[attr-defined]


def decision_list(*, user: User, area: Area | None = None) -> list[DecisionRow]:
    return decision_rows(user=user, decisions=decisions_visible(user=user, area=area)[:LIST_LIMIT])


def decision_get(*, user: User, pk: Any) -> Decision:
    require(user, "outcomes.view_loop")
    return get_visible_or_404(Decision.objects.select_related("organisation"), user, pk)


def decision_view(*, user: User, decision: Decision) -> DecisionView:
    door = text_door(user, decision.organisation_id)
    findings = findings_visible(user=user).filter(considered_by=decision)
    actions = (
        Action.objects.visible_to(user)
        .filter(decision=decision)
        .select_related("decision", "owner_organisation")
    )
    return DecisionView(
        decision=decision,
        row=decision_rows(user=user, decisions=[_decisions().get(pk=decision.pk)])[0],
        detail=door(decision.detail),
        findings=finding_rows(user=user, findings=findings),
        factors=[(f.factor, f.get_factor_display(), door(f.note)) for f in decision.factors.all()],
        actions=action_rows(user=user, actions=actions),
        can_change=user.has_perm("outcomes.change_decision", decision),
        can_add_action=user.has_perm("outcomes.add_action", decision),
    )


def finding_choices(*, user: User, around: Finding | None = None) -> QuerySet[Finding]:
    """The findings a decision may consider: those the user may see, newest first (those of the
    same activity or area first when deciding from one)."""
    visible = findings_visible(user=user)
    if around is not None:
        near = Q(pk=around.pk) | Q(area__path__startswith=around.area.path)
        if around.activity_id:
            near |= Q(activity_id=around.activity_id)
        visible = visible.filter(near)
    ids = list(visible.order_by("-found_on", "-pk").values_list("pk", flat=True)[:CHOICES_LIMIT])
    return findings_visible(user=user).filter(pk__in=ids).order_by("-found_on", "-pk")


def _by_ids(visible: QuerySet[Any], ids: Iterable[int], field: str, what: str) -> list[Any]:
    """The records with these ids among `visible`, in the order given, or ValidationError."""
    wanted = list(dict.fromkeys(ids))
    found = {record.pk: record for record in visible.filter(pk__in=wanted)}
    missing = [str(i) for i in wanted if i not in found]
    if missing:
        raise ValidationError(
            {
                field: gettext("No %(what)s you can see has the id %(values)s.")
                % {"what": what, "values": ", ".join(missing)}
            }
        )
    return [found[i] for i in wanted]


def evidence_from_ids(
    *,
    user: User,
    themes: Iterable[int] = (),
    priorities: Iterable[int] = (),
    answers: Iterable[int] = (),
    activities: Iterable[int] = (),
) -> Evidence:
    """For the API: the evidence records named by id, each one the user may see."""
    return Evidence(
        themes=_by_ids(
            Theme.objects.visible_to(user).select_related("run__questionnaire__activity"),
            themes,
            "themes",
            "theme",
        ),
        priorities=_by_ids(Priority.private_objects.visible_to(user), priorities, "priorities", "priority"),
        answers=_by_ids(
            Answer.objects.visible_to(user).select_related("response__questionnaire"),
            answers,
            "answers",
            "answer",
        ),
        activities=_by_ids(Activity.private_objects.visible_to(user), activities, "activities", "activity"),
    )


def findings_from_ids(*, user: User, ids: Iterable[int]) -> list[Finding]:
    return _by_ids(Finding.objects.visible_to(user), ids, "findings", "finding")


def decisions_from_ids(*, user: User, ids: Iterable[int]) -> list[Decision]:
    return _by_ids(Decision.objects.visible_to(user), ids, "decisions", "decision")


def actions_from_ids(*, user: User, ids: Iterable[int]) -> list[Action]:
    return _by_ids(Action.objects.visible_to(user), ids, "actions", "action")


def activity_from_id(*, user: User, pk: int | None) -> Activity | None:
    if pk is None:
        return None
    return _by_ids(Activity.private_objects.visible_to(user), [pk], "activity", "activity")[0]
