"""The import's limits apply while the file is read, damaged files are refused whole, and every
refusal reaches the page as a 400 that says why (the reading itself is in consultations/tables.py)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from consultations import import_limits, imports, tables
from consultations.models import Response
from governance.models import AuditAction, AuditEvent

QUESTION = "Do you feel safe after dark?"


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


def _upload(client, questionnaire, content, name="survey.csv", encoding="utf-8"):
    return client.post(
        reverse("consultations:import_upload", kwargs={"pk": questionnaire.pk}),
        {"file": SimpleUploadedFile(name, content), "channel": "paper", "encoding": encoding},
    )


def _refused(data, name="survey.csv", encoding="utf-8"):
    with pytest.raises(imports.ImportFileError) as refusal:
        imports.read_table(data, name=name, encoding=encoding)
    return str(refusal.value)


def _xlsx(rows, write_only=False, sheets=1):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet() if write_only else book.active
    for row in rows:
        sheet.append(row)
    for _ in range(sheets - 1):
        book.create_sheet()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_sheet(*chunks):
    """A real workbook whose first sheet's XML is replaced by `chunks`, written one by one."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["Q"], ["Yes"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item.filename, source.read(item))
                continue
            with target.open(item.filename, "w", force_zip64=True) as sheet:
                for chunk in chunks:
                    sheet.write(chunk)
    return buffer.getvalue()


def _sheet(rows_xml, head=b""):
    return (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + head
        + b"<sheetData>"
        + rows_xml
        + b"</sheetData></worksheet>"
    )


def _row(number, *texts):
    cells = b"".join(b'<c t="inlineStr"><is><t>' + t.encode() + b"</t></is></c>" for t in texts)
    return f'<row r="{number}">'.encode() + cells + b"</row>"


# Rows, columns and cells: refused where the limit is passed, without reading on


def test_a_100000_row_spreadsheet_is_refused_before_its_rows_are_read(monkeypatch):
    data = _xlsx([["Q"], *(["Yes"] for _ in range(100_000))], write_only=True)
    added = []
    monkeypatch.setattr(tables._Rows, "add", lambda self, line, cells: added.append(line))
    message = _refused(data, name="big.xlsx")
    assert f"past row {import_limits.MAX_SHEET_ROWS:,}" in message and "at most 5,000 rows" in message
    assert added == []  # the scan refused it: openpyxl never read a row


def test_a_spreadsheet_stops_at_the_first_row_past_5000(monkeypatch):
    data = _xlsx([["Q"], *(["Yes"] for _ in range(6_000))], write_only=True)
    added = []
    real_add = tables._Rows.add
    monkeypatch.setattr(
        tables._Rows, "add", lambda self, line, cells: added.append(line) or real_add(self, line, cells)
    )
    assert "row 5,002 is response 5,001); import at most 5,000" in _refused(data, name="big.xlsx")
    assert added[-1] == 5_002


def test_csv_rows_stop_at_the_first_row_past_the_limit():
    data = b"Q\n" + b"Yes\n" * (imports.MAX_ROWS + 10)
    assert "more than 5,000 rows of responses (line 5,002 is response 5,001)" in _refused(data)


def test_csv_with_20000_columns_is_refused_at_its_header():
    data = b",".join(b"c%d" % i for i in range(20_000)) + b"\n" + b"1\n"
    assert _refused(data) == (
        "Line 1 has 20,000 columns; import at most 200 columns at a time: remove the columns you do not need."
    )


def test_empty_cells_past_the_last_column_do_not_count():
    table = imports.read_table(b"Q,A" + b"," * 300 + b"\nYes,1" + b"," * 300 + b"\n", name="s.csv")
    assert table.headers == ["Q", "A"] and table.rows == [["Yes", "1"] + [""] * 198]


@pytest.mark.parametrize("length", [import_limits.MAX_CELL_CHARS + 1, 200_000])
def test_a_cell_over_10000_characters_is_refused(length):
    data = b"Q,Comment\nYes,fine\nNo," + b"x" * length + b"\n"
    message = _refused(data)
    assert message.startswith("Line 3") and "at most 10,000" in message


def test_a_spreadsheet_cell_over_10000_characters_is_refused():
    data = _xlsx([["Q", "Comment"], ["Yes", "x" * 10_001]])
    assert _refused(data, name="s.xlsx").startswith("Row 2, column 2: the cell has 10,001 characters")


def test_a_spreadsheet_repeating_long_texts_is_refused_by_its_total():
    data = _xlsx([["Q", "Comment"], *(["Yes", "y" * 9_000] for _ in range(600))])
    assert f"more than {import_limits.MAX_TEXT_CHARS:,} characters" in _refused(data, name="s.xlsx")


def test_endless_blank_rows_are_refused():
    data = b"Q\nYes\n" + b",\n" * (import_limits.MAX_BLANK_ROWS + 1) + b"No\n"
    assert "more than 5,000 blank rows" in _refused(data)


# Damaged files are refused whole


def test_a_csv_ending_inside_a_quoted_cell_is_refused_whole():
    data = b'Q,Comment\nYes,fine\nNo,"it was cut\nshort here\n'
    assert _refused(data).startswith("Line 3: a cell that starts with a quote mark")


def test_a_zip_bomb_is_refused_unopened():
    head, tail = _sheet(_row(1, "Q") + b"|" + _row(2, "Yes")).split(b"|")
    megabyte = b" " * 1024 * 1024
    padding = [megabyte] * (import_limits.MAX_UNPACKED_BYTES // len(megabyte) + 1)
    data = _with_sheet(head, *padding, tail)
    assert len(data) < 1_000_000
    assert "unpacks to more than 100 MB" in _refused(data, name="s.xlsx")


def test_a_row_of_100000_cells_is_refused_as_it_is_scanned():
    data = _with_sheet(_sheet(_row(1, "Q") + b"<row>" + b"<c/>" * 100_000 + b"</row>"))
    assert _refused(data, name="s.xlsx").startswith("Row 2 of the spreadsheet goes past column 200")


@pytest.mark.parametrize(
    ("ref", "size"),
    [("A1:XFD1048576", "1,048,576 rows by 16,384 columns"), ("A1:GS2", "2 rows by 201 columns")],
)
def test_absurd_declared_dimensions_are_refused(ref, size):
    data = _with_sheet(_sheet(_row(1, "Q") + _row(2, "Yes"), head=f'<dimension ref="{ref}"/>'.encode()))
    assert f"says it is {size}" in _refused(data, name="s.xlsx")


def test_a_row_numbered_far_down_is_refused():
    data = _with_sheet(_sheet(_row(1, "Q") + _row(2, "Yes") + _row(900_000_000, "No")))
    assert "goes on past row 10,001" in _refused(data, name="s.xlsx")


def test_a_dimension_smaller_than_the_rows_does_not_hide_rows():
    rows = b"".join(_row(n, "Yes") for n in range(2, 101))
    data = _with_sheet(_sheet(_row(1, "Q") + rows, head=b'<dimension ref="A1:A3"/>'))
    assert len(imports.read_table(data, name="s.xlsx").rows) == 99


def test_too_many_sheets_are_refused():
    assert "more than 20 sheets" in _refused(_xlsx([["Q"], ["Yes"]], sheets=21), name="s.xlsx")


@pytest.mark.parametrize(
    "sheet_xml",
    [
        _sheet(_row(1, "Q") + b"<row><c><v>1</v></c>"),  # cut short
        b'<!DOCTYPE worksheet [<!ENTITY a "aaaa">]>' + _sheet(_row(1, "Q") + _row(2, "&a;")),
    ],
)
def test_a_malformed_spreadsheet_is_refused(sheet_xml):
    assert "could not be opened" in _refused(_with_sheet(sheet_xml), name="s.xlsx")


def test_a_text_file_named_xlsx_is_not_read_as_csv():
    assert "could not be opened" in _refused(b"Q\nYes\n", name="responses.xlsx")


# Names and encodings


def test_a_5000_character_name_is_kept_short():
    table = imports.read_table(b"Q\nYes\n", name="a" * 4996 + ".csv")
    assert len(table.name) == import_limits.MAX_NAME_CHARS and table.name.endswith("….csv")


@pytest.mark.parametrize(
    ("data", "name", "encoding", "message"),
    [
        (b"Q\nYes\n", "survey.pdf", "utf-8", "a “.pdf” file cannot be imported"),
        (b"Q\nYes\n", "survey." + "x" * 4990, "utf-8", "this kind of file cannot be imported"),
        (b"Q\nYes\x01\x02\n", "survey.csv", "utf-8", "binary data"),
        ("Q\nCafé\n".encode(), "survey.csv", "cp1252", "saved as UTF-8"),
        (
            b"Q\nYes \x81\n",
            "survey.csv",
            "cp1252",
            "Line 2 has a character that is not in the Windows encoding",
        ),
    ],
)
def test_files_that_are_not_what_they_claim(data, name, encoding, message):
    assert message in _refused(data, name=name, encoding=encoding)


# Through the pages: a 400 that says why, never a 500


@pytest.mark.parametrize(
    ("content", "name", "encoding", "message"),
    [
        (b"", "survey.csv", "utf-8", "The file is empty"),
        (b"Q\nYes\n", "survey.docx", "utf-8", "a “.docx” file cannot be imported"),
        (bytes(range(256)) * 8, "survey.csv", "utf-8", "binary data"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(128, 256)), "survey.csv", "utf-8", "binary data"),
        (f"{QUESTION}\nCafé\n".encode("cp1252"), "survey.csv", "utf-8", "not UTF-8"),
        (f"{QUESTION}\nCafé\n".encode(), "survey.csv", "cp1252", "saved as UTF-8"),
        (b"Q\nYes\n", "survey.csv", "latin-9", "Select a valid choice"),
        (b'Q\n"Yes\n', "survey.csv", "utf-8", "is never closed"),
        (b",".join(b"c%d" % i for i in range(20_000)) + b"\n1\n", "wide.csv", "utf-8", "at most 200 columns"),
    ],
)
def test_every_refusal_is_a_400_on_the_upload_page(client, consultation, content, name, encoding, message):
    response = _upload(client, consultation, content, name=name, encoding=encoding)
    assert response.status_code == 400 and message in response.content.decode()
    assert "consultations:import:" not in str(dict(client.session))


def test_a_file_over_5_mb_is_not_received_whole(client, consultation, monkeypatch):
    received = []
    real = TemporaryFileUploadHandler.receive_data_chunk
    monkeypatch.setattr(
        TemporaryFileUploadHandler,
        "receive_data_chunk",
        lambda self, raw, start: received.append(len(raw)) or real(self, raw, start),
    )
    content = b"Q\n" + b"Yes\n" * (imports.MAX_BYTES // 4)
    response = _upload(client, consultation, content)
    assert response.status_code == 400 and "The file is larger than 5 MB" in response.content.decode()
    assert sum(received) <= imports.MAX_BYTES < len(content)
    assert (
        'id="file-error"' in response.content.decode() or "govuk-error-message" in response.content.decode()
    )


def test_the_upload_page_still_checks_its_csrf_token(officer, consultation):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    url = reverse("consultations:import_upload", kwargs={"pk": consultation.pk})
    assert _upload(strict, consultation, f"{QUESTION}\nYes\n".encode()).status_code == 403
    strict.get(url)
    token = strict.cookies["csrftoken"].value
    for content, status in ((f"{QUESTION}\nYes\n".encode(), 302), (b"x" * (imports.MAX_BYTES + 1), 400)):
        data = {
            "csrfmiddlewaretoken": token,
            "file": SimpleUploadedFile("s.csv", content),
            "channel": "paper",
        }
        assert strict.post(url, {**data, "encoding": "utf-8"}).status_code == status


def _multipart(filename, content, boundary="HeardBoundary"):
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"\r\n\r\n{value}\r\n'.encode()
        for field, value in (("channel", "paper"), ("encoding", "utf-8"))
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_a_5000_character_file_name_is_a_400_that_says_so(client, consultation):
    body, content_type = _multipart("a" * 4996 + ".csv", f"{QUESTION}\nYes\n".encode())
    url = reverse("consultations:import_upload", kwargs={"pk": consultation.pk})
    response = client.post(url, body, content_type=content_type)
    assert response.status_code == 400 and "rename the file" in response.content.decode()
    api = client.post(f"/api/questionnaires/{consultation.pk}/import", body, content_type=content_type)
    assert api.status_code == 400  # Django's own refusal of the oversized part header, not a 500
    assert not Response.objects.exists()


def test_a_long_file_name_goes_through_upload_mapping_and_import(
    client, consultation, django_capture_on_commit_callbacks
):
    body, content_type = _multipart("b" * 900 + ".csv", f"{QUESTION}\nYes\n".encode())
    uploaded = client.post(
        reverse("consultations:import_upload", kwargs={"pk": consultation.pk}),
        body,
        content_type=content_type,
    )
    assert uploaded.status_code == 302
    page = client.get(uploaded["Location"])
    assert page.status_code == 200 and "b" * 300 not in page.content.decode()
    question = consultation.questions.get(position=0)
    with django_capture_on_commit_callbacks(execute=True):  # the import runs in the background
        assert client.post(uploaded["Location"], {"col_0": f"q{question.pk}"}).status_code == 302
    assert Response.objects.count() == 1
    assert (
        len(AuditEvent.objects.get(action=AuditAction.IMPORT).changes["file"]) <= import_limits.MAX_NAME_CHARS
    )
