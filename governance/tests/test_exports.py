"""Exports: safe cells, local times, streamed CSV, and an audit record for each."""

import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from core.tests.helpers import content
from governance.exports import Sheet, cell, export_response, safe_filename
from governance.models import AuditAction, AuditEvent


def test_cells_are_safe_and_times_local():
    assert cell("=SUM(A1)") == "'=SUM(A1)" and cell("-1") == "'-1" and cell(None) == ""
    assert cell("bell\x07 and \u202eoverride") == "bell and override"
    assert cell(datetime(2026, 7, 1, 8, 0, tzinfo=UTC)) == "2026-07-01 09:00"  # BST
    assert cell(datetime(2026, 12, 1, 9, 0, tzinfo=UTC)) == "2026-12-01 09:00"  # GMT
    assert cell(3) == 3


def test_csv_is_streamed_and_audited(officer):
    rows = [["a", datetime(2026, 7, 1, 8, 0, tzinfo=UTC)], ["=b", None]]
    response = export_response(
        user=officer,
        file_format="csv",
        filename="our export/../x",
        sheets=[Sheet("One", ["name", "when"], rows)],
        object_type="test.thing",
        object_repr="a test",
        changes={"part": "all"},
    )
    assert (
        response.streaming and response["Content-Disposition"] == 'attachment; filename="our-export-..-x.csv"'
    )
    body = content(response).decode("utf-8-sig")
    assert body.splitlines() == ["name,when", "a,2026-07-01 09:00", "'=b,"]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.changes == {"format": "csv", "rows": 2, "part": "all"}


def test_xlsx_holds_every_sheet_even_with_control_characters(officer):
    response = export_response(
        user=officer,
        file_format="xlsx",
        filename="book",
        sheets=[Sheet("First\x0b", ["x"], [["tab\x0bbed"]]), Sheet("Second", ["y"], [[1]])],
        object_type="test.thing",
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["First", "Second"]
    assert book["First"]["A2"].value == "tabbed"


def test_safe_filename():
    assert safe_filename("analysis 12 themes") == "analysis-12-themes"
    assert safe_filename("../../") == "export"
