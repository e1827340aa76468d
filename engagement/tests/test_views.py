import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from engagement.models import Activity, Answer, ChecklistAnswer, Status
from engagement.tests.factories import ActivityFactory, method
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.tests.factories import AudienceFactory

LIST = reverse("engagement:activity_list")


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


def _form(ward, **overrides):
    data = {
        "title": "Hale Barns roadshow",
        "summary": "Meet your neighbourhood team",
        "purpose": "forums_for_debate",
        "method": method("roadshow").pk,
        "level": "neighbourhood",
        "areas": [ward.pk],
        "contact_name": "PC Jane Example",
        "contact_email": "jane@example.org",
        "starts_at": (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
        "marking": "official",
        "checklist_scope": "",
        "aims-TOTAL_FORMS": "3",
        "aims-INITIAL_FORMS": "0",
        "aims-MIN_NUM_FORMS": "0",
        "aims-MAX_NUM_FORMS": "10",
        "aims-0-text": "Hear residents' concerns about burglary",
        "aims-0-linked_to": "Trafford burglary plan",
    }
    data.update(overrides)
    return data


def test_create_through_the_form(client, ward):
    response = client.post(reverse("engagement:activity_create"), _form(ward))
    activity = Activity.private_objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "engagement:activity_detail", kwargs={"pk": activity.pk}
    )
    assert activity.aims.get().linked_to == "Trafford burglary plan"
    assert list(activity.areas.all()) == [ward]
    page = client.get(response["Location"])
    assert b"Hale Barns roadshow" in page.content and b"Trafford burglary plan" in page.content


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, b"This field is required"),
        ({"areas": []}, b"This field is required"),
        ({"aims-0-text": "", "aims-0-linked_to": ""}, b"Give at least one aim"),
        ({"aims-0-linked_to": ""}, b"Say which issue or plan"),
        ({"starts_at": "31/02/2026"}, b"Enter a valid date/time"),
        ({"method": "999999"}, b"Select a valid choice"),
        (
            {"consultation_kind": "focused", "response_opens": "2026-12-01", "response_closes": "2026-12-08"},
            b"Give a reason to go ahead",
        ),
    ],
)
def test_bad_form_input_is_explained_and_nothing_stored(client, ward, overrides, message):
    response = client.post(reverse("engagement:activity_create"), _form(ward, **overrides))
    assert response.status_code == 400
    assert b"There is a problem" in response.content
    assert message in response.content
    assert not Activity.private_objects.exists()


def test_short_window_with_reason_is_saved_and_shown(client, ward):
    client.post(
        reverse("engagement:activity_create"),
        _form(
            ward,
            consultation_kind="focused",
            response_opens="2026-12-01",
            response_closes="2026-12-15",
            short_window_reason="Budget meeting on 16 December",
        ),
    )
    activity = Activity.private_objects.get()
    assert activity.short_window_reason == "Budget meeting on 16 December"
    page = client.get(reverse("engagement:activity_detail", kwargs={"pk": activity.pk}))
    assert b"The response window is 14 days" in page.content
    assert b"Budget meeting on 16 December" in page.content


def test_readers_cannot_open_the_form(police, ward):
    client = Client()
    client.force_login(UserFactory(organisation=police, roles=[Role.ANALYST]))
    assert client.get(reverse("engagement:activity_create")).status_code == 403
    assert client.post(reverse("engagement:activity_create"), _form(ward)).status_code == 403


def test_edit_keeps_aims_and_records_changes(client, officer, ward):
    client.post(reverse("engagement:activity_create"), _form(ward))
    activity = Activity.private_objects.get()
    url = reverse("engagement:activity_edit", kwargs={"pk": activity.pk})
    assert b"Trafford burglary plan" in client.get(url).content
    response = client.post(
        url,
        _form(
            ward, title="Hale Barns roadshow (moved)", checklist_scope="full", **{"aims-INITIAL_FORMS": "1"}
        ),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Hale Barns roadshow (moved)"
    assert AuditEvent.objects.for_object(activity).filter(action=AuditAction.UPDATE).exists()


def test_list_filters_by_area_including_children(client, officer, district, ward, other_ward):
    in_ward = ActivityFactory(lead_organisation=officer.organisation, title="Ward surgery", areas=[ward])
    in_other = ActivityFactory(lead_organisation=officer.organisation, title="Other ward", areas=[other_ward])
    on_district = ActivityFactory(
        lead_organisation=officer.organisation, title="District forum", areas=[district]
    )
    titles = lambda r: {a.title for a in r.context["page_obj"]}  # noqa: E731
    assert titles(client.get(LIST, {"area": district.code})) == {
        in_ward.title,
        in_other.title,
        on_district.title,
    }
    assert titles(client.get(LIST, {"area": ward.code})) == {in_ward.title}


def test_list_filters_and_search(client, officer, council):
    young = AudienceFactory(name="Young people test")
    ActivityFactory(
        lead_organisation=officer.organisation,
        title="Skate park chat",
        audiences=[young],
        status=Status.OPEN,
        method=method("street-briefing"),
        purpose="giving_information",
    )
    ActivityFactory(
        lead_organisation=officer.organisation,
        title="Budget survey",
        partners=[council],
        starts_at=timezone.now() - timedelta(days=60),
        method=method("online-survey"),
        purpose="getting_information",
        level="district",
    )
    titles = lambda **q: {a.title for a in client.get(LIST, q).context["page_obj"]}  # noqa: E731
    assert titles(audience=young.slug) == {"Skate park chat"}
    assert titles(status="open") == {"Skate park chat"}
    assert titles(method="online-survey") == {"Budget survey"}
    assert titles(purpose="giving_information") == {"Skate park chat"}
    assert titles(level="district") == {"Budget survey"}
    assert titles(organisation=council.slug) == {"Budget survey"}
    assert titles(q="skate chat") == {"Skate park chat"}
    today = timezone.localdate()
    assert titles(starts_from=today.isoformat()) == {"Skate park chat"}
    assert titles(starts_to=(today - timedelta(days=30)).isoformat()) == {"Budget survey"}


def test_bad_filter_values_are_explained_not_500(client):
    response = client.get(LIST, {"status": "bogus", "starts_from": "yesterday", "area": "nowhere"})
    assert response.status_code == 200
    assert b"There is a problem with the filters" in response.content


def test_list_is_paginated_and_htmx_gets_the_results_fragment(client, officer):
    for n in range(30):
        ActivityFactory(lead_organisation=officer.organisation, title=f"Meeting {n:02d}")
    first = client.get(LIST)
    assert len(first.context["page_obj"]) == 25 and first.context["page_obj"].has_next()
    assert len(client.get(LIST, {"page": 2}).context["page_obj"]) == 5
    fragment = client.get(LIST, headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content and b"30 activities" in fragment.content


def test_export_csv_and_xlsx_follow_the_filter(client, officer):
    ActivityFactory(lead_organisation=officer.organisation, title='=HYPERLINK("x")', status=Status.OPEN)
    ActivityFactory(lead_organisation=officer.organisation, title="Closed one", status=Status.CLOSED)
    csv_response = client.get(reverse("engagement:activity_export", args=["csv"]), {"status": "open"})
    rows = list(csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["ID", "Title", "Status"]
    assert [r[1] for r in rows[1:]] == ['\'=HYPERLINK("x")']  # formula neutralised
    xlsx = client.get(reverse("engagement:activity_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 2


def test_transition_buttons_confirmation_and_errors(client, officer):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED)
    url = reverse("engagement:activity_transition", kwargs={"pk": activity.pk})
    page = client.post(url, {"to": "open"})
    assert page.status_code == 200 and b"Before-stage checklist points not yet answered" in page.content
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED
    client.post(url, {"to": "open", "confirmed": "yes"})
    activity.refresh_from_db()
    assert activity.status == Status.OPEN
    response = client.post(url, {"to": "evaluated"}, follow=True)
    assert b"cannot become evaluated" in response.content
    assert client.post(url, {"to": "nonsense"}).status_code == 302


def test_checklist_page_and_htmx_answer(client, officer):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    page = client.get(reverse("engagement:activity_checklist", kwargs={"pk": activity.pk}))
    assert page.content.count(b'class="heard-checklist-point') == 25
    url = reverse("engagement:checklist_answer", kwargs={"pk": activity.pk, "point": 13})
    fragment = client.post(url, {"answer": "done", "note": "Plan written"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and b"Answered <strong>done</strong>" in fragment.content
    assert ChecklistAnswer.objects.get(activity=activity, point=13).note == "Plan written"
    bad = client.post(url, {"answer": "maybe"}, headers={"HX-Request": "true"})
    assert bad.status_code == 400 and b"Choose done, not done or not applicable" in bad.content
    plain = client.post(url, {"answer": "not_done"})
    assert plain.status_code == 302 and plain["Location"].endswith("#point-13")
    assert (
        client.post(
            reverse("engagement:checklist_answer", kwargs={"pk": activity.pk, "point": 26}),
            {"answer": "done"},
        ).status_code
        == 404
    )


def test_detail_shows_progress_per_stage(client, officer):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    for point in (1, 2, 14):
        ChecklistAnswer.objects.create(activity=activity, point=point, answer=Answer.DONE)
    page = client.get(reverse("engagement:activity_detail", kwargs={"pk": activity.pk})).content.decode()
    assert "2 of 13 answered" in page and "1 of 6 answered" in page and "0 of 6 answered" in page


def test_plan_form(client, officer):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    url = reverse("engagement:activity_plan", kwargs={"pk": activity.pk})
    client.post(url, {"decision_route": "Ward panel", "analysis": "Counts", "sharing_back": "Newsletter"})
    assert activity.plan.decision_route == "Ward panel"


def test_delete_draft_through_the_page(client, officer):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    url = reverse("engagement:activity_delete", kwargs={"pk": activity.pk})
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Activity.private_objects.exists()


def test_list_and_export_queries_do_not_grow_with_rows(client, officer, ward):
    """No N+1: the page and the export read related rows in a fixed number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    audience = AudienceFactory(name="Query counting")
    for _ in range(3):
        ActivityFactory(lead_organisation=officer.organisation, areas=[ward], audiences=[audience])
    few = (count(LIST), count(reverse("engagement:activity_export", args=["csv"])))
    for _ in range(20):
        ActivityFactory(lead_organisation=officer.organisation, areas=[ward], audiences=[audience])
    many = (count(LIST), count(reverse("engagement:activity_export", args=["csv"])))
    assert many == few


def test_a_stale_move_on_the_page_is_explained_and_not_made(client, officer):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED)
    url = reverse("engagement:activity_transition", kwargs={"pk": activity.pk})
    assert (
        b'name="from" value="planned"'
        in client.get(reverse("engagement:activity_detail", kwargs={"pk": activity.pk})).content
    )
    client.post(url, {"to": "open", "from": "planned", "confirmed": "yes"})  # the first tab
    response = client.post(url, {"to": "cancelled", "from": "planned"}, follow=True)  # the second
    assert b"Somebody else changed this activity while you were looking at it" in response.content
    activity.refresh_from_db()
    assert activity.status == Status.OPEN


def test_the_confirmation_page_keeps_the_status_seen(client, officer):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED)
    url = reverse("engagement:activity_transition", kwargs={"pk": activity.pk})
    page = client.post(url, {"to": "open", "from": "planned"})
    assert b'name="from" value="planned"' in page.content


def test_history_names_statuses_as_people_read_them(client, officer):
    """In plain words (governance/history.py), never stored values."""
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.CLOSED)
    url = reverse("engagement:activity_transition", kwargs={"pk": activity.pk})
    client.post(url, {"to": "open", "confirmed": "yes"})
    page = client.get(reverse("engagement:activity_detail", kwargs={"pk": activity.pk})).content
    assert b"Status changed from Closed to Open" in page and b"closed</li>" not in page


def test_deleting_a_draft_with_an_unanswered_questionnaire(client, officer, questionnaire_for):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    questionnaire_for(activity)
    response = client.post(reverse("engagement:activity_delete", kwargs={"pk": activity.pk}))
    assert response.status_code == 302 and response["Location"] == LIST
    assert not Activity.private_objects.exists()


def test_deleting_a_draft_whose_questionnaire_has_answers_is_refused(client, officer, questionnaire_for):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    questionnaire_for(activity, responses=2)
    url = reverse("engagement:activity_delete", kwargs={"pk": activity.pk})
    response = client.post(url, follow=True)
    assert response.redirect_chain == [
        (reverse("engagement:activity_detail", kwargs={"pk": activity.pk}), 302)
    ]
    assert b"cannot be deleted" in response.content
    assert Activity.private_objects.filter(pk=activity.pk).exists()


@pytest.mark.parametrize("pk", [2**63, 2**64, 10**30])
def test_ids_too_large_for_the_database_are_not_found(client, officer, pk):
    ActivityFactory(lead_organisation=officer.organisation)
    for name in (
        "activity_detail",
        "activity_edit",
        "activity_delete",
        "activity_checklist",
        "activity_plan",
    ):
        assert client.get(reverse(f"engagement:{name}", kwargs={"pk": pk})).status_code == 404, name
    for name in ("activity_edit", "activity_delete", "activity_transition", "activity_plan"):
        assert (
            client.post(reverse(f"engagement:{name}", kwargs={"pk": pk}), {"to": "planned"}).status_code
            == 404
        )
    url = reverse("engagement:checklist_answer", kwargs={"pk": pk, "point": 1})
    assert client.post(url, {"answer": "done"}).status_code == 404
