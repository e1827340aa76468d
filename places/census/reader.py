"""One tidy-long Census table read and mapped to monitoring-form categories (see the package
docstring for what a tidy-long table is and how its categories, ages and areas are told)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from .ages import DEFAULT_AGE_BANDS, AgeBand, age_shares, apportion, parse_age_bands, parse_source_age
from .categories import AGE, CATEGORIES, CATEGORY_ORDER, KNOWN_TABLES, SEX, is_total, label_key
from .csvfile import DataFileError, read_csv
from .geography import level_for_code, level_for_geography

STANDARD_COLUMNS = frozenset(
    {"area_code", "area_name", "geography", "period", "indicator", "measure", "unit", "value", "sex"}
)
REQUIRED_COLUMNS = ("area_code", "area_name", "value")


def parse_count(value: str) -> int | None:
    """A non-negative whole number, or None."""
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() else None


@dataclass(frozen=True)
class CensusRow:
    area_code: str
    area_name: str
    geography: str  # an area level: "neighbourhood", "district", "lsoa", ...
    dimension: str
    category: str
    count: int


@dataclass
class _Source:
    line: int
    area_code: str
    sex: str
    sex_total: bool
    category: str
    count: int


@dataclass
class _AreaData:
    name: str
    level: str
    sources: list[_Source] = field(default_factory=list)


@dataclass
class CensusTable:
    """One file, read and mapped: `rows` in file order of areas, categories in form order."""

    path: str
    table: str  # the dimension family the categories belong to ("ethnicity" covers both)
    category_column: str
    rows_read: int
    rows: list[CensusRow]

    @property
    def dimensions(self) -> list[str]:
        return list(dict.fromkeys(r.dimension for r in self.rows))


def _check_header(path: Path, header: list[str]) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    extra = [c for c in header if c not in STANDARD_COLUMNS]
    if "area_code" in header and (len(extra) > 1 or ("value" not in header and extra)):
        raise DataFileError(
            path,
            "this looks like a wide table (columns "
            + ", ".join(extra)
            + "); only ONS tidy 'long' tables with one category column and a `value` column can be imported",
            1,
        )
    if missing:
        raise DataFileError(
            path,
            "wrong columns: missing "
            + ", ".join(missing)
            + f" (found: {', '.join(header)}); expected an ONS tidy 'long' table with "
            "area_code, area_name, geography, indicator, value and a category column",
            1,
        )
    if not extra and "indicator" not in header and "sex" not in header:
        raise DataFileError(
            path, "no category column: expected one besides the standard columns, or `indicator`", 1
        )


def _category_column(header: list[str], lines: list[tuple[int, list[str]]]) -> str:
    extra = [c for c in header if c not in STANDARD_COLUMNS]
    if extra:
        return extra[0]
    if "sex" in header and "indicator" in header:
        # Population by sex may put the sex in its own column and a description in
        # `indicator`: the categories are in whichever column holds known values.
        i = header.index("indicator")
        if not any(label_key(f[i]) in CATEGORIES or parse_source_age(f[i]) for _, f in lines):
            return "sex"
    return "indicator" if "indicator" in header else "sex"


def _table_for(path: Path, first_seen: dict[str, int]) -> str:
    """The one table (dimension family) that every category in the file belongs to."""
    candidates: set[str] | None = None
    decided_by: tuple[str, int] | None = None
    for value, line in first_seen.items():
        tables = {AGE} if parse_source_age(value) else {m.table for m in CATEGORIES.get(label_key(value), [])}
        if not tables:
            hint = "" if candidates else f" (Heard reads {KNOWN_TABLES} tables)"
            raise DataFileError(path, f"unknown category {value!r}{hint}", line)
        narrowed = tables if candidates is None else candidates & tables
        if not narrowed:
            assert decided_by is not None  # noqa: S101 - candidates is set after the first value
            raise DataFileError(
                path,
                f"category {value!r} does not belong with {decided_by[0]!r} (line {decided_by[1]}): "
                f"a file must hold one table ({', '.join(sorted(candidates or ()))})",
                line,
            )
        if candidates is None or len(narrowed) < len(candidates):
            decided_by = (value, line)
        candidates = narrowed
    if not candidates:
        raise DataFileError(path, "no category rows with counts (only totals or non-count measures)")
    if len(candidates) > 1:
        raise DataFileError(
            path, f"cannot tell which table this is: its categories fit {', '.join(sorted(candidates))}"
        )
    return candidates.pop()


class _Collector:
    """Gathers a table's count rows by area, checking each row as it comes."""

    def __init__(self, path: Path, header: list[str], column: str) -> None:
        self.path = path
        self.column = column
        self.col = {name: header.index(name) for name in header}
        self.has_sex = "sex" in self.col and column != "sex"
        self.areas: dict[str, _AreaData] = {}
        self.first_seen: dict[str, int] = {}
        self.seen: dict[tuple[str, str, str], int] = {}

    def get(self, fields: list[str], name: str) -> str:
        return fields[self.col[name]].strip() if name in self.col else ""

    def add(self, line: int, fields: list[str]) -> None:
        if "measure" in self.col and self.get(fields, "measure").casefold() not in ("count", ""):
            return  # percentages and rates are derived: counts are what add up
        category = " ".join(self.get(fields, self.column).split())
        sex = self.get(fields, "sex") if self.has_sex else ""
        code = self.get(fields, "area_code").upper()
        count = self._count(line, fields, code, category)
        if is_total(category):
            return
        sex_total = self._is_sex_total(line, sex)
        self._check_unique(line, code, sex, category)
        area = self.areas.get(code) or self._new_area(line, fields, code)
        self.first_seen.setdefault(category, line)
        area.sources.append(_Source(line, code, label_key(sex), sex_total, category, count))

    def _count(self, line: int, fields: list[str], code: str, category: str) -> int:
        if not code:
            raise DataFileError(self.path, "area_code is empty", line)
        count = parse_count(self.get(fields, "value"))
        if count is None:
            raise DataFileError(
                self.path, f"value {self.get(fields, 'value')!r} is not a whole number of people", line
            )
        if not category:
            raise DataFileError(self.path, f"{self.column} is empty", line)
        return count

    def _is_sex_total(self, line: int, sex: str) -> bool:
        sex_total = not self.has_sex or is_total(sex)
        if (
            self.has_sex
            and not sex_total
            and not any(m.table == SEX for m in CATEGORIES.get(label_key(sex), []))
        ):
            raise DataFileError(self.path, f"unknown sex {sex!r}", line)
        return sex_total

    def _check_unique(self, line: int, code: str, sex: str, category: str) -> None:
        key = (code, label_key(sex) if self.has_sex else "", label_key(category))
        if key in self.seen:
            raise DataFileError(
                self.path, f"duplicate row for {code} {category!r} (first on line {self.seen[key]})", line
            )
        self.seen[key] = line

    def _new_area(self, line: int, fields: list[str], code: str) -> _AreaData:
        geography = self.get(fields, "geography")
        level = level_for_geography(geography) if geography else level_for_code(code)
        if level is None:
            problem = (
                f"unknown geography {geography!r}" if geography else f"cannot tell the geography of {code}"
            )
            raise DataFileError(self.path, problem, line)
        area = self.areas[code] = _AreaData(name=self.get(fields, "area_name") or code, level=level)
        return area


def read_census(
    path: str | Path,
    *,
    age_bands: Sequence[str] = DEFAULT_AGE_BANDS,
    on_row: Callable[[int], object] | None = None,
) -> CensusTable:
    """Read one tidy-long Census table and map it to monitoring-form categories.
    Raises DataFileError naming the file, line and problem for anything it cannot use."""
    path = Path(path)
    bands = parse_age_bands(age_bands)
    header, line_iter = read_csv(path)
    _check_header(path, header)
    lines = list(line_iter)
    column = _category_column(header, lines)
    collector = _Collector(path, header, column)
    for line, fields in lines:
        if on_row is not None:
            on_row(1)
        collector.add(line, fields)
    table = _table_for(path, collector.first_seen)
    rows: list[CensusRow] = []
    for code, area in collector.areas.items():
        # With a sex column, only the "All persons" rows count; an area published by sex
        # alone is added up over the sexes instead.
        sources = [s for s in area.sources if s.sex_total] or area.sources
        counts = _age_counts(path, sources, bands) if table == AGE else _category_counts(sources, table)
        rows.extend(
            CensusRow(code, area.name, area.level, dimension, category, count)
            for (dimension, category), count in counts.items()
        )
    return CensusTable(str(path), table, column, len(lines), rows)


def _category_counts(sources: list[_Source], table: str) -> dict[tuple[str, str], int]:
    mapped = [(m, s.count) for s in sources for m in CATEGORIES[label_key(s.category)] if m.table == table]
    detailed = {m.table for m, _ in mapped if not m.subtotal}
    totals: dict[tuple[str, str], int] = {}
    for mapping, count in mapped:
        if mapping.subtotal and mapping.table in detailed:
            continue
        for target in mapping.targets:
            totals[target] = totals.get(target, 0) + count
    order = {(d, c): i for d, cats in CATEGORY_ORDER.items() for i, c in enumerate(cats)}
    dims = list(CATEGORY_ORDER)
    return dict(
        sorted(totals.items(), key=lambda kv: (dims.index(kv[0][0]), order.get(kv[0], 999), kv[0][1]))
    )


def _age_counts(path: Path, sources: list[_Source], bands: Sequence[AgeBand]) -> dict[tuple[str, str], int]:
    ranged: list[tuple[int, int | None, _Source]] = []
    for source in sources:
        ages = parse_source_age(source.category)
        assert ages is not None  # noqa: S101 - the table is AGE only if every category parses
        ranged.append((ages[0], ages[1], source))
    ranged.sort(key=lambda r: (r[2].sex, r[0]))
    for (_, high, before), (low, _, after) in itertools.pairwise(ranged):
        if before.sex == after.sex and (high is None or low <= high):
            raise DataFileError(
                path,
                f"age groups overlap for {after.area_code}: {after.category!r} and "
                f"{before.category!r} (line {before.line}); people would be counted twice",
                after.line,
            )
    shares = [Fraction(0)] * len(bands)
    for low, high, source in ranged:
        try:
            row_shares = age_shares(low, high, source.count, bands, label=source.category)
        except ValueError as exc:
            raise DataFileError(path, str(exc), source.line) from None
        shares = [a + b for a, b in zip(shares, row_shares, strict=True)]
    return {(AGE, band.label): n for band, n in zip(bands, apportion(shares), strict=True)}


def census_rows(
    path: str | Path, *, age_bands: Sequence[str] = DEFAULT_AGE_BANDS
) -> Iterator[tuple[str, str, str, str, str, int]]:
    """(area_code, area_name, geography, dimension, category, count) for each mapped count."""
    for row in read_census(path, age_bands=age_bands).rows:
        yield row.area_code, row.area_name, row.geography, row.dimension, row.category, row.count
