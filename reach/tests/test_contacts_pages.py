"""The contacts register's staff pages: list and filters, add and edit (400 with an error
summary), detail, the review list with renew and remove, exports; every view of an individual
is in the audit log; point 22 and the menu lead here."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.extensions import checklist_link
from core.tests.helpers import content
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory
from reach.extensions import reachers_for
from reach.models import CommunityContact, ContactKind

from .contacts_helpers import *  # noqa: F403  (the fixtures)
from .contacts_helpers import make_contact

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def person(police, ward, older):
    return make_contact(
        police,
        kind=ContactKind.PERSON,
        name="Margaret Hughes",
        areas=[ward],
        audiences=[older],
        phone="07700 900214",
        notes="Ring Margaret in the morning on 07700 900214",
    )


@pytest.fixture
def group(police, other_ward, young):
    return make_contact(police, name="Trafford Youth Cabinet", areas=[other_ward], audiences=[young])


def _views(contact):
    return AuditEvent.objects.for_object(contact).filter(action=AuditAction.VIEW).count()


def test_list_shows_contacts_and_filters_by_area_audience_kind_and_review(
    officer, person, group, older, ward
):
    client = _client(officer)
    body = client.get(reverse("contacts:contact_list")).content.decode()
    assert "Margaret Hughes" in body and "Trafford Youth Cabinet" in body and "07700 900214" in body
    assert _views(person) == 1 and _views(group) == 0
    for query in ({"area": ward.code}, {"audience": older.slug}, {"kind": ContactKind.PERSON}):
        body = client.get(reverse("contacts:contact_list"), query).content.decode()
        assert "Margaret Hughes" in body and "Trafford Youth Cabinet" not in body, query
    person.review_on = timezone.localdate() - timedelta(days=1)
    person.save()
    body = client.get(reverse("contacts:contact_list"), {"due": "on"}).content.decode()
    assert "Margaret Hughes" in body and "Trafford Youth Cabinet" not in body


def test_a_bad_filter_is_a_400_with_its_message(officer, person):
    response = _client(officer).get(reverse("contacts:contact_list"), {"area": "NOPE"})
    assert response.status_code == 400
    assert b"There is a problem with the filters" in response.content
    assert b"Margaret Hughes" not in response.content


def test_partners_see_the_group_but_never_the_individual(council, sharing, person, group):
    partner = UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER])
    client = _client(partner)
    body = client.get(reverse("contacts:contact_list")).content.decode()
    assert "Trafford Youth Cabinet" in body and "Margaret" not in body and "07700 900214" not in body
    assert client.get(reverse("contacts:contact_detail", args=[person.pk])).status_code == 404
    assert client.get(reverse("contacts:contact_detail", args=[group.pk])).status_code == 200
    assert client.get(reverse("contacts:contact_edit", args=[group.pk])).status_code == 403
    export = content(client.get(reverse("contacts:contact_export", args=["csv"]))).decode()
    assert "Trafford Youth Cabinet" in export and "Margaret" not in export


def test_a_shared_individuals_notes_reach_partners_redacted(council, sharing, person):
    person.consent_to_share = True
    person.save()
    body = _client(UserFactory(organisation=council)).get(
        reverse("contacts:contact_detail", args=[person.pk])
    )
    text = body.content.decode()
    assert "Margaret Hughes" in text  # they agreed to be passed on
    assert "Ring Margaret in the morning on 07700 900214" not in text  # staff's notes are redacted
    assert _views(person) == 1


def test_detail_shows_everything_and_records_the_view(officer, person):
    response = _client(officer).get(reverse("contacts:contact_detail", args=[person.pk]))
    assert response.status_code == 200
    assert b"07700 900214" in response.content and b"Ring Margaret" in response.content
    event = AuditEvent.objects.for_object(person).get(action=AuditAction.VIEW)
    assert event.actor == officer and event.changes == {"where": "contact page"}
    assert "Margaret" not in event.object_repr


def test_add_a_contact(officer, ward, older):
    activity = ActivityFactory(lead_organisation=officer.organisation, title="Lunch club visit")
    page = _client(officer).get(reverse("contacts:contact_create"), {"met_at": activity.pk})
    assert page.status_code == 200 and b"selected>Lunch club visit" in page.content
    response = _client(officer).post(
        reverse("contacts:contact_create"),
        {
            "kind": ContactKind.PERSON,
            "name": "Chloe Bennett",
            "areas": [ward.pk],
            "audiences": [older.pk],
            "email": "chloe@example.org",
            "consent_to_contact": "on",
            "consent_given_on": timezone.localdate().isoformat(),
            "met_at": activity.pk,
        },
    )
    contact = CommunityContact.objects.get(name="Chloe Bennett")
    assert response.status_code == 302 and response["Location"].endswith(f"/contacts/{contact.pk}/")
    assert contact.met_at == activity and contact.organisation == officer.organisation


def test_an_invalid_contact_is_a_400_with_an_error_summary(officer, ward):
    response = _client(officer).post(
        reverse("contacts:contact_create"),
        {
            "kind": ContactKind.PERSON,
            "name": "No consent",
            "areas": [ward.pk],
            "consent_given_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and "<title>Error: " in body and "Error: Error:" not in body
    assert "Only add people and groups who agreed to be contacted" in body
    assert "Give at least one way to get in touch" in body
    assert not CommunityContact.objects.exists()


def test_edit_a_contact(officer, person, ward):
    url = reverse("contacts:contact_edit", args=[person.pk])
    client = _client(officer)
    assert client.get(url).status_code == 200
    data = {
        "kind": ContactKind.PERSON,
        "name": "Margaret Hughes",
        "areas": [ward.pk],
        "phone": "07700 900999",
        "consent_to_contact": "on",
        "consent_given_on": person.consent_given_on.isoformat(),
        "review_on": person.review_on.isoformat(),
    }
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.phone == "07700 900999"
    assert client.post(url, {**data, "review_on": "2000-01-01"}).status_code == 400


def test_review_list_renew_and_remove(officer, police, ward):
    due = make_contact(
        police,
        kind=ContactKind.PERSON,
        name="Due Person",
        areas=[ward],
        review_on=timezone.localdate() - timedelta(days=3),
    )
    make_contact(police, name="Not due", areas=[ward])
    client = _client(officer)
    body = client.get(reverse("contacts:contact_review")).content.decode()
    assert "Due Person" in body and "Not due" not in body and "Renew consent" in body
    renew = reverse("contacts:contact_renew", args=[due.pk])
    assert client.get(renew).status_code == 200
    bad = client.post(renew, {"review_on": timezone.localdate().isoformat()})
    assert bad.status_code == 400 and b"must be in the future" in bad.content
    next_year = (timezone.localdate() + timedelta(days=365)).isoformat()
    assert client.post(renew, {"review_on": next_year}).status_code == 302
    due.refresh_from_db()
    assert not due.is_due_for_review
    assert "Due Person" not in client.get(reverse("contacts:contact_review")).content.decode()
    remove = reverse("contacts:contact_remove", args=[due.pk])
    assert client.post(remove, {}).status_code == 400
    assert client.post(remove, {"reason": "consent withdrawn"}).status_code == 302
    assert not CommunityContact.objects.filter(pk=due.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_id=str(due.pk)).exists()


def test_the_review_list_is_the_holders_own(council, sharing, police, ward):
    make_contact(police, name="Police group due", areas=[ward], review_on=timezone.localdate())
    body = _client(UserFactory(organisation=council)).get(reverse("contacts:contact_review")).content
    assert b"Police group due" not in body


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exports_are_audited_and_record_each_individual_viewed(officer, person, group, file_format):
    response = _client(officer).get(reverse("contacts:contact_export", args=[file_format]))
    assert response.status_code == 200
    if file_format == "csv":
        text = content(response).decode("utf-8-sig")
        assert "Margaret Hughes" in text and "Trafford Youth Cabinet" in text
    else:
        rows = list(load_workbook(io.BytesIO(response.content)).active.values)
        assert rows[0][2] == "Name" and {r[2] for r in rows[1:]} == {
            "Margaret Hughes",
            "Trafford Youth Cabinet",
        }
    assert (
        AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="reach.communitycontact").count()
        == 1
    )
    assert _views(person) == 1


def test_an_unknown_export_filter_is_a_400(officer):
    assert (
        _client(officer).get(reverse("contacts:contact_export", args=["csv"]), {"kind": "x"}).status_code
        == 400
    )


def test_checklist_point_22_leads_to_the_register(officer, police):
    activity = ActivityFactory(lead_organisation=police)
    text, url = checklist_link(officer, activity, 22)
    assert (
        "community contacts" in text and url == reverse("contacts:contact_create") + f"?met_at={activity.pk}"
    )
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    assert checklist_link(analyst, activity, 22) == (
        "See the community contacts register",
        reverse("contacts:contact_list"),
    )
    assert checklist_link(officer, activity, 21) is None


def test_the_staff_menu_has_contacts_and_coverage(officer):
    body = _client(officer).get(reverse("contacts:contact_list")).content.decode()
    assert f'href="{reverse("contacts:contact_list")}"' in body and ">Contacts<" in body
    assert f'href="{reverse("contacts:coverage")}"' in body


def _contacts_reaching(user, area, audience):
    """Only this part's providers' answers (other parts register theirs too)."""
    return [r for r in reachers_for(user, area, audience) if r.kind == "Community contact"]


def test_who_already_reaches_them(officer, council, sharing, person, group, district, older, young):
    found = _contacts_reaching(officer, district, older)
    assert [(r.kind, r.name) for r in found] == [("Community contact", "Margaret Hughes")]
    assert "07700 900214" in found[0].detail and found[0].url.endswith(f"/contacts/{person.pk}/")
    assert _views(person) == 1
    partner = UserFactory(organisation=council)
    assert _contacts_reaching(partner, district, older) == []
    assert [r.name for r in _contacts_reaching(partner, district, young)] == ["Trafford Youth Cabinet"]
