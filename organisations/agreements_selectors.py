"""What the data-sharing agreement pages and API show: the agreements the reader's organisation
is a party to (all of them for a superuser), each with its scopes, signatories and record of
changes in plain words (from the audit log, governance/history.py)."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format

from core.permissions import require
from core.shortcuts import get_visible_or_404
from governance.history import HistoryLine, Vocabulary, history_lines
from governance.models import AuditEvent

from .models import AgreementSignatory, DataSharingAgreement, SharingScope, User

STATES = {"current": "Current and planned", "ended": "Ended", "all": "All"}
SCOPE_LABELS = dict(SharingScope.choices)


def _scope_words(values: Any) -> str:
    return ", ".join(str(SCOPE_LABELS.get(v, v)) for v in values or []) or "nothing"


def _day(value: Any) -> str:
    day = parse_date(str(value)) if value else None
    return date_format(day, "j F Y") if day else "none"


def _say_scopes(found: re.Match[str], change: Any, words: Vocabulary) -> str:
    old, new = change
    return f"Shares changed from {_scope_words(old)} to {_scope_words(new)}"


def _say_signatories(found: re.Match[str], change: Any, words: Vocabulary) -> str:
    old, new = (set(side or []) for side in change)
    parts = [f"signed by {name}" for name in sorted(new - old)]
    parts += [f"signature of {name} removed" for name in sorted(old - new)]
    said = "; ".join(parts)
    return said[:1].upper() + said[1:] if said else "Signatories changed"


def _say_date(found: re.Match[str], change: Any, words: Vocabulary) -> str:
    name = "Start date" if found.group(0) == "starts" else "End date"
    return f"{name} changed from {_day(change[0])} to {_day(change[1])}"


WORDS = Vocabulary(
    fields={
        "title": "title",
        "owner": "sharing organisation",
        "recipient": "receiving organisation",
        "notes": "notes",
    },
    sentences=(
        (re.compile("scopes"), _say_scopes),
        (re.compile("signatories"), _say_signatories),
        (re.compile("starts|ends"), _say_date),
    ),
)


@dataclass(frozen=True)
class AgreementRow:
    agreement: DataSharingAgreement
    scopes: list[str]
    is_active: bool
    has_ended: bool
    can_change: bool


@dataclass(frozen=True)
class AgreementDetail:
    row: AgreementRow
    signatories: list[AgreementSignatory]
    history: list[HistoryLine]


def _base(user: User) -> Any:
    return (
        DataSharingAgreement.objects.visible_to(user)
        .select_related("owner", "recipient")
        .prefetch_related(
            "scopes",
            Prefetch("signatories", queryset=AgreementSignatory.objects.select_related("organisation")),
        )
    )


def _row(user: User, agreement: DataSharingAgreement, today: date) -> AgreementRow:
    ended = agreement.ends is not None and agreement.ends < today
    return AgreementRow(
        agreement=agreement,
        scopes=[str(SCOPE_LABELS[s.scope]) for s in agreement.scopes.all()],
        is_active=agreement.starts <= today and not ended,
        has_ended=ended,
        can_change=user.has_perm("organisations.change_agreement", agreement),
    )


def agreement_rows(*, user: User, state: str = "current") -> list[AgreementRow]:
    require(user, "organisations.view_agreement")
    today = timezone.localdate()
    rows = [_row(user, a, today) for a in _base(user).order_by("owner__name", "recipient__name", "pk")]
    if state == "ended":
        return [r for r in rows if r.has_ended]
    if state == "current":
        return [r for r in rows if not r.has_ended]
    return rows


def agreement_get(*, user: User, pk: Any) -> DataSharingAgreement:
    require(user, "organisations.view_agreement")
    return get_visible_or_404(_base(user), user, pk)


def agreement_detail(*, user: User, agreement: DataSharingAgreement) -> AgreementDetail:
    require(user, "organisations.view_agreement", agreement)
    events = AuditEvent.objects.for_object(agreement).select_related("actor")
    return AgreementDetail(
        row=_row(user, agreement, timezone.localdate()),
        signatories=list(agreement.signatories.all()),
        history=history_lines(events, WORDS),
    )
