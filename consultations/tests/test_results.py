"""Results: counts and percentages per question, nothing left out silently, filters, the
written answers, equality in totals only with small numbers suppressed, and the exports."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consultations.answers import clean_answers
from consultations.attendance import equality_record_create
from consultations.models import Response
from consultations.results import (
    ResultFilters,
    activity_equality,
    question_results,
    questionnaire_equality,
    responses_filtered,
    text_answers,
)
from consultations.services import response_submit
from consultations.suppression import HIDDEN, suppress
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.models import Postcode
from places.services import area_set_parent
from places.tests.factories import AreaFactory


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


def _raw(questionnaire, **by_position):
    questions = list(questionnaire.questions.prefetch_related("choices"))
    raw = {}
    for key, value in by_position.items():
        question = questions[int(key[1:])]
        labels = {c.label: str(c.pk) for c in question.choices.all()}
        values = value if isinstance(value, list) else [value]
        raw[question.pk] = [labels.get(v, v) for v in values]
    return raw


def _submit(questionnaire, officer, channel="web", days_ago=0, equality=None, **answers):
    cleaned = clean_answers(questionnaire, _raw(questionnaire, **answers))
    assert cleaned.is_valid, cleaned.errors
    response, _ = response_submit(
        questionnaire=questionnaire,
        cleaned=cleaned,
        channel=channel,
        entered_by=officer if channel != "web" else None,
        equality=equality,
        submitted_at=timezone.now() - timedelta(days=days_ago),
    )
    return response


@pytest.fixture
def other_ward(ward):
    area = AreaFactory(code="E05000821", name="Brooklands")
    area_set_parent(area=area, parent=ward.parent)
    lsoa = AreaFactory(code="E01006200", name="Trafford 020A", level="lsoa")
    area_set_parent(area=lsoa, parent=area)
    Postcode.objects.create(postcode="M33 3AA", lsoa=lsoa)
    return area


@pytest.fixture
def answered(consultation, officer, other_ward):
    """Five responses: 3 online, 2 on paper; two written answers."""
    _submit(
        consultation,
        officer,
        q0="No",
        q1="Dark alley",
        q2=["Speeding", "ASB"],
        q3="Agree",
        q4=["Drugs", "Litter"],
        q5="M33 5AB",
    )
    _submit(
        consultation,
        officer,
        q0="No",
        q1="Nobody about at night",
        q2=["Speeding"],
        q4=["Litter", "Drugs", "Parking"],
        q5="M33 3AA",
    )
    _submit(consultation, officer, q0="Yes", q3="Agree", q5="M33 5AB")
    _submit(consultation, officer, channel="paper", days_ago=10, q0="Yes", q2=["Burglary"], q3="Disagree")
    _submit(consultation, officer, channel="paper", days_ago=10, q0="Don't know")
    return consultation


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _by_label(result):
    return {o.label: (o.count, o.percent) for o in result.options}


def test_counts_percentages_and_skips(answered):
    results = question_results(answered, Response.objects.filter(questionnaire=answered))
    safe, why, worry, police, rank, where = results
    assert safe.answered == 5 and safe.skipped == 0
    assert _by_label(safe) == {"Yes": (2, 40.0), "No": (2, 40.0), "Don't know": (1, 20.0)}
    # Skip logic: only the two "No" answers were asked the follow-up.
    assert (why.asked, why.answered, why.skipped, why.not_asked) == (2, 2, 0, 3)
    assert "Only asked when question 1 was answered “No”" in why.condition
    assert worry.answered == 3 and worry.skipped == 2
    assert _by_label(worry)["Speeding"] == (2, 66.7)  # of those answering; can add up past 100
    assert police.answered == 3 and _by_label(police)["Agree"] == (2, 66.7)
    assert _by_label(police)["Strongly agree"] == (0, 0.0)  # options nobody chose are shown too
    ranking = {o.label: (o.first, o.mean_rank) for o in rank.options}
    assert ranking == {"Drugs": (1, 1.5), "Litter": (1, 1.5), "Parking": (0, 3.0)}
    assert _by_label(where) == {"Ashton upon Mersey": (2, 66.7), "Brooklands": (1, 33.3)}


def test_filters(answered, ward):
    all_ = Response.objects.filter(questionnaire=answered)
    assert responses_filtered(answered, ResultFilters(channel="paper")).count() == 2
    assert responses_filtered(answered, ResultFilters(area=ward)).count() == 2
    assert (
        responses_filtered(answered, ResultFilters(area=ward.parent)).count() == 3
    )  # the district holds both wards
    week_ago = timezone.localdate() - timedelta(days=7)
    assert responses_filtered(answered, ResultFilters(date_from=week_ago)).count() == 3
    assert responses_filtered(answered, ResultFilters(date_to=week_ago)).count() == 2
    assert all_.count() == 5
    assert [a.text for a in text_answers(answered, ResultFilters(search="ALLEY"))] == ["Dark alley"]
    assert text_answers(answered, ResultFilters(area=ward)).count() == 1


def test_results_page(client, answered):
    url = reverse("consultations:results", kwargs={"pk": answered.pk})
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "5 responses." in body and "online 3, paper 2" in body
    assert "<strong>2 answered</strong>, 0 skipped, 3 not asked" in body
    assert "<strong>3 answered</strong>, 2 skipped" in body
    assert '<svg class="heard-bar"' in body and 'aria-hidden="true"' in body
    assert 'width="66.7"' in body  # the bar is as long as the percentage
    assert "Dark alley" in body and "Nobody about at night" in body
    assert "Equality monitoring" in body and "Nobody has filled in the equality questions yet" in body
    filtered = client.get(url, {"channel": "paper"}).content.decode()
    assert "2 of 5 responses match the filters (channel paper)" in filtered and "Dark alley" not in filtered
    searched = client.get(url, {"q": "nobody"}).content.decode()
    assert "Nobody about at night" in searched and "Dark alley" not in searched
    bad = client.get(url, {"date_from": "2026-02-01", "date_to": "2026-01-01", "channel": "fax"})
    assert bad.status_code == 400 and b"There is a problem" in bad.content


def test_results_page_queries_do_not_grow_with_responses(client, answered, officer):
    url = reverse("consultations:results", kwargs={"pk": answered.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        _submit(answered, officer, q0="No", q1="More text", q2=["ASB"], q4=["Parking"], q5="M33 5AB")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_written_answers_page(client, answered, ward):
    url = reverse("consultations:text_answers", kwargs={"pk": answered.pk})
    page = client.get(url)
    assert page.status_code == 200 and b"2 answers" in page.content
    why = answered.questions.get(position=1)
    area = client.get(url, {"area": ward.pk, "question": why.pk})
    assert (
        b"1 answer " in area.content and b"Dark alley" in area.content and b"Nobody about" not in area.content
    )
    assert client.get(url, {"question": answered.questions.get(position=0).pk}).status_code == 404
    assert client.get(url, {"question": "abc"}).status_code == 404


def test_suppression_hides_small_numbers_and_one_more():
    cells = suppress([("A", 10), ("B", 3), ("C", 7), ("D", 0)])
    shown = {c.label: c.shown for c in cells}
    assert shown == {"A": "10", "B": HIDDEN, "C": HIDDEN, "D": "0"}
    assert all(c.percent is None for c in cells if c.count is None)
    two = {c.label: c.shown for c in suppress([("A", 10), ("B", 3), ("C", 1), ("D", 6)])}
    assert two == {"A": "10", "B": HIDDEN, "C": HIDDEN, "D": "6"}


def _equality_responses(questionnaire, officer):
    """10 forms: sex 6 female, 2 male, 2 prefer not to say; age 9 aged 25-34 and 1 aged 75+."""
    for i in range(10):
        _submit(
            questionnaire,
            officer,
            q0="Yes",
            equality={
                "age_band": "25-34" if i < 9 else "75+",
                "sex": "Female" if i < 6 else "Male" if i < 8 else "Prefer not to say",
                "ethnicity": "Asian, Asian British or Asian Welsh: Indian" if i < 6 else "White: Irish",
            },
        )


def test_equality_is_aggregated_and_small_numbers_suppressed(client, consultation, officer):
    _equality_responses(consultation, officer)
    body = client.get(reverse("consultations:results", kwargs={"pk": consultation.pk})).content.decode()
    assert "10 equality-monitoring forms" in body
    sex = body.split("What is your sex?")[1].split("</table>")[0]
    assert ">6</td>" in sex and sex.count(HIDDEN) == 2  # male and prefer not to say
    age = body.split("What is your age?")[1].split("</table>")[0]
    assert age.count(HIDDEN) == 2 and ">9</td>" not in age  # 75+ and, so it cannot be worked out, 25-34
    assert "Asian, Asian British or Asian Welsh</th>" in body  # broad groups only
    assert "Indian" not in body


def test_activity_totals_cannot_be_subtracted_from_a_questionnaires(consultation, officer):
    """12 online forms (6 female, 6 male) and 2 standalone paper forms (both female): the
    questionnaire shows 6 and 6; the activity must not show 8 females, or anyone could subtract."""
    for i in range(12):
        _submit(consultation, officer, q0="Yes", equality={"sex": "Female" if i < 6 else "Male"})
    for _ in range(2):
        equality_record_create(
            user=officer, activity=consultation.activity, channel="paper", answers={"sex": "Female"}
        )
    by_questionnaire = _sex_cells(questionnaire_equality(consultation))
    assert by_questionnaire["Female"] == "6" and by_questionnaire["Male"] == "6"
    by_activity = _sex_cells(activity_equality(consultation.activity))
    assert by_activity["Female"] == HIDDEN
    assert by_activity["Male"] == HIDDEN  # and one more, so it cannot be worked out from 14
    assert activity_equality(consultation.activity).total == 14


def test_activity_totals_equal_to_a_questionnaires_are_shown(consultation, officer):
    for i in range(12):
        _submit(consultation, officer, q0="Yes", equality={"sex": "Female" if i < 6 else "Male"})
    for _ in range(6):
        equality_record_create(
            user=officer, activity=consultation.activity, channel="paper", answers={"sex": "Male"}
        )
    by_activity = _sex_cells(activity_equality(consultation.activity))
    assert (
        by_activity["Female"] == "6" and by_activity["Male"] == "12"
    )  # a difference of 6 singles nobody out


def _sex_cells(summary):
    table = next(t for t in summary.tables if t.field == "sex")
    return {c.label: c.shown for c in table.cells}


def test_few_equality_forms_show_no_totals(client, consultation, officer):
    _submit(consultation, officer, q0="Yes", equality={"sex": "Female"})
    body = client.get(reverse("consultations:results", kwargs={"pk": consultation.pk})).content.decode()
    assert "Fewer than 5 people have filled in the equality questions" in body
    equality_section = body.split('<h2 class="govuk-heading-l">Equality monitoring</h2>')[1]
    assert "<table" not in equality_section


def test_exports_csv_and_xlsx_with_equality_totals_only(client, answered, officer):
    _equality_responses(answered, officer)
    url = lambda part, fmt: reverse(  # noqa: E731
        "consultations:results_export", kwargs={"pk": answered.pk, "part": part, "file_format": fmt}
    )
    summary = client.get(url("summary", "csv"))
    assert summary.status_code == 200 and summary["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(_body(summary).decode("utf-8-sig"))))
    assert rows[0] == ["Question", "Answer", "Count", "Percent", "Note"]
    assert ["1. Do you feel safe after dark?", "Yes", "12", "80.0", ""] in rows
    assert ["Equality question", "Category", "Count", "Percent"] in rows  # the second sheet follows
    # An export leaves the page for anyone to read: counts under HEARD_SUPPRESS_BELOW (10) are hidden
    # even from the organisation that owns them; its own page shows the 6.
    assert any(r[1:3] == ["Female", "fewer than 10"] for r in rows)
    assert not any(r[1:3] == ["Female", "6"] for r in rows)
    page = client.get(reverse("consultations:results", kwargs={"pk": answered.pk})).content.decode()
    assert "Female" in page and ">6<" in page.replace(" ", "")

    responses = client.get(url("responses", "csv"), {"channel": "paper"})
    lines = list(csv.reader(io.StringIO(_body(responses).decode("utf-8-sig"))))
    assert lines[0][:5] == ["Submitted", "Channel", "Language", "Area", "1. Do you feel safe after dark?"]
    assert len(lines) == 3 and {line[1] for line in lines[1:]} == {"Paper"}
    everything = _body(client.get(url("responses", "csv"))).decode("utf-8-sig")
    for private in ("Female", "25-34", "Indian", "M33 5AB"):
        assert private not in everything  # no equality answers, postcodes as neighbourhoods
    assert "Ashton upon Mersey" in everything and "Drugs; Litter" in everything

    book = load_workbook(io.BytesIO(client.get(url("summary", "xlsx")).content))
    assert book.sheetnames == ["Questions", "Languages", "Equality (totals)"]
    equality_rows = list(book["Equality (totals)"].iter_rows(values_only=True))
    assert ("What is your sex?", "Female", "fewer than 10", None) in equality_rows
    sheet = load_workbook(io.BytesIO(client.get(url("responses", "xlsx")).content))["Responses"]
    assert sheet.max_row == 16
    events = AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(answered.pk))
    assert events.count() == 5
    assert {e.changes["part"] for e in events} == {"summary", "responses"}
    assert client.get(url("responses", "csv"), {"date_from": "nonsense"}).status_code == 400


def test_exported_text_cannot_run_as_a_formula(client, consultation, officer):
    _submit(consultation, officer, q0="No", q1='=HYPERLINK("http://evil")')
    url = reverse(
        "consultations:results_export",
        kwargs={"pk": consultation.pk, "part": "responses", "file_format": "csv"},
    )
    assert "'=HYPERLINK" in _body(client.get(url)).decode("utf-8-sig")


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUTHORITY_MEMBER, Role.ENGAGEMENT_OFFICER])
def test_everyone_who_sees_the_activity_reads_results(police, answered, role):
    client = Client()
    client.force_login(UserFactory(organisation=police, roles=[role]))
    assert client.get(reverse("consultations:results", kwargs={"pk": answered.pk})).status_code == 200


def test_partners_read_results_but_other_organisations_get_404(outsider, answered):
    client = Client()
    client.force_login(outsider)
    url = reverse("consultations:results", kwargs={"pk": answered.pk})
    assert client.get(url).status_code == 404
    answered.activity.partners.add(outsider.organisation)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("shares_answers", [True, False], ids=["answers shared", "results only"])
def test_the_written_answers_are_linked_only_for_readers_who_may_open_them(
    answered, police, council, shares_answers
):
    """A partner whose agreement shares results but not written answers is refused the written
    answers (403), so the results page neither links to them nor offers the responses download."""
    from organisations.models import SharingScope
    from organisations.tests.factories import DataSharingAgreementFactory

    scopes = [SharingScope.ACTIVITIES, SharingScope.RESULTS] + ([SharingScope.ANSWERS] * shares_answers)
    DataSharingAgreementFactory(owner=police, recipient=council, scopes=scopes)
    client = Client()
    client.force_login(UserFactory(organisation=council, roles=[Role.ANALYST]))
    answers_url = reverse("consultations:text_answers", kwargs={"pk": answered.pk})
    body = client.get(reverse("consultations:results", kwargs={"pk": answered.pk})).content.decode()
    assert (answers_url in body) is shares_answers and ("Read all 2 answers" in body) is shares_answers
    assert ("responses.csv" in body) is shares_answers
    assert ("not shared with your organisation" in body) is not shares_answers
    assert client.get(answers_url).status_code == (200 if shares_answers else 403)
    api = client.get(f"/api/questionnaires/{answered.pk}/results").json()
    assert api["answers_readable"] is shares_answers
