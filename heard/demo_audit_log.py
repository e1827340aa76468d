"""The demo's audit trail of readings: the changes the demo makes are already in the audit log
(every service records them); this adds the readings of the past six weeks that a working
force would have — the officer and the analyst reading the youth consultation's written
answers, the analyst exporting them, the council's partner reading them redacted under the
data-sharing agreement, the officer looking up individual community contacts, the
intelligence officer working the triage queue — so that the audit log page shows who saw what.

Entries are dated in the past, so they are written as rows here rather than through the
selectors (which record the moment of reading); they have the same shape (governance/viewing.py).
Loading again adds nothing: the officer's readings mark the trail as loaded."""

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from consultations.models import Answer, Questionnaire
from governance.models import AuditAction, AuditEvent
from heard.demo_consultations import YOUTH_TITLE
from insight.models import IntelligenceFlag
from organisations.models import User
from reach.models import CommunityContact, ContactKind

DAYS = 42


def _moment(today: date, rng: random.Random) -> datetime:
    day = today - timedelta(days=rng.randint(1, DAYS))
    at = time(hour=rng.randint(8, 17), minute=rng.randint(0, 59))
    return timezone.make_aware(datetime.combine(day, at))


def _event(user: User | None, owner: int, obj: Any, at: datetime, action: str, **changes: Any) -> AuditEvent:
    return AuditEvent(
        at=at,
        actor=user,
        actor_label=user.username if user else "system",
        actor_organisation_id=user.organisation_id if user else None,
        owner_organisation_id=owner,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300] if not isinstance(obj, CommunityContact) else obj.audit_label,
        changes=changes,
    )


def _answer_readings(
    users: dict[str, User], questionnaire: Questionnaire, today: date, rng: random.Random
) -> list[AuditEvent]:
    owner = questionnaire.activity.lead_organisation_id
    written = Answer.objects.filter(response__questionnaire=questionnaire, question__kind="text").count()
    if not written:
        return []
    page = min(written, 25)
    events = []
    for name, where, times in (
        ("officer", "written answers page", 4),
        ("officer", "results page", 3),
        ("analyst", "written answers page", 5),
        ("analyst", "API", 2),
        ("partner", "written answers page", 2),
    ):
        for _ in range(times):
            shown = min(5, written) if where == "results page" else page
            events.append(
                _event(
                    users[name],
                    owner,
                    questionnaire,
                    _moment(today, rng),
                    AuditAction.VIEW,
                    where=where,
                    answers=shown,
                )
            )
    events.append(
        _event(
            users["analyst"],
            owner,
            questionnaire,
            _moment(today, rng),
            AuditAction.EXPORT,
            format="xlsx",
            part="responses",
            rows=written,
        )
    )
    return events


def demo_load_audit_log(*, users: dict[str, User], today: date) -> int:
    """Add the readings (once); returns how many entries were added."""
    officer = users["officer"]
    if AuditEvent.objects.filter(actor=officer, action=AuditAction.VIEW).exists():
        return 0
    rng = random.Random(1105)  # noqa: S311 - demo data, not security
    events: list[AuditEvent] = []
    questionnaire = Questionnaire.private_objects.filter(title=YOUTH_TITLE).select_related("activity").first()
    if questionnaire is not None:
        events += _answer_readings(users, questionnaire, today, rng)
    for contact in CommunityContact.objects.filter(kind=ContactKind.PERSON).order_by("pk")[:4]:
        reader = officer if contact.organisation_id == officer.organisation_id else users["partner"]
        if reader.organisation_id == contact.organisation_id:
            for _ in range(rng.randint(1, 3)):
                events.append(
                    _event(
                        reader,
                        contact.organisation_id,
                        contact,
                        _moment(today, rng),
                        AuditAction.VIEW,
                        where="contact page",
                    )
                )
    intel = users["intel"]
    for flag in IntelligenceFlag.objects.filter(organisation=intel.organisation)[:6]:
        events.append(
            _event(
                intel,
                flag.organisation_id,
                flag,
                _moment(today, rng),
                AuditAction.VIEW,
                where="intelligence triage page",
            )
        )
    AuditEvent.objects.bulk_create(events)
    return len(events)
