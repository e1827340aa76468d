"""The printed report: the header, the pages and submissions tables, and which goals were met."""

from __future__ import annotations

import argparse
import statistics

from .pages import PageResult
from .submissions import SubmitRun

GOAL_RATIO, GOAL_P99_MS, GOAL_SUBMISSIONS = 0.6, 100.0, 50.0


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def print_report(
    header: list[str],
    pages: dict[str, list[PageResult]],
    submits: dict[str, list[SubmitRun]],
    args: argparse.Namespace,
) -> bool:
    """Print the header and a table per database; True when every goal was met. `args` gives
    the runs, connections, duration, residents and clients the tables' titles name."""
    print()
    for line in header:
        print(line)
    all_ok = True
    for label, results in pages.items():
        bare = results[0].median("rps")
        print()
        print(
            f"Pages on {label}: wrk, {args.connections} connections, {args.duration} s per run, median of {args.runs}"
        )
        print(
            f"  {'page':<40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'× bare':>7}"
            f" {'CPU ms/req':>11} {'bare/CPU':>9}"
        )
        bare_cpu = results[0].median("cpu_ms")
        for result in results:
            ratio = result.median("rps") / bare if bare else 0.0
            cpu = result.median("cpu_ms")
            print(
                f"  {result.label:<40} {result.median('rps'):>8.0f} {result.median('p50_ms'):>8.1f} "
                f"{result.median('p99_ms'):>8.1f} {result.errors:>7} {ratio:>7.2f} {cpu:>11.2f} "
                f"{bare_cpu / cpu if cpu else 0.0:>9.2f}"
            )
        pages_only = [r for r in results[1:] if not r.cookie]
        if any(r.cookie for r in results):
            print(
                "  * with a session cookie: never from the page cache (signed-in staff, or a resident part-way "
                "through a consultation); for information, not in the goal"
            )
        worst_ratio = min(r.median("rps") / bare for r in pages_only)
        worst_p99 = max(r.median("p99_ms") for r in pages_only)
        errors = sum(r.errors for r in results)
        ok = worst_ratio >= GOAL_RATIO and worst_p99 < GOAL_P99_MS and errors == 0
        all_ok &= ok
        print(
            f"  goal: every page ≥{GOAL_RATIO}× bare ({verdict(worst_ratio >= GOAL_RATIO)}: lowest {worst_ratio:.2f}), "
            f"p99 <{GOAL_P99_MS:.0f} ms ({verdict(worst_p99 < GOAL_P99_MS)}: highest {worst_p99:.1f}), "
            f"0 errors ({verdict(errors == 0)}: {errors})"
        )
    if submits:
        print()
        print(
            f"Submissions: {args.submissions} residents walk the consultation over HTTP ({args.clients} at a time), "
            f"then send it, {args.clients} at a time; median of {args.runs}"
        )
        print(
            f"  {'database':<11} {'journeys/s':>10} {'journey req/s':>13} {'sends/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'acknowledged':>12} {'stored':>7} {'lost':>5} {'extra':>5} {'errors':>6} {'CPU ms/send':>11}"
        )
        for label, runs in submits.items():

            def med(attribute: str, runs: list[SubmitRun] = runs) -> float:
                return statistics.median(getattr(r, attribute) for r in runs)

            acknowledged = sum(r.acknowledged for r in runs)
            stored = sum(r.stored for r in runs)
            lost = sum(r.lost for r in runs)
            extra = sum(r.unacknowledged_stored for r in runs)
            errors = sum(r.errors for r in runs)
            print(
                f"  {label:<11} {med('flows_per_s'):>10.1f} {med('journey_requests_per_s'):>13.0f} "
                f"{med('submissions_per_s'):>8.1f} {med('p50_ms'):>7.1f} {med('p99_ms'):>7.1f} "
                f"{acknowledged:>12} {stored:>7} {lost:>5} {extra:>5} {errors:>6} {med('cpu_ms'):>11.1f}"
            )
            ok = med("submissions_per_s") >= GOAL_SUBMISSIONS and lost == 0 and extra == 0 and errors == 0
            all_ok &= ok
            print(
                f"  goal on {label}: ≥{GOAL_SUBMISSIONS:.0f} submissions/s ({verdict(med('submissions_per_s') >= GOAL_SUBMISSIONS)}), "
                f"stored == acknowledged, 0 lost, 0 errors ({verdict(lost == 0 and extra == 0 and errors == 0)})"
            )
    print()
    if not pages and not submits:
        print("Nothing was measured (--skip-pages and --skip-submissions).")
    else:
        print("All goals met." if all_ok else "Some goals were missed (see MISSED above).")
    return all_ok
