"""A person Heard holds records about, for the retention and subject-request tests: a response
(with its receipt code, e-mail address for updates and a written answer), an update sent to
them, an individual community contact, an intelligence flag on their answer and one passed on
(a police record), an analysis run, and audit entries — all old enough to be past review. And
another organisation's response from the same address, which the police must not reach."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import Response, hash_receipt
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction
from governance.services import audit_record
from insight.models import AnalysisRun, FlagState, IntelligenceFlag
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.models import Feedback, PersonalUpdate
from reach.models import CommunityContact, ContactKind

CODE = "ZQWX-7K3M-9PLT"
EMAIL = "zebedee.reader@example.net"
WORDS = "Zebedee Quiggleworth saw dealing at 9 Larch Close, call him on 07700 900456"
PASSED = "Intelligence passed on about a van, reported by zebedee.reader@example.net"
CONTACT = "Zebedee Quiggleworth"
LONG_AGO = timedelta(days=365 * 7)


@pytest.fixture
def admin(police):
    return UserFactory(username="records-admin", organisation=police, roles=[Role.ADMIN])


@pytest.fixture
def council_admin(council):
    return UserFactory(username="council-admin", organisation=council, roles=[Role.ADMIN])


def _response(organisation, *, code, email, words, when):
    activity = ActivityFactory(lead_organisation=organisation)
    question = QuestionFactory(questionnaire=QuestionnaireFactory(activity=activity, title="Safer estates"))
    answer = answer_with_text(question, words)
    Response.objects.filter(pk=answer.response_id).update(
        receipt_hash=hash_receipt(code), email=email, wants_updates=bool(email), submitted_at=when
    )
    return Response.objects.get(pk=answer.response_id), answer, activity


@pytest.fixture
def held(police, council, admin):
    """Everything held about the person, keyed by type."""
    then = timezone.now() - LONG_AGO
    response, answer, activity = _response(police, code=CODE, email=EMAIL, words=WORDS, when=then)
    feedback = Feedback.objects.create(
        organisation=police, activity=activity, title="We did", statement="We acted", state="published"
    )
    PersonalUpdate.objects.create(
        feedback=feedback, response=response, kind="personal", state="sent", sent_at=then
    )
    contact = CommunityContact.objects.create(
        kind=ContactKind.PERSON,
        name=CONTACT,
        organisation=police,
        email=EMAIL.upper(),
        consent_to_contact=True,
        consent_given_on=then.date(),
        review_on=then.date() + timedelta(days=365),
    )
    run = AnalysisRun.objects.create(organisation=police, state="done", created_at=then)
    flag = IntelligenceFlag.objects.create(answer=answer, organisation=police, score=0.9, created_at=then)
    passed = IntelligenceFlag.objects.create(
        text=PASSED, organisation=police, score=0.9, state=FlagState.PASSED, created_at=then
    )
    audit_record(actor=admin, action=AuditAction.CREATE, obj=response)
    audit_record(actor=admin, action=AuditAction.VIEW, obj=contact, object_repr=contact.audit_label)
    other, _answer, _ = _response(
        council, code="AAAA-BBBB-CCCC", email=EMAIL, words="The council's own copy of Quiggleworth", when=then
    )
    return {
        "response": response,
        "answer": answer,
        "contact": contact,
        "run": run,
        "flag": flag,
        "passed": passed,
        "feedback": feedback,
        "other": other,
    }
