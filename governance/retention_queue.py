"""What the retention review shows: per record type, the records of the reader's organisation
past their review date, without the words they hold. Superusers too see only their own
organisation's (one of no organisation sees none), and need-to-know records only as their own
rule allows (`RecordType.readable_by`: intelligence flags to the organisation's intelligence
officers, so an admin who is not one does not see their numbers and dates either).

A record's review date is the date its type's retention counts from plus the type's period
(retention_settings.py), or the date set when it was last kept. Records with a decision still
waiting to be carried out are not in the queue again."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import DateTimeField, Model, Q, QuerySet
from django.utils import timezone

from . import records
from .retention_models import DecisionState, RetentionAction, RetentionDecision, RetentionRun
from .retention_settings import Policy, add_months, policies

SHOWN_PER_TYPE = 200


@dataclass(frozen=True)
class QueueRow:
    id: int
    label: str
    counts_from: date
    review_on: date


@dataclass
class QueueGroup:
    record_type: records.RecordType
    policy: Policy
    count: int
    rows: list[QueueRow] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.record_type.key

    @property
    def can_anonymise(self) -> bool:
        return self.record_type.anonymise is not None


def scope_of(user: Any) -> int | None:
    """The organisation whose records the user reviews; None for none (no organisation)."""
    organisation_id = getattr(user, "organisation_id", None)
    return int(organisation_id) if organisation_id else None


def reviewable(record_type: records.RecordType, user: Any) -> QuerySet[Any]:
    """The records of the type the user reviews: their organisation's, and of need-to-know
    types only those the user may see."""
    organisation_id = scope_of(user)
    queryset = record_type.records()
    if organisation_id is None:
        return queryset.none()
    queryset = record_type.owned_by(queryset, organisation_id)
    if record_type.readable_by is not None:
        queryset = queryset.filter(pk__in=record_type.readable_by(user).values("pk"))
    return queryset


def _is_datetime(model: type[Model], lookup: str) -> bool:
    parts = lookup.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model  # type: ignore[assignment]
    return isinstance(model._meta.get_field(parts[-1]), DateTimeField)


def _on_or_before(model: type[Model], lookup: str, day: date) -> Q:
    if _is_datetime(model, lookup):
        bound = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
        return Q(**{f"{lookup}__lt": bound})
    return Q(**{f"{lookup}__lte": day})


def _kept_or_waiting(key: str, today: date) -> QuerySet[RetentionDecision]:
    return RetentionDecision.objects.filter(record_type=key).filter(
        Q(state=DecisionState.PENDING)
        | Q(action=RetentionAction.KEEP, state=DecisionState.CARRIED_OUT, review_on__gt=today)
    )


def past_review(
    record_type: records.RecordType, policy: Policy, user: Any, today: date | None = None
) -> QuerySet[Any]:
    """The user's records of the type past their review date: counted from the type's date,
    unless kept with a later review date; those with a decision waiting are left out."""
    today = today or timezone.localdate()
    cutoff = add_months(today, -policy.months)
    queryset = reviewable(record_type, user)
    model = queryset.model
    waiting = _kept_or_waiting(record_type.key, today).values("object_id")
    kept_then_due = RetentionDecision.objects.filter(
        record_type=record_type.key,
        action=RetentionAction.KEEP,
        state=DecisionState.CARRIED_OUT,
        review_on__lte=today,
    ).values("object_id")
    due = _on_or_before(model, record_type.counts_from, cutoff) | Q(pk__in=kept_then_due)
    return queryset.filter(due).exclude(pk__in=waiting).order_by(record_type.counts_from, "pk")


def _review_dates(key: str, ids: list[int]) -> dict[int, date]:
    kept = (
        RetentionDecision.objects.filter(
            record_type=key, object_id__in=ids, action=RetentionAction.KEEP, state=DecisionState.CARRIED_OUT
        )
        .order_by("object_id", "decided_at")
        .values_list("object_id", "review_on")
    )
    return {int(object_id): review_on for object_id, review_on in kept if review_on}


def review_on(record_type: records.RecordType, policy: Policy, record: Model) -> date:
    start = record_type.start(record)
    return add_months(start, policy.months)


def retention_queue(*, user: Any, limit: int = SHOWN_PER_TYPE) -> list[QueueGroup]:
    """Every reviewed record type, with how many of the user's records are past review and the
    first `limit` of them."""
    groups = []
    settings_policies = policies()
    for record_type in records.all_types():
        policy = settings_policies.get(record_type.key)
        if policy is None:
            continue
        found = past_review(record_type, policy, user)
        shown = list(found[:limit])
        kept = _review_dates(record_type.key, [r.pk for r in shown])
        rows = [
            QueueRow(
                id=r.pk,
                label=record_type.describe(r),
                counts_from=record_type.start(r),
                review_on=kept.get(r.pk) or review_on(record_type, policy, r),
            )
            for r in shown
        ]
        groups.append(QueueGroup(record_type=record_type, policy=policy, count=found.count(), rows=rows))
    return groups


def decisions_waiting(*, user: Any) -> QuerySet[RetentionDecision]:
    """Decisions not yet carried out (pending or failed) of the user's organisation, about
    records the user may see."""
    organisation_id = scope_of(user)
    if organisation_id is None:
        return RetentionDecision.objects.none()
    found = RetentionDecision.objects.exclude(state=DecisionState.CARRIED_OUT).filter(
        organisation_id=organisation_id
    )
    for record_type in records.all_types():
        if record_type.readable_by is not None:
            hidden = Q(record_type=record_type.key) & ~Q(
                object_id__in=record_type.readable_by(user).values("pk")
            )
            found = found.exclude(hidden)
    return found


def latest_run() -> RetentionRun | None:
    return RetentionRun.objects.first()
