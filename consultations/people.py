"""How many people an activity reached, counted one way everywhere (reach, coverage, evaluation,
reports): the responses to its questionnaires, plus the people at its events — the attendance
head counts, or the standalone paper equality forms collected there when those are more (a form
filled in at an event is from somebody in the head count, so the two are not added).

Activities are given as ids or as a query of ids (then the database reads them as a subquery,
never as a list of thousands of parameters); by month, a window of whole days can narrow what
is read (the months inside it are counted exactly as without it)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import Attendance, EqualityRecord, Response

Key = tuple[int, date | None]  # (activity id, first day of the month, or None for all time)
Activities = Iterable[int] | QuerySet  # ids, or a values("pk") / values_list("pk") query


def _ids(activity_ids: Activities) -> Iterable[int] | QuerySet:
    return activity_ids if isinstance(activity_ids, QuerySet) else list(activity_ids)


def _tally(
    activity_ids: Activities, *, by_month: bool, first: date | None = None, last: date | None = None
) -> dict[Key, int]:
    ids = _ids(activity_ids)
    responses: dict[Key, int] = defaultdict(int)
    heads: dict[Key, int] = defaultdict(int)
    paper: dict[Key, int] = defaultdict(int)
    found_responses = Response.objects.filter(questionnaire__activity_id__in=ids)
    found_heads = Attendance.objects.filter(activity_id__in=ids)
    found_paper = EqualityRecord.objects.filter(activity_id__in=ids, response__isnull=True)
    if first is not None:
        start = timezone.make_aware(datetime.combine(first, time(0)))
        found_responses = found_responses.filter(submitted_at__gte=start)
        found_heads, found_paper = (
            found_heads.filter(held_on__gte=first),
            found_paper.filter(recorded_on__gte=first),
        )
    if last is not None:
        end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time(0)))
        found_responses = found_responses.filter(submitted_at__lt=end)
        found_heads, found_paper = (
            found_heads.filter(held_on__lte=last),
            found_paper.filter(recorded_on__lte=last),
        )
    if by_month:
        found_responses = found_responses.annotate(m=TruncMonth("submitted_at"))
        found_heads = found_heads.annotate(m=TruncMonth("held_on"))
        found_paper = found_paper.annotate(m=TruncMonth("recorded_on"))
    month = ("m",) if by_month else ()
    for row in (
        found_responses.values("questionnaire__activity_id", *month).annotate(n=Count("id")).order_by()
    ):
        responses[row["questionnaire__activity_id"], _day(row.get("m"))] += row["n"]
    for row in found_heads.values("activity_id", *month).annotate(n=Sum("head_count")).order_by():
        heads[row["activity_id"], _day(row.get("m"))] += row["n"] or 0
    for row in found_paper.values("activity_id", *month).annotate(n=Count("id")).order_by():
        paper[row["activity_id"], _day(row.get("m"))] += row["n"]
    keys = responses.keys() | heads.keys() | paper.keys()
    return {key: responses.get(key, 0) + max(heads.get(key, 0), paper.get(key, 0)) for key in keys}


def _day(value: object) -> date | None:
    if value is None:
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value  # type: ignore[return-value]


def people_reached_by_activity(activity_ids: Activities) -> dict[int, int]:
    """People reached, per activity."""
    return {key[0]: n for key, n in _tally(activity_ids, by_month=False).items()}


def people_reached_by_month(
    activity_ids: Activities, *, first: date | None = None, last: date | None = None
) -> dict[tuple[int, date], int]:
    """People reached, per activity and month (the month a response came in or an event was
    held, in UK time); with `first` and `last` (whole months, for exact counts), only those
    days are read."""
    found = _tally(activity_ids, by_month=True, first=first, last=last)
    return {(a, m): n for (a, m), n in found.items() if m is not None}


def people_reached(activity_ids: Activities) -> int:
    return sum(people_reached_by_activity(activity_ids).values())
