"""Reading ONS "tidy long" Census 2021 CSVs into monitoring-form categories.

Pure Python, no Django: the same code serves the importer, the tests and anyone scripting an
import. A tidy-long table has one row per area and category with the columns `area_code,
area_name, geography, period, indicator, measure, unit, value`, plus one category column
named after the table (`ethnic_group`, `religion`, `age`, ...) and sometimes `sex`. Some
tables (population by sex, 5-year age bands) have no category column and carry the
category in `indicator`.

Nothing is decided from a file's name: the category column is the one non-standard column,
the dimension comes from the category values, the level of each area from its `geography`
(or, when that column is missing, its ONS code), and a `sex` column is reduced to the
"All persons" rows.

Ages are binned into the bands the monitoring form asks for, whatever the source
granularity. A source band that straddles a target boundary (5-year "Aged 15 to 19 years"
against 0-15 / 16-24) is spread evenly over its single years; the fractional shares of all
an area's rows are added up exactly and rounded with the largest-remainder method, so each
area's band counts add up to exactly the sum of its source rows.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

# Dimension names (the values of places.models.Dimension).
AGE = "age"
SEX = "sex"
ETHNICITY = "ethnicity"
ETHNICITY_DETAILED = "ethnicity_detailed"
RELIGION = "religion"
DISABILITY = "disability"
SEXUAL_ORIENTATION = "sexual_orientation"
GENDER_IDENTITY = "gender_identity"

# Area levels (the values of places.models.AreaLevel).
COUNTRY = "country"
REGION = "region"
FORCE = "force"
DISTRICT = "district"
NEIGHBOURHOOD = "neighbourhood"
MSOA = "msoa"
LSOA = "lsoa"

STANDARD_COLUMNS = frozenset(
    {"area_code", "area_name", "geography", "period", "indicator", "measure", "unit", "value", "sex"}
)
REQUIRED_COLUMNS = ("area_code", "area_name", "value")

DEFAULT_AGE_BANDS = ("0-15", "16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+")


class DataFileError(ValueError):
    """A file that cannot be read as asked. The message names the file, the line (when there
    is one) and the problem, ready to show to the person who ran the import."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


# --- categories -------------------------------------------------------------------------

ASIAN = "Asian, Asian British or Asian Welsh"
BLACK = "Black, Black British, Black Welsh, Caribbean or African"
MIXED = "Mixed or Multiple ethnic groups"
WHITE = "White"
OTHER_ETHNIC = "Other ethnic group"

ETHNIC_GROUPS: dict[str, tuple[str, ...]] = {
    ASIAN: ("Bangladeshi", "Chinese", "Indian", "Pakistani", "Other Asian"),
    BLACK: ("African", "Caribbean", "Other Black"),
    MIXED: (
        "White and Asian",
        "White and Black African",
        "White and Black Caribbean",
        "Other Mixed or Multiple ethnic groups",
    ),
    WHITE: (
        "English, Welsh, Scottish, Northern Irish or British",
        "Irish",
        "Gypsy or Irish Traveller",
        "Roma",
        "Other White",
    ),
    OTHER_ETHNIC: ("Arab", "Any other ethnic group"),
}
ETHNICITY_BROAD = tuple(ETHNIC_GROUPS)
ETHNICITY_DETAIL = tuple(f"{group}: {name}" for group, names in ETHNIC_GROUPS.items() for name in names)

RELIGIONS = (
    "No religion",
    "Christian",
    "Buddhist",
    "Hindu",
    "Jewish",
    "Muslim",
    "Sikh",
    "Other religion",
    "Not answered",
)
DISABILITIES = ("Disabled", "Not disabled")
SEXES = ("Female", "Male")
SEXUAL_ORIENTATIONS = (
    "Straight or Heterosexual",
    "Gay or Lesbian",
    "Bisexual",
    "Other sexual orientation",
    "Not answered",
)
GENDER_IDENTITIES = (
    "Gender identity the same as sex registered at birth",
    "Gender identity different from sex registered at birth but no specific identity given",
    "Trans woman",
    "Trans man",
    "Non-binary",
    "All other gender identities",
    "Not answered",
)

# The order categories are listed in, per dimension (age follows the bands).
CATEGORY_ORDER: dict[str, tuple[str, ...]] = {
    SEX: SEXES,
    ETHNICITY: ETHNICITY_BROAD,
    ETHNICITY_DETAILED: ETHNICITY_DETAIL,
    RELIGION: RELIGIONS,
    DISABILITY: DISABILITIES,
    SEXUAL_ORIENTATION: SEXUAL_ORIENTATIONS,
    GENDER_IDENTITY: GENDER_IDENTITIES,
}


@dataclass(frozen=True)
class Mapping:
    """What one published category counts towards. A subtotal (e.g. "Disabled under the
    Equality Act" next to its two sub-categories) is used only when an area has no
    finer rows, so that nothing is counted twice."""

    table: str
    targets: tuple[tuple[str, str], ...]
    subtotal: bool = False


def _key(value: str) -> str:
    return " ".join(value.replace("\u2013", "-").split()).casefold()


def _build_categories() -> dict[str, list[Mapping]]:
    table: dict[str, list[Mapping]] = {}

    def add(value: str, mapping: Mapping) -> None:
        table.setdefault(_key(value), []).append(mapping)

    for group, names in ETHNIC_GROUPS.items():
        add(group, Mapping(ETHNICITY, ((ETHNICITY, group),), subtotal=True))
        for name in names:
            detail = f"{group}: {name}"
            add(detail, Mapping(ETHNICITY, ((ETHNICITY, group), (ETHNICITY_DETAILED, detail))))
    for religion in RELIGIONS:
        add(religion, Mapping(RELIGION, ((RELIGION, religion),)))
    add("Disabled under the Equality Act", Mapping(DISABILITY, ((DISABILITY, "Disabled"),), subtotal=True))
    add(
        "Not disabled under the Equality Act",
        Mapping(DISABILITY, ((DISABILITY, "Not disabled"),), subtotal=True),
    )
    for detail in ("Day-to-day activities limited a lot", "Day-to-day activities limited a little"):
        add(f"Disabled under the Equality Act: {detail}", Mapping(DISABILITY, ((DISABILITY, "Disabled"),)))
    for detail in (
        "Has long term physical or mental health condition but day-to-day activities are not limited",
        "No long term physical or mental health conditions",
    ):
        add(
            f"Not disabled under the Equality Act: {detail}",
            Mapping(DISABILITY, ((DISABILITY, "Not disabled"),)),
        )
    for published, sex in (("Female", "Female"), ("Females", "Female"), ("Male", "Male"), ("Males", "Male")):
        add(published, Mapping(SEX, ((SEX, sex),)))
    for orientation in ("Straight or Heterosexual", "Gay or Lesbian", "Bisexual", "Not answered"):
        add(orientation, Mapping(SEXUAL_ORIENTATION, ((SEXUAL_ORIENTATION, orientation),)))
    # "All other sexual orientations" (TS077) and its breakdown in the detailed table (TS079).
    for other in ("All other sexual orientations", "Pansexual", "Asexual", "Queer"):
        add(other, Mapping(SEXUAL_ORIENTATION, ((SEXUAL_ORIENTATION, "Other sexual orientation"),)))
    for identity in GENDER_IDENTITIES:
        add(identity, Mapping(GENDER_IDENTITY, ((GENDER_IDENTITY, identity),)))
    return table


CATEGORIES = _build_categories()
KNOWN_TABLES = "age, sex, ethnic group, religion, disability, sexual orientation and gender identity"

# Rows that are totals or cover people outside a question's scope (under-16s for sexual
# orientation, for instance): not a category of anyone's monitoring form.
_SKIP_PATTERNS = (
    re.compile(r"^total\b"),
    re.compile(r"^all persons$"),
    re.compile(r"^all people$"),
    re.compile(r"^all usual residents\b"),
    re.compile(r"^all categories\b"),
    re.compile(r"^does not apply$"),
)


def is_total(value: str) -> bool:
    """Whether a published category is a total or "Does not apply" row (skipped)."""
    key = _key(value)
    return any(p.search(key) for p in _SKIP_PATTERNS)


# --- ages -------------------------------------------------------------------------------

_YEARS = r"(?:\s+years?(?:\s+old)?)?"
_AGE_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[int, int | None]]], ...] = (
    (re.compile(rf"^aged?\s+under\s+(\d+){_YEARS}$"), lambda m: (0, int(m[1]) - 1)),
    (re.compile(rf"^aged?\s+(\d+){_YEARS}\s+(?:and|or)\s+(?:under|younger)$"), lambda m: (0, int(m[1]))),
    (re.compile(rf"^aged?\s+(\d+){_YEARS}\s+(?:and|or)\s+(?:over|older)$"), lambda m: (int(m[1]), None)),
    (re.compile(rf"^aged?\s+(\d+)\s*\+{_YEARS}$"), lambda m: (int(m[1]), None)),
    (re.compile(rf"^aged?\s+(\d+)\s*(?:to|-)\s*(\d+){_YEARS}$"), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(rf"^aged?\s+(\d+){_YEARS}$"), lambda m: (int(m[1]), int(m[1]))),
)


def parse_source_age(label: str) -> tuple[int, int | None] | None:
    """The ages (first, last; last None when open-ended) a published age category covers, or
    None when it is not an age: "Aged under 1 year" -> (0, 0), "Aged 4 years and under" ->
    (0, 4), "Aged 5 to 9 years" -> (5, 9), "Aged 90 years and over" -> (90, None)."""
    key = _key(label)
    for pattern, extract in _AGE_PATTERNS:
        match = pattern.match(key)
        if match:
            low, high = extract(match)
            if high is not None and high < low:
                return None
            return low, high
    return None


@dataclass(frozen=True)
class AgeBand:
    label: str
    low: int
    high: int | None  # None: open-ended ("75+")

    def covers(self, age: int) -> bool:
        return age >= self.low and (self.high is None or age <= self.high)


_BAND_RE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)|(\+))\s*$")


def parse_age_band(label: str) -> AgeBand | None:
    """ "16-24" -> AgeBand(16, 24); "75+" -> AgeBand(75, None); anything else -> None."""
    match = _BAND_RE.match(label)
    if not match:
        return None
    low = int(match[1])
    high = None if match[3] else int(match[2])
    if high is not None and high < low:
        return None
    return AgeBand(label.strip(), low, high)


def parse_age_bands(labels: Sequence[str]) -> tuple[AgeBand, ...]:
    """Target bands from labels like "0-15", ..., "75+". They must start at 0, follow on
    without gaps and end with an open band, so that every person falls in exactly one."""
    bands: list[AgeBand] = []
    for label in labels:
        band = parse_age_band(label)
        if band is None:
            raise ValueError(f"Age band {label!r} is not like '16-24' or '75+'.")
        expected = 0 if not bands else (bands[-1].high or 0) + 1
        if bands and bands[-1].high is None:
            raise ValueError(f"Age band {bands[-1].label!r} is open-ended, so it must come last.")
        if band.low != expected:
            raise ValueError(f"Age band {label!r} should start at {expected}: bands must follow on from 0.")
        bands.append(band)
    if not bands or bands[-1].high is not None:
        raise ValueError("The last age band must be open-ended, like '75+'.")
    return tuple(bands)


def apportion(shares: Sequence[Fraction]) -> list[int]:
    """Round non-negative shares with a whole-number total to whole numbers with that same
    total, by the largest-remainder method (ties go to the earlier share)."""
    floors = [int(s) for s in shares]
    total = sum(shares, Fraction(0))
    if total.denominator != 1:
        raise ValueError("Shares must add up to a whole number.")
    left = int(total) - sum(floors)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return floors


def age_shares(
    low: int, high: int | None, count: int, bands: Sequence[AgeBand], *, label: str = ""
) -> list[Fraction]:
    """How much of `count` people aged `low`..`high` falls in each band, assuming they are
    spread evenly over those single years. An open-ended source band must fit in one band:
    there is nothing to spread it by."""
    shares = [Fraction(0)] * len(bands)
    if high is None:
        for i, band in enumerate(bands):
            if band.covers(low) and band.high is None:
                shares[i] = Fraction(count)
                return shares
        owner = next(b for b in bands if b.covers(low))
        raise ValueError(
            f"the open-ended age group {label or f'{low}+'!r} straddles the band {owner.label} and the "
            f"ones above it, so it cannot be split; use age bands whose last band starts at or below {low}"
        )
    years = high - low + 1
    for i, band in enumerate(bands):
        top = high if band.high is None else min(high, band.high)
        overlap = top - max(low, band.low) + 1
        if overlap > 0:
            shares[i] = Fraction(count * overlap, years)
    return shares


# --- geography --------------------------------------------------------------------------

GEOGRAPHIES = {
    "electoral ward": NEIGHBOURHOOD,
    "electoral ward/division": NEIGHBOURHOOD,
    "electoral division": NEIGHBOURHOOD,
    "ward": NEIGHBOURHOOD,
    "local authority": DISTRICT,
    "local authority district": DISTRICT,
    "lower tier local authority": DISTRICT,
    "unitary authority": DISTRICT,
    "metropolitan district": DISTRICT,
    "london borough": DISTRICT,
    "community safety partnership": DISTRICT,
    "lower layer super output area": LSOA,
    "lsoa": LSOA,
    "middle layer super output area": MSOA,
    "msoa": MSOA,
    "region": REGION,
    "country": COUNTRY,
    "nation": COUNTRY,
    "police force area": FORCE,
    "police force": FORCE,
}

# ONS code prefixes (the first three characters) and the level they denote.
CODE_PREFIXES = {
    "E01": LSOA,
    "W01": LSOA,
    "E02": MSOA,
    "W02": MSOA,
    "E05": NEIGHBOURHOOD,
    "W05": NEIGHBOURHOOD,
    "E06": DISTRICT,
    "E07": DISTRICT,
    "E08": DISTRICT,
    "E09": DISTRICT,
    "W06": DISTRICT,
    "E12": REGION,
    "E92": COUNTRY,
    "W92": COUNTRY,
    "E23": FORCE,
    "W15": FORCE,
}


def level_for_geography(value: str) -> str | None:
    """The area level for a `geography` value such as "Electoral ward", or None."""
    return GEOGRAPHIES.get(_key(value).replace("-", " "))


def level_for_code(code: str) -> str | None:
    """The area level an ONS code denotes by its prefix (E05... a ward), or None."""
    return CODE_PREFIXES.get(code.strip().upper()[:3])


# --- reading ----------------------------------------------------------------------------


def read_csv(path: str | Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (lower-cased, trimmed) and an iterator of (line number, fields) for a
    UTF-8 CSV file, with every way of not being one turned into a DataFileError."""
    path = Path(path)
    if not path.exists():
        raise DataFileError(path, "no such file")
    if not path.is_file():
        raise DataFileError(path, "not a file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFileError(path, f"not valid UTF-8 text (byte 0x{data[exc.start]:02x})", line) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DataFileError(path, "not a CSV text file (it contains NUL bytes)", line)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DataFileError(path, "the file is empty") from None
    except csv.Error as exc:
        raise DataFileError(path, f"not a readable CSV file ({exc})", 1) from None
    header = [h.strip().casefold() for h in header]

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = reader.line_num
        try:
            for fields in reader:
                line = reader.line_num
                if not any(f.strip() for f in fields):
                    continue
                if len(fields) != len(header):
                    raise DataFileError(
                        path, f"expected {len(header)} fields as in the header, found {len(fields)}", line
                    )
                yield line, fields
        except csv.Error as exc:
            raise DataFileError(path, f"not a readable CSV row ({exc})", line + 1) from None

    return header, rows()


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
        if not any(_key(f[i]) in CATEGORIES or parse_source_age(f[i]) for _, f in lines):
            return "sex"
    return "indicator" if "indicator" in header else "sex"


def _table_for(path: Path, first_seen: dict[str, int]) -> str:
    """The one table (dimension family) that every category in the file belongs to."""
    candidates: set[str] | None = None
    decided_by: tuple[str, int] | None = None
    for value, line in first_seen.items():
        tables = {AGE} if parse_source_age(value) else {m.table for m in CATEGORIES.get(_key(value), [])}
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
    col = {name: header.index(name) for name in header}
    has_sex = "sex" in col and column != "sex"

    areas: dict[str, _AreaData] = {}
    first_seen: dict[str, int] = {}
    seen: dict[tuple[str, str, str], int] = {}
    rows_read = 0
    for line, fields in lines:
        rows_read += 1
        if on_row is not None:
            on_row(1)

        def get(name: str, fields: list[str] = fields) -> str:
            return fields[col[name]].strip() if name in col else ""

        if "measure" in col and get("measure").casefold() not in ("count", ""):
            continue  # percentages and rates are derived: counts are what add up
        category = " ".join(get(column).split())
        sex = get("sex") if has_sex else ""
        code = get("area_code").upper()
        if not code:
            raise DataFileError(path, "area_code is empty", line)
        count = parse_count(get("value"))
        if count is None:
            raise DataFileError(path, f"value {get('value')!r} is not a whole number of people", line)
        if not category:
            raise DataFileError(path, f"{column} is empty", line)
        if is_total(category):
            continue
        sex_total = not has_sex or is_total(sex)
        if has_sex and not sex_total and not any(m.table == SEX for m in CATEGORIES.get(_key(sex), [])):
            raise DataFileError(path, f"unknown sex {sex!r}", line)
        key = (code, _key(sex) if has_sex else "", _key(category))
        if key in seen:
            raise DataFileError(
                path, f"duplicate row for {code} {category!r} (first on line {seen[key]})", line
            )
        seen[key] = line
        area = areas.get(code)
        if area is None:
            geography = get("geography")
            level = level_for_geography(geography) if geography else level_for_code(code)
            if level is None:
                problem = (
                    f"unknown geography {geography!r}"
                    if geography
                    else f"cannot tell the geography of {code}"
                )
                raise DataFileError(path, problem, line)
            name = get("area_name") or code
            area = areas[code] = _AreaData(name=name, level=level)
        first_seen.setdefault(category, line)
        area.sources.append(_Source(line, code, _key(sex), sex_total, category, count))

    table = _table_for(path, first_seen)
    rows: list[CensusRow] = []
    for code, area in areas.items():
        # With a sex column, only the "All persons" rows count; an area published by sex
        # alone is added up over the sexes instead.
        sources = [s for s in area.sources if s.sex_total] or area.sources
        counts = _age_counts(path, sources, bands) if table == AGE else _category_counts(sources, table)
        rows.extend(
            CensusRow(code, area.name, area.level, dimension, category, count)
            for (dimension, category), count in counts.items()
        )
    return CensusTable(str(path), table, column, rows_read, rows)


def _category_counts(sources: list[_Source], table: str) -> dict[tuple[str, str], int]:
    mapped = [(m, s.count) for s in sources for m in CATEGORIES[_key(s.category)] if m.table == table]
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
