"""An action as a row of a list, shared by the pages of decisions, actions and activities and by
the API: its words through the reader's TextDoor (the deciding organisation's), its RAG and
whether it is overdue."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from governance.models import Marking
from organisations.models import User
from organisations.privacy import text_door

from .loop_rag import RagView, action_rag
from .models import Action


@dataclass(frozen=True)
class ActionRow:
    pk: int
    title: str
    decision_pk: int
    decision_summary: str
    owner_organisation: str
    owner_organisation_slug: str
    owner_name: str
    due_on: date
    done_on: date | None
    status: str
    status_label: str
    rag: RagView
    sensitive: bool


def action_rows(*, user: User, actions: Iterable[Action], today: date | None = None) -> list[ActionRow]:
    today = today or timezone.localdate()
    rows = []
    for action in actions:
        decision = action.decision
        door = text_door(user, decision.organisation_id)
        rows.append(
            ActionRow(
                pk=action.pk,
                title=door(action.title),
                decision_pk=decision.pk,
                decision_summary=door(decision.summary),
                owner_organisation=action.owner_organisation.name,
                owner_organisation_slug=action.owner_organisation.slug,
                owner_name=action.owner_name,
                due_on=action.due_on,
                done_on=action.done_on,
                status=action.status,
                status_label=action.get_status_display(),
                rag=action_rag(action, today, door),
                sensitive=action.marking == Marking.OFFICIAL_SENSITIVE,
            )
        )
    return rows
