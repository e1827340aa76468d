"""One response's staff page and API operation: who may read it (as the written answers: the
leading organisation as written, partners and agreements sharing written answers redacted,
agreements without them 403, other organisations 404, the public sent to sign in), every
reading in the audit log, never its equality answers, the responses before and after it, and
gone once withdrawn."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.answers import clean_answers
from consultations.services import response_submit, response_withdraw
from governance.marking_services import marking_raise
from governance.models import AuditAction, AuditEvent
from organisations.models import Role, SharingScope
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from places.census import ETHNICITY_DETAIL

PLANTED = "Ask John Smith at 14 Acacia Avenue, M33 5AB, on 07700 900123 about the dealing"
PERSONAL = ("John Smith", "Acacia", "M33 5AB", "07700 900123")
ETHNICITY = next(c for c in ETHNICITY_DETAIL if c.endswith(": Indian"))


def _submit(questionnaire, days_ago, **by_position):
    questions = list(questionnaire.questions.prefetch_related("choices"))
    raw = {}
    for position, value in by_position.items():
        question = questions[int(position[1:])]
        labels = {c.label: str(c.pk) for c in question.choices.all()}
        raw[question.pk] = [labels.get(v, v) for v in (value if isinstance(value, list) else [value])]
    cleaned = clean_answers(questionnaire, raw)
    assert cleaned.is_valid, cleaned.errors
    return response_submit(
        questionnaire=questionnaire,
        cleaned=cleaned,
        equality={"ethnicity": ETHNICITY},
        submitted_at=timezone.now() - timedelta(days=days_ago),
    )


@pytest.fixture
def three(consultation):
    """Three responses, oldest first; the middle one names a person and ranks priorities."""
    first, _ = _submit(consultation, 3, q0="Yes")
    middle, code = _submit(
        consultation, 2, q0="No", q1=PLANTED, q2=["Speeding", "ASB"], q4=["Litter", "Drugs"], q5="M33 5AB"
    )
    last, _ = _submit(consultation, 1, q0="Don't know")
    return first, middle, last, code


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _page(response):
    return reverse("consultations:response_detail", kwargs={"pk": response.pk})


def _api(response):
    return f"/api/responses/{response.pk}"


def _views(response):
    return AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="consultations.response", object_id=str(response.pk)
    )


def test_the_leading_organisation_reads_it_as_written_and_the_reading_is_audited(three, officer):
    first, middle, last, _ = three
    page = _client(officer).get(_page(middle))
    assert page.status_code == 200
    body = page.content.decode()
    assert f"Response {middle.pk}" in body and "Online" in body and "Ashton upon Mersey" in body
    assert all(value in body for value in PERSONAL)
    assert body.index("Litter") < body.index("Drugs")  # ranking in order of preference
    assert "2 of 3 responses" in body
    assert _page(first) in body and _page(last) in body  # received before and after
    assert ETHNICITY not in body and "Indian" not in body  # equality answers: totals only
    assert f"/staff/marking/consultations.response/{middle.pk}/raise/" in body
    event = _views(middle).get()
    assert event.actor == officer and event.changes["where"] == "response page"
    assert event.changes["redacted"] is False and PLANTED not in str(event.changes)

    api = _client(officer).get(_api(middle)).json()
    assert api["previous"] == first.pk and api["next"] == last.pk and api["redacted"] is False
    assert [a["values"] for a in api["answers"]][1] == [PLANTED]
    assert "equality" not in api
    assert _views(middle).filter(changes__where="API").count() == 1


def test_an_authority_member_of_the_leading_organisation_reads_it_as_written(three, police):
    member = UserFactory(organisation=police, roles=[Role.AUTHORITY_MEMBER])
    body = _client(member).get(_page(three[1])).content.decode()
    assert all(value in body for value in PERSONAL)


@pytest.mark.parametrize("how", ["partner of the activity", "agreement sharing written answers"])
def test_partners_read_it_redacted(three, police, council, how):
    middle = three[1]
    if how == "partner of the activity":
        middle.questionnaire.activity.partners.add(council)
    else:
        DataSharingAgreementFactory(owner=police, recipient=council)
    partner = UserFactory(organisation=council, roles=[Role.PARTNER_USER])
    page = _client(partner).get(_page(middle))
    assert page.status_code == 200
    body = page.content.decode()
    assert "[NAME]" in body and not any(value in body for value in PERSONAL)
    assert "/raise/" not in body  # only its own organisation raises its marking
    api = _client(partner).get(_api(middle)).json()
    assert api["redacted"] is True and "[NAME]" in api["answers"][1]["values"][0]
    assert not any(value in str(api) for value in PERSONAL)
    assert _views(middle).filter(actor=partner, changes__redacted=True).count() == 2


def test_an_agreement_without_written_answers_is_refused(three, police, council):
    DataSharingAgreementFactory(
        owner=police, recipient=council, scopes=[SharingScope.ACTIVITIES, SharingScope.RESULTS]
    )
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    assert _client(partner).get(_page(three[1])).status_code == 403
    assert _client(partner).get(_api(three[1])).status_code == 403
    assert not _views(three[1]).exists()


def test_other_organisations_and_the_public_do_not_reach_it(three, outsider):
    middle = three[1]
    assert _client(outsider).get(_page(middle)).status_code == 404
    assert _client(outsider).get(_api(middle)).status_code == 404
    anonymous = _client().get(_page(middle))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert _client().get(_api(middle)).status_code == 401
    assert not _views(middle).exists()


def test_an_official_sensitive_response_stays_in_its_organisation(three, officer, police, council):
    middle = three[1]
    DataSharingAgreementFactory(owner=police, recipient=council)
    marking_raise(user=officer, key="consultations.response", pk=middle.pk)
    partner = UserFactory(organisation=council, roles=[Role.PARTNER_USER])
    assert _client(partner).get(_page(middle)).status_code == 404
    assert _client(partner).get(_page(three[0])).content.decode().count(_page(middle)) == 0
    assert "OFFICIAL-SENSITIVE" in _client(officer).get(_page(middle)).content.decode()


def test_a_withdrawn_response_is_gone(three, officer):
    middle, code = three[1], three[3]
    assert response_withdraw(receipt_code=code)
    assert _client(officer).get(_page(middle)).status_code == 404
    assert _client(officer).get(_api(middle)).status_code == 404
    assert _page(middle) not in _client(officer).get(_page(three[0])).content.decode()


def test_the_written_answers_and_the_results_link_to_each_response(three, officer):
    middle = three[1]
    client = _client(officer)
    answers = client.get(reverse("consultations:text_answers", kwargs={"pk": middle.questionnaire_id}))
    results = client.get(reverse("consultations:results", kwargs={"pk": middle.questionnaire_id}))
    assert _page(middle) in answers.content.decode() and _page(middle) in results.content.decode()
    listed = client.get(f"/api/questionnaires/{middle.questionnaire_id}/answers").json()
    assert listed["items"][0]["response"] == middle.pk
