"""Community-intelligence triage (checklist point 23): an intelligence officer of the owning
organisation passes a flagged answer to the local intelligence unit with its reference, or
dismisses it with a reason. Each decision is a move of the flag's lifecycle, made under a row
lock: when two officers decide the same flag, the second is told it was already decided
(`TransitionConflict`) and nothing changes. Passing a flag on copies the answer into it, as a
police record that outlives a withdrawal of the response (see IntelligenceFlag). Audited.
Reads: selectors.flag_list / flag_get."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.lifecycle import TransitionConflict
from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from .lifecycles import FLAG
from .models import FlagState, IntelligenceFlag


def flag_pass(*, user: User, flag: IntelligenceFlag, reference: str) -> IntelligenceFlag:
    """Pass to the local intelligence unit, with its reference."""
    require(user, "insight.change_flag", flag)
    reference = " ".join(reference.split())
    if not reference:
        raise ValidationError({"reference": gettext("Enter the intelligence unit's reference.")})

    def passed(locked: IntelligenceFlag) -> list[str]:
        answer = locked.answer
        if answer is not None:
            locked.text = answer.text
            locked.activity_id = answer.question.questionnaire.activity_id
            locked.area_id = answer.response.area_id
        locked.reference = reference
        return [*_decided(locked, user), "reference", "text", "activity", "area"]

    return _decide(user, flag, FlagState.PASSED, passed, {"reference": reference})


def flag_dismiss(*, user: User, flag: IntelligenceFlag, reason: str) -> IntelligenceFlag:
    require(user, "insight.change_flag", flag)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": gettext("Say why it is dismissed.")})

    def dismissed(locked: IntelligenceFlag) -> list[str]:
        locked.reason = reason
        return [*_decided(locked, user), "reason"]

    return _decide(user, flag, FlagState.DISMISSED, dismissed, {"reason": reason})


def _decided(flag: IntelligenceFlag, user: User) -> list[str]:
    flag.decided_by, flag.decided_at = user, timezone.now()
    return ["decided_by", "decided_at"]


def _decide(
    user: User,
    flag: IntelligenceFlag,
    to: FlagState,
    update: Callable[[IntelligenceFlag], list[str]],
    note: dict[str, str],
) -> IntelligenceFlag:
    if flag.state != FlagState.NEW:
        raise TransitionConflict(
            f"This flag has already been dealt with: it was {flag.get_state_display().lower()}.",
            current=flag.state,
        )
    with transaction.atomic():
        decided = FLAG.advance(flag, to, user=user, update=update)
        audit_record(
            actor=user,
            action=AuditAction.TRANSITION,
            obj=decided,
            changes={"state": [FlagState.NEW.value, to.value], **note},
        )
    return decided
