"""The benchmark's datasets, built once and kept: a PostgreSQL database `heard_bench_reach` and
a SQLite file var/bench-reach/reach.sqlite3, each with a note beside it (var/bench-reach/*.json)
of the generator's version, the sizes, seed and day it was made for. A dataset is rebuilt only
when any of these differs (or it is gone).

    python -m bench.reach.data build postgres|sqlite AREAS ACTIVITIES RESPONSES SEED   # in a child
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "var" / "bench-reach"
PG_NAME = "heard_bench_reach"


@dataclass(frozen=True)
class Dataset:
    kind: str  # "postgres" or "sqlite"
    url: str
    note: Path

    @property
    def label(self) -> str:
        return "PostgreSQL" if self.kind == "postgres" else "SQLite"

    def read_note(self) -> dict[str, object] | None:
        try:
            return dict(json.loads(self.note.read_text()))
        except (OSError, ValueError):
            return None


def dataset(kind: str, pg_url: str) -> Dataset:
    CACHE.mkdir(parents=True, exist_ok=True)
    if kind == "postgres":
        parts = urlsplit(pg_url)
        return Dataset(kind, urlunsplit(parts._replace(path="/" + PG_NAME)), CACHE / "postgres.json")
    return Dataset(kind, f"sqlite:///{CACHE / 'reach.sqlite3'}", CACHE / "sqlite.json")


def environment(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.reach.settings",
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
    }


def _admin_sql(pg_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(sql)


def _exists(data: Dataset, env: dict[str, str]) -> bool:
    if data.kind == "sqlite" and not Path(data.url.removeprefix("sqlite:///")).exists():
        return False
    probe = subprocess.run(
        [sys.executable, "-m", "bench.reach.data", "probe"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    return probe.returncode == 0 and probe.stdout.strip() == "yes"


def generator_version(env: dict[str, str]) -> str:
    """The generator's VERSION, read in a child (Django is set up there, never here)."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.reach.data", "version"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def ensure(data: Dataset, wanted: dict[str, object], pg_url: str) -> dict[str, object]:
    """The dataset's note, building the dataset first when it is missing or out of date."""
    env = environment(data.url)
    note = data.read_note()
    if note and all(note.get(k) == v for k, v in wanted.items()) and _exists(data, env):
        # a kept dataset gets the migrations made since it was built (new indexes, say)
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        return note
    print(f"{data.label}: building the dataset ({wanted}); this is done once…", file=sys.stderr)
    if data.kind == "postgres":
        _admin_sql(pg_url, f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        _admin_sql(pg_url, f"CREATE DATABASE {PG_NAME}")
    else:
        Path(data.url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    data.note.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    sizes = [str(wanted[k]) for k in ("areas", "activities", "responses", "seed")]
    out = subprocess.run(
        [sys.executable, "-m", "bench.reach.data", "build", *sizes],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    made = json.loads(out.stdout.strip().splitlines()[-1])
    note = {**wanted, **made, "build_seconds": round(time.perf_counter() - started, 1)}
    data.note.write_text(json.dumps(note, indent=1))
    return note


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from django.utils import timezone

    from places.models import Area
    from reach.scale_data import Sizes, generate
    from reach.scale_data.places import FORCE_CODE

    if argv[:1] == ["version"]:
        from reach.scale_data import VERSION

        print(VERSION)
    elif argv[:1] == ["probe"]:
        print("yes" if Area.objects.filter(code=FORCE_CODE).exists() else "no")
    elif argv[:1] == ["build"] and len(argv) == 5:
        areas, activities, responses, seed = (int(a) for a in argv[1:])
        made = generate(Sizes(areas, activities, responses), seed=seed, today=timezone.localdate())
        print(json.dumps(made.as_json()))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
