"""Intelligence flags are need-to-know: only intelligence officers of the owning organisation
read them. A superuser, an admin of another organisation, or a superuser who is an intelligence
officer of another organisation reads none of them: not on the pages, in the API, in the Django
admin, or through the shared protective-marking page."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from engagement.tests.factories import ActivityFactory
from insight.models import IntelligenceFlag
from organisations.models import Role
from organisations.tests.factories import UserFactory

SECRET = "Van AB12 CDE parked outside number 9 every Friday night"


@pytest.fixture
def flag(police):
    question = QuestionFactory(
        questionnaire=QuestionnaireFactory(activity=ActivityFactory(lead_organisation=police))
    )
    return IntelligenceFlag.objects.create(
        answer=answer_with_text(question, SECRET), organisation=police, score=0.9
    )


def _client(user):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="insight"))
    client = Client()
    client.force_login(user)
    return client


def _readers_without_need_to_know(police, council):
    return {
        "superuser of no organisation": UserFactory(organisation=None, is_superuser=True, roles=[]),
        "superuser of the organisation": UserFactory(
            organisation=police, is_superuser=True, roles=[Role.ADMIN]
        ),
        "admin of the organisation": UserFactory(organisation=police, roles=[Role.ADMIN]),
        "admin of another organisation": UserFactory(organisation=council, roles=[Role.ADMIN]),
        "superuser officer elsewhere": UserFactory(
            organisation=council, is_superuser=True, roles=[Role.INTELLIGENCE_OFFICER]
        ),
    }


def test_nobody_without_need_to_know_reads_a_flag(flag, police, council):
    for who, user in _readers_without_need_to_know(police, council).items():
        assert not IntelligenceFlag.objects.visible_to(user).exists(), who
        client = _client(user)
        for url in (
            reverse("insight:flag_list"),
            "/api/intelligence-flags",
            "/admin/insight/intelligenceflag/",
            f"/admin/insight/intelligenceflag/{flag.pk}/change/",
            reverse("marking:raise", args=["insight.intelligenceflag", flag.pk]),
        ):
            response = client.get(url)
            assert SECRET.encode() not in response.content, (who, url)
            assert response.status_code < 500 and f"flag {flag.pk}".encode() not in response.content, (
                who,
                url,
            )


def test_the_owning_organisations_intelligence_officer_reads_it(flag, police):
    client = _client(UserFactory(organisation=police, roles=[Role.INTELLIGENCE_OFFICER]))
    assert SECRET.encode() in client.get(reverse("insight:flag_list")).content
    assert client.get("/api/intelligence-flags").json()[0]["marking"] == "official"
    assert SECRET.encode() in client.get(f"/admin/insight/intelligenceflag/{flag.pk}/change/").content
