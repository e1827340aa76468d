"""Retention decisions and carrying them out.

`retention_decide` stores a decision per record (keep takes effect at once; anonymise and delete
wait) and starts a run when the transaction commits; retention_running.py carries them out."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from . import records
from .models import AuditAction
from .retention_models import DecisionState, RetentionAction, RetentionDecision, RetentionRun
from .retention_queue import past_review
from .retention_rules import DECISION
from .retention_settings import policy_for
from .services import audit_record

LONGEST_KEEP_YEARS = 10


def _check(*, record_type: str, action: str, reason: str, review_on: date | None) -> records.RecordType:
    found = records.get(record_type)
    if found is None or policy_for(record_type) is None:
        raise ValidationError({"record_type": "Choose a kind of record that is reviewed."})
    if action not in RetentionAction.values:
        raise ValidationError({"action": "Choose keep, anonymise or delete."})
    if action == RetentionAction.ANONYMISE and found.anonymise is None:
        raise ValidationError(
            {
                "action": gettext("%(records)s cannot be anonymised: keep or delete them.")
                % {"records": found.label.capitalize()}
            }
        )
    if action == RetentionAction.KEEP:
        today = timezone.localdate()
        errors = {}
        if not reason.strip():
            errors["reason"] = "Say why they are being kept."
        if review_on is None or review_on <= today:
            errors["review_on"] = "Give a new review date in the future."
        elif review_on > today + timedelta(days=366 * LONGEST_KEEP_YEARS):
            errors["review_on"] = f"Review them again within {LONGEST_KEEP_YEARS} years."
        if errors:
            raise ValidationError(errors)
    return found


def retention_decide(
    *,
    user: Any,
    record_type: str,
    ids: list[int],
    action: str,
    reason: str = "",
    review_on: date | None = None,
) -> list[RetentionDecision]:
    """Decide about records past review (one or many). Only records of the user's organisation
    that are in the queue can be decided on; anything else refuses the whole decision."""
    if not user.has_perm("governance.review_retention"):
        raise PermissionDenied
    kind = _check(record_type=record_type, action=action, reason=reason, review_on=review_on)
    wanted = set(ids)
    if not wanted:
        raise ValidationError({"ids": "Select at least one record."})
    policy = policy_for(record_type)
    if policy is None:  # checked by _check; for the type checker
        raise ValidationError({"record_type": "Choose a kind of record that is reviewed."})
    with transaction.atomic():
        due = past_review(kind, policy, user).filter(pk__in=wanted)
        owners = dict(due.values_list("pk", kind.organisation))
        if set(owners) != wanted:
            raise ValidationError({"ids": "Some of those records are not waiting for review (any more)."})
        now = timezone.now()
        made = []
        for pk in sorted(wanted):
            decision = RetentionDecision(
                record_type=record_type,
                object_id=pk,
                organisation_id=owners[pk],
                action=action,
                reason=reason.strip(),
                review_on=review_on if action == RetentionAction.KEEP else None,
                decided_by=user,
                decided_at=now,
            )
            if action == RetentionAction.KEEP:
                decision.state = DecisionState.CARRIED_OUT
                decision.carried_out_at = now
            decision.full_clean()
            made.append(decision)
        RetentionDecision.objects.bulk_create(made)
        _audit_decisions(user, kind, action, len(made), review_on)
        if action != RetentionAction.KEEP:
            retention_run_start(started_by=user)
    return made


def _audit_decisions(
    user: Any, kind: records.RecordType, action: str, count: int, until: date | None
) -> None:
    words = {"keep": "to keep", "anonymise": "to anonymise", "delete": "to delete"}[action]
    noun = kind.noun if count == 1 else kind.label
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="governance.retentiondecision",
        object_repr=f"Decided {words} {count} {noun}" + (f" until {until:%d %B %Y}" if until else ""),
        changes={"record_type": kind.key, "action": action, "count": count},
    )


def retention_retry(*, user: Any, decision: RetentionDecision) -> RetentionDecision:
    """Put a failed decision back in line for the next run."""
    if not user.has_perm("governance.review_retention"):
        raise PermissionDenied

    def clear(locked: RetentionDecision) -> list[str]:
        locked.error = ""
        return ["error"]

    with transaction.atomic():
        DECISION.advance(decision, DecisionState.PENDING, user=user, update=clear)
        retention_run_start(started_by=user)
    return decision


def retention_run_start(*, started_by: Any = None) -> RetentionRun:
    """Queue a run; the task is enqueued once the caller's transaction commits."""
    from .retention_tasks import carry_out_retention

    label = started_by.get_username() if started_by is not None else "system"
    run = RetentionRun.objects.create(started_by=label)
    transaction.on_commit(lambda: carry_out_retention.enqueue(run.pk))
    return run
