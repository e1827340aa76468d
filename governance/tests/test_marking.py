"""Protective marking on the records that carry what people said or what the police know:
inherited from the source, raisable, never below the source, and OFFICIAL-SENSITIVE records stay
with their own organisation whatever their activity's marking."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.models import Answer, Questionnaire, Response
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from engagement.tests.factories import ActivityFactory
from governance.marking import SENSITIVE, strictest
from governance.models import AuditEvent, Marking
from insight.models import AnalysisRun, IntelligenceFlag, Priority, Theme
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from places.tests.factories import AreaFactory
from reach.models import CommunityContact, ContactKind

OFFICIAL = Marking.OFFICIAL


@pytest.fixture
def scene(police, council):
    """A police consultation shared with the council, with one record of every marked kind."""
    DataSharingAgreementFactory(owner=police, recipient=council)
    activity = ActivityFactory(lead_organisation=police, title="Town centre consultation")
    question = QuestionFactory(questionnaire=QuestionnaireFactory(activity=activity))
    answer = answer_with_text(question, "Speeding on the high street")
    run = AnalysisRun.objects.create(
        questionnaire=question.questionnaire, question=question, organisation=police, state="done"
    )
    theme = Theme.objects.create(run=run, label="Speeding", size=1)
    ward = AreaFactory()
    priority = Priority.private_objects.create(
        area=ward,
        quarter="2026-Q3",
        label="Speeding",
        rank=1,
        is_public=True,
        organisation=police,
        theme=theme,
    )
    flag = IntelligenceFlag.objects.create(answer=answer, run=run, organisation=police, score=0.9)
    today = timezone.localdate()
    contact = CommunityContact.objects.create(
        kind=ContactKind.GROUP,
        name="High Street Traders",
        organisation=police,
        consent_to_contact=True,
        consent_to_share=True,
        consent_given_on=today - timedelta(days=10),
        review_on=today + timedelta(days=300),
        email="traders@example.org",
        met_at=activity,
    )
    return {
        "activity": activity,
        "questionnaire": question.questionnaire,
        "response": answer.response,
        "answer": answer,
        "run": run,
        "theme": theme,
        "priority": priority,
        "flag": flag,
        "contact": contact,
    }


MARKED = ["questionnaire", "response", "run", "theme", "priority", "flag", "contact"]


def _fresh(record):
    return type(record)._base_manager.get(pk=record.pk)


def test_strictest_is_the_higher_marking():
    assert strictest() == OFFICIAL
    assert strictest(OFFICIAL, SENSITIVE, OFFICIAL) == SENSITIVE


def test_records_inherit_their_source_marking(police):
    activity = ActivityFactory(lead_organisation=police, marking=SENSITIVE)
    questionnaire = QuestionnaireFactory(activity=activity)
    answer = answer_with_text(QuestionFactory(questionnaire=questionnaire), "words")
    run = AnalysisRun.objects.create(questionnaire=questionnaire, organisation=police)
    theme = Theme.objects.create(run=run, label="A theme")
    assert {questionnaire.marking, answer.response.marking, run.marking, theme.marking} == {SENSITIVE}


def test_a_marking_is_never_below_its_source(police):
    questionnaire = QuestionnaireFactory(
        activity=ActivityFactory(lead_organisation=police, marking=SENSITIVE)
    )
    questionnaire.marking = OFFICIAL
    with pytest.raises(ValidationError) as refused:
        questionnaire.full_clean()
    assert "nothing is marked lower than the record it comes from" in str(refused.value)


def test_raising_an_activity_raises_everything_that_comes_from_it(scene):
    activity = scene["activity"]
    activity.marking = SENSITIVE
    activity.save()
    assert {_fresh(scene[name]).marking for name in MARKED} == {SENSITIVE}


def test_raising_a_questionnaire_leaves_its_activity_alone(scene):
    questionnaire = scene["questionnaire"]
    questionnaire.marking = SENSITIVE
    questionnaire.save()
    assert _fresh(scene["activity"]).marking == OFFICIAL
    assert {_fresh(scene[n]).marking for n in ["response", "run", "theme", "priority", "flag"]} == {SENSITIVE}
    assert _fresh(scene["contact"]).marking == OFFICIAL


def _partner(council):
    return UserFactory(organisation=council, roles=[Role.PARTNER_USER])


def test_partners_do_not_read_sensitive_records_of_a_shared_activity(scene, council, officer):
    partner = _partner(council)
    readers = {
        "questionnaire": lambda u: Questionnaire.private_objects.visible_to(u),
        "response": lambda u: Response.objects.visible_to(u),
        "answer": lambda u: Answer.objects.visible_to(u),
        "run": lambda u: AnalysisRun.objects.visible_to(u),
        "theme": lambda u: Theme.objects.visible_to(u),
        "contact": lambda u: CommunityContact.objects.visible_to(u),
    }
    for name, read in readers.items():
        assert read(partner).filter(pk=scene[name].pk).exists(), name
    for name in ["questionnaire", "response", "run", "theme", "contact"]:
        type(scene[name])._base_manager.filter(pk=scene[name].pk).update(marking=SENSITIVE)
    for name, read in readers.items():
        assert not read(partner).filter(pk=scene[name].pk).exists(), name
        assert read(officer).filter(pk=scene[name].pk).exists(), name


def test_the_public_never_sees_a_sensitive_questionnaire_or_priority(scene):
    activity = scene["activity"]
    activity.is_published, activity.status = True, "open"
    activity.save()
    assert Questionnaire.public_objects.filter(pk=scene["questionnaire"].pk).exists()
    assert Priority.public_objects.filter(pk=scene["priority"].pk).exists()
    Questionnaire.private_objects.filter(pk=scene["questionnaire"].pk).update(marking=SENSITIVE)
    Priority.private_objects.filter(pk=scene["priority"].pk).update(marking=SENSITIVE)
    assert not Questionnaire.public_objects.filter(pk=scene["questionnaire"].pk).exists()
    assert not Priority.public_objects.filter(pk=scene["priority"].pk).exists()


def _raise_url(record):
    return reverse("marking:raise", args=[record._meta.label_lower, record.pk])


def test_an_owner_raises_a_marking_from_the_record_page(scene, officer):
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("consultations:questionnaire_detail", args=[scene["questionnaire"].pk]))
    assert _raise_url(scene["questionnaire"]) in page.content.decode()
    assert client.get(_raise_url(scene["questionnaire"])).status_code == 200
    done = client.post(_raise_url(scene["questionnaire"]))
    assert done.status_code == 302
    assert _fresh(scene["questionnaire"]).marking == SENSITIVE
    assert _fresh(scene["theme"]).marking == SENSITIVE
    event = AuditEvent.objects.for_object(scene["questionnaire"]).get()
    assert event.changes["marking"] == [OFFICIAL, SENSITIVE]
    assert event.changes["records_raised_with_it"] == 5  # response, run, theme, priority, flag
    page = client.get(reverse("consultations:questionnaire_detail", args=[scene["questionnaire"].pk]))
    assert "OFFICIAL-SENSITIVE" in page.content.decode()
    assert _raise_url(scene["questionnaire"]) not in page.content.decode()


def test_only_the_owning_organisation_raises_a_marking(scene, police, council):
    client = Client()
    client.force_login(_partner(council))
    assert client.post(_raise_url(scene["questionnaire"])).status_code == 403  # reads it, may not raise it
    assert client.post(_raise_url(scene["priority"])).status_code == 404  # does not read it
    client.force_login(UserFactory(organisation=police, roles=[Role.AUTHORITY_MEMBER]))
    assert client.post(_raise_url(scene["questionnaire"])).status_code == 403
    client.force_login(UserFactory(organisation=police, roles=[Role.ANALYST]))
    assert client.post(_raise_url(scene["flag"])).status_code == 404  # need-to-know
    assert _fresh(scene["questionnaire"]).marking == OFFICIAL
    client.force_login(UserFactory(organisation=police, roles=[Role.INTELLIGENCE_OFFICER]))
    assert client.post(_raise_url(scene["flag"])).status_code == 302
    assert _fresh(scene["flag"]).marking == SENSITIVE
    assert client.post(reverse("marking:raise", args=["auth.user", 1])).status_code == 404


def test_a_record_written_through_a_service_inherits_without_complaint(police):
    """full_clean() on a new record below its source raises it (inherits) rather than refusing."""
    activity = ActivityFactory(lead_organisation=police, marking=SENSITIVE)
    contact = CommunityContact(
        kind=ContactKind.GROUP,
        name="Residents' association",
        organisation=police,
        consent_to_contact=True,
        consent_given_on=timezone.localdate() - timedelta(days=1),
        review_on=timezone.localdate() + timedelta(days=300),
        email="ra@example.org",
        met_at=activity,
    )
    contact.full_clean()
    assert contact.marking == SENSITIVE
    contact.save()
    stored = CommunityContact.objects.get(pk=contact.pk)
    stored.marking = OFFICIAL
    with pytest.raises(ValidationError):
        stored.full_clean()


def test_a_sensitive_theme_of_a_shared_analysis_stays_home(scene, council, officer):
    from insight import selectors as insight_selectors

    Theme.objects.create(run=scene["run"], label="SENSITIVE-THEME", marking=SENSITIVE, size=1)
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    for user, sees in ((partner, False), (officer, True)):
        view = insight_selectors.run_view(user=user, run=scene["run"])
        assert ("SENSITIVE-THEME" in [t.label for t in view.themes]) is sees
        sheet = insight_selectors.run_export(user=user, run=scene["run"], part="themes")
        assert ("SENSITIVE-THEME" in str(sheet.rows)) is sees


def test_the_api_shows_and_raises_a_marking(scene, officer, council):
    client = Client()
    client.force_login(officer)
    questionnaire = scene["questionnaire"]
    assert client.get(f"/api/questionnaires/{questionnaire.pk}").json()["marking"] == OFFICIAL
    url = f"/api/marking/consultations.questionnaire/{questionnaire.pk}/raise"
    raised = client.post(url, content_type="application/json")
    assert raised.status_code == 200, raised.content
    assert raised.json() == {
        "kind": "consultations.questionnaire",
        "id": questionnaire.pk,
        "marking": SENSITIVE,
        "raised_with_it": 5,
    }
    assert client.get(f"/api/questionnaires/{questionnaire.pk}").json()["marking"] == SENSITIVE
    client.force_login(_partner(council))
    assert client.get(f"/api/questionnaires/{questionnaire.pk}").status_code == 404
    assert client.post(url, content_type="application/json").status_code == 404
