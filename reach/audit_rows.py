"""Reading a partner's activity list (a table read by consultations.tables.read_table): which
column holds what, whatever the order and however it is headed, and the file's wordings of
organisations, methods and audiences with their matches in Heard's taxonomy (audit_checks.py
then checks every row)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from consultations.tables import Table

from .audit_taxonomy import AUDIENCE_WORDS, LEAVE_OUT, METHOD_WORDS, Taxonomy, norm, suggest
from .audit_template import BY_KEY, COLUMNS, NOTES

SPLIT = re.compile(r"\s*[;|\n]\s*")
HEADER_CLOSE = 0.85
MAX_WORDINGS = 300  # different wordings of one kind a file may hold


@dataclass(frozen=True)
class ColumnMap:
    """Which column of the file holds each of the template's columns."""

    headers: list[str]
    index: dict[str, int]
    ignored: list[str]

    @property
    def missing(self) -> list[str]:
        return [c.header for c in COLUMNS if c.required and c.key not in self.index]

    def cell(self, cells: list[str], key: str) -> str:
        position = self.index.get(key)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    def header(self, key: str) -> str:
        position = self.index.get(key)
        return self.headers[position] if position is not None else BY_KEY[key].header

    @property
    def renamed(self) -> list[tuple[str, str]]:
        """The columns read as one of the template's under another name."""
        return [(header, column) for header, column in self.recognised if norm(header) != norm(column)]

    @property
    def recognised(self) -> list[tuple[str, str]]:
        """(the file's header, the template's column) for each column read."""
        return [
            (self.headers[i], BY_KEY[key].header)
            for key, i in sorted(self.index.items(), key=lambda kv: kv[1])
        ]


def header_key(header: str) -> str:
    """The template column a header names ("" for none): its plain words, an alias, or close."""
    wanted = norm(header.replace("£", ""))
    if not wanted:
        return ""
    for column in COLUMNS:
        names = {
            norm(column.header.replace("£", "")),
            norm(column.key.replace("_", " ")),
            *map(norm, column.aliases),
        }
        if wanted in names:
            return column.key
    best, score = "", HEADER_CLOSE
    for column in COLUMNS:
        for name in (column.header, *column.aliases):
            ratio = SequenceMatcher(None, wanted, norm(name)).ratio()
            if ratio >= score:
                best, score = column.key, ratio
    return best


def recognise_columns(headers: list[str]) -> ColumnMap:
    index: dict[str, int] = {}
    ignored = []
    for position, header in enumerate(headers):
        key = header_key(header)
        if key and key not in index:
            index[key] = position
        else:
            ignored.append(header or f"column {position + 1}")
    return ColumnMap(headers=headers, index=index, ignored=ignored)


def is_notes_row(cells: list[str], columns: ColumnMap) -> bool:
    """The template's explanations under the header (left in by whoever filled it in)."""
    position = columns.index.get("title")
    return position is not None and position < len(cells) and cells[position].strip() == NOTES[0]


def split_list(cell: str, known: set[str]) -> list[str]:
    """Several values in one cell, by semicolons (or commas, unless the cell is one known name)."""
    parts = [p for p in SPLIT.split(cell.strip()) if p]
    if len(parts) == 1 and "," in parts[0] and norm(parts[0]) not in known:
        parts = [p.strip() for p in parts[0].split(",") if p.strip()]
    return parts


def data_rows(table: Table, columns: ColumnMap) -> list[tuple[int, list[str]]]:
    return [
        (line, cells)
        for line, cells in zip(table.lines, table.rows, strict=True)
        if not is_notes_row(cells, columns)
    ]


@dataclass
class Wordings:
    """The different wordings of a file, keyed by their normalised form, as first written."""

    organisations: dict[str, str] = field(default_factory=dict)
    methods: dict[str, str] = field(default_factory=dict)
    audiences: dict[str, str] = field(default_factory=dict)


def audience_names(taxonomy: Taxonomy) -> set[str]:
    return {norm(a.name) for a in taxonomy.audiences.values()}


def collect_wordings(
    rows: Iterable[tuple[int, list[str]]], columns: ColumnMap, taxonomy: Taxonomy
) -> Wordings:
    found = Wordings()
    known = audience_names(taxonomy)
    for _, cells in rows:
        for key, into in (("organisation", found.organisations), ("method", found.methods)):
            value = columns.cell(cells, key)
            if norm(value):
                into.setdefault(norm(value), value)
        for part in split_list(columns.cell(cells, "audiences"), known):
            if norm(part):
                found.audiences.setdefault(norm(part), part)
    return found


@dataclass
class Mapping:
    """What each wording is in Heard's terms: organisation and method slugs, audience slugs (or
    LEAVE_OUT). Keys are normalised wordings."""

    organisations: dict[str, str] = field(default_factory=dict)
    methods: dict[str, str] = field(default_factory=dict)
    audiences: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, dict[str, str]]:
        return {"organisations": self.organisations, "methods": self.methods, "audiences": self.audiences}


def suggest_mapping(wordings: Wordings, taxonomy: Taxonomy) -> Mapping:
    return Mapping(
        organisations={k: taxonomy.suggest_organisation(w) for k, w in wordings.organisations.items()},
        methods={k: suggest(w, taxonomy.method_options(), METHOD_WORDS) for k, w in wordings.methods.items()},
        audiences={
            k: suggest(w, taxonomy.audience_options(), AUDIENCE_WORDS) for k, w in wordings.audiences.items()
        },
    )


def check_mapping(wordings: Wordings, mapping: Mapping, taxonomy: Taxonomy) -> list[str]:
    """Every wording needs one of Heard's values (or, for an audience, to be left out)."""
    problems = []
    kinds = (
        ("organisations", "organisation", "Say which organisation “{}” is.", set(taxonomy.organisations)),
        ("methods", "method", "Say which of Heard's methods “{}” is.", set(taxonomy.methods)),
        (
            "audiences",
            "audience",
            "Say which of Heard's audiences “{}” is, or leave it out.",
            set(taxonomy.audiences) | {LEAVE_OUT},
        ),
    )
    for name, noun, message, allowed in kinds:
        found: dict[str, str] = getattr(wordings, name)
        chosen: dict[str, str] = getattr(mapping, name)
        if len(found) > MAX_WORDINGS:
            problems.append(
                f"The file has {len(found):,} different ways of naming an {noun}: at most {MAX_WORDINGS}."
            )
            continue
        problems += [message.format(w) for key, w in found.items() if chosen.get(key, "") not in allowed]
    return problems
