"""Importing responses from CSV and XLSX: reading files, suggesting the column mapping, checking
every row (with line numbers), importing all or nothing, through the pages (the rows are checked
and stored by a background task: here it runs when the request's transaction commits)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from consultations import imports
from consultations.models import Answer, Channel, EqualityRecord, Response
from consultations.services import questionnaire_create
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory

HEADER = (
    "Timestamp,Do you feel safe after dark?,What makes you feel unsafe?,Which of these worry you?,"
    "The police understand local issues,Rank these priorities,What is your postcode?,Age,Gender\n"
)
GOOD_ROWS = (
    "31/01/2026 14:05,yes,,Speeding; ASB,agree,Drugs; Litter; Parking,M33 5AB,25-34,Female\n"
    "2026-02-01,No,Poor lighting on Cross Street,,Strongly disagree,,,,\n"
    "\n"
    ",Don’t know,,burglary,,,,Prefer not to say,\n"
)


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


def _questions(questionnaire):
    return list(questionnaire.questions.prefetch_related("choices").order_by("position", "id"))


def _table(text, name="survey.csv"):
    return imports.read_table(text.encode(), name=name)


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(client, questionnaire, content, name="survey.csv", channel="paper", encoding="utf-8"):
    return client.post(
        reverse("consultations:import_upload", kwargs={"pk": questionnaire.pk}),
        {"file": SimpleUploadedFile(name, content), "channel": channel, "encoding": encoding},
    )


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def _import(client, questionnaire, data, run_tasks):
    """Post the columns chosen; the background import runs; the page it sends to is followed."""
    with run_tasks(execute=True):
        started = client.post(reverse("consultations:import_map", kwargs={"pk": questionnaire.pk}), data)
    assert started.status_code == 302, started.content.decode()[:3000]
    return started, client.get(started["Location"])


def _suggested(client, questionnaire):
    """The mapping form as suggested, ready to post back."""
    page = client.get(reverse("consultations:import_map", kwargs={"pk": questionnaire.pk}))
    form = page.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


# Reading files


def test_csv_lines_count_from_the_header_and_blank_lines_are_counted():
    table = _table(HEADER + GOOD_ROWS)
    assert table.headers[1] == "Do you feel safe after dark?"
    assert table.lines == [2, 3, 5] and table.blank_lines == 1 and table.line_word == "Line"


def test_quoted_newlines_keep_line_numbers_right():
    table = _table('a,b\n"one\ntwo",x\nthree,y\n')
    assert table.rows == [["one\ntwo", "x"], ["three", "y"]] and table.lines == [2, 4]


def test_semicolon_and_tab_separated_files():
    assert _table("a;b\n1;2\n").rows == [["1", "2"]]
    assert _table("a\tb\n1\t2\n").rows == [["1", "2"]]
    assert _table('"a, b",c\n1,2\n').headers == ["a, b", "c"]


def test_wrong_encoding_is_explained_and_windows_encoding_reads_it():
    data = "Name,Comment\nx,Caf\u00e9 costs \u00a35\n".encode("cp1252")
    with pytest.raises(imports.ImportFileError, match=r"Line 2 has characters that are not UTF-8"):
        imports.read_table(data, name="survey.csv")
    assert imports.read_table(data, name="survey.csv", encoding="cp1252").rows == [["x", "Café costs £5"]]


def test_utf8_with_bom_from_excel():
    assert _table("\ufeffa,b\n1,2\n").headers == ["a", "b"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"a,b\n", "no responses"),
        (b"\n\n1,2\n", "should name the columns"),
        (b"a,b\x00c\n", "binary data"),
        (b"PK\x03\x04not really a zip", "could not be opened"),
        (b"a,b\n" + b"1,2\n" * (imports.MAX_ROWS + 1), "at most"),
    ],
)
def test_unreadable_files_say_why(data, message):
    with pytest.raises(imports.ImportFileError, match=message):
        imports.read_table(data, name="survey.csv")


def test_xlsx_rows_and_dates():
    from datetime import datetime

    data = _xlsx([["When", "Q"], [datetime(2026, 1, 31, 14, 5), "Yes"], [None, None], [None, 3.0]])
    table = imports.read_table(data, name="anything.bin")
    assert table.line_word == "Row" and table.lines == [2, 4] and table.blank_lines == 1
    assert table.rows == [["2026-01-31 14:05:00", "Yes"], ["", "3"]]


def test_a_date_alone_is_midday_but_never_later_than_now(monkeypatch):
    """A paper form dated today and typed up at nine in the morning is not in the future."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    london = ZoneInfo("Europe/London")
    morning = datetime(2026, 12, 6, 9, 0, tzinfo=london)
    monkeypatch.setattr(timezone, "now", lambda: morning)
    assert imports.parse_date("06/12/2026") == morning
    assert imports.parse_date("05/12/2026") == datetime(2026, 12, 5, 12, 0, tzinfo=london)
    assert imports.parse_date("07/12/2026") == datetime(2026, 12, 7, 12, 0, tzinfo=london)
    assert imports.parse_date("06/12/2026 08:30") == datetime(2026, 12, 6, 8, 30, tzinfo=london)


# Mapping


def test_columns_are_suggested_by_matching_question_text(consultation):
    headers = [
        "Timestamp",
        "do you feel SAFE after dark",
        "Q3. Which of these worry you? (tick all)",
        "Rank these priorities",
        "What is your postcode?",
        "Age",
        "Gender",
        "Unrelated column",
    ]
    questions = _questions(consultation)
    suggested = imports.suggest_mapping(consultation, questions, headers)
    by_position = {q.pk: q.position for q in questions}
    named = [by_position[int(k[1:])] if k.startswith("q") else k for k in suggested]
    assert named == ["date", 0, 2, 4, 5, "eq:age_band", "eq:sex", ""]


def test_a_required_question_must_have_a_column(consultation):
    questions = _questions(consultation)
    problems = imports.check_mapping(consultation, questions, ["", "date"], ["A", "When"])
    assert any("Question 1" in p and "must be answered" in p for p in problems)
    twice = imports.check_mapping(
        consultation, questions, [f"q{questions[0].pk}", f"q{questions[0].pk}"], ["A", "B"]
    )
    assert any("all mapped to the same thing" in p for p in twice)
    ok = imports.check_mapping(
        consultation,
        questions,
        [f"q{questions[0].pk}", f"q{questions[2].pk}", f"q{questions[2].pk}"],
        list("ABC"),
    )
    assert ok == []  # several columns may fill one multiple-choice question


# Through the pages


def test_import_a_good_csv_through_the_pages(client, consultation, officer, ward, run_tasks):
    uploaded = _upload(client, consultation, (HEADER + GOOD_ROWS).encode(), channel="event")
    assert uploaded.status_code == 302
    page = client.get(uploaded["Location"])
    body = page.content.decode()
    assert page.status_code == 200 and "3 rows to import" in body and "1 blank line" in body
    assert "Poor lighting on Cross Street" in body  # the preview
    data = _suggested(client, consultation)
    response, status = _import(client, consultation, data, run_tasks)
    job = consultation.response_imports.get()
    assert response["Location"] == reverse(
        "consultations:import_status", kwargs={"pk": consultation.pk, "import_pk": job.pk}
    )
    responses = list(Response.objects.order_by("submitted_at"))
    assert len(responses) == 3 and {r.channel for r in responses} == {Channel.EVENT}
    assert all(r.entered_by == officer for r in responses)
    first = next(r for r in responses if r.area_id)
    assert first.area == ward
    assert list(
        Answer.objects.filter(response=first, rank__isnull=False).values_list("choice__label", flat=True)
    ) == ["Drugs", "Litter", "Parking"]
    assert sorted(
        Answer.objects.filter(response=first, question__position=2).values_list("choice__label", flat=True)
    ) == [
        "ASB",
        "Speeding",
    ]
    assert EqualityRecord.objects.filter(age_band="25-34", sex="Female").count() == 1
    assert EqualityRecord.objects.filter(age_band="Prefer not to say").count() == 1
    assert Answer.objects.filter(text="Poor lighting on Cross Street").exists()
    dated = [r for r in responses if r.submitted_at.date().isoformat() == "2026-01-31"]
    assert len(dated) == 1
    event = AuditEvent.objects.get(action=AuditAction.IMPORT)
    assert event.changes["rows"] == 3 and event.changes["file"] == "survey.csv"
    assert "Poor lighting" not in str(event.changes)
    assert b"Imported 3 responses" in status.content and status.context["job"].state == "done"
    assert status.context["job"].table == {}  # the copy of the file is not kept
    assert client.get(uploaded["Location"]).status_code == 302  # the upload is used up


def test_bad_rows_are_all_reported_with_their_lines_and_nothing_is_imported(client, consultation, run_tasks):
    rows = (
        "31/01/2026,Yes,,,,,,,\n"
        "32/01/2026,Maybe,,,,,,,\n"  # line 3: bad date, unknown option
        ",,,,,,,,\n"  # line 4: blank, skipped
        ",No,,Speeding; Aliens,,,SW1A 1AA,,\n"  # line 5: unknown option, postcode outside the area
        ",,,,,,,,\n"
        ",Yes,,,,Drugs; Drugs,,,Robot\n"  # line 7: ranking twice, bad equality value
        ",Yes,,,,,,,,extra\n"  # line 8: more cells than columns
        ",No," + "x" * 201 + ",,,,,,\n"  # line 9: too long
        ",,,,,,,,\n"
        "2099-01-01,Yes,,,,,,,\n"  # line 11: in the future
        ",,Text without the required answer,,,,,,\n"  # line 12: required question missing
    )
    _upload(client, consultation, (HEADER + rows).encode())
    _, response = _import(client, consultation, _suggested(client, consultation), run_tasks)
    assert response.status_code == 200 and response.context["job"].state == "rejected"
    errors = {e["line"]: " ".join(e["problems"]) for e in response.context["row_errors"]}
    assert sorted(errors) == [3, 5, 7, 8, 9, 11, 12]
    assert (
        "not a date" in errors[3] and "“Maybe” is not one of its options (Yes, No, Don't know)" in errors[3]
    )
    assert "Aliens" in errors[5] and "could not find that postcode" in errors[5]
    assert "only once" in errors[7] and "equality" in errors[7].lower()
    assert "has 10 cells but the header names only 9 columns" in errors[8]
    assert "200 characters or fewer" in errors[9]
    assert "in the future" in errors[11]
    assert "question 1" in errors[12] and "Select an answer" in errors[12]
    body = response.content.decode()
    assert "Nothing has been imported" in body and "7 rows of 8 have problems" in body
    assert '<th scope="row" class="govuk-table__header">12</th>' in body
    assert not Response.objects.exists() and not EqualityRecord.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.IMPORT).exists()


def test_all_or_nothing_even_when_a_write_fails(client, consultation, monkeypatch, run_tasks):
    """If storing fails half-way (here: the 2nd row), the rows already stored are undone and the
    import is marked failed, never left running."""
    from consultations import services

    calls = {"n": 0}
    real = services.response_submit

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(imports, "response_submit", flaky)
    _upload(client, consultation, (HEADER + GOOD_ROWS).encode())
    _, page = _import(client, consultation, _suggested(client, consultation), run_tasks)
    assert calls["n"] == 2 and page.context["job"].state == "failed"
    assert "The import failed" in page.content.decode() and "nothing was imported" in page.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_import_xlsx(client, consultation, run_tasks):
    from datetime import datetime

    data = _xlsx(
        [
            ["Submitted", "Do you feel safe after dark?", "What is your postcode?"],
            [datetime(2026, 1, 5, 9, 30), "Yes", "M33 5AB"],
            [None, "NO", None],
        ]
    )
    assert _upload(client, consultation, data, name="export.xlsx").status_code == 302
    _import(client, consultation, _suggested(client, consultation), run_tasks)
    assert Response.objects.count() == 2
    assert Response.objects.filter(submitted_at__date="2026-01-05").count() == 1


def test_xlsx_errors_name_rows(client, consultation, run_tasks):
    data = _xlsx([["Do you feel safe after dark?"], ["Yes"], ["Perhaps"]])
    _upload(client, consultation, data, name="export.xlsx")
    _, response = _import(client, consultation, _suggested(client, consultation), run_tasks)
    assert [e["line"] for e in response.context["row_errors"]] == [3]
    assert b'<th scope="col" class="govuk-table__header">Row</th>' in response.content


def test_wrong_encoding_through_the_page(client, consultation):
    data = "Do you feel safe after dark?,Comment\nYes,Café\n".encode("cp1252")
    response = _upload(client, consultation, data)
    assert response.status_code == 400 and "not UTF-8" in response.content.decode()
    assert _upload(client, consultation, data, encoding="cp1252").status_code == 302


def test_missing_required_column_is_refused_before_any_row(client, consultation):
    _upload(client, consultation, b"Postcode\nM33 5AB\n")
    data = _suggested(client, consultation)
    response = client.post(reverse("consultations:import_map", kwargs={"pk": consultation.pk}), data)
    assert response.status_code == 400
    assert "must be answered: choose the column that holds it" in response.content.decode()
    assert not Response.objects.exists()


def test_short_rows_count_as_blank_cells(client, consultation, run_tasks):
    _upload(client, consultation, b"Do you feel safe after dark?,What is your postcode?\nYes\nNo,M33 5AB\n")
    _import(client, consultation, _suggested(client, consultation), run_tasks)
    assert Response.objects.count() == 2


def test_user_can_change_the_suggested_mapping(client, consultation, run_tasks):
    _upload(client, consultation, b"Feel safe?,Notes\nYes,ignored\n")
    data = _suggested(client, consultation)
    assert data == {"col_0": "", "col_1": ""}  # nothing matches well enough
    first = consultation.questions.get(position=0)
    _import(client, consultation, {"col_0": f"q{first.pk}", "col_1": ""}, run_tasks)
    assert Response.objects.count() == 1
    bad = _upload(client, consultation, b"Feel safe?\nYes\n")
    response = client.post(bad["Location"], {"col_0": "q999999"})
    assert response.status_code == 400 and Response.objects.count() == 1


def test_hidden_answers_are_reported_not_silently_dropped(client, consultation, run_tasks):
    _upload(client, consultation, (HEADER + ",Yes,Answered anyway,,,,,,\n").encode())
    _, response = _import(client, consultation, _suggested(client, consultation), run_tasks)
    page = response.content.decode()
    assert "1 answer to questions that the skip logic did not ask" in page
    assert not Answer.objects.filter(text="Answered anyway").exists()


def test_drafts_and_readers_cannot_import(client, police, officer, consultation):
    draft = questionnaire_create(user=officer, activity=consultation.activity, title="Draft")
    assert client.get(reverse("consultations:import_upload", kwargs={"pk": draft.pk})).status_code == 302
    reader = Client()
    reader.force_login(UserFactory(organisation=police, roles=[Role.ANALYST]))
    assert _upload(reader, consultation, (HEADER + GOOD_ROWS).encode()).status_code == 403
    assert reader.get(reverse("consultations:import_map", kwargs={"pk": consultation.pk})).status_code == 403


def test_mapping_page_needs_an_upload_first(client, consultation):
    response = client.get(reverse("consultations:import_map", kwargs={"pk": consultation.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:import_upload", kwargs={"pk": consultation.pk})
