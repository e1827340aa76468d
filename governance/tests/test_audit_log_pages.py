"""The audit log page, its filters, its export and one record's history."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.tests.helpers import content
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from governance.services import audit_record
from organisations.models import Role
from organisations.tests.factories import UserFactory

LIST = reverse("auditlog:list")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _history(activity):
    return reverse("auditlog:record", kwargs={"object_type": "engagement.activity", "object_id": activity.pk})


@pytest.fixture
def scene(police, council, officer, outsider):
    ours = ActivityFactory(lead_organisation=police, title="Stretford youth forum")
    theirs = ActivityFactory(lead_organisation=council, title="Council budget roadshow")
    audit_record(
        actor=officer, action=AuditAction.UPDATE, obj=ours, changes={"venue": ["Old hall", "New hall"]}
    )
    audit_record(actor=outsider, action=AuditAction.UPDATE, obj=theirs, changes={"title": ["a", "b"]})
    audit_record(actor=outsider, action=AuditAction.EXPORT, obj=ours, changes={"format": "csv", "rows": 3})
    return {
        "ours": ours,
        "theirs": theirs,
        "police_admin": UserFactory(
            organisation=police, roles=[Role.ADMIN], first_name="Asha", last_name="Patel"
        ),
        "council_admin": UserFactory(organisation=council, roles=[Role.ADMIN]),
    }


def test_an_admin_reads_their_organisations_trail_and_no_other(scene):
    body = content(_client(scene["police_admin"]).get(LIST)).decode()
    assert "Stretford youth forum" in body and "Changed: venue" in body
    assert "Council budget roadshow" not in body
    assert "Old hall" not in body and "New hall" not in body  # values are never shown
    assert "Exported: CSV, 3 rows" in body and "Trafford Council" in body  # the partner's export of ours


def test_a_record_of_another_organisation_is_named_only_by_its_kind_and_number(scene):
    body = content(_client(scene["council_admin"]).get(LIST)).decode()
    assert "Council budget roadshow" in body
    assert "Stretford youth forum" not in body
    assert f"Activity {scene['ours'].pk}" in body  # their own user's export of ours


def test_no_admin_sees_another_organisations_record_history_even_by_its_number(scene):
    client = _client(scene["council_admin"])
    assert client.get(_history(scene["theirs"])).status_code == 200
    police_only = ActivityFactory(lead_organisation=scene["ours"].lead_organisation)
    audit_record(
        actor=UserFactory(organisation=police_only.lead_organisation),
        action=AuditAction.UPDATE,
        obj=police_only,
    )
    assert client.get(_history(police_only)).status_code == 404
    assert (
        client.get(LIST, {"object_type": "engagement.activity", "object_id": police_only.pk}).content.count(
            b"heard-table--stack"
        )
        == 0
    )


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_other_roles_are_refused(scene, police, role):
    client = _client(UserFactory(organisation=police, roles=[role]))
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("auditlog:export", args=["csv"])).status_code == 403
    assert client.get(_history(scene["ours"])).status_code == 403


def test_visitors_are_sent_to_sign_in(scene):
    response = Client().get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_superusers_read_all_of_it(scene):
    superuser = UserFactory(organisation=None, is_superuser=True, is_staff=True, roles=[])
    body = content(_client(superuser).get(LIST)).decode()
    assert "3 entries" in body
    assert "Stretford youth forum" not in body  # a name is for the owning organisation


def test_the_menu_offers_it_to_admins_only(scene, officer):
    assert LIST.encode() in _client(scene["police_admin"]).get(reverse("engagement:activity_list")).content
    assert LIST.encode() not in _client(officer).get(reverse("engagement:activity_list")).content


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"person": "officer"}, {"officer"}),
        ({"person": "OUTSID"}, {"outsider"}),
        ({"action": "export"}, {"outsider"}),
        ({"object_type": "engagement.activity"}, {"officer", "outsider"}),
        ({"since": "2020-01-01", "until": "2020-12-31"}, set()),
    ],
)
def test_filters(scene, filters, expected):
    response = _client(scene["police_admin"]).get(LIST, filters)
    assert response.status_code == 200
    assert {row.username for row in response.context["rows"]} == expected


def test_filters_by_record_and_by_date(scene):
    client = _client(scene["police_admin"])
    rows = client.get(LIST, {"object_type": "engagement.activity", "object_id": scene["ours"].pk}).context[
        "rows"
    ]
    assert len(rows) == 2
    today = timezone.localdate().isoformat()
    assert len(client.get(LIST, {"since": today, "until": today}).context["rows"]) == 2


def test_bad_filters_are_explained(scene):
    response = _client(scene["police_admin"]).get(
        LIST, {"since": "2026-12-01", "until": "2026-11-01", "action": "x"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: " in body and "There is a problem" in body
    assert "after the &#x27;from&#x27; date" in body or "after the 'from' date" in body


def test_pages_are_paginated(scene, settings, police, officer):
    settings.HEARD_PAGE_SIZE = 2
    for _ in range(3):
        audit_record(actor=officer, action=AuditAction.VIEW, obj=scene["ours"], changes={"where": "page"})
    client = _client(scene["police_admin"])
    assert len(client.get(LIST).context["rows"]) == 2
    assert client.get(LIST, {"page": 3}).context["page_obj"].number == 3


def test_the_export_holds_the_filtered_trail_and_is_itself_recorded(scene):
    response = _client(scene["police_admin"]).get(
        reverse("auditlog:export", args=["csv"]), {"person": "outsider"}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(content(response).decode("utf-8-sig"))))
    assert rows[0][:3] == ["When", "Who", "Username"]
    assert [row[2] for row in rows[1:]] == ["outsider"]
    assert "Stretford youth forum" in rows[1]
    export = AuditEvent.objects.filter(object_type="governance.auditevent").get()
    assert export.action == AuditAction.EXPORT and export.changes["filters"] == {"person": "outsider"}


def test_the_export_in_excel_and_bad_filters(scene):
    client = _client(scene["police_admin"])
    xlsx = client.get(reverse("auditlog:export", args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("auditlog:export", args=["csv"]), {"since": "not a date"}).status_code == 400


def test_a_records_history(scene):
    response = _client(scene["police_admin"]).get(_history(scene["ours"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "History of Stretford youth forum" in body
    assert reverse("engagement:activity_detail", args=[scene["ours"].pk]) in body
    assert len(response.context["history"].rows) == 2


def test_an_unknown_record_has_no_history(scene):
    client = _client(scene["police_admin"])
    url = reverse("auditlog:record", kwargs={"object_type": "engagement.activity", "object_id": "999999"})
    assert client.get(url).status_code == 404


def test_old_entries_without_an_organisation_are_for_superusers_only(scene, police, officer):
    AuditEvent.objects.create(
        at=timezone.now() - timedelta(days=400),
        actor=officer,
        actor_label="officer",
        action="export",
        object_type="x",
    )
    assert all(
        row.at > timezone.now() - timedelta(days=1)
        for row in _client(scene["police_admin"]).get(LIST).context["rows"]
    )
