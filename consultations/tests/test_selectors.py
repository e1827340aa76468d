"""What the staff pages and the API show of residents' words: the organisation leading the
activity reads them as written; a partner organisation's users (a partner of the activity, or
under a data-sharing agreement) read them redacted, everywhere: the written answers page, the
results page's previews, the answers endpoint, the responses exports (page and API, CSV and
XLSX) and attendance notes (page and API). Nor can they find answers by the hidden words."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from consultations.answers import clean_answers
from consultations.attendance import attendance_create
from consultations.services import response_submit
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory

PLANTED = (
    "Ask John Smith at 14 Acacia Avenue, M33 5AB, on 07700 900123 or john.smith@example.com about the dealing"
)
PERSONAL = ("John", "Smith", "Acacia", "M33 5AB", "07700 900123", "john.smith@example.com")


@pytest.fixture
def planted(consultation, officer):
    """A written answer and an attendance note naming a person, their address, postcode, phone
    number and e-mail address."""
    questions = list(consultation.questions.prefetch_related("choices"))
    no = next(c for c in questions[0].choices.all() if c.label == "No")
    cleaned = clean_answers(consultation, {questions[0].pk: [str(no.pk)], questions[1].pk: [PLANTED]})
    assert cleaned.is_valid, cleaned.errors
    response_submit(questionnaire=consultation, cleaned=cleaned)
    attendance_create(
        user=officer,
        activity=consultation.activity,
        held_on=consultation.activity.response_opens,
        head_count=20,
        notes=PLANTED,
    )
    return consultation


@pytest.fixture(params=["partner of the activity", "data-sharing agreement"])
def partner(request, planted, police, council):
    """A partner user of the council, which sees the police's OFFICIAL activity."""
    if request.param == "partner of the activity":
        planted.activity.partners.add(council)
    else:
        DataSharingAgreementFactory(owner=police, recipient=council)
    return UserFactory(organisation=council, roles=[Role.PARTNER_USER])


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _body(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def _xlsx_text(response):
    book = load_workbook(io.BytesIO(_body(response)))
    return "\n".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v)


PLACES = [
    "written answers page",
    "results page",
    "answers endpoint",
    "responses CSV (page)",
    "responses XLSX (page)",
    "responses CSV (API)",
    "responses XLSX (API)",
    "attendance page",
    "attendance endpoint",
]


def _url(place, questionnaire):
    """Where a written answer or an attendance note is shown."""
    q, activity = questionnaire.pk, questionnaire.activity_id

    def export(fmt):
        return reverse(
            "consultations:results_export", kwargs={"pk": q, "part": "responses", "file_format": fmt}
        )

    return {
        "written answers page": reverse("consultations:text_answers", kwargs={"pk": q}),
        "results page": reverse("consultations:results", kwargs={"pk": q}),
        "answers endpoint": f"/api/questionnaires/{q}/answers",
        "responses CSV (page)": export("csv"),
        "responses XLSX (page)": export("xlsx"),
        "responses CSV (API)": f"/api/questionnaires/{q}/results/export?part=responses&format=csv",
        "responses XLSX (API)": f"/api/questionnaires/{q}/results/export?part=responses&format=xlsx",
        "attendance page": reverse("consultations:attendance_list", kwargs={"activity_pk": activity}),
        "attendance endpoint": f"/api/activities/{activity}/attendance",
    }[place]


def _read(client, url):
    response = client.get(url)
    if "XLSX" in url or "xlsx" in url:
        return _xlsx_text(response)
    return _body(response).decode("utf-8-sig")


@pytest.mark.parametrize("place", PLACES)
def test_the_leading_organisation_reads_the_words_as_written(planted, officer, place):
    text = _read(_client(officer), _url(place, planted))
    for word in PERSONAL:
        assert word in text, f"{place}: {word} missing"


@pytest.mark.parametrize("place", PLACES)
def test_partners_read_them_redacted(planted, partner, place):
    text = _read(_client(partner), _url(place, planted))
    assert "[NAME]" in text and "about the dealing" in text
    for word in PERSONAL:
        assert word not in text, f"{place} shows {word} to a partner"


def test_one_attendance_record_is_redacted_for_partners(planted, partner, officer):
    attendance = planted.activity.attendances.get()
    assert PLANTED in _read(_client(officer), f"/api/attendance/{attendance.pk}")
    shown = _read(_client(partner), f"/api/attendance/{attendance.pk}")
    assert "[PHONE]" in shown and not any(word in shown for word in PERSONAL)


def test_partners_cannot_find_answers_by_the_hidden_words(planted, partner, officer):
    owner = _client(officer)
    answers = reverse("consultations:text_answers", kwargs={"pk": planted.pk})
    assert b"1 answer " in owner.get(answers, {"q": "Smith"}).content
    client = _client(partner)
    for search in ("Smith", "07700 900123", "dealing"):
        others = [word for word in PERSONAL if word not in search]
        page = client.get(answers, {"q": search})
        assert page.status_code == 400 and b"can search the written answers" in page.content
        assert b"containing" not in page.content  # no search was made
        assert not any(word.encode() in page.content for word in others)
        results = client.get(reverse("consultations:results", kwargs={"pk": planted.pk}), {"q": search})
        assert results.status_code == 400 and b"can search the written answers" in results.content
        assert b" contain " not in results.content
        api = client.get(f"/api/questionnaires/{planted.pk}/answers", {"q": search})
        assert api.status_code == 422 and "can search" in str(api.json()["errors"]["q"])
    unfiltered = client.get(answers)
    assert b'name="q"' not in unfiltered.content  # no search box to offer them


def test_a_reader_of_redacted_notes_changes_the_count_not_the_notes(planted):
    """A platform superuser with no organisation may change the attendance but reads its notes
    redacted: the form shows them so, and saving keeps the notes as written."""
    admin = UserFactory(organisation=None, is_superuser=True)
    attendance = planted.activity.attendances.get()
    client = _client(admin)
    edit = reverse("consultations:attendance_edit", kwargs={"pk": attendance.pk})
    form = client.get(edit).content.decode()
    assert "[ADDRESS]" in form and not any(word in form for word in PERSONAL)
    saved = client.post(
        edit,
        {"held_on": attendance.held_on.isoformat(), "head_count": "25", "is_estimate": "exact", "notes": "x"},
    )
    assert saved.status_code == 302
    attendance.refresh_from_db()
    assert attendance.head_count == 25 and attendance.notes == PLANTED
