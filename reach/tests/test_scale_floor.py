"""Reach and coverage at scale (issue 9 §7): on a small generated dataset, Heard's reach report
and coverage matrix give exactly the numbers of the benchmark's hand-written SQL (bench/reach/
floor.py), so the shortcuts taken for speed (one query for every equality table, a window on
the months read, the activities that can cover the rows chosen first) change nothing; and the
coverage page shows its areas a page at a time, with every area's gaps listed on each page; the
ward map's reports, worked out together, are each ward's own."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from bench.reach import floor
from bench.reach.measure import coverage_matrix, reach_problems
from engagement.models import Activity
from organisations.models import User
from places.models import Area, AreaLevel
from reach.contacts_views import AREAS_PER_PAGE
from reach.coverage import coverage_build
from reach.engine import Scope
from reach.gather import reader_for
from reach.report import heard_report, ward_reports
from reach.scale_data import Sizes, generate
from reach.selectors_reach import ReachQuery, command_report, reach_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]
TODAY = date(2026, 6, 15)


@pytest.fixture
def dataset(reference_data: None) -> None:
    generate(Sizes(areas=30, activities=400, responses=6_000, districts=2), seed=11, today=TODAY)


@pytest.mark.usefixtures("dataset")
@pytest.mark.parametrize("level", [AreaLevel.DISTRICT, AreaLevel.NEIGHBOURHOOD])
def test_the_reach_report_has_the_floors_numbers(level: str) -> None:
    area = Area.objects.filter(level=level).order_by("code").first()
    assert area is not None
    since = TODAY - timedelta(days=365)
    scope = Scope(area=area, since=since, until=TODAY)
    expected = floor.reach_floor(path=area.path, since=since, until=TODAY)
    report = command_report(scope=scope, target=None, participants_file=None)
    assert expected.forms > 0
    assert reach_problems(report, expected, exact=True) == ([], 0)
    shown = reach_report(user=User.objects.get(username="bench-admin"), query=ReachQuery(scope=scope))
    problems, hidden = reach_problems(shown, expected, exact=False)
    assert problems == []
    # People reached are counted with the atoms suppression needs, yet never suppressed.
    assert shown.participants.people_reached == report.participants.people_reached == expected.people_reached
    assert hidden > 0  # partners' small numbers are suppressed even for a superuser


@pytest.mark.usefixtures("dataset")
@pytest.mark.parametrize("user", ["bench-admin", "bench-officer"])
def test_the_coverage_matrix_has_the_floors_numbers(user: str) -> None:
    district = Area.objects.filter(level=AreaLevel.DISTRICT).order_by("code").first()
    assert district is not None
    first = date(2025, 7, 1)
    data = {"within": district.code, "starts": first.isoformat(), "ends": TODAY.isoformat()}
    found = coverage_matrix(coverage_build(user=User.objects.get(username=user), data=data))
    expected = floor.coverage_floor(path=district.path, first=first, last=TODAY)
    assert len(expected) > 100
    if user == "bench-admin":
        assert found == expected
    else:  # the police see less than everything, never more
        assert set(found) <= set(expected)
        assert all(found[key][0] <= expected[key][0] for key in found)


@pytest.mark.usefixtures("dataset")
def test_the_coverage_page_shows_areas_a_page_at_a_time_and_every_gap() -> None:
    officer = User.objects.get(username="bench-officer")
    client = Client()
    client.force_login(officer)
    url = reverse("contacts:coverage")
    period = {"starts": "2026-01-01", "ends": TODAY.isoformat()}
    first = client.get(url, period)
    second = client.get(url, {**period, "page": 2})
    assert first.status_code == second.status_code == 200
    wards = coverage_build(user=officer, data=period).areas
    assert len(wards) == 30 > AREAS_PER_PAGE
    # Each page counts only its own areas, with the same numbers as the whole matrix.
    assert first.context["coverage"].areas == list(first.context["areas_page"]) == wards[:AREAS_PER_PAGE]
    shown = wards[AREAS_PER_PAGE : 2 * AREAS_PER_PAGE]
    assert second.context["coverage"].areas == list(second.context["areas_page"]) == shown
    for page in (first, second):
        listed = page.context["coverage"].gap_areas
        assert [(a.code, a.gaps) for a in listed] == [(b.code, b.gaps) for b in wards]
        assert page.context["coverage"].gap_count == sum(len(b.gaps) for b in wards)
    later = wards[AREAS_PER_PAGE]
    assert f'id="area-{later.code}"' not in first.content.decode()
    assert f'id="area-{later.code}"' in second.content.decode()
    if later.gaps:
        assert f'page=2#area-{later.code}"' in first.content.decode()
    assert 'aria-label="Pagination"' in first.content.decode()


@pytest.mark.usefixtures("dataset")
@pytest.mark.parametrize("user", ["bench-admin", "bench-officer", "bench-council"])
def test_the_map_reads_every_ward_at_once_as_each_wards_own_report_would(user: str) -> None:
    reader = User.objects.get(username=user)
    district = Area.objects.filter(level=AreaLevel.DISTRICT).order_by("code").first()
    assert district is not None
    wards = list(Area.objects.within(district).neighbourhoods().order_by("name"))
    scope = Scope(since=TODAY - timedelta(days=365), until=TODAY)
    visible = Activity.private_objects.visible_to(reader)
    together = ward_reports(
        wards=wards, within=district, scope=scope, activities=visible, reader=reader_for(reader)
    )
    assert sum(1 for r in together.values() if not r.exact) > 0 or user == "bench-admin"
    for ward in wards:
        alone = heard_report(
            scope=Scope(area=ward, since=scope.since, until=scope.until),
            activities=visible,
            reader=reader_for(reader),
            people=False,
        )
        mine = together[ward.pk]
        assert mine.as_json() == alone.as_json()
        assert (mine.participants.activities, mine.forms_shown, mine.sentence, mine.exact) == (
            alone.participants.activities,
            alone.forms_shown,
            alone.sentence,
            alone.exact,
        )
