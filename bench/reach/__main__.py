"""Reach benchmark (issue 9 §7). One command, from the repository root:

    bench/reach/run.sh                      # or .venv/bin/python -m bench.reach
    bench/reach/run.sh --responses 100000   # a smaller dataset (built once, kept)
    bench/reach/run.sh --quick              # 3 runs, 10 page requests: a smoke test

Builds (once: see data.py) a dataset from `manage.py generate_scale_data`'s generator on
PostgreSQL and on SQLite, then times on each, side by side, Heard's reach report (a district and
a ward, last 12 months) and coverage matrix (a district's wards over 12 months) against one
hand-written SQL statement computing the same numbers (floor.py), checks the numbers are the
same, and times the coverage page (Django's test client). Prints medians, p95 and the ratio to
the floor. Goals: within 2× of the floor; the coverage page's p95 under 300 ms on PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any

from .data import ROOT, dataset, ensure, environment, generator_version

GOAL_RATIO = 2.0
GOAL_PAGE_P95_MS = 300.0


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.reach",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--areas", type=int, default=1_000, help="wards (1,000)")
    parser.add_argument("--activities", type=int, default=20_000, help="activities (20,000)")
    parser.add_argument("--responses", type=int, default=1_000_000, help="responses (1,000,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each report (15)")
    parser.add_argument("--requests", type=int, default=40, help="coverage page requests (40)")
    parser.add_argument("--databases", default="postgres,sqlite")
    parser.add_argument("--district", default="E08900001", help="the district measured (the first)")
    parser.add_argument("--ward", default="E05900001", help="the ward measured (the first)")
    parser.add_argument(
        "--pg-url", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--proposed-indexes", action="store_true", help="measure with the indexes proposed in the README"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.requests = 3, 10
    args.runs = max(1, min(args.runs, 200))
    args.requests = max(1, min(args.requests, 1_000))
    return args


def run_child(url: str, note: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.reach.measure",
        str(note["today"]),
        str(args.runs),
        str(args.requests),
        args.district,
        args.ward,
        *(["indexes"] if args.proposed_indexes else []),
    ]
    out = subprocess.run(command, env=environment(url), cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"The measurements failed:\n{out.stderr[-3000:]}")
    line = next(x for x in reversed(out.stdout.splitlines()) if x.startswith("BENCH_JSON "))
    return dict(json.loads(line.removeprefix("BENCH_JSON ")))


def _cell(case: dict[str, Any] | None) -> str:
    if case is None:
        return f"{'':>30}"
    floor = case.get("floor")
    ratio = f"{case['median'] / floor['median']:.2f}×" if floor and floor["median"] else ""
    floor_text = f"{floor['median']:.1f}" if floor else ""
    return f"{case['median']:8.1f} {case['p95']:8.1f} {floor_text:>7} {ratio:>6}"


def report(results: dict[str, dict[str, Any]], notes: dict[str, dict[str, Any]]) -> bool:
    labels = list(results)
    cases = list(dict.fromkeys(c for r in results.values() for c in r["cases"]))
    heads = "".join(f" | {label:^31}" for label in labels)
    print(f"\n{'':48}{heads}")
    print(f"{'ms':48}" + " | median      p95   floor ratio" * len(labels))
    for case in cases:
        print(f"{case:48}" + "".join(" | " + _cell(results[label]["cases"].get(case)) for label in labels))
    ok = True
    print()
    for label, found in results.items():
        for case, problems in found["checks"].items():
            if isinstance(problems, list) and problems:
                ok = False
                print(f"{label}: {case}: NOT THE SAME NUMBERS: {'; '.join(problems[:5])}")
        exact = [c for c, v in found["cases"].items() if "floor" in v]
        ratios = {c: found["cases"][c]["median"] / found["cases"][c]["floor"]["median"] for c in exact}
        worst = max(ratios, key=lambda c: ratios[c]) if ratios else None
        if worst:
            met = ratios[worst] <= GOAL_RATIO
            ok &= met
            print(
                f"{label}: same numbers as the floor in every case; worst ratio {ratios[worst]:.2f}× ({worst}): "
                f"goal ≤ {GOAL_RATIO:.0f}× {'met' if met else 'NOT met'}"
            )
    page = results.get("PostgreSQL", {}).get("cases", {}).get("coverage page, as a police officer")
    if page:
        met = page["p95"] < GOAL_PAGE_P95_MS
        ok &= met
        print(
            f"PostgreSQL: coverage page p50 {page['p50']:.0f} ms, p95 {page['p95']:.0f} ms "
            f"({page['bytes'] / 1024:.0f} KiB): goal p95 < {GOAL_PAGE_P95_MS:.0f} ms {'met' if met else 'NOT met'}"
        )
    return ok


def main(argv: list[str]) -> int:
    args = parse(argv)
    results: dict[str, dict[str, Any]] = {}
    notes: dict[str, dict[str, Any]] = {}
    kinds = [k.strip() for k in args.databases.split(",") if k.strip()]
    load = os.getloadavg()[0]
    for kind in kinds:
        data = dataset(kind, args.pg_url)
        wanted = {
            "version": generator_version(environment(data.url)),
            "areas": args.areas,
            "activities": args.activities,
            "responses": args.responses,
            "seed": args.seed,
        }
        note = ensure(data, wanted, args.pg_url)
        notes[data.label] = note
        print(f"{data.label}: measuring…", file=sys.stderr)
        results[data.label] = run_child(data.url, note, args)
    first = next(iter(notes.values()))
    counts = first["counts"]
    print(
        f"Heard reach benchmark, {time.strftime('%Y-%m-%d %H:%M')}: {os.cpu_count()} cores, load {load:.1f} "
        f"at the start, {os.getloadavg()[0]:.1f} at the end"
    )
    print(
        f"Data (generator v{first['version']}, seed {first['seed']}, up to {first['today']}): "
        f"{counts['wards']:,} wards in {counts['districts']} districts, {counts['activities']:,} activities, "
        f"{counts['responses']:,} responses, {counts['equality records']:,} equality records "
        f"({counts['paper forms']:,} on paper), {counts['attendances']:,} head counts"
    )
    for label, note in notes.items():
        print(f"  {label}: built in {note.get('build_seconds', '?')} s")
    if args.proposed_indexes:
        print("With the proposed indexes (measure.PROPOSED_INDEXES), made for this run and dropped after")
    print(
        f"Medians and p95 of {args.runs} runs (page: {args.requests} requests) after one warm-up; "
        "ratio = median / the floor's median"
    )
    return 0 if report(results, notes) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
