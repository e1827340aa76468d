"""The annual engagement plan: activities of the register planned for a year, agreed by the
partnership under a row lock, changes after agreement recorded, and its exports."""

import io
from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from core.lifecycle import TransitionConflict
from core.tests.helpers import content
from engagement.tests.factories import ActivityFactory
from governance.models import AuditEvent, Marking
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes import measures_plan_selectors as selectors
from outcomes import measures_plan_services as services
from outcomes.models import AnnualPlan, AnnualPlanChange, AnnualPlanItem

from .measures_fixtures import *  # noqa: F403 - the fixtures
from .measures_fixtures import client_for


def on(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 18, 0))


@pytest.fixture
def plan(officer, partnership):
    return services.annual_plan_create(
        user=officer, partnership=partnership, year=2026, introduction="Our plan"
    )


@pytest.fixture
def pact(police, ward):
    return ActivityFactory(
        lead_organisation=police, title="PACT meeting: Altrincham", starts_at=on(2026, 6, 3), areas=[ward]
    )


def test_a_plan_per_partnership_and_year(officer, partnership, plan):
    assert plan.year_label == "2026/27" and plan.state == "draft"
    with pytest.raises(ValidationError) as caught:
        services.annual_plan_create(user=officer, partnership=partnership, year=2026)
    assert "already has a plan for 2026/27" in str(caught.value)


def test_activities_come_from_the_register_the_user_sees_within_the_year(
    officer, partner, plan, pact, council
):
    services.annual_plan_add_activity(user=officer, plan=plan, activity=pact, note="Quarterly PACT")
    late = ActivityFactory(
        lead_organisation=officer.organisation, title="Next year", starts_at=on(2027, 4, 2)
    )
    with pytest.raises(ValidationError) as caught:
        services.annual_plan_add_activity(user=officer, plan=plan, activity=late)
    assert "starts on 2 April 2027, outside April 2026 to March 2027" in str(caught.value)
    with pytest.raises(ValidationError):
        services.annual_plan_add_activity(user=officer, plan=plan, activity=pact)
    unshared = ActivityFactory(lead_organisation=council, title="Council only", starts_at=on(2026, 9, 1))
    with pytest.raises(ValidationError) as caught:
        services.annual_plan_add_activity(user=officer, plan=plan, activity=unshared)
    assert "Choose an activity from the register" in str(caught.value)
    assert list(selectors.addable_activities(user=officer, plan=plan)) == []


def test_a_partner_sees_the_plan_but_not_the_activities_not_shared_with_them(
    officer, partner, plan, pact, police
):
    sensitive = ActivityFactory(
        lead_organisation=police,
        title="SENSITIVE-REVIEW",
        starts_at=on(2026, 7, 1),
        marking=Marking.OFFICIAL_SENSITIVE,
    )
    services.annual_plan_add_activity(user=officer, plan=plan, activity=pact)
    services.annual_plan_add_activity(user=officer, plan=plan, activity=sensitive)
    own = selectors.annual_plan_view(user=officer, plan=plan)
    assert [i.activity.title for i in own.items] == [
        "PACT meeting: Altrincham",
        "SENSITIVE-REVIEW",
    ] and own.hidden == 0
    theirs = selectors.annual_plan_view(user=partner, plan=plan)
    assert theirs.hidden == 2 and theirs.items == []
    page = client_for(partner).get(reverse("measures:plan_detail", kwargs={"pk": plan.pk}))
    assert page.status_code == 200 and b"SENSITIVE-REVIEW" not in page.content
    assert b"2 activities of other organisations" in page.content
    pdf = content(
        client_for(partner).get(reverse("measures:plan_export", kwargs={"pk": plan.pk, "file_format": "pdf"}))
    )
    assert "SENSITIVE-REVIEW" not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_agreeing_records_who_when_and_where(officer, plan, pact):
    with pytest.raises(ValidationError) as caught:
        services.annual_plan_agree(user=officer, plan=plan, agreed_where="Board, 12 March 2026")
    assert "Add the activities" in str(caught.value)
    services.annual_plan_add_activity(user=officer, plan=plan, activity=pact)
    services.annual_plan_agree(
        user=officer, plan=plan, agreed_where="Partnership board, 12 March 2026", seen="draft"
    )
    plan.refresh_from_db()
    assert plan.state == "agreed" and plan.agreed_by == officer and plan.agreed_at is not None
    assert (
        plan.agreed_by_name == officer.display_name()
        and plan.agreed_where == "Partnership board, 12 March 2026"
    )
    assert AuditEvent.objects.for_object(plan).filter(action="transition").exists()


def test_agreeing_twice_is_a_conflict(officer, partner, plan, pact):
    services.annual_plan_add_activity(user=officer, plan=plan, activity=pact)
    stale = AnnualPlan.objects.get(pk=plan.pk)
    services.annual_plan_agree(user=officer, plan=plan, agreed_where="Board", seen="draft")
    with pytest.raises(TransitionConflict) as caught:
        services.annual_plan_agree(user=partner, plan=stale, agreed_where="Elsewhere", seen="draft")
    assert "it is now agreed" in caught.value.message
    assert AnnualPlan.objects.get().agreed_where == "Board"
    response = client_for(partner).post(
        reverse("measures:plan_agree", kwargs={"pk": plan.pk}),
        {"agreed_where": "Again", "seen": "draft"},
        follow=True,
    )
    assert b"Somebody else changed this plan" in response.content


def test_analysts_and_outsiders_cannot_agree(police, stranger, plan, pact, officer):
    services.annual_plan_add_activity(user=officer, plan=plan, activity=pact)
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    with pytest.raises(PermissionDenied):
        services.annual_plan_agree(user=analyst, plan=plan, agreed_where="Board")
    assert (
        client_for(stranger)
        .post(reverse("measures:plan_agree", kwargs={"pk": plan.pk}), {"agreed_where": "Board"})
        .status_code
        == 404
    )
    assert AnnualPlan.objects.get().state == "draft"


def test_changes_after_agreement_need_a_reason_and_are_kept(officer, plan, pact, police):
    services.annual_plan_add_activity(user=officer, plan=plan, activity=pact)
    services.annual_plan_agree(user=officer, plan=plan, agreed_where="Board")
    extra = ActivityFactory(lead_organisation=police, title="Youth voice session", starts_at=on(2026, 10, 1))
    with pytest.raises(ValidationError) as caught:
        services.annual_plan_add_activity(user=officer, plan=plan, activity=extra)
    assert "say why it is changing" in str(caught.value)
    assert AnnualPlanItem.objects.count() == 1
    services.annual_plan_add_activity(
        user=officer, plan=plan, activity=extra, reason="Asked for by the youth network"
    )
    item = AnnualPlanItem.objects.get(activity=pact)
    services.annual_plan_remove_activity(
        user=officer, plan=plan, item=item, reason="Merged with the ward surgery"
    )
    changes = selectors.annual_plan_view(user=officer, plan=plan).changes
    assert [(c.kind, c.activity, c.reason) for c in changes] == [
        ("Activity removed", "PACT meeting: Altrincham", "Merged with the ward surgery"),
        ("Activity added", "Youth voice session", "Asked for by the youth network"),
    ]
    assert AnnualPlanChange.objects.count() == 2


def test_the_plan_pages(officer, plan, pact):
    client = client_for(officer)
    url = reverse("measures:plan_detail", kwargs={"pk": plan.pk})
    page = client.get(url)
    assert page.status_code == 200 and b"PACT meeting: Altrincham" in page.content  # offered to add
    assert client.post(url, {"activity": "999999"}).status_code == 400
    assert client.post(url, {"activity": pact.pk, "note": "Every quarter"}).status_code == 302
    assert AnnualPlanItem.objects.get().note == "Every quarter"
    agree = client.post(
        reverse("measures:plan_agree", kwargs={"pk": plan.pk}), {"agreed_where": "", "seen": "draft"}
    )
    assert agree.status_code == 400 and b"Say where the partnership agreed it" in agree.content
    item = AnnualPlanItem.objects.get()
    client.post(
        reverse("measures:plan_agree", kwargs={"pk": plan.pk}), {"agreed_where": "Board", "seen": "draft"}
    )
    refused = client.post(url, {"remove": item.pk}, follow=True)
    assert b"say why it is changing" in refused.content and AnnualPlanItem.objects.exists()
    client.post(url, {"remove": item.pk, "reason": "Cancelled"})
    assert not AnnualPlanItem.objects.exists()
    assert client.get(reverse("measures:plan_list")).status_code == 200


def test_the_start_page(officer, partnership):
    client = client_for(officer)
    url = reverse("measures:plan_create")
    assert client.get(url).status_code == 200
    assert client.post(url, {"partnership": partnership.pk, "year": "1999"}).status_code == 400
    response = client.post(url, {"partnership": partnership.pk, "year": "2026"})
    assert response.status_code == 302 and AnnualPlan.objects.get().year == 2026
    again = client.post(url, {"partnership": partnership.pk, "year": "2026"})
    assert again.status_code == 400 and b"already has a plan for 2026/27" in again.content


def test_exports_in_three_formats(officer, plan, pact):
    services.annual_plan_add_activity(user=officer, plan=plan, activity=pact, note="Quarterly")
    services.annual_plan_agree(user=officer, plan=plan, agreed_where="Partnership board, 12 March 2026")
    client = client_for(officer)

    def get(fmt):
        return client.get(reverse("measures:plan_export", kwargs={"pk": plan.pk, "file_format": fmt}))

    text = content(get("csv")).decode("utf-8-sig")
    assert (
        "Quarter,Starts,Activity" in text
        and "PACT meeting: Altrincham" in text
        and "April to June 2026" in text
    )
    book = load_workbook(io.BytesIO(get("xlsx").content))
    assert book.sheetnames == ["Plan 2026-27", "Changes after agreement"]
    pdf = get("pdf")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    words = "".join(p.extract_text() for p in reader.pages)
    assert reader.metadata.title == "Safer Trafford Partnership: engagement plan 2026/27"
    assert "PACT meeting: Altrincham" in words and "Partnership board, 12 March 2026" in words
    assert get("doc").status_code == 404
    assert AuditEvent.objects.filter(action="export").count() == 3


def test_the_introduction_is_rewritten_by_its_own_organisation_and_kept_after_agreement(
    officer, partner, plan, pact
):
    url = reverse("measures:plan_detail", kwargs={"pk": plan.pk})
    assert b"Change the introduction" not in client_for(partner).get(url).content
    assert client_for(partner).post(url, {"introduction": "Theirs"}).status_code == 403
    client = client_for(officer)
    assert client.post(url, {"introduction": "Every ward, every quarter"}).status_code == 302
    services.annual_plan_add_activity(user=officer, plan=plan, activity=pact)
    services.annual_plan_agree(user=officer, plan=plan, agreed_where="Board")
    refused = client.post(url, {"introduction": "Changed"}, follow=True)
    assert b"say why it is changing" in refused.content
    client.post(url, {"introduction": "Changed", "reason": "New wards"})
    plan.refresh_from_db()
    assert plan.introduction == "Changed"
    assert [c.kind for c in AnnualPlanChange.objects.all()] == ["introduction"]
