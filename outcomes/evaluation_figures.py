"""The numbers an evaluation shows, worked out from what Heard already holds about an activity.

- People reached: the activity's equality-monitoring forms plus its attendance head counts
  (the definition the evaluation issue gives; a paper equality form collected at an event whose
  head count was also taken counts twice, which the page says).
- Cost per participant: the activity's budget over the people reached.
- Reach against target: the people reached against the evaluation's target, and each audience
  the activity aimed at reached or not, counted from equality forms where the audience maps to
  Census categories (places.Audience.dimension/categories), otherwise from attendance counts by
  audience. Small counts from equality forms are not shown.
- Participants' views: the totals of the participant evaluation form, small numbers suppressed
  with consultations.suppression (a table of fewer forms than the threshold is not shown).

"Small" is under the reader's threshold (consultations.suppression.reader_threshold): 5 for the
owning organisation's staff on its pages, HEARD_SUPPRESS_BELOW for everyone else.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from consultations import equality
from consultations.models import Attendance, AttendanceCount, EqualityRecord
from consultations.people import people_reached_by_activity
from consultations.suppression import NOT_ANSWERED, SUPPRESS_BELOW, EqualityCell, is_small, suppress
from engagement.models import Activity
from places.models import Audience, Dimension

from .models import ParticipantAnswer, ParticipantChannel, ParticipantEvaluation

# The equality-form field each Census dimension is recorded in.
FIELD_FOR_DIMENSION: dict[str, str] = {
    Dimension.AGE: "age_band",
    Dimension.SEX: "sex",
    Dimension.ETHNICITY: "ethnicity",
    Dimension.ETHNICITY_DETAILED: "ethnicity",
    Dimension.RELIGION: "religion",
    Dimension.DISABILITY: "disability",
    Dimension.SEXUAL_ORIENTATION: "sexual_orientation",
}

# The participant evaluation form's questions: field, the question as asked, as a table heading.
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("satisfied", "Overall, were you satisfied with it?", "Satisfied"),
    ("listened_to", "Did you feel listened to?", "Felt listened to"),
    (
        "understood_use",
        "Do you understand how what you said will be used?",
        "Understood how their views will be used",
    ),
)


def money(value: Any) -> Decimal | None:
    """A sum of money to the penny, or None."""
    return None if value is None else Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Reached:
    """People reached, counted as everywhere in Heard (consultations/people.py), and the parts
    it is made of, for the page to explain."""

    total: int
    equality_forms: int
    head_count: int


def people_reached(activity: Activity) -> Reached:
    forms = EqualityRecord.objects.filter(activity=activity).count()
    heads = Attendance.objects.filter(activity=activity).aggregate(n=Sum("head_count"))["n"] or 0
    total = people_reached_by_activity([activity.pk]).get(activity.pk, 0)
    return Reached(total=total, equality_forms=forms, head_count=int(heads))


def cost_per_participant(budget: Decimal | None, people: int) -> Decimal | None:
    """The budget over the people reached, to the penny; None without a budget or anybody."""
    if budget is None or people <= 0:
        return None
    return money(Decimal(budget) / people)


@dataclass(frozen=True)
class TargetReach:
    target: int | None
    reached: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.reached / self.target) if self.target else None

    @property
    def met(self) -> bool | None:
        return None if not self.target else self.reached >= self.target


@dataclass(frozen=True)
class AudienceReach:
    audience: str
    counted_from: str  # in words: "equality forms", "attendance counts by group", or ""
    count: int | None  # None: not counted, or hidden (from equality forms, under `below`)
    reached: bool | None  # None: Heard cannot tell
    below: int = SUPPRESS_BELOW

    @property
    def shown(self) -> str:
        if self.counted_from == "":
            return "Not counted"
        return f"fewer than {self.below}" if self.count is None else str(self.count)


def _census_filter(audience: Audience) -> Q | None:
    field = FIELD_FOR_DIMENSION.get(audience.dimension)
    categories = [c for c in (audience.categories or []) if isinstance(c, str)]
    if field is None or not categories:
        return None
    if audience.dimension == Dimension.ETHNICITY:
        wanted = set(categories)
        values = [v for v, _ in equality.choices_for("ethnicity") if equality.broad_ethnic_group(v) in wanted]
        return Q(ethnicity__in=values)
    return Q(**{f"{field}__in": categories})


def audience_reach(
    activity: Activity, audiences: Iterable[Audience], *, below: int = SUPPRESS_BELOW
) -> list[AudienceReach]:
    """For each audience the activity aimed at: reached or not, and how many (a count from
    equality forms under `below` is not shown: the reader's threshold)."""
    records = EqualityRecord.objects.filter(activity=activity)
    by_door = dict(
        AttendanceCount.objects.filter(attendance__activity=activity)
        .values_list("audience_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    found = []
    for audience in audiences:
        census = _census_filter(audience)
        if census is not None:
            count = records.filter(census).count()
            shown = None if is_small(count, below) else count
            found.append(AudienceReach(audience.name, "equality forms", shown, count > 0, below))
        elif audience.pk in by_door:
            count = int(by_door[audience.pk] or 0)
            found.append(AudienceReach(audience.name, "attendance counts by group", count, count > 0))
        else:
            found.append(AudienceReach(audience.name, "", None, None))
    return found


# Participants' views


@dataclass(frozen=True)
class ViewsTable:
    field: str
    question: str
    heading: str
    cells: list[EqualityCell]

    @property
    def yes(self) -> EqualityCell:
        return self.cells[0]


@dataclass(frozen=True)
class ParticipantViews:
    total: int
    online: int
    paper: int
    tables: list[ViewsTable]
    suppressed_below: int = SUPPRESS_BELOW

    @property
    def too_few(self) -> bool:
        return self.total < self.suppressed_below


ANSWER_ORDER = [ParticipantAnswer.YES, ParticipantAnswer.PARTLY, ParticipantAnswer.NO]


def participant_counts(forms: QuerySet[ParticipantEvaluation]) -> dict[str, list[tuple[str, int]]]:
    """Per question, (label, count) for yes, partly, no and not answered, in one query each."""
    out = {}
    for field, _, _ in QUESTIONS:
        counts = dict(forms.values_list(field).annotate(n=Count("id")).order_by())
        rows = [(str(answer.label), int(counts.get(answer.value, 0))) for answer in ANSWER_ORDER]
        rows.append((NOT_ANSWERED, int(counts.get("", 0))))
        out[field] = rows
    return out


def participant_views(
    forms: QuerySet[ParticipantEvaluation],
    *,
    atoms: Sequence[QuerySet[ParticipantEvaluation]] = (),
    below: int = SUPPRESS_BELOW,
) -> ParticipantViews:
    """Totals per question, small numbers suppressed at `below` (the reader's threshold,
    consultations.suppression.reader_threshold). `atoms`: the parts `forms` is the sum of whose
    own totals are shown elsewhere (each activity's, for a table across activities)."""
    channels = dict(forms.values_list("channel").annotate(n=Count("id")).order_by())
    online, paper = (
        int(channels.get(ParticipantChannel.ONLINE, 0)),
        int(channels.get(ParticipantChannel.PAPER, 0)),
    )
    total = online + paper
    if total < below:
        return ParticipantViews(total=total, online=online, paper=paper, tables=[], suppressed_below=below)
    whole = participant_counts(forms)
    parts = [participant_counts(atom) for atom in atoms]
    tables = [
        ViewsTable(
            field=field,
            question=question,
            heading=heading,
            cells=suppress(whole[field], atoms=[[n for _, n in part[field]] for part in parts], below=below),
        )
        for field, question, heading in QUESTIONS
    ]
    return ParticipantViews(total=total, online=online, paper=paper, tables=tables, suppressed_below=below)
