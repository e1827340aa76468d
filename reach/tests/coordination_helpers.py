"""A small world for coordination's tests: a force, a district and wards with square boundaries
(Stretford and Gorse Hill share an edge; Urmston touches Stretford at one corner only;
Altrincham is far away), and activities built directly with the register's factory."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils import timezone

from engagement.models import Aim, Status
from engagement.tests.factories import ActivityFactory, method
from governance.models import Marking
from places.models import Area, AreaBoundary, AreaLevel, Audience
from places.tests.factories import AreaFactory
from reach.coordination_neighbours import area_neighbours_refresh


def load_reference() -> None:
    """Methods and audiences, which data migrations seed (tests run with --nomigrations)."""
    import_module("engagement.migrations.0003_methods").forwards(apps, None)
    import_module("places.migrations.0002_audiences").forwards(apps, None)


def square(x: float, y: float, size: float = 1.0) -> dict[str, Any]:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


@dataclass
class Places:
    force: Area
    trafford: Area
    stretford: Area
    gorse_hill: Area
    urmston: Area
    altrincham: Area


def build_places() -> Places:
    force = AreaFactory(code="E23000005", name="Greater Manchester Police", level=AreaLevel.FORCE)
    trafford = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT, parent=force)
    wards = {
        "stretford": ("E05000836", "Stretford", square(-2.30, 53.44, 0.01)),
        "gorse_hill": ("E05000829", "Gorse Hill", square(-2.29, 53.44, 0.01)),
        "urmston": ("E05000838", "Urmston", square(-2.31, 53.45, 0.01)),
        "altrincham": ("E05000819", "Altrincham", square(-2.35, 53.38, 0.01)),
    }
    made = {}
    for key, (code, name, geometry) in wards.items():
        made[key] = AreaFactory(code=code, name=name, level=AreaLevel.NEIGHBOURHOOD, parent=trafford)
        AreaBoundary.objects.create(area=made[key], geometry=geometry)
    area_neighbours_refresh()
    return Places(force=force, trafford=trafford, **made)


def on(day: date, hour: int = 18) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def later(days: int) -> date:
    """A day `days` after the first of next-but-one month, so that dates a few days apart fall
    in one month whatever today is."""
    first = (timezone.localdate().replace(day=1) + timedelta(days=62)).replace(day=1)
    return first + timedelta(days=days)


def activity(
    org: Any,
    title: str,
    *,
    area: Area,
    day: date,
    method_slug: str = "focus-group",
    purpose: str = "forums_for_debate",
    audiences: tuple[str, ...] = (),
    aims: tuple[str, ...] = (),
    marking: str = Marking.OFFICIAL,
    status: str = Status.PLANNED,
    **extra: Any,
) -> Any:
    built = ActivityFactory(
        lead_organisation=org,
        title=title,
        method=method(method_slug),
        purpose=purpose,
        areas=[area],
        audiences=list(Audience.objects.filter(slug__in=audiences)),
        starts_at=on(day),
        ends_at=on(day, 20),
        marking=marking,
        status=status,
        **extra,
    )
    for order, text in enumerate(aims):
        Aim.objects.create(activity=built, text=text, linked_to="Local policing plan", order=order)
    return built


def youth_clash(police: Any, council: Any, places: Places) -> tuple[Any, Any]:
    """The police and the council both planning a youth-safety focus group in Stretford, a week
    apart: a possible duplicate."""
    ours = activity(
        police,
        "Youth safety in Stretford: young people's focus group",
        area=places.stretford,
        day=later(2),
        audiences=("young-people",),
        aims=("Hear how safe young people feel and what would reduce knife crime",),
    )
    theirs = activity(
        council,
        "Stretford youth safety focus group",
        area=places.stretford,
        day=later(9),
        audiences=("young-people",),
        aims=("Find out what makes young people feel unsafe, knife crime included",),
    )
    return ours, theirs
