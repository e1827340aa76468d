"""A large, realistic dataset for benchmarking reach and coverage (issue 9 §7): a force, its
districts and about 1,000 wards with Census profiles and square boundaries; organisations and
partnerships; 20,000 activities; their questionnaires; 1,000,000 responses with equality answers
whose mix differs from the population the way real engagement does; attendance and paper forms.

`generate` writes it all in one transaction, the big tables with COPY on PostgreSQL. The same
seed and `today` give the same data. `VERSION` changes whenever the data it makes changes, so
that a cached benchmark database (bench/reach) is rebuilt."""

import random
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from consultations.models import Attendance, EqualityRecord, PrivacyStatement, Response
from engagement.models import Activity, Method
from organisations.models import Organisation, User
from places.models import Area, Audience, PopulationCount

from .people import write_attendance, write_responses
from .places import FORCE_CODE, make_places
from .register import make_activities, make_organisations, make_questionnaires, make_users
from .writer import reset_sequences

VERSION = "1"


@dataclass(frozen=True)
class Sizes:
    areas: int = 1_000
    activities: int = 20_000
    responses: int = 1_000_000
    districts: int = 0  # 0: one per hundred wards, at least one

    @property
    def district_count(self) -> int:
        return self.districts or max(1, round(self.areas / 100))


@dataclass
class Made:
    seed: int
    today: date
    version: str = VERSION
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        found = asdict(self)
        found["today"] = self.today.isoformat()
        return found


class CannotGenerate(Exception):
    """The database is not one to generate into; the message says why."""


class HasData(CannotGenerate):
    """The database already holds data that is not the generator's."""


def existing_data() -> list[str]:
    """What the database already holds that a benchmark must not be mixed into."""
    checks: list[tuple[str, QuerySet[Any]]] = [
        ("areas", Area.objects.all()),
        ("organisations", Organisation.objects.all()),
        ("activities", Activity.private_objects.all()),
        ("users", User.objects.all()),
    ]
    return [name for name, found in checks if found.exists()]


def generate(sizes: Sizes, *, seed: int = 1, today: date, force: bool = False) -> Made:
    """Make the dataset. Refuses (HasData) when the database already has areas, organisations,
    activities or users, unless `force`; never twice into the same database."""
    if Area.objects.filter(code=FORCE_CODE).exists():
        raise HasData("This database already holds a generated benchmark dataset: use a fresh one.")
    if not (
        Method.objects.filter(is_active=True).exists() and Audience.objects.filter(is_active=True).exists()
    ):
        raise CannotGenerate("The database has no methods or audiences: run manage.py migrate first.")
    found = existing_data()
    if found and not force:
        raise HasData(f"This database already holds {', '.join(found)}: use an empty one, or --force.")
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    made = Made(seed=seed, today=today)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        made.seconds[name] = round(now - clock, 2)
        clock = now

    with transaction.atomic():
        places = make_places(rng, wards=sizes.areas, districts=sizes.district_count)
        lap("places")
        police, organisations = make_organisations(rng, places)
        make_users(police, organisations[1])
        privacy = PrivacyStatement.objects.create(text="Generated for the reach benchmark.")
        plans, activities = make_activities(rng, places, organisations, count=sizes.activities, today=today)
        make_questionnaires(rng, plans, activities, privacy)
        lap("register")
        made.counts["responses"], made.counts["equality records"] = write_responses(
            rng, plans, total=sizes.responses, today=today, seed=seed, privacy_id=privacy.pk
        )
        lap("responses")
        made.counts["attendances"], made.counts["paper forms"] = write_attendance(rng, plans, today=today)
        reset_sequences([Response, EqualityRecord, Attendance, PopulationCount])
        lap("attendance")
    made.counts.update(
        {
            "areas": Area.objects.count(),
            "wards": len(places.wards),
            "districts": len(places.districts),
            "population counts": PopulationCount.objects.count(),
            "organisations": len(organisations),
            "activities": len(activities),
        }
    )
    analyse()
    lap("analyse")
    return made


def analyse() -> None:
    """Fresh planner statistics, as after any big load; on PostgreSQL a vacuum too, as autovacuum
    would do soon after (index-only scans need the visibility map it sets: measured straight after
    the load, before it, the district's reach report took 264 ms instead of 146)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
