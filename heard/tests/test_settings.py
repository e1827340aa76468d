import os
import subprocess
import sys

import pytest

# Long and varied enough for production (heard/settings/production.py refuses weak keys).
STRONG_KEY = "tests-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='heard.settings.production'; django.setup()"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "heard.example"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secrets(env, message):
    result = _start(env)
    assert result.returncode != 0 and message in result.stderr


def test_production_starts_with_them():
    assert _start({"DJANGO_SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "heard.example"}).returncode == 0


@pytest.mark.parametrize(("env", "expected"), [({}, "60 True"), ({"DB_CONN_MAX_AGE": "0"}, "0 True")])
def test_production_keeps_database_connections_unless_told(env, expected):
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='heard.settings.production'; import django; "
        "django.setup(); from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DB_CONN_MAX_AGE"}
    env = {**clean, "DJANGO_SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "heard.example", **env}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == expected, result.stderr


def test_times_are_utc_aware():
    from django.conf import settings
    from django.utils import timezone

    assert settings.USE_TZ and timezone.now().utcoffset().total_seconds() == 0


def test_the_demo_shows_heards_own_error_pages_unless_debug_is_asked_for():
    """`make demo` runs the dev settings: Django's debug 404 (which lists every URL pattern) only
    with HEARD_DEBUG=1."""
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    clean = {k: v for k, v in os.environ.items() if k != "HEARD_DEBUG"}
    for env, expected in (({}, "False"), ({"HEARD_DEBUG": "1"}, "True")):
        result = subprocess.run(
            [sys.executable, "-c", code],
            env={**clean, **env, "DJANGO_SETTINGS_MODULE": "heard.settings.dev"},
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        assert result.stdout.strip() == expected


@pytest.mark.django_db
def test_the_demo_prints_the_address_it_is_served_at(monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    monkeypatch.setattr("heard.management.commands.demo_load.demo_load", lambda progress: _Summary())
    out = StringIO()
    call_command("demo_load", "--url", "http://127.0.0.1:8080/", stdout=out)
    assert "Sign in at http://127.0.0.1:8080/accounts/login/" in out.getvalue()
    assert ":8000" not in out.getvalue()


class _Summary:
    organisations = activities = created_activities = live_questionnaires = 0
