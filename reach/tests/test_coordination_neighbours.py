"""Which wards are next to each other: worked out from boundaries, stored, and worked out again
when a boundary changes (once per transaction)."""

import pytest
from django.core.management import call_command
from django.db import transaction

from places.models import AreaBoundary, AreaLevel
from places.tests.factories import AreaFactory
from reach.coordination_neighbours import neighbours_of, touching_pairs
from reach.models import AreaNeighbour
from reach.tasks_coordination import _enqueue_refresh

from .coordination_helpers import build_places, square


def test_an_edge_makes_neighbours_a_corner_does_not():
    boundaries = [
        (1, square(0, 0)),
        (2, square(1, 0)),  # shares the edge x = 1
        (3, square(-1, 1)),  # touches 1 at the corner (0, 1) only
        (
            4,
            {
                "type": "MultiPolygon",
                "coordinates": [square(5, 5)["coordinates"], square(2, 0)["coordinates"]],
            },
        ),
        (5, {"type": "Point", "coordinates": [0, 0]}),  # not a boundary: ignored
    ]
    assert touching_pairs(boundaries, decimals=6) == {(1, 2), (2, 4)}


def test_points_a_hair_apart_still_meet_when_rounded():
    nudged = {
        "type": "Polygon",
        "coordinates": [[[1.0000001, 0], [2, 0], [2, 1], [1.0000001, 1], [1.0000001, 0]]],
    }
    assert touching_pairs([(1, square(0, 0)), (2, nudged)], decimals=6) == {(1, 2)}
    assert touching_pairs([(1, square(0, 0)), (2, nudged)], decimals=8) == set()


@pytest.mark.django_db
def test_refresh_stores_both_ways_round_and_only_wards():
    places = build_places()
    district = AreaFactory(code="E08000010", name="Wigan", level=AreaLevel.DISTRICT)
    AreaBoundary.objects.create(area=district, geometry=square(-2.28, 53.44, 0.01))  # next to Gorse Hill
    call_command("coordination_neighbours", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert neighbours_of([places.stretford.pk, places.gorse_hill.pk, district.pk]) == {
        places.stretford.pk: {places.gorse_hill.pk},
        places.gorse_hill.pk: {places.stretford.pk},
    }
    assert AreaNeighbour.objects.count() == 2


def _wards():
    """Stretford and Gorse Hill, with no boundary yet (nothing queued)."""
    return [
        AreaFactory(code=code, name=name, level=AreaLevel.NEIGHBOURHOOD)
        for code, name in (("E05000836", "Stretford"), ("E05000829", "Gorse Hill"))
    ]


@pytest.mark.django_db
def test_saving_boundaries_queues_one_refresh_per_transaction(django_capture_on_commit_callbacks):
    stretford, gorse_hill = _wards()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        AreaBoundary.objects.create(area=stretford, geometry=square(0, 0))
        AreaBoundary.objects.create(area=gorse_hill, geometry=square(1, 0))
        boundary = AreaBoundary.objects.get(area=stretford)
        boundary.save()
    assert [c for c in callbacks if c is _enqueue_refresh] == [_enqueue_refresh]
    assert neighbours_of([stretford.pk]) == {stretford.pk: {gorse_hill.pk}}  # the task ran (at once in tests)


@pytest.mark.django_db
def test_deleting_a_boundary_refreshes_the_neighbours(django_capture_on_commit_callbacks):
    stretford, gorse_hill = _wards()
    AreaBoundary.objects.bulk_create(
        [
            AreaBoundary(area=stretford, geometry=square(0, 0)),
            AreaBoundary(area=gorse_hill, geometry=square(1, 0)),
        ]
    )
    call_command("coordination_neighbours", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert AreaNeighbour.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        AreaBoundary.objects.get(area=gorse_hill).delete()
    assert AreaNeighbour.objects.count() == 0
