"""The benchmark dataset generator (reach/scale_data, `manage.py generate_scale_data`), at a tiny
size: what it makes, that the same seed makes the same data, that participants are skewed the
way real engagement is, and that it keeps out of a database with data in it."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from consultations.models import Attendance, EqualityRecord, Questionnaire, Response
from engagement.models import Activity
from organisations.tests.factories import OrganisationFactory
from places.models import Area, AreaBoundary, AreaLevel, PopulationCount
from reach.categories import DIMENSIONS
from reach.scale_data import HasData, Sizes, generate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]
TODAY = date(2026, 6, 1)
TINY = Sizes(areas=12, activities=80, responses=600, districts=2)


class _Undo(Exception):
    pass


def _fingerprint(seed: int) -> list[tuple[object, ...]]:
    """The generated responses' contents (no ids, which databases hand out), then undone."""
    found: list[tuple[object, ...]] = []
    try:
        with transaction.atomic():
            generate(TINY, seed=seed, today=TODAY)
            found = list(
                EqualityRecord.objects.filter(response__isnull=False)
                .order_by("response__receipt_hash")
                .values_list(
                    "response__receipt_hash", "response__submitted_at", "age_band", "ethnicity", "sex"
                )
            )
            raise _Undo
    except _Undo:
        pass
    return found


def test_it_makes_a_tree_with_profiles_boundaries_activities_and_responses() -> None:
    made = generate(TINY, seed=3, today=TODAY)
    wards = Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD)
    assert wards.count() == 12
    assert Area.objects.filter(level=AreaLevel.DISTRICT).count() == 2
    assert all(w.path.count("/") == 3 for w in wards)
    assert AreaBoundary.objects.count() == 12 + 2
    dimensions = PopulationCount.objects.values("area").annotate(n=Count("dimension", distinct=True))
    assert {row["n"] for row in dimensions} == {len(DIMENSIONS) + 1}  # and the detailed ethnic groups
    assert dimensions.count() == 12
    assert Activity.private_objects.count() == 80 == made.counts["activities"]
    assert Response.objects.count() == 600 == made.counts["responses"]
    answered = EqualityRecord.objects.filter(response__isnull=False).count()
    assert 0.75 * 600 < answered < 0.95 * 600
    assert Questionnaire.private_objects.exists()
    assert Attendance.objects.count() == made.counts["attendances"]
    assert set(Activity.private_objects.values_list("status", flat=True)) >= {"closed", "planned"}
    assert made.seconds and all(s >= 0 for s in made.seconds.values())


def test_participants_are_older_and_whiter_than_the_people_who_live_there() -> None:
    generate(Sizes(areas=10, activities=60, responses=3_000, districts=1), seed=5, today=TODAY)
    people = {
        category: sum(PopulationCount.objects.filter(category=category).values_list("count", flat=True))
        for category in ("65-74", "75+", "16-24", "White")
    }
    ages = sum(PopulationCount.objects.filter(dimension="age").values_list("count", flat=True))
    whole = sum(PopulationCount.objects.filter(dimension="ethnicity").values_list("count", flat=True))
    records = EqualityRecord.objects.exclude(age_band__in=["", "Prefer not to say"])
    older = records.filter(age_band__in=["65-74", "75+"]).count() / records.count()
    young = records.filter(age_band="16-24").count() / records.count()
    assert older > 1.3 * (people["65-74"] + people["75+"]) / ages
    assert young < 0.8 * people["16-24"] / ages
    answered = EqualityRecord.objects.exclude(ethnicity__in=["", "Prefer not to say"])
    white = answered.filter(ethnicity__startswith="White:").count() / answered.count()
    assert white > people["White"] / whole
    young_adults = EqualityRecord.objects.filter(age_band__in=["16-24", "25-34"], sex__in=["Male", "Female"])
    assert young_adults.filter(sex="Male").count() < 0.42 * young_adults.count()


def test_the_same_seed_makes_the_same_data_and_another_seed_does_not() -> None:
    first, again, other = _fingerprint(7), _fingerprint(7), _fingerprint(8)
    assert first and first == again
    assert other != first


def test_it_refuses_a_database_with_data_unless_forced_and_never_runs_twice() -> None:
    OrganisationFactory()
    with pytest.raises(CommandError, match="already holds organisations"):
        call_command("generate_scale_data", "--areas", "4", "--activities", "5", "--responses", "10")
    out = StringIO()
    call_command(
        "generate_scale_data",
        "--areas",
        "4",
        "--activities",
        "5",
        "--responses",
        "10",
        "--force",
        "--today",
        "2026-06-01",
        stdout=out,
    )
    assert "10 responses" in out.getvalue() and "Made in" in out.getvalue()
    assert Response.objects.count() == 10
    with pytest.raises(HasData, match="already holds a generated"):
        generate(Sizes(areas=4, activities=5, responses=10), today=TODAY, force=True)
