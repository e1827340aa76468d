"""Coordination's staff pages: the section on a planned activity's page, checklist points 2 and
3, the activity's partner activities, proposing, answering, and the report with its exports."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.context_processors import staff_menu
from core.extensions import activity_panels, checklist_links
from core.tests.helpers import content
from engagement.models import Status
from engagement.selectors import checklist_rows
from governance.models import AuditAction, AuditEvent, Marking
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory
from reach.coordination_services import proposal_accept, proposal_create
from reach.models import JointProposal, ProposalState

from .coordination_helpers import activity, build_places, later, load_reference, youth_clash


@pytest.fixture(autouse=True)
def _reference(db):
    load_reference()


@pytest.fixture(autouse=True)
def _only_this_part(monkeypatch):
    """An activity's page shows only this part's section: others' are tested by their parts."""
    for registry in (activity_panels, checklist_links):
        monkeypatch.setattr(
            registry, "items", {k: v for k, v in registry.items.items() if k == "coordination"}
        )


@pytest.fixture
def places(db):
    return build_places()


@pytest.fixture
def pair(police, council, places):
    DataSharingAgreementFactory(owner=police, recipient=council)
    DataSharingAgreementFactory(owner=council, recipient=police)
    return youth_clash(police, council, places)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_planned_activity_page_shows_partner_activities_nearby(officer, pair):
    page = _client(officer).get(reverse("engagement:activity_detail", kwargs={"pk": pair[0].pk}))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Partner activities nearby" in body and "Possible duplicate" in body
    assert "Both meet young people in Stretford" in body
    assert reverse("coordination:activity", kwargs={"pk": pair[0].pk}) in body


def test_an_open_activity_page_has_no_such_section(officer, pair):
    pair[0].status = Status.OPEN
    pair[0].save()
    page = _client(officer).get(reverse("engagement:activity_detail", kwargs={"pk": pair[0].pk}))
    assert page.status_code == 200 and "Partner activities nearby" not in page.content.decode()


def test_checklist_points_2_and_3_link_to_what_was_found(officer, pair):
    rows = {row.number: row for row in checklist_rows(user=officer, activity=pair[0])}
    url = reverse("coordination:activity", kwargs={"pk": pair[0].pk})
    assert rows[2].link == ("Partner activities you could work with: 1 found", url)
    assert rows[3].link == ("Possible clashes with partner activities: 1 found", url)
    page = _client(officer).get(reverse("engagement:activity_checklist", kwargs={"pk": pair[0].pk}))
    assert "Possible clashes with partner activities: 1 found" in page.content.decode()


def test_the_activity_page_offers_a_proposal_only_to_those_who_may_change_it(officer, police, pair):
    url = reverse("coordination:activity", kwargs={"pk": pair[0].pk})
    propose = reverse("coordination:propose", kwargs={"pk": pair[0].pk, "other_pk": pair[1].pk})
    assert propose in _client(officer).get(url).content.decode()
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    shown = _client(analyst).get(url)
    assert shown.status_code == 200 and "Stretford youth safety focus group" in shown.content.decode()
    assert propose not in shown.content.decode()
    assert _client(analyst).get(propose).status_code == 403


def test_proposing_shows_errors_and_then_sends(officer, pair, django_capture_on_commit_callbacks):
    url = reverse("coordination:propose", kwargs={"pk": pair[0].pk, "other_pk": pair[1].pk})
    client = _client(officer)
    assert client.get(url).status_code == 200
    empty = client.post(url, {"message": ""})
    assert empty.status_code == 400
    assert (
        "<title>Error: " in empty.content.decode()
        and "Write a message to the other organisation." in empty.content.decode()
    )
    assert not JointProposal.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"message": "Shall we run one session together?"})
    proposal = JointProposal.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse(
        "coordination:proposal_detail", kwargs={"pk": proposal.pk}
    )
    again = client.post(url, {"message": "Again?"})
    assert again.status_code == 400 and "already waiting for an answer" in again.content.decode()


def test_proposing_about_an_activity_out_of_sight_is_not_found(officer, council, places, pair):
    hidden = activity(
        council,
        "SENSITIVE youth group",
        area=places.stretford,
        day=later(3),
        marking=Marking.OFFICIAL_SENSITIVE,
    )
    client = _client(officer)
    assert (
        client.get(
            reverse("coordination:propose", kwargs={"pk": pair[0].pk, "other_pk": hidden.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("coordination:propose", kwargs={"pk": hidden.pk, "other_pk": pair[1].pk})
        ).status_code
        == 404
    )


def test_the_other_lead_answers_on_the_proposal_page(
    officer, outsider, police, pair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = proposal_create(
            user=officer, activity=pair[0], other_activity=pair[1], message="One session?"
        )
    client = _client(outsider)
    listing = client.get(reverse("coordination:proposal_list")).content.decode()
    assert "Waiting for your answer (1)" in listing and "One session?" in listing
    detail_url = reverse("coordination:proposal_detail", kwargs={"pk": proposal.pk})
    detail = client.get(detail_url).content.decode()
    assert 'value="accepted"' in detail and 'value="declined"' in detail
    answer_url = reverse("coordination:proposal_answer", kwargs={"pk": proposal.pk})
    too_long = client.post(answer_url, {"to": "accepted", "seen": "proposed", "reply": "x" * 2001})
    assert too_long.status_code == 400 and "<title>Error: " in too_long.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(answer_url, {"to": "accepted", "seen": "proposed"}, follow=True)
    assert "Proposal accepted" in done.content.decode()
    assert list(pair[1].partners.all()) == [police]
    stale = client.post(answer_url, {"to": "declined", "seen": "proposed"}, follow=True)
    assert "Somebody else changed this proposal" in stale.content.decode()
    assert JointProposal.objects.get().state == ProposalState.ACCEPTED
    assert _client(officer).post(answer_url, {"to": "declined", "seen": "accepted"}).status_code == 403


def test_the_menu_counts_proposals_waiting(officer, outsider, pair, rf):
    proposal_create(user=officer, activity=pair[0], other_activity=pair[1], message="One session?")
    request = rf.get("/staff/")
    request.user = outsider
    [item] = [i for i in staff_menu(request)["staff_menu"] if i["label"] == "Coordination"]
    assert item["url"] == reverse("coordination:report")
    from core.extensions import staff_menu as registry

    [counted] = [i for i in registry if i.label == "Coordination"]
    assert counted.count(outsider) == 1 and counted.count(officer) == 0
    report = _client(outsider).get(reverse("coordination:report")).content.decode()
    assert "1 proposal of joint working waits for your organisation" in report


def test_the_report_lists_pairs_with_filters(officer, council, places, pair):
    activity(
        council,
        "Gorse Hill youth focus group",
        area=places.gorse_hill,
        day=later(20),
        audiences=("young-people",),
    )
    client = _client(officer)
    body = client.get(reverse("coordination:report")).content.decode()
    assert "2 pairs found" in body and "Both meet young people in Stretford" in body
    assert (
        "1 pair found" in client.get(reverse("coordination:report"), {"kind": "duplicate"}).content.decode()
    )
    narrowed = client.get(reverse("coordination:report"), {"area": places.gorse_hill.code}).content.decode()
    assert "1 pair found" in narrowed and "Gorse Hill youth focus group" in narrowed
    late = client.get(reverse("coordination:report"), {"starts_from": str(later(15))}).content.decode()
    assert "1 pair found" in late
    by_police = client.get(reverse("coordination:report"), {"organisation": pair[0].lead_organisation.slug})
    assert "2 pairs found" in by_police.content.decode()
    housing = OrganisationFactory(name="Trafford Housing Trust")
    by_housing = client.get(reverse("coordination:report"), {"organisation": housing.slug})
    assert "0 pairs found" in by_housing.content.decode()
    wrong = client.get(
        reverse("coordination:report"), {"starts_from": "2027-03-01", "starts_to": "2027-02-01"}
    )
    assert (
        wrong.status_code == 400
        and "The end of the period must be on or after its start." in wrong.content.decode()
    )


def test_the_report_exports_as_csv_and_xlsx_and_is_audited(officer, pair):
    client = _client(officer)
    csv = client.get(
        reverse("coordination:report_export", kwargs={"file_format": "csv"}), {"kind": "duplicate"}
    )
    text = content(csv).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Found,Score,Why,Details,What could be done,First activity ID")
    assert "Possible duplicate" in text and "Stretford youth safety focus group" in text
    xlsx = client.get(reverse("coordination:report_export", kwargs={"file_format": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Found" and rows[1][6] == pair[0].title and rows[1][11] == pair[1].title
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="reach.duplicates_report")
    assert exports.count() == 2 and exports.last().changes["filter"] == "kind=duplicate"
    bad = client.get(reverse("coordination:report_export", kwargs={"file_format": "csv"}), {"area": "NOPE"})
    assert bad.status_code == 400


def test_answered_proposal_shows_who_answered_to_the_answering_side_only(officer, outsider, pair):
    proposal = proposal_create(user=officer, activity=pair[0], other_activity=pair[1], message="One session?")
    proposal_accept(user=outsider, proposal=proposal)
    url = reverse("coordination:proposal_detail", kwargs={"pk": proposal.pk})
    assert outsider.display_name() in _client(outsider).get(url).content.decode()
    assert outsider.display_name() not in _client(officer).get(url).content.decode()
