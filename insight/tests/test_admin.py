"""The admin for analyses and priorities: it opens for superusers, themes and coded answers are
read-only, and intelligence flags stay with intelligence officers."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from governance.models import AuditEvent
from insight import priorities
from insight.models import IntelligenceFlag, Priority
from organisations.models import Role
from organisations.tests.factories import UserFactory

MODELS = ["analysisrun", "theme", "codedanswer", "intelligenceflag", "priority"]


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def with_every_insight_permission(user):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="insight"))
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def priority(ward, analyst):
    return priorities.priority_create(user=analyst, area=ward, quarter="2026-Q3", label="Speeding", rank=1)


@pytest.mark.parametrize("model", MODELS)
def test_changelists_open_for_a_superuser(run, priority, superuser, model):
    response = admin_client(superuser).get(f"/admin/insight/{model}/")
    assert response.status_code == 200


def test_change_pages_open_and_analysis_data_is_read_only(run, priority, superuser):
    client = admin_client(superuser)
    theme, coded = run.themes.first(), run.coded_answers.first()
    flag = IntelligenceFlag.objects.first()
    for path in (
        f"/admin/insight/analysisrun/{run.pk}/change/",
        f"/admin/insight/theme/{theme.pk}/change/",
        f"/admin/insight/codedanswer/{coded.pk}/change/",
        f"/admin/insight/priority/{priority.pk}/change/",
        "/admin/insight/priority/add/",
    ):
        assert client.get(path).status_code == 200, path
    for model in ("analysisrun", "theme", "codedanswer", "intelligenceflag"):
        assert client.get(f"/admin/insight/{model}/add/").status_code in (302, 403)
    # Flags are need-to-know even for the people who run Heard.
    assert client.get(f"/admin/insight/intelligenceflag/{flag.pk}/change/").status_code != 200
    page = client.get(f"/admin/insight/theme/{theme.pk}/change/").content.decode()
    assert 'name="_save"' not in page and theme.label in page
    before = theme.label
    client.post(f"/admin/insight/theme/{theme.pk}/change/", {"label": "Changed in the admin"})
    theme.refresh_from_db()
    assert theme.label == before
    assert client.post(f"/admin/insight/theme/{theme.pk}/delete/", {"post": "yes"}).status_code == 403


def test_priority_changes_in_the_admin_are_audited(priority, superuser):
    response = admin_client(superuser).post(
        f"/admin/insight/priority/{priority.pk}/change/",
        {
            "area": priority.area_id,
            "quarter": "2026-Q3",
            "label": "Speeding on Cross Street",
            "source": "pact",
            "rank": 2,
            "organisation": priority.organisation_id,
            "created_at_0": "2026-07-01",
            "created_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content
    priority.refresh_from_db()
    assert priority.label == "Speeding on Cross Street" and priority.rank == 2
    assert AuditEvent.objects.for_object(priority).filter(changes__via="admin").exists()


def test_flags_stay_with_intelligence_officers_in_the_admin(run, police, council):
    flag = IntelligenceFlag.objects.get(answer__text__contains="Dave Smith")
    analyst = with_every_insight_permission(UserFactory(organisation=police, roles=[Role.ANALYST]))
    client = admin_client(analyst)
    assert client.get("/admin/insight/intelligenceflag/").status_code == 403
    assert client.get(f"/admin/insight/intelligenceflag/{flag.pk}/change/").status_code in (302, 403)
    assert client.post(f"/admin/insight/intelligenceflag/{flag.pk}/delete/", {"post": "yes"}).status_code in (
        302,
        403,
    )
    assert IntelligenceFlag.objects.filter(pk=flag.pk).exists()
    index = client.get("/admin/").content.decode()
    assert "/admin/insight/theme/" in index and "intelligenceflag" not in index.lower()
    # An intelligence officer of another organisation sees none of this one's flags.
    elsewhere = with_every_insight_permission(
        UserFactory(organisation=council, roles=[Role.INTELLIGENCE_OFFICER])
    )
    listing = admin_client(elsewhere).get("/admin/insight/intelligenceflag/")
    assert listing.status_code == 200 and "0 intelligence flags" in listing.content.decode()
    assert (
        admin_client(elsewhere).get(f"/admin/insight/intelligenceflag/{flag.pk}/change/").status_code == 302
    )
    # The owning organisation's intelligence officer does.
    officer = with_every_insight_permission(
        UserFactory(organisation=police, roles=[Role.INTELLIGENCE_OFFICER])
    )
    page = admin_client(officer).get(f"/admin/insight/intelligenceflag/{flag.pk}/change/")
    assert page.status_code == 200 and "Dave Smith" in page.content.decode()


def test_admin_users_other_than_superusers_see_their_organisation_only(run, priority, council):
    other = with_every_insight_permission(UserFactory(organisation=council, roles=[Role.ANALYST]))
    client = admin_client(other)
    for model, name in (("analysisrun", "analysis runs"), ("theme", "themes"), ("priority", "priorities")):
        body = client.get(f"/admin/insight/{model}/").content.decode()
        assert f"0 {name}" in body, model
    assert Priority.private_objects.count() == 1
