"""The public website's reading door: everything the public pages and feeds show is read
here, and public rows only through `Activity.public_objects`, `Questionnaire.public_objects`
and `Priority.public_objects` (published, OFFICIAL, past the draft stage; live
questionnaires of such activities; published priorities). Views, forms, feeds and template
tags ask these functions and never a manager themselves, so that a draft, an unpublished or
an OFFICIAL-SENSITIVE record cannot reach a page by another road (a test scans the source:
website/tests/test_public_queryset.py). Areas, audiences and methods are open reference data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from consultations.models import Questionnaire
from consultations.suppression import threshold as suppress_below
from engagement.models import Activity, ActivityQuerySet, Method, Status
from insight.code_trends import CodeTrend
from insight.code_trends_public import public_code_trend
from insight.models import Priority
from places.importers import normalise_postcode
from places.models import Area, AreaLevel, Audience, Postcode

from .code_quarters import in_words

# An activity without an end time is taken to last this long (calendar feeds, "is it over?").
DEFAULT_DURATION = timedelta(hours=1)
# Calendar feeds carry events that started up to this long ago, and everything to come.
FEED_PAST_DAYS = 180
FEED_MAX_EVENTS = 2000

# Areas with a public page: the levels people plan engagement for.
PUBLIC_AREA_LEVELS = (AreaLevel.FORCE, AreaLevel.DISTRICT, AreaLevel.NEIGHBOURHOOD)

LONDON = ZoneInfo("Europe/London")

# What an area code in a URL can look like (ONS codes are nine letters and digits; the column
# holds twelve). Anything else is simply not found, before it reaches the database: PostgreSQL
# refuses text with a NUL byte in it outright.
AREA_CODE = re.compile(r"[A-Za-z0-9]{1,12}")


def public_activities() -> ActivityQuerySet:
    """THE public queryset, with what the public pages show of each activity."""
    return Activity.public_objects.for_list()


def public_events_in_full() -> ActivityQuerySet:
    """The public activities with everything an event's own page shows of it."""
    return (
        public_activities()
        .select_related("lead_organisation")
        .prefetch_related("audiences", "partners", "aims")
    )


def take_part_questionnaire(activity: Activity) -> Questionnaire | None:
    """The newest live questionnaire of a public activity while it takes responses, else None
    (the event page then gives the named contact)."""
    questionnaire = Questionnaire.public_objects.filter(activity=activity).order_by("-version").first()
    if questionnaire is None or not questionnaire.is_accepting_responses():
        return None
    return questionnaire


def activity_end(activity: Activity) -> datetime:
    return activity.ends_at or activity.starts_at + DEFAULT_DURATION


def upcoming_q(now: datetime) -> Q:
    """Not over yet: ends in the future, or (without an end) started less than the default
    duration ago."""
    return Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now - DEFAULT_DURATION)


def upcoming(queryset: ActivityQuerySet, now: datetime | None = None) -> ActivityQuerySet:
    now = now or timezone.now()
    return queryset.filter(upcoming_q(now)).order_by("starts_at", "id")


def past(queryset: ActivityQuerySet, now: datetime | None = None) -> ActivityQuerySet:
    now = now or timezone.now()
    return queryset.exclude(upcoming_q(now)).order_by("-starts_at", "-id")


def is_past(activity: Activity, now: datetime | None = None) -> bool:
    return activity_end(activity) < (now or timezone.now())


def ancestors(area: Area) -> list[Area]:
    """The areas above `area` (force first), read from its materialised path."""
    codes = [c for c in area.path.split("/") if c and c != area.code]
    found = {a.code: a for a in Area.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found]


def covering(queryset: ActivityQuerySet, area_ids: list[int]) -> ActivityQuerySet:
    """Activities held for one of `area_ids` (an area's parents: its district, its force)."""
    held_for = Activity.areas.through.objects.filter(activity_id=OuterRef("pk"), area_id__in=area_ids)
    return queryset.filter(Exists(held_for))


def in_or_covering(queryset: ActivityQuerySet, area: Area, above: list[Area]) -> ActivityQuerySet:
    """Activities in `area` or below it, or held for one of the areas above it."""
    through = Activity.areas.through.objects
    inside = Exists(through.filter(activity_id=OuterRef("pk"), area__path__startswith=area.path))
    held_for = Exists(through.filter(activity_id=OuterRef("pk"), area_id__in=[a.pk for a in above]))
    return queryset.filter(inside | held_for)


def open_consultations(queryset: ActivityQuerySet, today: date | None = None) -> ActivityQuerySet:
    """Consultations open for responses today: status open and today inside the window."""
    today = today or timezone.localdate()
    return (
        queryset.exclude(consultation_kind="")
        .filter(status=Status.OPEN, response_opens__lte=today, response_closes__gte=today)
        .order_by("response_closes", "id")
    )


def is_open_consultation(activity: Activity, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return bool(
        activity.consultation_kind
        and activity.status == Status.OPEN
        and activity.response_opens
        and activity.response_closes
        and activity.response_opens <= today <= activity.response_closes
    )


def by_local_date(activities: list[Activity]) -> list[tuple[date, list[Activity]]]:
    """Activities grouped by the day they start on, in UK time, in the order given."""
    return [
        (day, list(items))
        for day, items in groupby(activities, key=lambda a: timezone.localtime(a.starts_at, LONDON).date())
    ]


def public_area(code: str) -> Area | None:
    """The area with this code if it has a public page (force, district or neighbourhood)."""
    code = code.strip()
    if not AREA_CODE.fullmatch(code):
        return None
    return (
        Area.objects.filter(code=code.upper(), level__in=PUBLIC_AREA_LEVELS).select_related("parent").first()
    )


def public_children(area: Area) -> list[Area]:
    """The areas just below `area` that have a public page, by name."""
    return list(area.children.filter(level__in=PUBLIC_AREA_LEVELS).order_by("name"))


@dataclass
class DistrictGroup:
    district: Area | None
    wards: list[Area] = field(default_factory=list)


def neighbourhoods_by_district() -> list[DistrictGroup]:
    """Every neighbourhood (ward), grouped under its district, districts by name."""
    groups: dict[int | None, DistrictGroup] = {}
    wards = Area.objects.neighbourhoods().select_related("parent").order_by("name")
    for ward in wards:
        parent = ward.parent if ward.parent and ward.parent.level == AreaLevel.DISTRICT else None
        key = parent.pk if parent else None
        groups.setdefault(key, DistrictGroup(parent)).wards.append(ward)
    return sorted(groups.values(), key=lambda g: (g.district is None, g.district.name if g.district else ""))


def districts() -> list[Area]:
    return list(Area.objects.filter(level=AreaLevel.DISTRICT).order_by("name"))


def area_for_postcode(value: str) -> tuple[str | None, Area | None]:
    """(normalised postcode or None when it is not shaped like one, the neighbourhood or None
    when we do not know it). The neighbourhood is the ward above the postcode's LSOA."""
    postcode = normalise_postcode(value)
    if postcode is None:
        return None, None
    row = Postcode.objects.filter(postcode=postcode).select_related("lsoa__parent").first()
    if row is None:
        return postcode, None
    area: Area | None = row.lsoa
    while area is not None and area.level not in PUBLIC_AREA_LEVELS:
        area = area.parent
    return postcode, area


def active_audiences() -> list[Audience]:
    return list(Audience.objects.filter(is_active=True).order_by("name"))


def active_audience(slug: str) -> Audience | None:
    return Audience.objects.filter(slug=slug, is_active=True).first()


def active_methods() -> list[Method]:
    return list(Method.objects.filter(is_active=True).order_by("name"))


def method(slug: str) -> Method | None:
    return Method.objects.filter(slug=slug).first()


@dataclass
class Contact:
    name: str
    email: str
    phone: str
    about: list[Activity] = field(default_factory=list)


def named_contacts(activities: list[Activity], limit: int = 12) -> list[Contact]:
    """The named people to contact about these activities, each once, with what they are for."""
    contacts: dict[tuple[str, str], Contact] = {}
    for activity in activities:
        name = activity.contact_name.strip()
        if not name:
            continue
        email, phone = activity.contact_email.strip(), activity.contact_phone.strip()
        key = (name.lower(), email.lower() or phone)
        contact = contacts.setdefault(key, Contact(name, email, phone))
        contact.phone = contact.phone or phone
        if activity not in contact.about:
            contact.about.append(activity)
    return list(contacts.values())[:limit]


def site_name() -> str:
    return getattr(settings, "HEARD_FORCE_NAME", "Heard") or "Heard"


def public_policing_codes(area: Area) -> CodeTrend:
    """What people raised in the area this year against last and quarter by quarter, coded to the
    policing codeframe, with a chart of the quarters: small counts hidden, and none that
    subtraction could recover (insight/code_trends_public.py); named in the visitor's language
    (website/code_quarters.py)."""
    return in_words(public_code_trend(area=area), suppress_below())


def latest_public_priorities(area: Area) -> list[Priority]:
    """The area's published priorities for the latest quarter that has any, in rank order."""
    published = Priority.public_objects.filter(area=area)
    latest = published.order_by("-quarter").values_list("quarter", flat=True).first()
    return list(published.filter(quarter=latest).order_by("rank")) if latest else []
