"""The policing codes on the public neighbourhood page: for an area and everything inside it, how
many written answers to published activities raised each code, last year and this year and in
each quarter of them (up to the current one). The page words them in the visitor's language and
draws their chart from the figures shown (`website/code_quarters.py`).

No count under the suppression threshold (`consultations.suppression`, 10) is shown ("fewer than
10"), and none that could be worked out from the figures shown around it ("withheld"). A code's
figures for the neighbourhoods of one parent area make a grid, one row per neighbourhood and
one column per year and per quarter, and two kinds of sum can be taken from it:

- a column: the parent's figure minus its other neighbourhoods' (when the parent's is shown);
- a row: a year's figure minus that year's other quarters (a year is the sum of its quarters).

So, starting from the small counts, whenever a column or a row would have exactly one hidden
figure, another of its figures is hidden too: in a column the smallest other non-zero one (a
zero one if need be), in a row the smallest other quarter (a zero one if need be) and only then
the year. A column whose parent figure is itself hidden on the parent's page (worked out first,
the same way, one level up) needs no such second figure, but it must not have all its figures
shown, or their sum would give the parent's: the smallest non-zero one is hidden. This repeats
until nothing changes; every neighbourhood's page works out the same grid, so they all hide the
same figures. The change between the years is said only when both are shown."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, F, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from consultations.models import Answer
from consultations.suppression import WITHHELD, fewer_than, threshold
from engagement.models import Activity
from places.models import Area

from .code_trends import CodeRow, CodeTrend, Counts, Shown, _change, _counts, _in_area, _quarter
from .codeframes import default_codes
from .coding_models import AnswerCode


@dataclass(frozen=True)
class Periods:
    """The columns of the grid: the two years, and their quarters up to today's."""

    this: int
    last: int
    quarters: list[str]
    rows: dict[str, list[str]] = field(default_factory=dict)  # year -> its quarters

    @property
    def all(self) -> list[str]:
        return [str(self.last), str(self.this), *self.quarters]


def periods_of(today: date) -> Periods:
    this, last = today.year, today.year - 1
    current = (today.month - 1) // 3 + 1
    rows = {
        str(last): [f"{last}-Q{n}" for n in range(1, 5)],
        str(this): [f"{this}-Q{n}" for n in range(1, current + 1)],
    }
    return Periods(this=this, last=last, quarters=rows[str(last)] + rows[str(this)], rows=rows)


# --- which figures to hide -----------------------------------------------------------------------

Grid = list[dict[str, int]]  # one row per neighbourhood: period -> count


def _row_pick(values: dict[str, int], hidden: set[str], year: str, quarters: list[str]) -> str | None:
    """The figure of a row to hide as well: the smallest other non-zero quarter, else a zero
    one, else the year."""
    pool = [q for q in quarters if q not in hidden]
    nonzero = [q for q in pool if values[q] > 0]
    if nonzero or pool:
        return min(nonzero or pool, key=lambda q: (values[q], q))
    return year if year not in hidden else None


def _rows_pass(grid: Grid, hidden: list[set[str]], periods: Periods) -> bool:
    changed = False
    for values, gone in zip(grid, hidden, strict=True):
        for year, quarters in periods.rows.items():
            if sum(p in gone for p in [year, *quarters]) == 1:
                pick = _row_pick(values, gone, year, quarters)
                if pick is not None:
                    gone.add(pick)
                    changed = True
    return changed


def _columns_pass(
    grid: Grid, hidden: list[set[str]], parent: dict[str, int], below: int, parent_hidden: set[str]
) -> bool:
    changed = False
    for period in parent:
        under = sum(period in gone for gone in hidden)
        pool = [i for i in range(len(grid)) if period not in hidden[i]]
        nonzero = [i for i in pool if grid[i][period] > 0]
        if period in parent_hidden or parent[period] < below:
            # The parent's figure is hidden: it must not be the sum of figures all shown.
            if under == 0 and nonzero:
                hidden[min(nonzero, key=lambda i: (grid[i][period], i))].add(period)
                changed = True
            continue
        if under == 1 and (nonzero or pool):  # the parent's minus the others' would give it
            hidden[min(nonzero or pool, key=lambda i: (grid[i][period], i))].add(period)
            changed = True
    return changed


def family_hidden(
    grid: Grid,
    parent: dict[str, int] | None,
    periods: Periods,
    below: int,
    parent_hidden: set[str] | None = None,
) -> list[set[str]]:
    """The periods to hide of each row of `grid` (the neighbourhoods of `parent`, in a fixed
    order; `parent` None when the area has none; `parent_hidden` the parent's own figures hidden
    on its page): see the module's docstring."""
    hidden = [{p for p, n in values.items() if 0 < n < below} for values in grid]
    changed = True
    while changed:
        changed = _rows_pass(grid, hidden, periods)
        if parent is not None:
            changed = _columns_pass(grid, hidden, parent, below, parent_hidden or set()) or changed
    return hidden


# --- the figures --------------------------------------------------------------------------------


def _public_answers() -> QuerySet[Answer]:
    return Answer.objects.filter(
        question__kind="text", question__questionnaire__activity__in=Activity.public_objects.values("pk")
    ).exclude(text="")


def _public_counts(area: Area, years: tuple[int, int]) -> Counts:
    return _counts(_public_answers().filter(_in_area(area)), AnswerCode.objects.public().in_area(area), years)


def _members_codes(parent: Area, members: list[Area], years: tuple[int, int]) -> dict[int, Counts]:
    """The code figures (``code_year``, ``code_quarter``) of `_public_counts` for each of
    `parent`'s neighbourhoods, in three queries however many there are (two each would be some
    forty for a district's wards): coded answers grouped by where the respondent lives or, with
    no postcode, by the activity, then given to the neighbourhood whose path begins theirs (or
    to each the activity was held in). The grid needs nothing else of a neighbour."""
    member_of = {m.path: m.pk for m in members}

    def member(path: str) -> int | None:
        rest = path[len(parent.path) :]
        return member_of.get(f"{parent.path}{rest.split('/', 1)[0]}/") if rest else None

    held: dict[int, set[int]] = {}
    places = Activity.areas.through.objects.filter(area__path__startswith=parent.path)
    for activity, path in places.values_list("activity_id", "area__path"):
        if (pk := member(path)) is not None:
            held.setdefault(activity, set()).add(pk)
    codes = AnswerCode.objects.public().filter(answer__response__submitted_at__year__in=years)
    lives = codes.filter(answer__response__area__path__startswith=parent.path)
    by_activity = codes.filter(
        answer__response__area=None, answer__question__questionnaire__activity_id__in=list(held)
    )
    out = {m.pk: Counts() for m in members}
    for row in _by_place(lives, "answer__response__area__path"):
        if (pk := member(row["place"])) is not None:
            _add_code(out[pk], row)
    for row in _by_place(by_activity, "answer__question__questionnaire__activity_id"):
        for pk in held[row["place"]]:
            _add_code(out[pk], row)
    return out


def _by_place(codes: QuerySet[AnswerCode], place: str) -> Iterable[Mapping[str, Any]]:
    submitted = "answer__response__submitted_at"
    grouped = codes.values("code", place=F(place), y=ExtractYear(submitted), m=ExtractMonth(submitted))
    return grouped.annotate(n=Count("answer_id", distinct=True)).order_by()


def _add_code(counts: Counts, row: Mapping[str, Any]) -> None:
    year, quarter, n = row["y"], _quarter(row["y"], row["m"]), row["n"]
    counts.code_year[(row["code"], year)] = counts.code_year.get((row["code"], year), 0) + n
    counts.code_quarter[(row["code"], quarter)] = counts.code_quarter.get((row["code"], quarter), 0) + n


def _values(counts: Counts, code: str, periods: Periods) -> dict[str, int]:
    return {
        p: counts.code_quarter.get((code, p), 0) if "Q" in p else counts.code_year.get((code, int(p)), 0)
        for p in periods.all
    }


@dataclass
class Family:
    """The area's parent and the parent's neighbourhoods (the area among them), with their counts,
    and the parent's own family, up to the top: what the parent's page hides is worked out first,
    the same way, so that no figure it hides is the sum of its neighbourhoods' figures shown."""

    area: Area
    members: list[Area]
    counts: dict[int, Counts]
    parent: Counts | None
    above: "Family | None" = None

    @classmethod
    def of(cls, area: Area, own: Counts, years: tuple[int, int]) -> "Family":
        if area.parent is None or not own.code_year:
            return cls(area=area, members=[area], counts={area.pk: own}, parent=None)
        members = list(Area.objects.filter(parent=area.parent_id).order_by("code"))
        counts = {**_members_codes(area.parent, members, years), area.pk: own}
        parent = _public_counts(area.parent, years)
        above = cls.of(area.parent, parent, years)
        return cls(area=area, members=members, counts=counts, parent=parent, above=above)

    def hidden(self, code: str, periods: Periods, below: int) -> tuple[dict[str, int], set[str]]:
        """The area's figures for `code`, and which of them its page hides."""
        grid = [_values(self.counts[m.pk], code, periods) for m in self.members]
        parent = None if self.parent is None else _values(self.parent, code, periods)
        above = set() if self.above is None else self.above.hidden(code, periods, below)[1]
        index = next(i for i, m in enumerate(self.members) if m.pk == self.area.pk)
        return grid[index], family_hidden(grid, parent, periods, below, above)[index]

    def shown(self, code: str, periods: Periods, below: int) -> dict[str, Shown]:
        own, hidden = self.hidden(code, periods, below)
        return {
            p: Shown(None, fewer_than(below) if 0 < n < below else WITHHELD)
            if p in hidden
            else Shown(n, str(n))
            for p, n in own.items()
        }


def _row(code: str, label: str, shown: dict[str, Shown], periods: Periods, counts: Counts) -> CodeRow:
    this, last = shown[str(periods.this)], shown[str(periods.last)]
    change, significant = ("", False)
    if this.count is not None and last.count is not None:
        change, significant = _change(counts, code, periods.this, periods.last)
    return CodeRow(
        code=code,
        label=label,
        police_uk=[],
        this_year=this.count,
        last_year=last.count,
        this_shown=this.words,
        last_shown=last.words,
        this_share=None,
        last_share=None,
        change=change,
        significant=significant,
        quarters=[],
        public_quarters=[shown[q] for q in periods.quarters],
    )


def public_code_trend(*, area: Area, today: date | None = None) -> CodeTrend:
    """The public neighbourhood page's codes: each year's and quarter's count, hidden under the
    threshold ("fewer than 10") or withheld; the change said only when both years are shown."""
    periods = periods_of(today or timezone.localdate())
    below = threshold()
    years = (periods.this, periods.last)
    counts = _public_counts(area, years)
    family = Family.of(area, counts, years)
    labels = {c["id"]: c["label"] for c in default_codes()}
    rows = [
        _row(
            code,
            labels.get(code) or _label_anywhere(code),
            family.shown(code, periods, below),
            periods,
            counts,
        )
        for code in sorted({code for code, _ in counts.code_year})
    ]
    rows = [r for r in rows if r.this_shown != "0" or r.last_shown != "0"]
    rows.sort(key=lambda r: (-(r.this_year or 0), -(r.last_year or 0), r.label))
    return CodeTrend(
        area=area,
        this_year=periods.this,
        last_year=periods.last,
        answers_this_year=None,
        answers_last_year=None,
        quarters=periods.quarters,
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
