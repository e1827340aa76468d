"""Neighbourhood priorities and the actions taken on them, in the shape police.uk uses for a
neighbourhood's priorities: each row an issue, the date it was raised, the action and the date of
the action (police.uk's neighbourhood priorities API: `issue`, `issue-date`, `action`,
`action-date`, dates written like 2026-10-01T00:00:00).

For one area (and the areas inside it): every action on a decision that considered a finding
there, its issue being the neighbourhood priority the finding cites (or, when none, the finding
itself); then every priority of the area that no action answers yet, with an empty action. Only
what the user may see, through their TextDoor, and only OFFICIAL records (judged by each
record's own marking): the shape is made to be published, so OFFICIAL-SENSITIVE findings,
actions and priorities are left out even for their own organisation. Sent as CSV through
governance.exports, or as JSON (recorded in the audit log the same way).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse

from core.permissions import require
from governance.exports import Sheet, export_response
from governance.marking import official_only
from governance.models import AuditAction
from governance.services import audit_record
from insight.models import Priority
from organisations.models import User
from organisations.privacy import text_door
from places.models import Area

from .models import Action, Finding

HEADERS = ["issue", "issue-date", "action", "action-date"]
FORMATS = ("csv", "json")


@dataclass(frozen=True)
class PoliceUkRow:
    issue: str
    issue_date: date | None
    action: str
    action_date: date | None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "issue": self.issue,
            "issue-date": police_uk_date(self.issue_date),
            "action": self.action,
            "action-date": police_uk_date(self.action_date),
        }


def police_uk_date(day: date | None) -> str | None:
    return f"{day.isoformat()}T00:00:00" if day else None


def _action_date(action: Action) -> date:
    if action.done_on:
        return action.done_on
    latest = action.updates.order_by("-at").values_list("at", flat=True).first()
    return latest.date() if latest else action.created_at.date()


def _issue(user: User, finding: Finding, priorities: dict[int, Priority]) -> tuple[str, date, int | None]:
    cited = [p for p in finding.priorities.all() if p.pk in priorities]
    if cited:
        priority = cited[0]
        return (
            text_door(user, priority.organisation_id)(priority.label),
            priority.created_at.date(),
            priority.pk,
        )
    return text_door(user, finding.organisation_id)(finding.statement), finding.found_on, None


def police_uk_rows(*, user: User, area: Area) -> list[PoliceUkRow]:
    require(user, "outcomes.export_loop")
    visible_priorities = Priority.private_objects.visible_to(user).filter(
        official_only(), area__path__startswith=area.path
    )
    priorities = {p.pk: p for p in visible_priorities}
    findings = Finding.objects.visible_to(user).in_area(area).filter(official_only())
    findings = findings.prefetch_related("priorities")
    actions = (
        Action.objects.visible_to(user)
        .filter(official_only(), official_only("decision__"), decision__findings__in=findings.values("pk"))
        .distinct()
        .select_related("decision")
        .order_by("due_on", "pk")
    )
    rows, answered = [], set()
    for action in actions:
        finding = findings.filter(considered_by=action.decision).order_by("found_on", "pk").first()
        if finding is None:
            continue
        issue, issued, priority_pk = _issue(user, finding, priorities)
        answered.add(priority_pk)
        door = text_door(user, action.decision.organisation_id)
        words = door(action.title) + (f" {door(action.result)}" if action.result else "")
        rows.append(PoliceUkRow(issue, issued, words, _action_date(action)))
    for priority in sorted(priorities.values(), key=lambda p: (p.quarter, p.rank, p.pk)):
        if priority.pk not in answered:
            label = text_door(user, priority.organisation_id)(priority.label)
            rows.append(PoliceUkRow(label, priority.created_at.date(), "", None))
    return rows


def police_uk_export(*, user: User, area: Area, file_format: str) -> HttpResponse | StreamingHttpResponse:
    """The rows as a CSV download (governance.exports) or as JSON, recorded in the audit log."""
    rows = police_uk_rows(user=user, area=area)
    filename = f"priorities-and-actions-{area.code}"
    if file_format == "csv":
        sheet = Sheet("police.uk", HEADERS, [list(r.as_dict().values()) for r in rows])
        return export_response(
            user=user,
            file_format="csv",
            filename=filename,
            sheets=[sheet],
            object_type="places.area",
            object_repr=f"Priorities and actions in {area.name}",
            changes={"area": area.code, "shape": "police.uk"},
        )
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type="places.area",
        object_repr=f"Priorities and actions in {area.name}",
        changes={"format": "json", "rows": len(rows), "area": area.code, "shape": "police.uk"},
    )
    response = JsonResponse([r.as_dict() for r in rows], safe=False)
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


def export_format(value: Any) -> str:
    text = str(value or "").lower()
    return text if text in FORMATS else ""
