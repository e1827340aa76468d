"""Correcting the policing codes of meeting notes: the service (kept through coding again,
teaching later coding, only for the organisation leading the meeting, bad input refused with
nothing stored), the staff page and the API, and deleting the notes leaving no trace."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from governance.models import AuditEvent
from insight.coding import answers_code, note_code_correct, notes_code
from insight.models import AnswerCode, CodeSource, NoteCode, NoteCodeCorrection
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.tests.factories import AreaFactory

from .coding_factories import answer, meeting_notes, small_codeframe, text_question


@pytest.fixture
def ward(db):
    return AreaFactory(code="E05000820", name="Ashton upon Mersey")


@pytest.fixture
def analyst(police):
    return UserFactory(organisation=police, roles=[Role.ANALYST])


@pytest.fixture
def question(police, ward):
    small_codeframe(police)
    return text_question(police, ward)


def codes_of(notes):
    return set(NoteCode.objects.filter(attendance=notes).values_list("code", flat=True))


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


# The service


def test_a_correction_of_notes_stays_through_coding_again(police, question, analyst):
    notes = meeting_notes(question, "Drivers race far too fast past the school")
    untouched = meeting_notes(question, "Drug dealing on the corner by the shops")
    assert notes_code(organisation_id=police.pk) == 2
    assert codes_of(notes) == {"speeding"}
    note_code_correct(user=analyst, attendance=notes, code="speeding", action="remove")
    added = note_code_correct(user=analyst, attendance=notes, code="asb", action="add")
    assert added is not None and added.source == CodeSource.ANALYST
    notes_code(organisation_id=police.pk)
    assert codes_of(notes) == {"asb"}
    assert NoteCode.objects.get(attendance=notes).source == CodeSource.ANALYST
    assert codes_of(untouched) == {"drugs"}
    assert NoteCodeCorrection.objects.filter(attendance=notes).count() == 2
    assert AuditEvent.objects.filter(changes__has_key="policing code").count() == 2


def test_adding_a_code_again_after_removing_it_is_the_latest_word(police, question, analyst):
    notes = meeting_notes(question, "Drivers race far too fast past the school")
    note_code_correct(user=analyst, attendance=notes, code="asb", action="add")
    note_code_correct(user=analyst, attendance=notes, code="asb", action="remove")
    assert codes_of(notes) == set()
    note_code_correct(user=analyst, attendance=notes, code="asb", action="add")
    correction = NoteCodeCorrection.objects.get(attendance=notes)
    assert (correction.action, correction.created_by) == ("add", analyst)
    assert codes_of(notes) == {"asb"}


def test_note_corrections_teach_later_coding_of_notes_and_answers_for_their_organisation_only(
    police, council, ward, question, analyst
):
    # a made-up pastime no description or example speaks of; untaught coding gives it whichever
    # code happens to be nearest (never drugs), so drugs can only come from the corrections
    words = [
        "Zorbing lads at the lock again",
        "Those zorbing idiots by the lock",
        "Zorbing at the lock every night",
    ]
    for text in words:
        note_code_correct(user=analyst, attendance=meeting_notes(question, text), code="drugs", action="add")
    later = meeting_notes(question, "zorbing by the lock")
    notes_code(organisation_id=police.pk)
    assert "drugs" in codes_of(later)
    said = answer(question, "zorbing by the lock")
    answers_code(organisation_id=police.pk, answer_ids=[said.pk])
    assert AnswerCode.objects.filter(answer=said, code="drugs").exists()

    small_codeframe(council)
    theirs = meeting_notes(text_question(council, ward), "zorbing by the lock")
    notes_code(organisation_id=council.pk)
    assert "drugs" not in codes_of(theirs)


@pytest.mark.parametrize("role", [Role.PARTNER_USER, Role.AUTHORITY_MEMBER, Role.INTELLIGENCE_OFFICER])
def test_only_analysts_admins_and_engagement_officers_correct_notes(police, question, role):
    notes = meeting_notes(question, "Cars speeding")
    with pytest.raises(PermissionDenied):
        note_code_correct(
            user=UserFactory(organisation=police, roles=[role]), attendance=notes, code="asb", action="add"
        )


def test_another_organisation_cannot_correct_the_notes(question, council):
    notes = meeting_notes(question, "Cars speeding")
    outsider = UserFactory(organisation=council, roles=[Role.ANALYST])
    with pytest.raises(PermissionDenied):
        note_code_correct(user=outsider, attendance=notes, code="asb", action="add")
    assert not NoteCodeCorrection.objects.exists()


def test_a_bad_correction_of_notes_is_refused_and_stores_nothing(question, analyst):
    notes = meeting_notes(question, "Cars speeding")
    with pytest.raises(ValidationError, match="codeframe"):
        note_code_correct(user=analyst, attendance=notes, code="no-such-code", action="add")
    with pytest.raises(ValidationError, match="add or to remove"):
        note_code_correct(user=analyst, attendance=notes, code="asb", action="shout")
    with pytest.raises(ValidationError, match="empty"):
        note_code_correct(user=analyst, attendance=meeting_notes(question, ""), code="asb", action="add")
    assert not NoteCodeCorrection.objects.exists() and not NoteCode.objects.exists()
    assert not AuditEvent.objects.filter(changes__has_key="policing code").exists()


def test_deleting_the_notes_removes_their_codes_and_corrections(police, question, analyst):
    notes = meeting_notes(question, "Drivers race far too fast past the school")
    notes_code(organisation_id=police.pk)
    note_code_correct(user=analyst, attendance=notes, code="asb", action="add")
    notes.delete()
    assert not NoteCode.objects.exists() and not NoteCodeCorrection.objects.exists()


def test_deleting_the_analyst_keeps_the_correction(police, question, analyst):
    notes = meeting_notes(question, "Cars speeding")
    note_code_correct(user=analyst, attendance=notes, code="asb", action="add")
    analyst.delete()
    assert NoteCodeCorrection.objects.get(attendance=notes).created_by is None


# The staff page


@pytest.mark.parametrize(
    ("role", "may_correct"),
    [
        (Role.ANALYST, True),
        (Role.ADMIN, True),
        (Role.ENGAGEMENT_OFFICER, True),
        (Role.PARTNER_USER, False),
        (Role.AUTHORITY_MEMBER, False),
        (Role.INTELLIGENCE_OFFICER, False),
    ],
)
def test_the_notes_page_lists_notes_and_lets_those_who_may_correct_them(police, question, role, may_correct):
    notes = meeting_notes(question, "Residents said cars race down the main road")
    NoteCode.objects.create(organisation=police, attendance=notes, code="speeding", version=1)
    client = client_for(UserFactory(organisation=police, roles=[role]))
    page = client.get(reverse("insight:note_code_list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Residents said cars race down the main road" in body and "Speeding and road safety" in body
    assert question.questionnaire.activity.title in body
    url = reverse("insight:note_codes", kwargs={"pk": notes.pk})
    assert (f'action="{url}"' in body) is may_correct
    response = client.post(url, {"code": "asb", "action": "add", "page": "1"})
    assert response.status_code == (302 if may_correct else 403)
    assert codes_of(notes) == ({"speeding", "asb"} if may_correct else {"speeding"})
    if may_correct:
        assert response["Location"] == reverse("insight:note_code_list") + f"?page=1#note-{notes.pk}"
        removed = client.post(url, {"code": "speeding", "action": "remove"})
        assert removed.status_code == 302 and codes_of(notes) == {"asb"}


def test_a_bad_correction_on_the_page_is_a_400_with_a_message_and_stores_nothing(police, question, analyst):
    notes = meeting_notes(question, "Cars speeding")
    client = client_for(analyst)
    url = reverse("insight:note_codes", kwargs={"pk": notes.pk})
    refused = client.post(url, {"code": "nonsense", "action": "add", "page": "x"})
    assert refused.status_code == 400
    assert b"Choose a code of your organisation" in refused.content and b"Cars speeding" in refused.content
    assert client.post(url, {"code": "asb"}).status_code == 400
    assert client.get(url).status_code == 405
    assert not NoteCodeCorrection.objects.exists() and not NoteCode.objects.exists()


def test_another_organisation_gets_a_404_for_the_notes_and_none_in_its_list(police, council, question):
    notes = meeting_notes(question, "Cars speeding on the main road")
    client = client_for(UserFactory(organisation=council, roles=[Role.ANALYST]))
    url = reverse("insight:note_codes", kwargs={"pk": notes.pk})
    assert client.post(url, {"code": "asb", "action": "add"}).status_code == 404
    assert b"Cars speeding" not in client.get(reverse("insight:note_code_list")).content
    assert client.get(reverse("api:get_note_codes", kwargs={"attendance_id": notes.pk})).status_code == 404
    assert client.get(reverse("api:list_coded_notes")).json() == []
    assert not NoteCodeCorrection.objects.exists()


def test_the_answers_codes_page_links_to_the_notes(police, question, analyst):
    listing = client_for(analyst).get(reverse("insight:code_list"))
    assert reverse("insight:note_code_list").encode() in listing.content


# The API


def test_the_api_lists_notes_codes_and_corrects_them(police, question, analyst):
    notes = meeting_notes(question, "Cars speeding on the main road")
    NoteCode.objects.create(organisation=police, attendance=notes, code="speeding", version=1)
    client = client_for(analyst)
    listed = client.get(reverse("api:list_coded_notes")).json()
    assert [(n["id"], n["text"], [c["code"] for c in n["codes"]]) for n in listed] == [
        (notes.pk, "Cars speeding on the main road", ["speeding"])
    ]
    url = reverse("api:correct_note_code", kwargs={"attendance_id": notes.pk})
    done = client.post(url, {"code": "asb", "action": "add"}, content_type="application/json")
    assert done.status_code == 200
    assert {c["code"]: c["by_analyst"] for c in done.json()["codes"]} == {"speeding": False, "asb": True}
    one = client.get(reverse("api:get_note_codes", kwargs={"attendance_id": notes.pk})).json()
    assert one["activity"] == question.questionnaire.activity.title and len(one["codes"]) == 2
    bad = client.post(url, {"code": "nonsense", "action": "add"}, content_type="application/json")
    assert bad.status_code == 422 and NoteCodeCorrection.objects.count() == 1
    partner = client_for(UserFactory(organisation=police, roles=[Role.PARTNER_USER]))
    refused = partner.post(url, {"code": "drugs", "action": "add"}, content_type="application/json")
    assert refused.status_code == 403 and NoteCodeCorrection.objects.count() == 1
