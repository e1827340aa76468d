"""Coordination over HTTP: the same selectors and services as the pages, with 404 for what is
out of sight, 422 for bad input and 409 for a stale answer."""

import pytest
from django.test import Client
from django.urls import reverse

from core.tests.helpers import content
from governance.models import Marking
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory
from reach.models import JointProposal, ProposalState

from .coordination_helpers import activity, build_places, later, load_reference, youth_clash


@pytest.fixture(autouse=True)
def _reference(db):
    load_reference()


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


def _post(client, name, body, **kwargs):
    return client.post(reverse(name, kwargs=kwargs), body, content_type="application/json")


def test_an_activity_s_matches(officer, pair):
    found = (
        _client(officer).get(reverse("api:list_activity_matches", kwargs={"activity_id": pair[0].pk})).json()
    )
    [match] = found
    assert match["kind"] == "duplicate" and match["kind_label"] == "Possible duplicate"
    assert match["activity"]["id"] == pair[0].pk and match["other_activity"]["id"] == pair[1].pk
    assert match["other_activity"]["organisation"] == "trafford-council"
    assert match["other_activity"]["areas"] == ["E05000836"]
    assert match["reason"].startswith("Both meet young people in Stretford") and match["details"]


def test_matches_of_an_activity_out_of_sight_are_not_found(officer, council, places):
    hidden = activity(
        council, "SENSITIVE", area=places.stretford, day=later(1), marking=Marking.OFFICIAL_SENSITIVE
    )
    response = _client(officer).get(reverse("api:list_activity_matches", kwargs={"activity_id": hidden.pk}))
    assert response.status_code == 404


def test_the_report_and_its_filters(officer, pair, places):
    client = _client(officer)
    assert [m["other_activity"]["id"] for m in client.get(reverse("api:list_duplicates")).json()] == [
        pair[1].pk
    ]
    assert client.get(reverse("api:list_duplicates"), {"kind": "piggyback"}).json() == []
    assert len(client.get(reverse("api:list_duplicates"), {"area": places.stretford.code}).json()) == 1
    bad = client.get(reverse("api:list_duplicates"), {"starts_from": "2027-03-01", "starts_to": "2027-02-01"})
    assert bad.status_code == 422 and "starts_to" in bad.json()["errors"]
    assert client.get(reverse("api:list_duplicates"), {"area": "NOPE"}).status_code == 422
    export = client.get(reverse("api:export_duplicates"), {"format": "csv"})
    assert export.status_code == 200 and "Stretford youth safety focus group" in content(export).decode(
        "utf-8-sig"
    )
    assert client.get(reverse("api:export_duplicates"), {"format": "pdf"}).status_code == 422


def test_propose_accept_and_a_stale_answer(
    officer, outsider, police, pair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = _post(
            _client(officer),
            "api:create_proposal",
            {"activity": pair[0].pk, "other_activity": pair[1].pk, "message": "One session?"},
        )
    assert created.status_code == 201, created.content
    proposal = created.json()
    assert proposal["state"] == "proposed" and proposal["kind"] == "duplicate" and not proposal["can_answer"]
    theirs = _client(outsider)
    listed = theirs.get(reverse("api:list_proposals")).json()
    assert [p["id"] for p in listed] == [proposal["id"]] and listed[0]["incoming"] and listed[0]["can_answer"]
    assert _post(_client(officer), "api:accept_proposal", {}, proposal_id=proposal["id"]).status_code == 403
    accepted = _post(theirs, "api:accept_proposal", {"reply": "Yes"}, proposal_id=proposal["id"])
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    assert list(pair[1].partners.all()) == [police]
    stale = _post(theirs, "api:decline_proposal", {"seen": "proposed"}, proposal_id=proposal["id"])
    assert stale.status_code == 409 and stale.json()["state"] == "accepted"
    assert JointProposal.objects.get().state == ProposalState.ACCEPTED


def test_declining(officer, outsider, pair):
    proposal = _post(
        _client(officer),
        "api:create_proposal",
        {"activity": pair[0].pk, "other_activity": pair[1].pk, "message": "One session?"},
    ).json()
    declined = _post(
        _client(outsider), "api:decline_proposal", {"reply": "No thanks"}, proposal_id=proposal["id"]
    )
    assert declined.status_code == 200 and declined.json()["state"] == "declined"
    assert declined.json()["reply"] == "No thanks"
    assert not pair[0].partners.exists()


def test_bad_proposals(officer, council, places, pair):
    client = _client(officer)
    body = {"activity": pair[0].pk, "other_activity": pair[1].pk, "message": ""}
    assert _post(client, "api:create_proposal", body).status_code == 422
    hidden = activity(
        council, "SENSITIVE", area=places.stretford, day=later(1), marking=Marking.OFFICIAL_SENSITIVE
    )
    body = {"activity": pair[0].pk, "other_activity": hidden.pk, "message": "Hello"}
    assert _post(client, "api:create_proposal", body).status_code == 404
    body = {"activity": pair[0].pk, "other_activity": 2**70, "message": "Hello"}
    assert _post(client, "api:create_proposal", body).status_code in (404, 422)
    own_second = activity(pair[0].lead_organisation, "Ours too", area=places.stretford, day=later(1))
    body = {"activity": pair[0].pk, "other_activity": own_second.pk, "message": "Hello"}
    assert _post(client, "api:create_proposal", body).status_code == 422
    assert not JointProposal.objects.exists()


def test_a_proposal_between_others_is_not_found(officer, outsider, pair):
    proposal = _post(
        _client(officer),
        "api:create_proposal",
        {"activity": pair[0].pk, "other_activity": pair[1].pk, "message": "One session?"},
    ).json()
    stranger = _client(UserFactory(organisation=OrganisationFactory(name="Trafford Housing Trust")))
    assert (
        stranger.get(reverse("api:get_proposal", kwargs={"proposal_id": proposal["id"]})).status_code == 404
    )
    assert _post(stranger, "api:accept_proposal", {}, proposal_id=proposal["id"]).status_code == 404
    assert stranger.get(reverse("api:list_proposals")).json() == []
