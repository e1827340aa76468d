"""What matching needs to know of each activity, gathered for many activities at once with a
fixed number of queries (however many activities and pairs): its places with their ancestors
and wards, its audiences, its dates as one span, and the words of its title and aims."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from engagement.models import Activity, Purpose
from places.models import Area, AreaLevel, AudienceKind

from .coordination_neighbours import neighbours_of
from .coordination_text import Bag, bag


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    depth: int
    ancestors: frozenset[int]  # ids of the areas above it
    ward: tuple[int, str] | None  # the ward it is, or lies in


@dataclass
class Facts:
    activity: Activity
    start: datetime
    end: datetime
    places: tuple[Place, ...]
    targeted: dict[int, str]  # the audiences it aims at (not "everyone who lives there")
    everyone: bool  # open to everyone in its places
    texts: tuple[str, ...]  # its title and aims
    leave_out: tuple[str, ...]  # names of its places and method: not what it is about
    bag: Bag = field(default_factory=dict)
    area_ids: frozenset[int] = frozenset()
    around_ids: frozenset[int] = frozenset()  # its places and every place above them
    ward_ids: frozenset[int] = frozenset()
    lead_id: int = 0

    @property
    def gathers_views(self) -> bool:
        """Whether it asks people things, so could carry a partner's questions."""
        return self.activity.method.collects_information_only or self.activity.purpose in (
            Purpose.GETTING_INFORMATION,
            Purpose.FORUMS_FOR_DEBATE,
            Purpose.PARTICIPATION,
        )


@dataclass(frozen=True)
class Known:
    """What matching looks up across activities: wards' neighbours."""

    neighbours: dict[int, set[int]]


def _moment(day: date | None, *, end: bool) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def span(activity: Activity) -> tuple[datetime, datetime]:
    """From the first to the last moment it involves people: the event, and the response window
    of a consultation."""
    starts = [activity.starts_at, _moment(activity.response_opens, end=False)]
    ends = [activity.starts_at, activity.ends_at, _moment(activity.response_closes, end=True)]
    return min(t for t in starts if t), max(t for t in ends if t)


def _places(activities: Sequence[Activity]) -> dict[str, Area]:
    codes = {code for a in activities for area in a.areas.all() for code in area.path.split("/") if code}
    return {
        area.code: area
        for area in Area.objects.filter(code__in=codes).only("id", "code", "name", "level", "path")
    }


def _place(area: Area, known: dict[str, Area]) -> Place:
    chain = [known[code] for code in area.path.split("/") if code in known]
    ward = next((a for a in reversed(chain) if a.level == AreaLevel.NEIGHBOURHOOD), None)
    return Place(
        id=area.pk,
        name=area.name,
        depth=area.path.count("/"),
        ancestors=frozenset(a.pk for a in chain if a.pk != area.pk),
        ward=(ward.pk, ward.name) if ward else None,
    )


def _facts(activity: Activity, known: dict[str, Area]) -> Facts:
    start, end = span(activity)
    areas = list(activity.areas.all())
    places = tuple(_place(area, known) for area in areas)
    audiences = list(activity.audiences.all())
    names = [known[code].name for area in areas for code in area.path.split("/") if code in known]
    texts = (activity.title, *(aim.text for aim in activity.aims.all()))
    leave_out = (*dict.fromkeys(names), activity.method.name)
    area_ids = frozenset(p.id for p in places)
    return Facts(
        activity=activity,
        start=start,
        end=end,
        places=places,
        targeted={a.pk: a.name for a in audiences if a.kind != AudienceKind.PLACE},
        everyone=not audiences or any(a.kind == AudienceKind.PLACE for a in audiences),
        texts=texts,
        leave_out=leave_out,
        bag=bag(texts, leave_out=leave_out),
        area_ids=area_ids,
        around_ids=area_ids.union(*(p.ancestors for p in places)),
        ward_ids=frozenset(p.ward[0] for p in places if p.ward),
        lead_id=activity.lead_organisation_id,
    )


def gather(activities: Sequence[Activity]) -> tuple[list[Facts], Known]:
    """Facts of `activities` (which carry their method, lead organisation, areas, audiences and
    aims, prefetched) and what matching looks up: two queries, for the places above theirs and
    for the wards' neighbours."""
    known = _places(activities)
    facts = [_facts(activity, known) for activity in activities]
    wards = {p.ward[0] for f in facts for p in f.places if p.ward}
    return facts, Known(neighbours=neighbours_of(wards) if wards else {})


def window() -> timedelta:
    """How far apart two activities may be and still count as at the same time."""
    return timedelta(weeks=float(getattr(settings, "HEARD_COORDINATION_WINDOW_WEEKS", 4)))
