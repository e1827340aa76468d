"""The demo's retention review and information requests: two individual community contacts
whose consent was given three years ago, an old analysis across activities and an intelligence
flag passed on seven years ago — all past their review date — and two requests from residents:
a copy asked for 26 days ago (due soon), by the address a resident gave for updates, and an
erasure asked for this week. Loading again adds nothing."""

from datetime import date, timedelta

from django.utils import timezone

from consultations.models import Response
from governance.records import person_for
from governance.retention_settings import add_months
from governance.subject_models import IdentifierKind, RequestKind, SubjectRequest
from insight.models import AnalysisRun, FlagState, IntelligenceFlag, RunState
from organisations.models import Organisation, User
from reach.models import CommunityContact, ContactKind

OLD_CONTACTS = [
    ("Margaret Hale", "m.hale@example.org", "Former chair, Broadheath tenants' association"),
    ("Desmond Price", "d.price@example.org", "Volunteer, Altrincham street pastors"),
]


def _owner(admin: User) -> Organisation:
    if admin.organisation is None:
        raise ValueError("The demo's admin belongs to an organisation.")
    return admin.organisation


def _past_review(admin: User, today: date) -> None:
    owner = _owner(admin)
    agreed = add_months(today, -36)
    for name, email, role in OLD_CONTACTS:
        CommunityContact.objects.create(
            kind=ContactKind.PERSON,
            name=name,
            role=role,
            email=email,
            organisation=owner,
            consent_to_contact=True,
            consent_given_on=agreed,
            review_on=agreed + timedelta(days=365),
            added_by=admin,
        )
    long_ago = timezone.now() - timedelta(days=365 * 4)
    AnalysisRun.objects.create(
        organisation=owner,
        state=RunState.DONE,
        progress=100,
        created_at=long_ago,
        finished_at=long_ago,
        filters={"from": str(long_ago.date() - timedelta(days=90)), "to": str(long_ago.date())},
    )
    IntelligenceFlag.objects.create(
        organisation=owner,
        text="Cars racing on the bypass late at night, most weekends",
        state=FlagState.PASSED,
        reference="LIU/2019/0412",
        score=0.7,
        created_at=timezone.now() - timedelta(days=365 * 7),
    )


def _request(admin: User, kind: str, by: str, given: str, received: date, note: str) -> None:
    person = person_for(by, given)
    hint = person.value if by == IdentifierKind.EMAIL else f"the receipt code ending {given[-4:]}"
    SubjectRequest.objects.create(
        kind=kind,
        identifier_kind=by,
        identifier=person.value,
        identifier_hint=hint,
        organisation_id=_owner(admin).pk,
        received_on=received,
        due_on=add_months(received, 1),
        note=note,
        opened_by=admin,
        handled_by=admin,
    )


def demo_load_retention(*, admin: User, today: date) -> int:
    if SubjectRequest.objects.exists():
        return 0
    _past_review(admin, today)
    asked = (
        Response.objects.filter(
            wants_updates=True, questionnaire__activity__lead_organisation=admin.organisation_id
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .first()
    )
    _request(
        admin,
        RequestKind.ACCESS,
        IdentifierKind.EMAIL,
        asked or "resident@example.org",
        today - timedelta(days=26),
        "By letter to the force's data protection office; identity checked against a utility bill.",
    )
    _request(
        admin,
        RequestKind.ERASURE,
        IdentifierKind.EMAIL,
        OLD_CONTACTS[0][1],
        today - timedelta(days=3),
        "Phoned the neighbourhood team: no longer wants to be on the contacts register.",
    )
    return 2
