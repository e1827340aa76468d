"""Reading sensitive records is recorded — through the page and through the API alike — with
the owning organisation, how much was read, and never the words read."""

import pytest
from django.test import Client
from django.urls import reverse

from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from core.tests.helpers import content
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from insight.models import IntelligenceFlag
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from reach.models import ContactKind
from reach.tests.contacts_helpers import make_contact

WORDS = "Dave Smith of 14 Elm Street M33 7ZA sells drugs from his van"
PLANTED = ["Dave Smith", "Elm Street", "M33 7ZA", "drugs"]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def questionnaire(police):
    return QuestionnaireFactory(activity=ActivityFactory(lead_organisation=police, title="Sale Moor survey"))


@pytest.fixture
def answers(questionnaire):
    question = QuestionFactory(questionnaire=questionnaire)
    return [answer_with_text(question, f"{WORDS} ({n})") for n in range(3)]


def _views(**lookups):
    return list(AuditEvent.objects.filter(action=AuditAction.VIEW, **lookups))


def _assert_no_words():
    for event in AuditEvent.objects.all():
        stored = f"{event.object_repr} {event.changes}"
        assert not [w for w in PLANTED if w in stored], stored


@pytest.mark.parametrize(
    ("url_name", "kwarg", "where"),
    [
        ("consultations:text_answers", "pk", "written answers page"),
        ("api:list_text_answers", "questionnaire_id", "API"),
    ],
)
def test_reading_written_answers_is_one_entry_per_page(
    officer, police, questionnaire, answers, url_name, kwarg, where
):
    response = _client(officer).get(reverse(url_name, kwargs={kwarg: questionnaire.pk}))
    assert response.status_code == 200 and WORDS.encode() in response.content
    [event] = _views()
    assert (event.object_type, event.object_id) == ("consultations.questionnaire", str(questionnaire.pk))
    assert event.owner_organisation_id == event.actor_organisation_id == police.pk
    assert event.changes["where"] == where and event.changes["answers"] == 3
    _assert_no_words()


def test_reading_one_questions_answers_names_the_question(officer, questionnaire, answers):
    question = answers[0].question
    _client(officer).get(
        reverse("consultations:text_answers", kwargs={"pk": questionnaire.pk}), {"question": question.pk}
    )
    assert _views()[0].changes["question"] == question.pk


def test_the_results_page_records_the_answers_it_previews_and_counts_alone_record_nothing(
    officer, questionnaire, answers
):
    client = _client(officer)
    assert (
        client.get(reverse("api:get_results", kwargs={"questionnaire_id": questionnaire.pk})).status_code
        == 200
    )
    assert _views() == []
    client.get(reverse("consultations:results", kwargs={"pk": questionnaire.pk}))
    [event] = _views()
    assert event.changes == {"where": "results page", "answers": 3}


def test_a_partners_reading_belongs_to_both_trails(police, council, questionnaire, answers):
    DataSharingAgreementFactory(owner=police, recipient=council)
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    response = _client(partner).get(
        reverse("api:list_text_answers", kwargs={"questionnaire_id": questionnaire.pk})
    )
    assert response.status_code == 200
    [event] = _views()
    assert (event.actor_organisation_id, event.owner_organisation_id) == (council.pk, police.pk)
    police_admin = UserFactory(organisation=police, roles=[Role.ADMIN])
    assert AuditEvent.objects.visible_to(police_admin).filter(pk=event.pk).exists()


@pytest.mark.parametrize(
    ("url_name", "where"),
    [("insight:flag_list", "intelligence triage page"), ("api:list_intelligence_flags", "API")],
)
def test_reading_intelligence_flags_is_recorded_per_flag(police, answers, url_name, where):
    flags = [IntelligenceFlag.objects.create(answer=a, organisation=police, score=0.9) for a in answers[:2]]
    intel = UserFactory(organisation=police, roles=[Role.INTELLIGENCE_OFFICER])
    response = _client(intel).get(reverse(url_name))
    assert response.status_code == 200 and WORDS.encode() in response.content
    events = _views(object_type="insight.intelligenceflag")
    assert sorted(e.object_id for e in events) == sorted(str(f.pk) for f in flags)
    assert {(e.changes["where"], e.owner_organisation_id) for e in events} == {(where, police.pk)}
    _assert_no_words()


@pytest.mark.parametrize(
    ("url_name", "kwarg"), [("contacts:contact_detail", "pk"), ("api:get_contact", "contact_id")]
)
def test_reading_an_individual_contact_is_recorded_for_the_organisation_holding_it(police, url_name, kwarg):
    person = make_contact(police, kind=ContactKind.PERSON, name="Dave Smith", phone="07700 900123")
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    assert _client(officer).get(reverse(url_name, kwargs={kwarg: person.pk})).status_code == 200
    [event] = _views(object_type="reach.communitycontact")
    assert event.owner_organisation_id == police.pk and "Dave Smith" not in event.object_repr


def test_an_export_belongs_to_the_owner_of_what_was_exported(police, council, questionnaire, answers):
    DataSharingAgreementFactory(owner=police, recipient=council)
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    url = reverse(
        "consultations:results_export",
        kwargs={"pk": questionnaire.pk, "part": "responses", "file_format": "csv"},
    )
    response = _client(partner).get(url)
    assert response.status_code == 200
    content(response)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor_organisation_id, event.owner_organisation_id) == (council.pk, police.pk)
    _assert_no_words()


def test_the_audit_log_shows_the_readings_without_the_words(police, officer, questionnaire, answers):
    _client(officer).get(reverse("consultations:text_answers", kwargs={"pk": questionnaire.pk}))
    admin = UserFactory(organisation=police, roles=[Role.ADMIN])
    body = _client(admin).get(reverse("auditlog:list")).content.decode()
    assert "Read on the written answers page: 3 written answers" in body
    assert questionnaire.title in body
    assert not [w for w in PLANTED if w in body]
