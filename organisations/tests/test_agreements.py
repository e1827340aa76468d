"""Data-sharing agreements managed by the organisations' admins: pages and API, who may do what,
the record of changes, and the scopes driving what a partner organisation sees."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from engagement.tests.factories import ActivityFactory
from insight.models import AnalysisRun
from organisations import agreements as services
from organisations.models import DataSharingAgreement, Role, SharingScope
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory

TODAY = timezone.localdate()


@pytest.fixture
def admin(police):
    return UserFactory(organisation=police, roles=[Role.ADMIN])


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_admin_records_changes_and_ends_an_agreement_on_the_pages(admin, police, council):
    client = _client(admin)
    assert client.get(reverse("agreements:create")).status_code == 200
    made = client.post(
        reverse("agreements:create"),
        {
            "title": "Safer Trafford register",
            "owner": police.pk,
            "recipient": council.pk,
            "scopes": ["activities", "results"],
            "starts": "2025-04-01",
        },
    )
    assert made.status_code == 302
    agreement = DataSharingAgreement.objects.get(title="Safer Trafford register")
    assert set(agreement.scopes.values_list("scope", flat=True)) == {"activities", "results"}
    signed = client.post(
        reverse("agreements:signatory_add", args=[agreement.pk]),
        {
            "name": "Dr Amir Qureshi",
            "role": "Director",
            "organisation": council.pk,
            "signed_on": "2025-03-27",
        },
    )
    assert signed.status_code == 302
    changed = client.post(
        reverse("agreements:edit", args=[agreement.pk]),
        {
            "title": "Safer Trafford register",
            "owner": police.pk,
            "recipient": council.pk,
            "scopes": ["activities", "themes"],
            "starts": "2025-04-01",
        },
    )
    assert changed.status_code == 302
    assert (
        client.post(reverse("agreements:end", args=[agreement.pk]), {"ends": TODAY.isoformat()}).status_code
        == 302
    )
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Dr Amir Qureshi" in page
    assert "Shares changed from Engagement activities, Results in aggregate to" in page
    assert "Signed by Dr Amir Qureshi" in page
    assert "End date changed from none to" in page
    agreement.refresh_from_db()
    assert agreement.ends == TODAY
    assert not DataSharingAgreement.objects.active(TODAY + timedelta(days=1)).filter(pk=agreement.pk).exists()


def test_bad_input_is_told_and_nothing_is_stored(admin, police, council):
    client = _client(admin)
    response = client.post(
        reverse("agreements:create"),
        {"title": "No scopes", "owner": police.pk, "recipient": police.pk, "starts": "2025-04-01"},
    )
    assert response.status_code == 400
    assert "Error: " in response.content.decode()
    assert not DataSharingAgreement.objects.filter(title="No scopes").exists()
    with pytest.raises(ValidationError, match="Choose at least one"):
        services.agreement_create(user=admin, title="x", owner=police, recipient=council, scopes=[])
    with pytest.raises(ValidationError, match="with itself"):
        services.agreement_create(user=admin, title="x", owner=police, recipient=police, scopes=["reach"])


def test_only_admins_of_a_party_manage_and_parties_read(admin, police, council, outsider):
    agreement = DataSharingAgreementFactory(owner=police, recipient=council)
    detail = reverse("agreements:detail", args=[agreement.pk])
    edit = reverse("agreements:edit", args=[agreement.pk])
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    council_admin = UserFactory(organisation=council, roles=[Role.ADMIN])
    stranger_admin = UserFactory(organisation=OrganisationFactory(name="Elsewhere"), roles=[Role.ADMIN])
    assert _client(officer).get(detail).status_code == 200
    assert _client(officer).get(edit).status_code == 403
    assert _client(council_admin).get(edit).status_code == 200
    assert _client(stranger_admin).get(detail).status_code == 404
    assert _client(stranger_admin).get(edit).status_code == 404
    superuser = UserFactory(organisation=None, is_superuser=True, roles=[])
    assert _client(superuser).get(edit).status_code == 200
    with pytest.raises(PermissionDenied):
        services.agreement_create(
            user=stranger_admin, title="x", owner=police, recipient=council, scopes=["activities"]
        )
    with pytest.raises(PermissionDenied):
        services.agreement_end(user=officer, agreement=agreement)


def test_the_api_lists_creates_changes_and_ends(admin, police, outsider):
    council = OrganisationFactory(name="Fire and rescue")  # the outsider is not a party
    client = _client(admin)
    made = client.post(
        "/api/agreements",
        {"title": "Oversight", "owner": police.slug, "recipient": council.slug, "scopes": ["reach"]},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["scopes"] == ["reach"] and body["is_active"]
    changed = client.patch(
        f"/api/agreements/{body['id']}", {"scopes": ["reach", "themes"]}, content_type="application/json"
    )
    assert changed.json()["scopes"] == ["reach", "themes"]
    signed = client.post(
        f"/api/agreements/{body['id']}/signatories",
        {
            "name": "Ruth Adeyemi",
            "role": "Chief executive",
            "organisation": council.slug,
            "signed_on": "2025-03-20",
        },
        content_type="application/json",
    )
    assert signed.status_code == 201 and signed.json()["signatories"][0]["name"] == "Ruth Adeyemi"
    ended = client.post(f"/api/agreements/{body['id']}/end", {}, content_type="application/json")
    assert ended.json()["ends"] == TODAY.isoformat()
    again = client.post(f"/api/agreements/{body['id']}/end", {}, content_type="application/json")
    assert again.status_code == 422 and "already ended" in again.content.decode()
    assert [a["title"] for a in client.get("/api/agreements?state=all").json()] == ["Oversight"]
    assert _client(outsider).get(f"/api/agreements/{body['id']}").status_code == 404
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    refused = _client(officer).patch(
        f"/api/agreements/{body['id']}", {"title": "x"}, content_type="application/json"
    )
    assert refused.status_code == 403


@pytest.fixture
def consultation(police):
    activity = ActivityFactory(lead_organisation=police, title="Sale consultation")
    question = QuestionFactory(questionnaire=QuestionnaireFactory(activity=activity))
    answer_with_text(question, "Speeding cars on Cross Street")
    AnalysisRun.objects.create(
        questionnaire=question.questionnaire, question=question, organisation=police, state="done"
    )
    return question.questionnaire


@pytest.mark.parametrize(
    ("scope", "perm"),
    [
        (SharingScope.RESULTS, "consultations.view_results"),
        (SharingScope.ANSWERS, "consultations.view_answers"),
        (SharingScope.REACH, "reach.view_activity_reach"),
    ],
)
def test_scopes_drive_what_the_recipient_sees(consultation, police, council, scope, perm):
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    obj = consultation.activity if perm.startswith("reach") else consultation
    others = [s for s in SharingScope.values if s != scope]
    agreement = DataSharingAgreementFactory(owner=police, recipient=council, scopes=others)
    assert partner.has_perm("engagement.view_activity", consultation.activity)
    assert not partner.has_perm(perm, obj)
    services.agreement_update(
        user=UserFactory(organisation=police, roles=[Role.ADMIN]),
        agreement=agreement,
        scopes=SharingScope.values,
    )
    partner = type(partner).objects.get(pk=partner.pk)
    assert partner.has_perm(perm, obj)


def test_themes_are_shared_only_under_a_themes_scope(consultation, police, council):
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    agreement = DataSharingAgreementFactory(
        owner=police, recipient=council, scopes=[SharingScope.ACTIVITIES, SharingScope.RESULTS]
    )
    assert not AnalysisRun.objects.visible_to(partner).exists()
    run = AnalysisRun.objects.get()
    assert _client(partner).get(reverse("insight:run_detail", args=[run.pk])).status_code in (403, 404)
    agreement.scopes.create(scope=SharingScope.THEMES)
    assert AnalysisRun.objects.visible_to(partner).exists()
    assert _client(partner).get(reverse("insight:run_detail", args=[run.pk])).status_code == 200


def test_a_named_partner_of_the_activity_sees_everything_without_an_agreement(consultation, council):
    consultation.activity.partners.add(council)
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    assert partner.has_perm("consultations.view_answers", consultation)
    assert AnalysisRun.objects.visible_to(partner).exists()


def test_an_agreement_signatory_signs_for_a_party(admin, police, council):
    agreement = DataSharingAgreementFactory(owner=police, recipient=council)
    signatory = services.Signatory(
        name="Someone",
        role="Chief",
        organisation=OrganisationFactory(name="Third"),
        signed_on=date(2025, 1, 1),
    )
    with pytest.raises(ValidationError, match="one of the two organisations"):
        services.agreement_signatory_add(user=admin, agreement=agreement, signatory=signatory)
