"""The policing codes of a neighbourhood over time: for an area and everything inside it, how
many written answers were given each code, per quarter and per year, as counts and as shares of
the answers; and whether this year's share differs from last year's by more than chance.

"More than chance" is a two-sided two-proportion z-test at the 5% level (the usual test for
"did the share change"), written out here because it is four lines and the statistics
libraries Heard has (scipy) give only the normal distribution it needs.

Staff see their organisation's figures in full. The public neighbourhood page's figures, years
and quarters, are worked out in `code_trends_public.py`: only counts of at least the suppression
threshold, and never one that subtraction could recover."""

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from consultations.models import Answer
from core import quarters as quarter_words
from engagement.models import Activity
from places.models import Area

from .charts import TrendChart, share_chart
from .codeframes import code_labels, codeframe_current
from .coding import organisation_answers
from .coding_models import POLICE_UK_CATEGORIES, AnswerCode, NoteCode

Z_95 = 1.96
CHART_LINES = 5


def changed_more_than_chance(count_a: int, total_a: int, count_b: int, total_b: int) -> bool:
    """Whether the shares count_a/total_a and count_b/total_b differ at the 5% level."""
    if min(total_a, total_b) == 0:
        return False
    pooled = (count_a + count_b) / (total_a + total_b)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / total_a + 1 / total_b))
    if spread == 0:
        return False
    return abs(count_a / total_a - count_b / total_b) / spread >= Z_95


def _in_area(area: Area, prefix: str = "") -> Q:
    """Answers from `area`: where the respondent lives or, when they gave no postcode, where the
    activity was held."""
    held = Exists(
        Activity.areas.through.objects.filter(
            activity_id=OuterRef(f"{prefix}question__questionnaire__activity_id"),
            area__path__startswith=area.path,
        )
    )
    lives = Q(**{f"{prefix}response__area__path__startswith": area.path})
    return lives | Q(Q(**{f"{prefix}response__area": None}), held)


def _note_counts(organisation_id: int, area: Area, years: tuple[int, int]) -> dict[tuple[str, int], int]:
    """Meeting notes given each code, by the year of the meeting: notes of activities in the area."""
    held = Exists(
        Activity.areas.through.objects.filter(
            activity_id=OuterRef("attendance__activity_id"), area__path__startswith=area.path
        )
    )
    rows = (
        NoteCode.objects.filter(organisation_id=organisation_id, attendance__held_on__year__in=years)
        .filter(held)
        .annotate(y=ExtractYear("attendance__held_on"))
        .values("code", "y")
        .annotate(n=Count("attendance_id", distinct=True))
        .order_by()
    )
    return {(row["code"], row["y"]): row["n"] for row in rows}


def _quarter(year: int, month: int) -> str:
    return f"{year}-Q{(month - 1) // 3 + 1}"


@dataclass
class Counts:
    """Answers and coded answers of an area, by year and quarter."""

    answers_year: dict[int, int] = field(default_factory=dict)
    answers_quarter: dict[str, int] = field(default_factory=dict)
    code_year: dict[tuple[str, int], int] = field(default_factory=dict)
    code_quarter: dict[tuple[str, str], int] = field(default_factory=dict)


def _counts(answers: QuerySet[Answer], codes: QuerySet[AnswerCode], years: tuple[int, int]) -> Counts:
    out = Counts()
    rows = answers.filter(response__submitted_at__year__in=years).annotate(
        y=ExtractYear("response__submitted_at"), m=ExtractMonth("response__submitted_at")
    )
    for row in rows.values("y", "m").annotate(n=Count("pk")).order_by():
        out.answers_year[row["y"]] = out.answers_year.get(row["y"], 0) + row["n"]
        q = _quarter(row["y"], row["m"])
        out.answers_quarter[q] = out.answers_quarter.get(q, 0) + row["n"]
    crows = codes.filter(answer__response__submitted_at__year__in=years).annotate(
        y=ExtractYear("answer__response__submitted_at"), m=ExtractMonth("answer__response__submitted_at")
    )
    for row in crows.values("code", "y", "m").annotate(n=Count("answer_id", distinct=True)).order_by():
        key = (row["code"], row["y"])
        out.code_year[key] = out.code_year.get(key, 0) + row["n"]
        qkey = (row["code"], _quarter(row["y"], row["m"]))
        out.code_quarter[qkey] = out.code_quarter.get(qkey, 0) + row["n"]
    return out


@dataclass(frozen=True)
class Shown:
    """A public figure: its count, or None when it is hidden; and what the page says of it."""

    count: int | None
    words: str  # the count, "fewer than 10" or "withheld"
    period: str = ""  # the quarter in words


@dataclass(frozen=True)
class CodeRow:
    code: str
    label: str
    police_uk: list[str]
    this_year: int | None  # None when hidden
    last_year: int | None
    this_shown: str
    last_shown: str
    this_share: float | None
    last_share: float | None
    change: str  # "up", "down" or "" (no change beyond chance, or hidden)
    significant: bool
    quarters: list[int]
    notes_last: int = 0  # meeting notes given the code (staff only)
    notes_this: int = 0
    public_quarters: list[Shown] = field(default_factory=list)  # the public page's, as `quarters`

    @property
    def this_pct(self) -> str:
        return "" if self.this_share is None else f"{self.this_share:.0%}"

    @property
    def last_pct(self) -> str:
        return "" if self.last_share is None else f"{self.last_share:.0%}"


@dataclass(frozen=True)
class CodeTrend:
    area: Area
    this_year: int
    last_year: int
    answers_this_year: int | None
    answers_last_year: int | None
    quarters: list[str]
    quarter_answers: list[int]
    rows: list[CodeRow]
    chart: TrendChart | None = None
    quarter_names: list[str] = field(default_factory=list)  # the public page's, in its language

    @property
    def rising(self) -> list[CodeRow]:
        return [r for r in self.rows if r.significant and r.change == "up"]

    @property
    def has_notes(self) -> bool:
        return any(r.notes_last or r.notes_this for r in self.rows)

    @property
    def has_figures(self) -> bool:
        return any(r.this_shown != "0" or r.last_shown != "0" for r in self.rows)


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def _change(counts: Counts, code: str, this: int, last: int) -> tuple[str, bool]:
    a, ta = counts.code_year.get((code, this), 0), counts.answers_year.get(this, 0)
    b, tb = counts.code_year.get((code, last), 0), counts.answers_year.get(last, 0)
    significant = changed_more_than_chance(a, ta, b, tb)
    if not significant:
        return "", False
    return ("up" if a / ta > b / tb else "down"), True


def _years(today: date | None) -> tuple[int, int]:
    this = (today or timezone.localdate()).year
    return this, this - 1


def _quarters(this: int) -> list[str]:
    return [f"{year}-Q{n}" for year in (this - 1, this) for n in range(1, 5)]


def code_trend(*, organisation_id: int, area: Area, today: date | None = None) -> CodeTrend:
    """Staff: the organisation's codes in `area` (and everything inside it), in full."""
    this, last = _years(today)
    version = codeframe_current(organisation_id)
    labels = code_labels(organisation_id)
    answers = organisation_answers(organisation_id).filter(_in_area(area))
    codes = AnswerCode.objects.filter(organisation_id=organisation_id).in_area(area)
    counts = _counts(answers, codes, (this, last))
    notes = _note_counts(organisation_id, area, (this, last))
    quarters = _quarters(this)
    police_uk = {
        c["id"]: [POLICE_UK_CATEGORIES.get(p, p) for p in c.get("police_uk", [])] for c in version.codes
    }
    used = {code for code, _ in counts.code_year} | {code for code, _ in notes}
    rows = []
    for code in used:
        a, b = counts.code_year.get((code, this), 0), counts.code_year.get((code, last), 0)
        change, significant = _change(counts, code, this, last)
        rows.append(
            CodeRow(
                code=code,
                label=labels.get(code, code),
                police_uk=police_uk.get(code, []),
                this_year=a,
                last_year=b,
                this_shown=str(a),
                last_shown=str(b),
                this_share=_share(a, counts.answers_year.get(this, 0)),
                last_share=_share(b, counts.answers_year.get(last, 0)),
                change=change,
                significant=significant,
                quarters=[counts.code_quarter.get((code, q), 0) for q in quarters],
                notes_last=notes.get((code, last), 0),
                notes_this=notes.get((code, this), 0),
            )
        )
    rows.sort(key=lambda r: (-(r.this_year or 0), -(r.last_year or 0), r.label))
    trend = CodeTrend(
        area=area,
        this_year=this,
        last_year=last,
        answers_this_year=counts.answers_year.get(this, 0),
        answers_last_year=counts.answers_year.get(last, 0),
        quarters=quarters,
        quarter_answers=[counts.answers_quarter.get(q, 0) for q in quarters],
        rows=rows,
    )
    return _with_chart(trend)


def _with_chart(trend: CodeTrend) -> CodeTrend:
    top = [r for r in trend.rows if (r.this_year or 0) + (r.last_year or 0) > 0][:CHART_LINES]
    lines = [
        (
            r.label,
            [
                n / total if total else None
                for n, total in zip(r.quarters, trend.quarter_answers, strict=True)
            ],
        )
        for r in top
    ]
    first, end = quarter_words.label(trend.quarters[0]), quarter_words.label(trend.quarters[-1])
    chart = share_chart(
        trend.quarters,
        lines,
        title=f"The most common policing codes in {trend.area.name}, quarter by quarter",
        description=(
            f"Line chart of the share of written answers given each of {len(lines)} codes, "
            f"from {first} to {end}, one line each. The table below gives the figures."
        ),
    )
    return CodeTrend(**{**trend.__dict__, "chart": chart})


def rising_codes(*, organisation_id: int, area: Area, today: date | None = None) -> list[dict[str, Any]]:
    """Codes whose share of the area's answers rose this year by more than chance: suggestions
    for the neighbourhood's priorities."""
    trend = code_trend(organisation_id=organisation_id, area=area, today=today)
    return [
        {"code": r.code, "label": r.label, "this_year": r.this_year, "last_year": r.last_year}
        for r in trend.rising
    ]
