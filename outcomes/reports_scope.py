"""What a published report reads, and the rules it reads it by. The annual outcome report, the
statutory evidence pack and the board view are documents for people outside the organisation (a
police and crime panel, a partnership board, the public), so whoever makes them:

- they hold only what the maker may see (`visible_to`), and of that only OFFICIAL records:
  OFFICIAL-SENSITIVE never leaves its organisation; drafts and cancelled activities are not
  engagement that happened;
- residents' words, and anything staff wrote that may quote them, pass through the public door
  (`PUBLISHED`, organisations/privacy.py): names, addresses, postcodes, phone numbers and e-mail
  addresses are taken out for everyone, the owning organisation's staff included;
- small numbers are suppressed at the outsiders' threshold (`consultations.suppression.threshold`,
  HEARD_SUPPRESS_BELOW): reach's equality tables through its engine (`gather.reader_for(...,
  export=True)`), and counts of people by the rule of `people_counts` below;
- they read dated records only, up to the day the figures stand at (`Period.as_at`), so that two
  reports of a year that has ended are the same.

The person running a command holds the database: `database_reader()` reads every record, through
the same publication rules."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from consultations.people import people_reached_by_month
from consultations.suppression import threshold
from engagement.models import Activity, ActivityQuerySet, Status
from governance.models import Marking
from organisations.models import User
from organisations.privacy import REDACTED, TextDoor
from places.models import Area
from reach.engine import Scope, scope_activities
from reach.gather import Reader, reader_for

PUBLISHED: TextDoor = REDACTED
NOT_HELD = (Status.DRAFT, Status.CANCELLED)
FIRST_YEAR = 2000
LONGEST_PERIOD = timedelta(days=366 * 5)


@dataclass(frozen=True)
class Period:
    """The days a report covers, its area (None: every area the maker's records cover) and the
    day its figures stand at: the end of the period, or the day it is made if that is earlier."""

    start: date
    end: date
    area: Area | None
    as_at: date

    @property
    def last(self) -> date:
        """The last day read: the end, or the day the figures stand at if earlier."""
        return min(self.end, self.as_at)

    @property
    def until(self) -> datetime:
        """The moment after the last day read, for records stamped with a time."""
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time(0)))

    @property
    def place(self) -> str:
        return self.area.name if self.area is not None else "every area"

    @property
    def words(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    def scope(self, **kwargs: Any) -> Scope:
        """Reach's scope of the period: whole activities held at least partly in it, up to the
        day the figures stand at (an activity yet to come was not held)."""
        return Scope(**{"area": self.area, "since": self.start, "until": self.last, **kwargs})

    def as_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "as_at": self.as_at.isoformat(),
            "area": {"code": self.area.code, "name": self.area.name} if self.area else None,
            "place": self.place,
            "words": self.words,
        }


def period_for(*, start: date, end: date, area: Area | None, today: date | None = None) -> Period:
    """A period checked: begun, the start on or before the end, not before 2000 nor over five
    years long."""
    if end < start:
        raise ValidationError({"end": gettext("The end of the period must be on or after its start.")})
    if start.year < FIRST_YEAR:
        raise ValidationError({"start": gettext("Choose a start from %(first)s on.") % {"first": FIRST_YEAR}})
    if end - start > LONGEST_PERIOD:
        raise ValidationError({"end": gettext("Choose a period of at most five years.")})
    today = today or timezone.localdate()
    if start > today:
        raise ValidationError({"start": gettext("Choose a period that has begun.")})
    return Period(start=start, end=end, area=area, as_at=min(end, today))


def year_period(*, year: int, area: Area | None, today: date | None = None) -> Period:
    today = today or timezone.localdate()
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationError(
            {
                "year": gettext("Choose a year from %(first)s to %(year)s.")
                % {"first": FIRST_YEAR, "year": today.year}
            }
        )
    return period_for(start=date(year, 1, 1), end=date(year, 12, 31), area=area, today=today)


def area_by_code(code: Any) -> Area | None:
    """An area by its ONS code (areas are open data); "" is every area; an unknown code is a
    ValidationError."""
    text = str(code or "").strip().upper()
    if not text:
        return None
    found = Area.objects.filter(code=text).first()
    if found is None:
        raise ValidationError({"area": gettext("No area has the code “%(code)s”.") % {"code": text[:20]}})
    return found


def database_reader() -> User:
    """For commands: a reader of every record who belongs to no organisation (so reads every
    word redacted). Never saved."""
    return User(username="command line", is_superuser=True, is_active=True)


def published_reader(user: User) -> Reader:
    """Reach's reader for a published table: nobody's counts exact, the outsiders' threshold."""
    return reader_for(user, export=True)


def base_activities(user: User) -> ActivityQuerySet:
    """The activities a published report may count: those the user may see, OFFICIAL, held."""
    return (
        Activity.private_objects.visible_to(user)
        .filter(marking=Marking.OFFICIAL)
        .exclude(status__in=NOT_HELD)
    )


def period_activities(user: User, period: Period, **scope: Any) -> ActivityQuerySet:
    """Whole activities held at least partly in the period, in its area (reach's rule)."""
    return scope_activities(period.scope(**scope), base_activities(user))


@dataclass(frozen=True)
class People:
    """People reached in a period, per activity, as a published table may add them up."""

    by_activity: dict[int, int]  # only activities that reached none or at least `below`
    small: frozenset[int]  # activities that reached from 1 to below - 1 people: in no figure
    below: int

    @property
    def left_out(self) -> int:
        return len(self.small)

    def total(self, activity_ids: Any = None) -> int:
        if activity_ids is None:
            return sum(self.by_activity.values())
        return sum(self.by_activity.get(pk, 0) for pk in activity_ids)

    def not_counted(self, activity_ids: Any) -> int:
        """How many of these activities are left out of the counts of people."""
        return len(self.small.intersection(activity_ids))


def people_counts(activity_ids: Any, period: Period) -> People:
    """People reached (consultations/people.py: responses, and the people at events) in the
    period's days, per activity. An activity that reached fewer than the threshold is left out
    of every count of people: each figure a published document shows is then a sum of whole
    activities' counts of none or at least the threshold, so no figure is under it, and no
    figure subtracted from another (a neighbourhood's from the area's, victims' from everyone's)
    leaves a small number either."""
    below = threshold()
    per: dict[int, int] = {}
    for (activity_id, _), count in people_reached_by_month(
        activity_ids, first=period.start, last=period.last
    ).items():
        per[activity_id] = per.get(activity_id, 0) + count
    safe = {pk: n for pk, n in per.items() if n == 0 or n >= below}
    return People(by_activity=safe, small=frozenset(per.keys() - safe.keys()), below=below)
