"""The move of boundaries into their own table (places 0003–0005) keeps every boundary, both ways.

Run in a child process on a database of its own: migrating backwards inside the test database
would leave it in a state the other tests do not expect."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
SQUARE = {"type": "Polygon", "coordinates": [[[-2.3, 53.4], [-2.2, 53.4], [-2.2, 53.5], [-2.3, 53.4]]]}

SCRIPT = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

def state(target):
    return MigrationExecutor(connection).loader.project_state(("places", target)).apps

square = json.loads(sys.argv[1])
call_command("migrate", "places", "0002_audiences", verbosity=0)
Area = state("0002_audiences").get_model("places", "Area")
Area.objects.create(code="E05000819", name="Altrincham", level="neighbourhood", path="E05000819/", boundary=square)
Area.objects.create(code="E05000820", name="Ashton", level="neighbourhood", path="E05000820/")
call_command("migrate", "places", "0005_remove_area_old_boundary", verbosity=0)
moved = [
    [b.area.code, b.geometry]
    for b in state("0005_remove_area_old_boundary").get_model("places", "AreaBoundary").objects.all()
]
call_command("migrate", "places", "0002_audiences", verbosity=0)
back = dict(state("0002_audiences").get_model("places", "Area").objects.values_list("code", "boundary"))
print(json.dumps({"moved": moved, "back": back}))
"""


def _migrate_in_a_child(database_url: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "heard.settings.test",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(SQUARE)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _check(result: dict) -> None:
    assert result["moved"] == [["E05000819", SQUARE]]
    assert result["back"] == {"E05000819": SQUARE, "E05000820": None}


def test_boundaries_move_to_their_own_table_and_back_on_sqlite(tmp_path):
    _check(_migrate_in_a_child(f"sqlite:///{tmp_path / 'migrations.sqlite3'}"))


@pytest.mark.postgres
def test_boundaries_move_to_their_own_table_and_back_on_postgresql():
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"heard_migrations_{uuid.uuid4().hex[:12]}"
    admin = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "dbname": "postgres",
    }
    with psycopg.connect(**admin, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgres://{config['USER']}@{config['HOST']}:{config['PORT'] or 5432}/{name}"
        _check(_migrate_in_a_child(url))
    finally:
        with psycopg.connect(**admin, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
