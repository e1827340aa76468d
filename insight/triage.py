"""Community-intelligence triage (checklist point 23): an intelligence officer of the owning
organisation passes a flagged answer to the local intelligence unit with its reference, or
dismisses it with a reason. Both are audited. Reads: `IntelligenceFlag.objects.visible_to(user)`."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import AuditAction
from governance.services import audit_record

from .models import FlagState, IntelligenceFlag
from .rules import require


def _decide(flag: IntelligenceFlag, user: Any) -> None:
    require(user, "insight.change_flag", flag)
    if flag.state != FlagState.NEW:
        raise ValidationError("This flag has already been dealt with.")


def flag_pass(*, user: Any, flag: IntelligenceFlag, reference: str) -> IntelligenceFlag:
    """Pass to the local intelligence unit, with its reference."""
    _decide(flag, user)
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": "Enter the intelligence unit's reference."})
    return _record(user=user, flag=flag, state=FlagState.PASSED, field="reference", value=reference)


def flag_dismiss(*, user: Any, flag: IntelligenceFlag, reason: str) -> IntelligenceFlag:
    _decide(flag, user)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why it is dismissed."})
    return _record(user=user, flag=flag, state=FlagState.DISMISSED, field="reason", value=reason)


def _record(
    *, user: Any, flag: IntelligenceFlag, state: FlagState, field: str, value: str
) -> IntelligenceFlag:
    """Store the decision, who made it and when, and audit it (with the reference or reason)."""
    with transaction.atomic():
        flag.state = state
        setattr(flag, field, value)
        flag.decided_by, flag.decided_at = user, timezone.now()
        flag.full_clean()
        flag.save()
        audit_record(
            actor=user,
            action=AuditAction.TRANSITION,
            obj=flag,
            changes={"state": [FlagState.NEW.value, state.value], field: value},
        )
    return flag
