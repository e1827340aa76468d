"""Project-wide pytest fixtures."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from core import page_cache
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL; on SQLite they are skipped (the suite runs
    on both in `make test`, so they always run somewhere)."""
    if connection.vendor == "postgresql":
        _leave_out_what_never_touches_the_database(config, items)
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (run with DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


# Fixtures through which a test reaches the database (pytest-django's own).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def _leave_out_what_never_touches_the_database(config, items):
    """On PostgreSQL, only the tests that use the database: the others (settings, packaging,
    templates, the import graph) gave the same answer on SQLite a moment ago."""
    from django.test import TransactionTestCase

    kept, left = [], []
    for item in items:
        touches = (
            DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
            or any(item.get_closest_marker(mark) for mark in ("django_db", "postgres", "faults"))
            or issubclass(getattr(item, "cls", None) or object, TransactionTestCase)
        )
        (kept if touches else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: no public page or rate-limit count left over
    from another test, whose database rows were rolled back."""
    cache.clear()
    page_cache.local_pages.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in English: a request in another language (its cookie or
    Accept-Language) leaves that language active in the thread for whatever renders next."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Greater Manchester Police", sector="police")


@pytest.fixture
def council(db):
    return OrganisationFactory(name="Trafford Council", sector="local_authority")


@pytest.fixture
def officer(police):
    return UserFactory(username="officer", organisation=police, roles=[Role.ENGAGEMENT_OFFICER])


@pytest.fixture
def outsider(council):
    """A user of another organisation with no agreement to see the police's records."""
    return UserFactory(username="outsider", organisation=council, roles=[Role.ENGAGEMENT_OFFICER])


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright. Missing chromium skips locally and fails in CI."""
    import os
    import shutil

    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: `make test` installs Debian's chromium.")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, reference_data):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="Europe/London"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def reference_data(django_db_blocker):
    """Browser tests run in transactions that are flushed afterwards, which also removes the
    reference rows the data migrations seeded (methods, audiences); put them back."""
    from importlib import import_module

    from django.apps import apps

    with django_db_blocker.unblock():
        import_module("engagement.migrations.0003_methods").forwards(apps, None)
        import_module("places.migrations.0002_audiences").forwards(apps, None)


@pytest.fixture(scope="session")
def _demo_copies():
    """Copies of the in-memory SQLite test database as it stood just after a demo load, by the
    load's arguments, with the row counts the load started from and what it returned."""
    copies: dict[str, tuple] = {}
    yield copies
    for copy, _start, _summary in copies.values():
        copy.close()


def _row_counts() -> tuple[tuple[str, int], ...]:
    tables = sorted(t for t in connection.introspection.table_names() if t != "sqlite_sequence")
    with connection.cursor() as cursor:
        counts = []
        for table in tables:
            # Table names come from the database's own schema, quoted by the backend.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608
            counts.append((table, cursor.fetchone()[0]))
    return tuple(counts)


@pytest.fixture
def demo(transactional_db, _demo_copies):
    """`demo(**arguments)` loads the Trafford demo (heard.demo.demo_load) in a transactional
    (browser) test. Those tests flush the database afterwards, so each would load the whole demo
    again; on the in-memory SQLite test database the first load is kept as a byte-for-byte copy
    (SQLite's backup API) and a later test starting from the same rows gets that copy back in
    milliseconds. A test starting from other rows, or another database, loads it for real."""
    import sqlite3

    from heard.demo import demo_load

    def load(**arguments):  # type: ignore[no-untyped-def]
        connection.ensure_connection()
        if connection.vendor != "sqlite" or not connection.is_in_memory_db():
            return demo_load(**arguments)
        key = repr(sorted(arguments.items()))
        start = _row_counts()
        if key in _demo_copies and _demo_copies[key][1] == start:
            copy, _start, summary = _demo_copies[key]
            copy.backup(connection.connection)
            return summary
        summary = demo_load(**arguments)
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _demo_copies[key] = (copy, start, summary)
        return summary

    return load
