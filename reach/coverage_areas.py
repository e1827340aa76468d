"""What coverage, consultation fatigue and the partnership audit share: months and activities'
spans, the activities the reader counts, and which areas (of a level, inside an area) each
activity covers — held there, in an area inside it, or across an area that contains it."""

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from engagement.models import Activity, Status
from organisations.models import User
from places.models import Area, AreaLevel

from .engine import day_start

Month = date  # the first day of the month
EVERYONE = 0  # the "audience" of activities aimed at no audience in particular
Span = tuple[date, date]
Ids = list[int] | QuerySet[Any]  # activities, as ids or as a query of them (see gather.IDS_AS_LIST)


def month_of(day: date) -> Month:
    return day.replace(day=1)


def months_between(first: date, last: date) -> list[Month]:
    months, current = [], month_of(first)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def month_label(month: Month) -> str:
    return month.strftime("%b %Y")


def activity_span(row: Mapping[str, Any]) -> Span:
    """The days an activity runs or takes responses (`row`: its values())."""
    starts = timezone.localtime(row["starts_at"]).date()
    ends = timezone.localtime(row["ends_at"]).date() if row["ends_at"] else starts
    first = min(d for d in (starts, row["response_opens"]) if d)
    last = max(d for d in (ends, row["response_closes"]) if d)
    return first, last


def counted_activities(user: User) -> QuerySet[Activity]:
    return Activity.private_objects.visible_to(user).exclude(status__in=[Status.DRAFT, Status.CANCELLED])


def overlapping(activities: QuerySet[Activity], first: date, last: date) -> QuerySet[Activity]:
    """Activities whose dates or response window may meet [first, last] (activity_span says
    exactly)."""
    after = day_start(last + timedelta(days=1))
    begins = Q(starts_at__lt=after) | Q(response_opens__lte=last)
    ends = (
        Q(starts_at__gte=day_start(first)) | Q(ends_at__gte=day_start(first)) | Q(response_closes__gte=first)
    )
    return activities.filter(begins & ends)


class AreaCover:
    """Which of `rows` an activity area covers: the rows inside it and the rows containing it.
    Rows inside an area are a run of the rows sorted by path, found by bisection."""

    def __init__(self, rows: list[Area]) -> None:
        self.rows = rows
        self.by_path = {row.path: index for index, row in enumerate(rows)}
        self.sorted = sorted((row.path, index) for index, row in enumerate(rows))
        self.paths = [path for path, _ in self.sorted]
        self.cache: dict[str, set[int]] = {}

    def __call__(self, path: str) -> set[int]:
        if path not in self.cache:
            parts = path.rstrip("/").split("/")
            above = {"/".join(parts[: n + 1]) + "/" for n in range(len(parts))}
            found = {self.by_path[p] for p in above if p in self.by_path}
            start = bisect.bisect_left(self.paths, path)
            while start < len(self.paths) and self.paths[start].startswith(path):
                found.add(self.sorted[start][1])
                start += 1
            self.cache[path] = found
        return self.cache[path]


def touching(activities: QuerySet[Activity], within: Area | str | None) -> QuerySet[Activity]:
    """The activities that can cover an area inside `within` (an area or its path): held in it,
    in a place inside it, or across a place that contains it."""
    path = within.path if isinstance(within, Area) else within
    if not path:
        return activities
    parts = path.rstrip("/").split("/")
    above = ["/".join(parts[: n + 1]) + "/" for n in range(len(parts))]
    through = Activity.areas.through.objects.filter(activity_id=OuterRef("pk"))
    return activities.filter(Exists(through.filter(Q(area__path__startswith=path) | Q(area__path__in=above))))


def common_path(rows: list[Area]) -> str:
    """The path of the smallest area containing all of `rows` ("" when there is none)."""
    if not rows:
        return ""
    shared: list[str] = []
    for parts in zip(*(row.path.rstrip("/").split("/") for row in rows), strict=False):
        if len(set(parts)) > 1:
            break
        shared.append(parts[0])
    return "".join(f"{part}/" for part in shared)


def covered_rows(activity_ids: Iterable[int] | QuerySet[Any], cover: AreaCover) -> dict[int, set[int]]:
    """For each activity (ids, or a query of them), the indexes of the rows it covers."""
    found: dict[int, set[int]] = defaultdict(set)
    ids = activity_ids if isinstance(activity_ids, QuerySet) else list(activity_ids)
    through = Activity.areas.through.objects.filter(activity_id__in=ids)
    for activity_id, path in through.values_list("activity_id", "area__path"):
        found[activity_id] |= cover(path)
    return found


def area_rows(*, level: str, within: Area | None) -> list[Area]:
    rows = Area.objects.filter(level=level or AreaLevel.NEIGHBOURHOOD)
    return list((rows.within(within) if within else rows).order_by("name"))
