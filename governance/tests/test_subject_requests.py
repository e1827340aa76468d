"""Subject access and erasure requests: every record type is found by e-mail address and by
receipt code, the copy holds what was found, erasure leaves no copy anywhere (the withdrawal
check of heard/tests/test_withdrawal_everywhere.py, over every table) and is counted, never
described, in the audit log; only the organisation's admins handle their own requests."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.models import Answer, Response
from governance.models import AuditEvent
from governance.retention_settings import add_months
from governance.subject_models import RequestKind, RequestState, SubjectRequest
from governance.subject_selectors import subject_results
from governance.subject_services import (
    subject_request_bundle,
    subject_request_close,
    subject_request_erase,
    subject_request_open,
    subject_request_search,
)
from heard.tests.test_withdrawal_everywhere import _every_row
from insight.models import IntelligenceFlag
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.models import PersonalUpdate
from reach.models import CommunityContact

from .conftest import CODE, CONTACT, EMAIL, PASSED, WORDS


def _open(user, kind=RequestKind.ACCESS, by="email", value=EMAIL):
    return subject_request_open(user=user, kind=kind, identifier_kind=by, identifier=value)


def _counts(request):
    return {f.record_type.key: f.count for f in subject_results(request=request).found}


def test_found_by_email_address(held, admin):
    request = _open(admin, value="  Zebedee.Reader@Example.NET ")
    assert _counts(request) == {
        "email_updates": 1,
        "responses": 1,
        "contacts": 1,
        "intelligence_flags": 2,
    }
    assert request.identifier == EMAIL and request.identifier_hint == EMAIL


def test_found_by_receipt_code(held, admin):
    request = _open(admin, by="receipt", value=CODE.lower().replace("-", " "))
    assert _counts(request) == {"email_updates": 1, "responses": 1, "contacts": 0, "intelligence_flags": 1}
    assert CODE not in request.identifier and request.identifier_hint.endswith("9PLT")


def test_audit_entries_about_them_are_found(held, admin):
    results = subject_results(request=_open(admin))
    records = {entry["record"] for entry in results.audit}
    assert records == {
        f"consultation response {held['response'].pk}",
        f"community contact (individual) {held['contact'].pk}",
    }
    assert all(set(entry) == {"when", "record", "what"} for entry in results.audit)


def test_only_the_organisations_own_records_are_searched(held, admin, council_admin):
    police_request = _open(admin)
    council_request = _open(council_admin)
    ids = {f.record_type.key: f.ids for f in subject_results(request=police_request).found}
    assert held["other"].pk not in ids["responses"]
    council_ids = {f.record_type.key: f.ids for f in subject_results(request=council_request).found}
    assert council_ids["responses"] == [held["other"].pk] and council_ids["contacts"] == []


def test_a_superuser_of_no_organisation_does_not_handle_requests(held, admin):
    """The person's words are shown as written: only their organisation reads them so."""
    boss = UserFactory(username="boss", organisation=None, is_superuser=True, roles=[Role.ADMIN])
    with pytest.raises(PermissionDenied):
        _open(boss)
    request = _open(admin)
    client = Client()
    client.force_login(boss)
    assert client.get(reverse("subjects:detail", kwargs={"pk": request.pk})).status_code in (403, 404)


def test_due_one_calendar_month_after_it_was_received(admin):
    request = subject_request_open(
        user=admin, kind="access", identifier_kind="email", identifier=EMAIL, received_on=date(2024, 1, 31)
    )
    assert request.due_on == date(2024, 2, 29)
    assert add_months(date(2026, 3, 3), 1) == date(2026, 4, 3)
    assert request.is_overdue


def test_the_copy_holds_what_was_found(held, admin):
    request = _open(admin)
    subject_request_search(user=admin, request=request)
    data = subject_request_bundle(user=admin, request=request)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    assert {
        "README.txt",
        "data.json",
        "responses.csv",
        "contacts.csv",
        "email_updates.csv",
        "audit_entries.csv",
    } <= names
    assert "intelligence_flags.csv" not in names
    everything = json.loads(archive.read("data.json"))
    assert everything["responses"][0]["answers"][0]["answer"] == WORDS
    assert everything["contacts"][0]["name"] == CONTACT
    assert everything["email_updates"][0]["updates_sent_on"]
    assert PASSED not in archive.read("data.json").decode()
    assert WORDS in archive.read("responses.csv").decode()
    readme = archive.read("README.txt").decode()
    assert "intelligence" in readme.lower() and EMAIL in readme
    request.refresh_from_db()
    assert request.state == RequestState.EXPORTED and request.exported_at
    entry = AuditEvent.objects.filter(object_type="governance.subjectrequest", action="export").get()
    assert WORDS not in str(entry.changes) and EMAIL not in entry.object_repr


def test_erasure_leaves_no_copy_anywhere(held, admin, django_capture_on_commit_callbacks):
    request = _open(admin, kind=RequestKind.ERASURE)
    subject_request_search(user=admin, request=request)
    with django_capture_on_commit_callbacks(execute=True):
        erased = subject_request_erase(user=admin, request=request)
    assert erased == {"email_updates": 1, "responses": 1, "contacts": 1}
    searched = [WORDS, "Quiggleworth saw", "Larch Close", "07700 900456", CONTACT]
    left = [f"{label}: {s}" for label, row in _every_row() for s in searched if s in str(row)]
    assert not left, left
    assert not Response.objects.filter(pk=held["response"].pk).exists()
    assert not PersonalUpdate.objects.filter(response_id=held["response"].pk).exists()
    assert not CommunityContact.objects.filter(pk=held["contact"].pk).exists()
    assert not IntelligenceFlag.objects.filter(pk=held["flag"].pk).exists()
    assert IntelligenceFlag.objects.get(pk=held["passed"].pk).text == PASSED  # a police record stays
    assert Response.objects.filter(pk=held["other"].pk).exists()  # the council's own
    entries = AuditEvent.objects.filter(object_type="governance.subjectrequest", action="delete")
    assert sorted(e.object_repr for e in entries) == [
        "1 community contact (individual) erased on request",
        "1 consultation response erased on request",
        "1 e-mail address for updates erased on request",
    ]
    request.refresh_from_db()
    assert request.state == RequestState.ERASED and request.erased["responses"] == 1
    subject_request_close(user=admin, request=request)
    holding = {(label, row.get("id")) for label, row in _every_row() if EMAIL in str(row).lower()}
    assert holding == {
        ("insight.IntelligenceFlag", held["passed"].pk),  # the police record passed on
        ("consultations.Response", held["other"].pk),  # the council's own, for the council to answer
    }


def test_erasure_is_all_or_nothing(held, admin, monkeypatch):
    from governance import records

    request = _open(admin, kind=RequestKind.ERASURE)
    subject_request_search(user=admin, request=request)
    contacts = records.get("contacts")

    def broken(ids):
        raise ValidationError("The register is locked.")

    monkeypatch.setitem(records.record_types.items, "contacts", (20, 99, _replace(contacts, delete=broken)))
    with pytest.raises(ValidationError):
        subject_request_erase(user=admin, request=request)
    assert Response.objects.filter(pk=held["response"].pk, email=EMAIL).exists()
    assert Answer.objects.filter(pk=held["answer"].pk).exists()
    request.refresh_from_db()
    assert request.state == RequestState.SEARCHED


def _replace(kind, **changes):
    from dataclasses import replace

    return replace(kind, **changes)


def test_an_access_request_cannot_erase(held, admin):
    request = _open(admin)
    subject_request_search(user=admin, request=request)
    with pytest.raises(PermissionDenied):
        subject_request_erase(user=admin, request=request)
    assert Response.objects.filter(pk=held["response"].pk).exists()


def test_closing_clears_what_they_gave(held, admin):
    request = _open(admin)
    subject_request_search(user=admin, request=request)
    subject_request_close(user=admin, request=request)
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED and request.identifier == "" and request.identifier_hint == ""
    assert request.found["responses"] == 1
    with pytest.raises(ValidationError):
        subject_request_bundle(user=admin, request=request)


@pytest.mark.parametrize(
    "role",
    [
        Role.ENGAGEMENT_OFFICER,
        Role.ANALYST,
        Role.INTELLIGENCE_OFFICER,
        Role.PARTNER_USER,
        Role.AUTHORITY_MEMBER,
    ],
)
def test_only_admins_handle_requests(police, role):
    user = UserFactory(organisation=police, roles=[role])
    with pytest.raises(PermissionDenied):
        _open(user)
    assert Client().get(reverse("subjects:list")).status_code == 302
    client = Client()
    client.force_login(user)
    assert client.get(reverse("subjects:list")).status_code == 403
    assert client.get(reverse("api:list_subject_requests")).status_code == 403


def test_another_organisations_admin_cannot_reach_a_request(held, admin, council_admin):
    request = _open(admin)
    client = Client()
    client.force_login(council_admin)
    assert client.get(reverse("subjects:detail", kwargs={"pk": request.pk})).status_code == 404
    assert client.post(reverse("subjects:search", kwargs={"pk": request.pk})).status_code == 404
    assert client.post(reverse("subjects:copy", kwargs={"pk": request.pk})).status_code == 404
    assert (
        client.get(reverse("api:get_subject_request", kwargs={"request_id": request.pk})).status_code == 404
    )
    assert request.pk not in [r["id"] for r in client.get(reverse("api:list_subject_requests")).json()]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"identifier_kind": "email", "identifier": "not an address"}, "identifier"),
        ({"identifier_kind": "receipt", "identifier": "K633-FX4E"}, "identifier"),
        ({"identifier_kind": "phone", "identifier": "07700 900456"}, "identifier_kind"),
        ({"identifier_kind": "email", "identifier": EMAIL, "kind": "rectify"}, "kind"),
        ({"identifier_kind": "email", "identifier": EMAIL, "received_on": "2999-01-01"}, "received_on"),
        ({"identifier_kind": "email", "identifier": EMAIL, "received_on": "31/02/2026"}, "received_on"),
    ],
)
def test_bad_input_is_refused_with_a_message(admin, data, field):
    client = Client()
    client.force_login(admin)
    form = {"kind": "access", "received_on": timezone.localdate().isoformat(), **data}
    page = client.post(reverse("subjects:open"), form)
    assert page.status_code == 400
    assert field in page.context["form"].errors
    assert b"Error: " in page.content
    body = {**form, "received_on": form["received_on"] if "-" in form["received_on"] else "2026-02-31"}
    api = client.post(reverse("api:open_subject_request"), body, content_type="application/json")
    assert api.status_code == 422
    assert not SubjectRequest.objects.exists()


def test_the_pages_walk_a_request_from_opening_to_closing(held, admin):
    soon = add_months(timezone.localdate(), -1) + timedelta(days=3)
    client = Client()
    client.force_login(admin)
    opened = client.post(
        reverse("subjects:open"),
        {
            "kind": "erasure",
            "identifier_kind": "receipt",
            "identifier": CODE,
            "received_on": soon.isoformat(),
        },
    )
    request = SubjectRequest.objects.get()
    assert opened.status_code == 302 and opened["Location"] == reverse(
        "subjects:detail", kwargs={"pk": request.pk}
    )
    assert client.post(reverse("subjects:search", kwargs={"pk": request.pk})).status_code == 302
    detail = client.get(reverse("subjects:detail", kwargs={"pk": request.pk}))
    assert WORDS.encode() in detail.content and b"Erase their records" in detail.content
    listing = client.get(reverse("subjects:list"))
    assert b"Due soon" in listing.content
    copy = client.post(reverse("subjects:copy", kwargs={"pk": request.pk}))
    assert copy["Content-Type"] == "application/zip"
    confirm = client.get(reverse("subjects:erase", kwargs={"pk": request.pk}))
    assert confirm.status_code == 200 and b"cannot be undone" in confirm.content
    assert client.post(reverse("subjects:erase", kwargs={"pk": request.pk})).status_code == 302
    assert not Response.objects.filter(pk=held["response"].pk).exists()
    again = client.post(reverse("subjects:erase", kwargs={"pk": request.pk}))
    assert again.status_code in (400, 403)
    assert client.post(reverse("subjects:close", kwargs={"pk": request.pk})).status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED


def test_the_api_does_the_same(held, admin):
    client = Client()
    client.force_login(admin)
    made = client.post(
        reverse("api:open_subject_request"),
        {"kind": "erasure", "identifier_kind": "email", "identifier": EMAIL},
        content_type="application/json",
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    assert made.json()["due_on"] == add_months(timezone.localdate(), 1).isoformat()
    found = client.post(reverse("api:search_subject_request", kwargs={"request_id": pk})).json()
    counts = {f["record_type"]: f["count"] for f in found["found"]}
    assert counts["responses"] == 1 and counts["contacts"] == 1
    copy = client.post(reverse("api:copy_subject_request", kwargs={"request_id": pk}))
    assert copy.status_code == 200 and zipfile.ZipFile(io.BytesIO(copy.content)).testzip() is None
    url = reverse("api:erase_subject_request", kwargs={"request_id": pk})
    assert client.post(url, {}, content_type="application/json").status_code == 422
    assert Response.objects.filter(pk=held["response"].pk).exists()
    erased = client.post(url, {"confirmed": True}, content_type="application/json")
    assert erased.status_code == 200 and erased.json()["state"] == "erased"
    assert not Response.objects.filter(pk=held["response"].pk).exists()
    closed = client.post(reverse("api:close_subject_request", kwargs={"request_id": pk}))
    assert closed.json()["state"] == "closed" and closed.json()["identifier"] == ""
