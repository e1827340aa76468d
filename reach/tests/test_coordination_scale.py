"""The report over a register of 2,000 activities takes a fixed number of queries, not one per
activity or per pair, and stays quick."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import Activity, Aim, Level, Method, Purpose
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory
from places.models import Area, AreaBoundary, AreaLevel, Audience
from reach.coordination_neighbours import area_neighbours_refresh
from reach.coordination_selectors import duplicates_list

from .coordination_helpers import load_reference, square

ACTIVITIES = 2000
TOPICS = [
    "knife crime",
    "anti-social behaviour",
    "burglary",
    "speeding",
    "drugs",
    "scams",
    "parking",
    "litter",
]


def _register(police):
    district = Area.objects.create(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    wards = [
        Area(
            code=f"E05{n:06d}",
            name=f"Ward {n}",
            level=AreaLevel.NEIGHBOURHOOD,
            parent=district,
            path=f"E08000009/E05{n:06d}/",
        )
        for n in range(25)
    ]
    Area.objects.bulk_create(wards)
    wards = list(Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD).order_by("code"))
    AreaBoundary.objects.bulk_create(
        [AreaBoundary(area=w, geometry=square(n % 5, n // 5)) for n, w in enumerate(wards)]
    )
    area_neighbours_refresh()
    orgs = [police, *(OrganisationFactory(name=f"Partner {n}") for n in range(9))]
    for org in orgs[1:]:
        DataSharingAgreementFactory(owner=org, recipient=police)
    methods = list(Method.objects.order_by("slug")[:6])
    audiences = list(Audience.objects.order_by("slug")[:8])
    start = timezone.now()
    built = Activity.private_objects.bulk_create(
        [
            Activity(
                title=f"{TOPICS[n % len(TOPICS)].capitalize()} session {n}",
                purpose=list(Purpose)[n % 4],
                method=methods[n % len(methods)],
                level=Level.NEIGHBOURHOOD,
                lead_organisation=orgs[n % len(orgs)],
                contact_name="A. Contact",
                starts_at=start + timedelta(days=(n * 7) % 730, hours=n % 9),
                status="planned",
            )
            for n in range(ACTIVITIES)
        ]
    )
    Activity.areas.through.objects.bulk_create(
        [Activity.areas.through(activity=a, area=wards[n % len(wards)]) for n, a in enumerate(built)]
    )
    Activity.audiences.through.objects.bulk_create(
        [
            Activity.audiences.through(activity=a, audience=audiences[n % len(audiences)])
            for n, a in enumerate(built)
        ]
    )
    Aim.objects.bulk_create(
        [
            Aim(activity=a, text=f"Hear views on {TOPICS[(n * 3) % len(TOPICS)]}", linked_to="Plan")
            for n, a in enumerate(built)
        ]
    )


@pytest.mark.django_db
def test_the_report_over_2000_activities_does_not_query_per_pair(
    officer, police, django_assert_max_num_queries
):
    load_reference()
    _register(police)
    began = time.perf_counter()
    with django_assert_max_num_queries(8):
        found = duplicates_list(user=officer, data={})
    took = time.perf_counter() - began
    assert len(found) > 200, "the register should hold many pairs, or the check proves nothing"
    assert took < 20, f"the report took {took:.1f} s"


@pytest.mark.django_db
def test_the_report_page_over_2000_activities_does_not_query_per_pair(
    officer, police, client, django_assert_max_num_queries
):
    load_reference()
    _register(police)
    client.force_login(officer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("coordination:report"))
    assert response.status_code == 200
