"""The demo's readings: believable entries by several people, loaded once."""

from datetime import date

from django.test import Client
from django.urls import reverse

from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from heard.demo_audit_log import demo_load_audit_log
from heard.demo_consultations import YOUTH_TITLE
from organisations.models import Role
from organisations.tests.factories import UserFactory
from reach.models import ContactKind
from reach.tests.contacts_helpers import make_contact


def test_the_demo_trail_has_readings_by_several_people_and_loads_once(police, council, officer):
    users = {
        "officer": officer,
        "analyst": UserFactory(username="analyst", organisation=police, roles=[Role.ANALYST]),
        "partner": UserFactory(username="partner", organisation=council, roles=[Role.PARTNER_USER]),
        "intel": UserFactory(username="intel", organisation=police, roles=[Role.INTELLIGENCE_OFFICER]),
    }
    questionnaire = QuestionnaireFactory(
        activity=ActivityFactory(lead_organisation=police), title=YOUTH_TITLE
    )
    question = QuestionFactory(questionnaire=questionnaire)
    for n in range(30):
        answer_with_text(question, f"Answer {n}")
    make_contact(police, kind=ContactKind.PERSON, name="Jo Bloggs")
    today = date(2026, 11, 22)
    added = demo_load_audit_log(users=users, today=today)
    assert added > 15 and demo_load_audit_log(users=users, today=today) == 0
    readers = set(AuditEvent.objects.filter(action=AuditAction.VIEW).values_list("actor_label", flat=True))
    assert readers == {"officer", "analyst", "partner"}
    assert all(e.at.date() < today for e in AuditEvent.objects.all())
    client = Client()
    client.force_login(UserFactory(organisation=police, roles=[Role.ADMIN]))
    body = client.get(reverse("auditlog:list")).content.decode()
    assert "Read on the written answers page: 25 written answers" in body and "Jo Bloggs" not in body
