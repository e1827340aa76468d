"""The policing codes of a neighbourhood over time: for an area and everything inside it, how
many written answers were given each code, per quarter and per year, as counts and as shares of
the answers; and whether this year's share differs from last year's by more than chance.

"More than chance" is a two-sided two-proportion z-test at the 5% level (the usual test for
"did the share change"), written out here because it is four lines and the statistics
libraries Heard has (scipy) give only the normal distribution it needs.

Staff see their organisation's figures in full. The public neighbourhood page sees a year's
count only when it is at least the suppression threshold (`consultations.suppression`), and
never a count that could be worked out by subtracting figures shown for the areas around it:
a neighbourhood's count is also withheld when it is the only hidden one among its parent area's
neighbourhoods while the parent's is shown (then the smallest other one is withheld too)."""

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from consultations.models import Answer
from consultations.suppression import WITHHELD, fewer_than, threshold
from core import quarters as quarter_words
from engagement.models import Activity
from places.models import Area

from .charts import TrendChart, share_chart
from .codeframes import code_labels, codeframe_current, default_codes
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


# --- the public page ---------------------------------------------------------------------------


def _public_year_counts(area: Area, years: tuple[int, int]) -> Counts:
    answers = Answer.objects.filter(
        question__kind="text", question__questionnaire__activity__in=Activity.public_objects.values("pk")
    ).exclude(text="")
    return _counts(answers.filter(_in_area(area)), AnswerCode.objects.public().in_area(area), years)


def _hidden_in_family(
    area: Area, code: str, year: int, below: int, cache: dict[int, Counts], years: tuple[int, int]
) -> bool:
    """Whether the area's count for (code, year) must be hidden: small, or withheld so that the
    parent's count minus its siblings' cannot give a small one away."""

    def count_of(a: Area) -> int:
        if a.pk not in cache:
            cache[a.pk] = _public_year_counts(a, years)
        return cache[a.pk].code_year.get((code, year), 0)

    own = count_of(area)
    if 0 < own < below:
        return True
    parent = area.parent
    if parent is None or count_of(parent) < below:
        return False
    siblings = list(Area.objects.filter(parent=parent).order_by("code"))
    small = [s for s in siblings if 0 < count_of(s) < below]
    if len(small) != 1:
        return False
    others = [s for s in siblings if s.pk != small[0].pk and count_of(s) > 0]
    return bool(others) and min(others, key=lambda s: (count_of(s), s.code)).pk == area.pk


def public_code_trend(*, area: Area, today: date | None = None) -> CodeTrend:
    """The public neighbourhood page: each code's count this year and last, hidden under the
    threshold ("fewer than 10") or withheld; the change is said only when both years are shown."""
    this, last = _years(today)
    below = threshold()
    cache: dict[int, Counts] = {}
    counts = _public_year_counts(area, (this, last))
    cache[area.pk] = counts
    labels = {c["id"]: c["label"] for c in default_codes()}
    rows = []
    for code in sorted({code for code, _ in counts.code_year}):
        shown: dict[int, int | None] = {}
        words: dict[int, str] = {}
        for year in (this, last):
            n = counts.code_year.get((code, year), 0)
            hidden = _hidden_in_family(area, code, year, below, cache, (this, last))
            shown[year] = None if hidden else n
            words[year] = (fewer_than(below) if 0 < n < below else WITHHELD) if hidden else str(n)
        change, significant = ("", False)
        if shown[this] is not None and shown[last] is not None:
            change, significant = _change(counts, code, this, last)
        rows.append(
            CodeRow(
                code=code,
                label=labels.get(code) or _label_anywhere(code),
                police_uk=[],
                this_year=shown[this],
                last_year=shown[last],
                this_shown=words[this],
                last_shown=words[last],
                this_share=None,
                last_share=None,
                change=change,
                significant=significant,
                quarters=[],
            )
        )
    rows = [r for r in rows if r.this_shown != "0" or r.last_shown != "0"]
    rows.sort(key=lambda r: (-(r.this_year or 0), -(r.last_year or 0), r.label))
    return CodeTrend(
        area=area,
        this_year=this,
        last_year=last,
        answers_this_year=None,
        answers_last_year=None,
        quarters=[],
        quarter_answers=[],
        rows=rows,
    )


def _label_anywhere(code: str) -> str:
    """A code an organisation added: its name in the newest version that has it."""
    from .coding_models import CodeframeVersion

    for version in CodeframeVersion.objects.order_by("-created_at").values_list("codes", flat=True)[:200]:
        for item in version:
            if item.get("id") == code:
                return str(item.get("label") or code)
    return code.replace("_", " ").capitalize()


def rising_codes(*, organisation_id: int, area: Area, today: date | None = None) -> list[dict[str, Any]]:
    """Codes whose share of the area's answers rose this year by more than chance: suggestions
    for the neighbourhood's priorities."""
    trend = code_trend(organisation_id=organisation_id, area=area, today=today)
    return [
        {"code": r.code, "label": r.label, "this_year": r.this_year, "last_year": r.last_year}
        for r in trend.rising
    ]
