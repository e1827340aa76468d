"""What the audit log page, its export, the per-record history and the API show, shaped once.

Scope: `AuditEvent.objects.visible_to(user)` (an organisation's admins read their own staff's
actions and everything done to their organisation's records; superusers all). A record is
named as the log keeps it (`object_repr`) only to its own organisation: to anyone else it is
its kind and number, since a name can carry words (a theme's name) or facts (an
OFFICIAL-SENSITIVE activity's title) that stay with the owner. Changes are summarised in words
— which fields changed, how many answers were read, which file format — never with the values
stored in `changes`, which may hold what residents wrote (attendance notes before and after).
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from core.permissions import require

from .audit_kinds import kind_label, record_url
from .exports import ExportPlan, Later, Sheet, export_plan_response
from .forms_audit import AuditFilterForm
from .history import Vocabulary, describe
from .models import AuditAction, AuditEvent, AuditEventQuerySet

PERM = "governance.view_audit_log"
MAX_OBJECT_ID = 64
_PLAIN = Vocabulary()


@dataclass(frozen=True)
class AuditRow:
    """One entry as a reader sees it."""

    id: int
    at: datetime
    who: str
    username: str
    organisation: str
    action: str
    action_label: str
    object_type: str
    kind: str
    object_id: str
    record: str
    record_url: str
    history_url: str
    summary: str


def _who(event: AuditEvent) -> str:
    try:
        actor = event.actor if event.actor_id else None
    except ObjectDoesNotExist:  # the account has gone; the username outlives it
        actor = None
    name = actor.get_full_name() if actor is not None else ""
    return str(name or ("Heard" if event.actor_label in ("", "system") else event.actor_label))


def _organisation_names(ids: set[int]) -> dict[int, str]:
    """Organisation names by id, through the user model (governance cannot import them)."""
    if not ids:
        return {}
    model = get_user_model()._meta.get_field("organisation").related_model
    return dict(model._default_manager.filter(pk__in=ids).values_list("pk", "name"))


def _status(change: Any) -> str:
    return str(change).replace("_", " ")


def summary(event: AuditEvent) -> str:
    """What happened, in words, without the stored values."""
    changes: Mapping[str, Any] = event.changes if isinstance(event.changes, dict) else {}
    if event.action == AuditAction.VIEW:
        where = str(changes.get("where") or "")
        text = "Read through the API" if where == "API" else f"Read on the {where}" if where else "Read"
        answers = changes.get("answers")
        return f"{text}: {answers} written answer{'s' if answers != 1 else ''}" if answers else text
    if event.action == AuditAction.EXPORT:
        parts = [str(changes.get("format", "")).upper() or "A file"]
        if isinstance(changes.get("rows"), int):
            parts.append(f"{changes['rows']} row{'s' if changes['rows'] != 1 else ''}")
        return "Exported: " + ", ".join(parts)
    if event.action == AuditAction.TRANSITION:
        for key in ("status", "state"):
            change = changes.get(key)
            if isinstance(change, list | tuple) and len(change) == 2:
                return f"Status changed from {_status(change[0])} to {_status(change[1])}"
        return "Status changed"
    return describe(event, _PLAIN)


def _history_url(event: AuditEvent) -> str:
    if not event.object_id:
        return ""
    try:
        return reverse(
            "auditlog:record", kwargs={"object_type": event.object_type, "object_id": event.object_id}
        )
    except NoReverseMatch:  # a type or an id the history's address cannot carry
        return ""


def rows(user: Any, events: Any) -> list[AuditRow]:
    """The events as `user` reads them."""
    events = list(events)
    names = _organisation_names({e.actor_organisation_id for e in events if e.actor_organisation_id})
    own = getattr(user, "organisation_id", None)
    shown = []
    for event in events:
        kind = kind_label(event.object_type)
        named = bool(own) and own == event.owner_organisation_id
        generic = f"{kind} {event.object_id}".strip()
        shown.append(
            AuditRow(
                id=event.pk,
                at=event.at,
                who=_who(event),
                username=event.actor_label,
                organisation=names.get(event.actor_organisation_id or 0, ""),
                action=event.action,
                action_label=str(event.get_action_display()),
                object_type=event.object_type,
                kind=kind,
                object_id=event.object_id,
                record=(event.object_repr or generic) if named else generic,
                record_url=record_url(event.object_type, event.object_id),
                history_url=_history_url(event),
                summary=summary(event),
            )
        )
    return shown


def trail(*, user: Any) -> AuditEventQuerySet:
    require(user, PERM)
    return AuditEvent.objects.visible_to(user).select_related("actor")


def filter_form(*, user: Any, data: Mapping[str, Any] | None) -> AuditFilterForm:
    types = list(trail(user=user).order_by().values_list("object_type", flat=True).distinct())
    return AuditFilterForm(data or None, object_types=types)


@dataclass(frozen=True)
class AuditPage:
    form: AuditFilterForm
    page: "Page[AuditEvent]"
    rows: list[AuditRow]


def _filtered(user: Any, form: AuditFilterForm) -> AuditEventQuerySet:
    events = trail(user=user)
    if not form.is_bound:
        return events
    if not form.is_valid():
        raise problems(form)
    return form.apply(events)


def problems(form: AuditFilterForm) -> ValidationError:
    return ValidationError({name: [str(m) for m in messages] for name, messages in form.errors.items()})


def audit_page(*, user: Any, data: Mapping[str, Any] | None, page: Any = 1, per_page: int = 0) -> AuditPage:
    """One page of the filtered trail, newest first; none with invalid filters (the form says
    why: `errors` for a page, `problems()` for the API)."""
    form = filter_form(user=user, data=data)
    events = _filtered(user, form) if not form.is_bound or form.is_valid() else AuditEvent.objects.none()
    shown = Paginator(events, per_page or settings.HEARD_PAGE_SIZE).get_page(page)
    return AuditPage(form=form, page=shown, rows=rows(user, shown.object_list))


HEADERS = [
    gettext_lazy("When"),
    gettext_lazy("Who"),
    gettext_lazy("Username"),
    gettext_lazy("Their organisation"),
    gettext_lazy("What they did"),
    gettext_lazy("Kind of record"),
    gettext_lazy("Record number"),
    gettext_lazy("Record"),
    gettext_lazy("Details"),
]


def _export_rows(user: Any, events: AuditEventQuerySet) -> Iterator[list[Any]]:
    found = events.iterator(chunk_size=500)
    while chunk := list(islice(found, 500)):
        for row in rows(user, chunk):
            yield [
                row.at,
                row.who,
                row.username,
                row.organisation,
                row.action_label,
                row.kind,
                row.object_id,
                row.record,
                row.summary,
            ]


def audit_export_plan(*, user: Any, data: Mapping[str, Any] | None, file_format: str) -> ExportPlan:
    """The filtered trail as an export, to be sent at once or made in the background."""
    form = filter_form(user=user, data=data)
    events = _filtered(user, form)
    if file_format not in ("csv", "xlsx"):
        raise ValidationError({"format": "Choose csv or xlsx."})
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return ExportPlan(
        file_format=file_format,
        filename=f"heard-audit-log-{stamp}",
        sheets=[Sheet(gettext("Audit log"), HEADERS, Later(lambda: _export_rows(user, events)))],
        rows=(count := events.count()),
        object_type=AuditEvent._meta.label_lower,
        object_repr="Audit log",
        changes={"rows": count, "filters": form.used() if form.is_bound else {}},
    )


def audit_export(
    *, user: Any, data: Mapping[str, Any] | None, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    """The filtered trail as a CSV or XLSX file; the export is itself recorded."""
    return export_plan_response(
        user=user, plan=audit_export_plan(user=user, data=data, file_format=file_format)
    )


@dataclass(frozen=True)
class RecordHistory:
    object_type: str
    object_id: str
    kind: str
    record: str
    record_url: str
    page: "Page[AuditEvent]"
    rows: list[AuditRow]


def record_history(
    *, user: Any, object_type: str, object_id: str, page: Any = 1, per_page: int = 0
) -> RecordHistory:
    """Every entry about one record that `user` may read, newest first; 404 when there is none
    (so a record outside the reader's trail is not revealed, not even by its number)."""
    events = trail(user=user).filter(object_type=object_type, object_id=object_id)
    if not object_id or len(object_id) > MAX_OBJECT_ID or not events.exists():
        raise Http404("No such record.")
    shown = Paginator(events, per_page or settings.HEARD_PAGE_SIZE).get_page(page)
    shown_rows = rows(user, shown.object_list)
    named = [row.record for row in shown_rows if row.record]
    return RecordHistory(
        object_type=object_type,
        object_id=object_id,
        kind=kind_label(object_type),
        record=named[0] if named else f"{kind_label(object_type)} {object_id}",
        record_url=record_url(object_type, object_id),
        page=shown,
        rows=shown_rows,
    )
