"""The activity register as rows for CSV/XLSX export."""

from collections.abc import Iterator
from typing import Any

from .checklist import applicable_points
from .models import ActivityQuerySet

HEADERS = [
    "ID",
    "Title",
    "Status",
    "Purpose",
    "Method",
    "Level",
    "Lead organisation",
    "Partners",
    "Areas",
    "Audiences",
    "Starts",
    "Ends",
    "Responses open",
    "Responses close",
    "Short window reason",
    "Named contact",
    "Contact e-mail",
    "Venue",
    "Accessibility",
    "Budget",
    "Expected benefit",
    "Protective marking",
    "Published",
    "Aims",
    "Checklist answered",
    "Created",
]


def activity_rows(activities: ActivityQuerySet) -> Iterator[list[Any]]:
    activities = activities.with_related().prefetch_related("aims", "checklist_answers")
    for a in activities:
        applicable = {p.number for p in applicable_points(a.checklist_scope)}
        answered = sum(1 for ans in a.checklist_answers.all() if ans.point in applicable)
        yield [
            a.pk,
            a.title,
            a.get_status_display(),
            a.get_purpose_display(),
            a.method.name,
            a.get_level_display(),
            a.lead_organisation.name,
            "; ".join(p.name for p in a.partners.all()),
            "; ".join(f"{ar.name} ({ar.code})" for ar in a.areas.all()),
            "; ".join(au.name for au in a.audiences.all()),
            a.starts_at.isoformat(),
            a.ends_at.isoformat() if a.ends_at else "",
            a.response_opens.isoformat() if a.response_opens else "",
            a.response_closes.isoformat() if a.response_closes else "",
            a.short_window_reason,
            a.contact_name,
            a.contact_email,
            a.venue,
            a.accessibility,
            str(a.budget) if a.budget is not None else "",
            a.expected_benefit,
            a.get_marking_display(),
            "yes" if a.is_published else "no",
            "; ".join(f"{aim.text} [{aim.linked_to}]" for aim in a.aims.all()),
            f"{answered}/{len(applicable)}",
            a.created_at.isoformat(),
        ]
