"""One database's measurements, run in a child process with DATABASE_URL set:

    python -m bench.reach.measure TODAY RUNS REQUESTS DISTRICT WARD   -> "BENCH_JSON {...}"

Times, RUNS times each after one warm-up run, Heard's code and the floor (floor.py) side by side
(in turns, so that other work on the machine slows both alike), and checks they computed the
same numbers:

- the reach report of the district and of the ward over the last 12 months, as `manage.py
  reach` makes it (every activity, exact counts: the floor's reader), then as the selectors
  make it for a superuser (every activity, small numbers suppressed) and for a police officer
  (what the police may see, its own counts exact, partners' suppressed);
- the coverage matrix of the district's wards, by audience and month, over 12 whole months,
  for a superuser (every activity: the floor's reader) and for the police officer;
- the ward map of the district (a report per ward) for the police officer;
- the coverage page for the police officer, REQUESTS requests through Django's test client.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

import django


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def timed(call: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    result = call()  # warm-up: imports, plans, caches of the database
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def timed_pair(
    mine: Callable[[], Any], floor: Callable[[], Any], runs: int
) -> tuple[list[float], Any, list[float], Any]:
    """`timed` for Heard's code and the floor, run in turns: on a shared machine, a burst of
    other work then slows both alike rather than whichever happened to be running."""
    mine_result, floor_result = mine(), floor()  # warm-up
    mine_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        mine_result = mine()
        mine_times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        floor_result = floor()
        floor_times.append((time.perf_counter() - started) * 1000)
    return mine_times, mine_result, floor_times, floor_result


def summary(times: list[float]) -> dict[str, float]:
    return {"median": statistics.median(times), "p95": percentile(times, 0.95), "runs": len(times)}


def reach_problems(report: Any, floor: Any, *, exact: bool) -> tuple[list[str], int]:
    """Where the report's numbers differ from the floor's; and how many cells it hid."""
    from reach.categories import FIELDS, answer_category

    problems, hidden = [], 0
    if exact:
        mine = (report.participants.activities, report.participants.forms, report.participants.people_reached)
        if mine != (floor.activities, floor.forms, floor.people_reached):
            problems.append(
                f"activities, forms, people: {mine} against {(floor.activities, floor.forms, floor.people_reached)}"
            )
    for dimension in report.dimensions:
        counted: dict[str, int] = {}
        for value, n in floor.participants.get(FIELDS[dimension.dimension], {}).items():
            category = answer_category(dimension.dimension, value)
            if category is not None:
                counted[category] = counted.get(category, 0) + n
        population = {c: n for c, n in floor.population[dimension.dimension].items() if c != "Not answered"}
        for cell in dimension.cells:
            if cell.participants is None:
                hidden += 1
            elif cell.participants != counted.get(cell.category, 0):
                problems.append(
                    f"{dimension.dimension} {cell.category}: {cell.participants} against {counted.get(cell.category, 0)}"
                )
            share = population.get(cell.category, 0) / sum(population.values())
            if abs(cell.population_share - share) > 1e-9:
                problems.append(f"{dimension.dimension} {cell.category} population share")
    return problems, hidden


def coverage_matrix(coverage: Any) -> dict[tuple[str, int, int, str | None], tuple[int, int]]:
    from places.models import Area

    ids = dict(Area.objects.filter(code__in=[b.code for b in coverage.areas]).values_list("code", "pk"))
    keys = [m.strftime("%Y-%m") for m in coverage.months]
    found = {}
    for block in coverage.areas:
        ward = ids[block.code]
        lines = [(a.pk, line) for a, line in zip(coverage.audiences, block.lines, strict=True)]
        for audience, line in [*lines, (0, block.everyone)]:
            found[("line", ward, audience, None)] = (line.activities, line.participants)
            for key, cell in zip(keys, line.months, strict=True):
                found[("cell", ward, audience, key)] = (cell.activities, cell.participants)
        found[("line", ward, -1, None)] = (block.activities, block.participants)
        for key, cell in zip(keys, block.months, strict=True):
            found[("cell", ward, -1, key)] = (cell.activities, cell.participants)
    return {k: v for k, v in found.items() if v != (0, 0)}


def measure(today: date, runs: int, requests: int, district_code: str, ward_code: str) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from organisations.models import User
    from places.models import Area
    from reach.coverage import coverage_build
    from reach.engine import Scope
    from reach.selectors_reach import ReachQuery, command_report, reach_report
    from reach.selectors_reach_more import reach_map

    from . import floor

    results: dict[str, Any] = {"vendor": connection.vendor, "cases": {}, "checks": {}}
    admin, officer = User.objects.get(username="bench-admin"), User.objects.get(username="bench-officer")
    since, until = today - timedelta(days=365), today
    for label, code in (("district", district_code), ("ward", ward_code)):
        area = Area.objects.get(code=code)
        scope = Scope(area=area, since=since, until=until)
        mine_times, report, floor_times, found = timed_pair(
            partial(command_report, scope=scope, target=None, participants_file=None),
            partial(floor.reach_floor, path=area.path, since=since, until=until),
            runs,
        )
        problems, _ = reach_problems(report, found, exact=True)
        results["cases"][f"reach report, {label}"] = {**summary(mine_times), "floor": summary(floor_times)}
        results["checks"][f"reach report, {label}"] = problems
        for who, user in (("superuser", admin), ("police officer", officer)):
            query = ReachQuery(scope=scope)
            times, shown = timed(partial(reach_report, user=user, query=query), runs)
            hidden = reach_problems(shown, found, exact=False)
            case = f"reach report, {label}, as a {who}"
            results["cases"][case] = {**summary(times), "hidden": hidden[1]}
            if who == "superuser":
                results["checks"][case] = hidden[0]
    district = Area.objects.get(code=district_code)
    back = today.year * 12 + today.month - 1 - 11
    first = date(back // 12, back % 12 + 1, 1)
    data = {
        "within": district_code,
        "level": "neighbourhood",
        "starts": first.isoformat(),
        "ends": today.isoformat(),
    }
    mine_times, coverage, floor_times, matrix = timed_pair(
        lambda: coverage_build(user=admin, data=data),
        lambda: floor.coverage_floor(path=district.path, first=first, last=today),
        runs,
    )
    mine = coverage_matrix(coverage)
    differ = sorted(str(k) for k in set(mine) | set(matrix) if mine.get(k) != matrix.get(k))
    results["cases"]["coverage matrix, district"] = {**summary(mine_times), "floor": summary(floor_times)}
    results["checks"]["coverage matrix, district"] = (
        [f"{len(differ)} cells differ, e.g. {differ[:3]}"] if differ else []
    )
    results["checks"]["coverage cells"] = len(matrix)
    officer_times, _ = timed(lambda: coverage_build(user=officer, data=data), runs)
    results["cases"]["coverage matrix, district, as a police officer"] = summary(officer_times)
    map_times, drawn = timed(lambda: reach_map(user=officer, area=district, today=today), runs)
    results["cases"]["ward map of the district, as a police officer"] = {
        **summary(map_times),
        "wards": len(drawn.wards),
    }
    # A web process freezes what it loaded at start (heard/wsgi.py) so that full collections do
    # not scan it; here the earlier cases' results would be scanned instead, which no server has.
    gc.collect()
    gc.freeze()
    client = Client()
    client.force_login(officer)
    url = reverse("contacts:coverage") + "?" + "&".join(f"{k}={v}" for k, v in data.items())

    def get() -> int:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return len(response.content)

    page_times, size = timed(get, requests)
    results["cases"]["coverage page, as a police officer"] = {
        **summary(page_times),
        "p50": statistics.median(page_times),
        "bytes": size,
    }
    return results


# Indexes proposed for Heard's migrations (see README): `--proposed-indexes` measures with
# them, made before and dropped after, so the kept dataset stays as the migrations make it.
# None at present: the paper forms' index it proposed is consultations' migration 0003.
PROPOSED_INDEXES: dict[str, str] = {}


def indexes(make: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for name, sql in PROPOSED_INDEXES.items():
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
            if make:
                cursor.execute(sql)
        if make and PROPOSED_INDEXES:
            cursor.execute("ANALYZE consultations_equalityrecord")


def main(argv: list[str]) -> None:
    django.setup()
    today, runs, requests, district, ward = (
        date.fromisoformat(argv[0]),
        int(argv[1]),
        int(argv[2]),
        argv[3],
        argv[4],
    )
    proposed = argv[5:6] == ["indexes"]
    indexes(proposed)
    try:
        found = measure(today, runs, requests, district, ward)
    finally:
        indexes(False)
    found["proposed_indexes"] = proposed
    print("BENCH_JSON " + json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1:])
