"""The template partners fill in for the snapshot audit (seed 000: "activities to check for
include survey work …, community conferences …, communication vehicles …, standing meetings …,
community projects"), as CSV or XLSX. Its columns are named in plain words; the CSV's second row
and the workbook's "Notes" sheet explain each, and the workbook lists the values Heard knows:
methods, purposes, audiences, areas (by name or code), levels and organisations. The import
(audit_rows.py) reads the same columns, whatever their order, and skips the notes row."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from engagement.models import Level, Method, Purpose
from organisations.models import Organisation
from places.models import Area, Audience

MAX_TEMPLATE_ROWS = 1000  # rows of the workbook whose purpose and level cells offer a list


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    note: str
    required: bool = False
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column(
        "title",
        "Activity",
        "Required. What the activity is called, as people know it.",
        True,
        ("title", "activity name", "name", "project", "what"),
    ),
    Column(
        "organisation",
        "Organisation leading it",
        "Required. The organisation that runs it, as named in Heard (see Organisations).",
        True,
        ("organisation", "lead organisation", "led by", "partner", "agency", "organisation name"),
    ),
    Column(
        "method",
        "How people are engaged",
        "Required. One of Heard's methods (see Methods), or your own words: they are matched to Heard's "
        "methods, and you confirm the match before importing.",
        True,
        ("method", "type", "activity type", "type of activity", "how", "format"),
    ),
    Column(
        "purpose",
        "What it is for",
        "Optional. Giving information, Getting information, Forums for debate, Participation, "
        "Partnership or Empowerment. Left empty: what the method is usually for.",
        False,
        ("purpose", "aim of engagement", "engagement purpose"),
    ),
    Column(
        "audiences",
        "Who it is for",
        "Optional. Heard's audiences (see Audiences) or your own words, separated by semicolons. "
        "Leave it empty for something open to the whole community.",
        False,
        ("audience", "audiences", "target audience", "target group", "who for", "who"),
    ),
    Column(
        "areas",
        "Where",
        "Required. Wards, districts or the force area, by name or ONS code (E05…), separated by "
        "semicolons (see Areas).",
        True,
        ("area", "areas", "ward", "wards", "location", "place", "where held"),
    ),
    Column(
        "level",
        "Level",
        "Optional. Strategic, District, Neighbourhood or Theme. Left empty: worked out from the areas.",
        False,
        ("engagement level",),
    ),
    Column(
        "starts",
        "Starts",
        "Required. The date it starts or took place: 31/01/2026 or 2026-01-31.",
        True,
        ("start", "start date", "date", "from", "date held"),
    ),
    Column(
        "ends",
        "Ends",
        "Optional. The last day, for something that runs for weeks: a survey, a series of meetings.",
        False,
        ("end", "end date", "to", "until", "closes"),
    ),
    Column(
        "summary",
        "Description",
        "Optional. What it is and who takes part, in a sentence or two.",
        False,
        ("summary", "details", "about", "description of activity"),
    ),
    Column(
        "venue",
        "Venue",
        "Optional. Where it is held: a building, online, by post.",
        False,
        ("venue", "held at", "location details"),
    ),
    Column(
        "cost",
        "Cost (£)",
        "Optional. What it costs to run, in pounds: 250 or 1,200.50. Write 0 for nothing.",
        False,
        ("cost", "budget", "cost gbp", "costs", "price"),
    ),
    Column(
        "contact_name",
        "Contact name",
        "Required. Who to ask about it: a person or a team.",
        True,
        ("contact", "named contact", "lead officer", "contact person"),
    ),
    Column("contact_email", "Contact e-mail", "Optional.", False, ("email", "e mail", "contact email")),
    Column(
        "contact_phone",
        "Contact phone",
        "Optional.",
        False,
        ("phone", "telephone", "contact telephone", "phone number"),
    ),
    Column(
        "aim",
        "Aim",
        "Optional. What it sets out to achieve.",
        False,
        ("aims", "objective", "objectives"),
    ),
    Column(
        "linked_to",
        "Plan or issue it serves",
        "Needed with an aim: the plan, strategy or local issue the aim serves.",
        False,
        ("linked to", "plan", "strategy", "priority", "linked issue or plan"),
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}
HEADERS = [c.header for c in COLUMNS]
NOTES = [c.note for c in COLUMNS]


def template_csv() -> bytes:
    """The header row and, under it, the notes row (which the import skips)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerow(NOTES)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _list_sheet(book: Workbook, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for index, width in enumerate((42, 60, 24)[: len(headers)]):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def _validation(sheet: Worksheet, column: str, source: str, count: int) -> None:
    """A drop-down list for a column, which warns (but allows) a value not on it."""
    rule = DataValidation(
        type="list",
        formula1=f"={source}!$A$2:$A${count + 1}",
        allow_blank=True,
        errorStyle="warning",
        error="This is not one of Heard's values: check the list.",
    )
    rule.add(f"{column}2:{column}{MAX_TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(rule)


def _letter(key: str) -> str:
    return chr(ord("A") + [c.key for c in COLUMNS].index(key))


def template_xlsx(*, rows: Sequence[Sequence[object]] = ()) -> bytes:
    """The workbook: "Activities" to fill in (with `rows` already in it, for the demo's copy),
    "Notes" on each column, and the lists of Heard's values."""
    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = book.create_sheet("Activities")
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(COLUMNS):
        wide = column.key in ("title", "summary")
        sheet.column_dimensions[chr(ord("A") + index)].width = 36 if wide else 22
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(list(row))
    _list_sheet(
        book,
        "Notes",
        ["Column", "What to put in it"],
        [(c.header, c.note) for c in COLUMNS]
        + [("", "Put one activity on each row. Leave this sheet and the lists as they are.")],
    )
    methods = Method.objects.filter(is_active=True).order_by("name")
    _list_sheet(
        book, "Methods", ["Method", "Usually for"], [(m.name, m.get_purpose_display()) for m in methods]
    )
    _list_sheet(book, "Purposes", ["Purpose"], [(str(label),) for _, label in Purpose.choices])
    audiences = Audience.objects.filter(is_active=True).order_by("name")
    _list_sheet(book, "Audiences", ["Audience", "Who"], [(a.name, a.description) for a in audiences])
    areas = Area.objects.engagement_levels().order_by("path")
    _list_sheet(
        book, "Areas", ["Area", "Level", "Code"], [(a.name, a.get_level_display(), a.code) for a in areas]
    )
    levels = [str(label).split(" (")[0] for _, label in Level.choices]
    _list_sheet(book, "Levels", ["Level"], [(level,) for level in levels])
    organisations = Organisation.objects.filter(is_active=True).order_by("name")
    _list_sheet(book, "Organisations", ["Organisation"], [(o.name,) for o in organisations])
    _validation(sheet, _letter("purpose"), "Purposes", len(Purpose.choices))
    _validation(sheet, _letter("level"), "Levels", len(levels))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
