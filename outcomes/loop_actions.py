"""Writes of the feedback loop's actions: adding one to a decision, changing it, moving it along
its lifecycle (under a row lock: a stale move is a TransitionConflict), reporting progress
(a history of updates) and setting its RAG by hand (loop_rag.py says why it is usually
derived). The deciding organisation changes an action; the organisation doing it reports on
it too. Audited without the words (see loop_services.py)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from governance.models import AuditAction, Marking
from governance.services import audit_record
from organisations.models import Organisation, User

from .loop_lifecycles import ACTION
from .loop_rules import require_own_words
from .models import Action, ActionStatus, ActionUpdate, Decision, Rag


def _check_owner(decision: Decision, owner: Organisation) -> None:
    if not owner.is_active:
        raise ValidationError({"owner_organisation": gettext("Choose an organisation that is still active.")})
    if decision.marking == Marking.OFFICIAL_SENSITIVE and owner.pk != decision.organisation_id:
        raise ValidationError(
            {
                "owner_organisation": gettext(
                    "An OFFICIAL-SENSITIVE decision's actions stay with its own organisation."
                )
            }
        )


@transaction.atomic
def action_create(
    *,
    user: User,
    decision: Decision,
    title: str,
    owner_organisation: Organisation,
    owner_name: str,
    due_on: date,
) -> Action:
    """Add an action to a decision: what will be done, by which organisation and person, by when."""
    require(user, "outcomes.add_action", decision)
    _check_owner(decision, owner_organisation)
    action = Action(
        decision=decision,
        title=title.strip(),
        owner_organisation=owner_organisation,
        owner_name=owner_name.strip(),
        due_on=due_on,
        marking=decision.marking,
        created_by=user,
    )
    action.full_clean()
    action.save()
    audit_record(actor=user, action=AuditAction.CREATE, obj=action, changes={"decision": decision.pk})
    return action


ACTION_FIELDS = ("title", "owner_organisation", "owner_name", "due_on", "result")


@transaction.atomic
def action_update(*, user: User, action: Action, **fields: Any) -> Action:
    """Change what an action is, who does it and by when, or record what happened."""
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValidationError(
            gettext("These cannot be changed here: %(values)s.") % {"values": ", ".join(sorted(unknown))}
        )
    require(user, "outcomes.change_action", action)
    require_own_words(user, action.decision.organisation_id)
    action = Action.objects.select_related("decision").select_for_update().get(pk=action.pk)
    changed = [name for name, value in fields.items() if getattr(action, name) != value]
    for name, value in fields.items():
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    _check_owner(action.decision, action.owner_organisation)
    action.full_clean()
    action.save()
    if changed:
        audit_record(actor=user, action=AuditAction.UPDATE, obj=action, changes={"fields": changed})
    return action


def _status_words(status: str) -> str:
    return str(ActionStatus(status).label)


@transaction.atomic
def action_move(
    *, user: User, action: Action, to: ActionStatus | str, note: str = "", seen: str | None = None
) -> Action:
    """Move an action along its lifecycle under a row lock. `seen` is the status the person
    last saw: when somebody else has moved it since, TransitionConflict and nothing changes.
    Done stamps the day; any move clears a RAG set by hand. The move and its note join the
    action's progress history."""
    if seen:
        if seen not in ActionStatus.values:
            raise ValidationError(
                {"status": gettext("Reload the page: the status it showed is not one Heard knows.")}
            )
        action.status = seen
    before = action.status

    def stamp(locked: Action) -> list[str]:
        locked.done_on = timezone.localdate() if str(to) == ActionStatus.DONE else None
        locked.rag_override, locked.rag_reason = "", ""
        return ["done_on", "rag_override", "rag_reason", "updated_at"]

    ACTION.advance(action, str(to), user=user, update=stamp)
    text = f"Status changed from {_status_words(before)} to {_status_words(action.status)}."
    if note.strip():
        text += " " + note.strip()
    ActionUpdate.objects.create(
        action=action, text=text, status=action.status, organisation=user.organisation, by=user
    )
    audit_record(
        actor=user, action=AuditAction.TRANSITION, obj=action, changes={"status": [before, action.status]}
    )
    return action


@transaction.atomic
def action_progress_add(*, user: User, action: Action, text: str) -> ActionUpdate:
    """Report progress on an action, in the reporter's words."""
    require(user, "outcomes.report_action", action)
    update = ActionUpdate(
        action=action, text=text.strip(), status=action.status, organisation=user.organisation, by=user
    )
    update.full_clean()
    update.save()
    Action.objects.filter(pk=action.pk).update(updated_at=timezone.now())
    audit_record(actor=user, action=AuditAction.UPDATE, obj=action, changes={"progress update": update.pk})
    return update


@transaction.atomic
def action_rag_set(*, user: User, action: Action, rag: Rag | str, reason: str = "") -> Action:
    """Set an action's RAG by hand, with a reason; an empty `rag` goes back to the derived one."""
    require(user, "outcomes.report_action", action)
    if rag and rag not in Rag.values:
        raise ValidationError({"rag": gettext("Choose red, amber or green.")})
    if rag and not reason.strip():
        raise ValidationError({"rag_reason": gettext("Say why the RAG is set by hand.")})
    action = Action.objects.select_for_update().get(pk=action.pk)
    before = action.rag_override
    action.rag_override, action.rag_reason = str(rag), reason.strip() if rag else ""
    action.full_clean()
    action.save(update_fields=["rag_override", "rag_reason", "updated_at"])
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=action, changes={"rag": [before, action.rag_override]}
    )
    return action
