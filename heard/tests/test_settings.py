import os
import subprocess
import sys

import pytest


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
        ({"DJANGO_SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secrets(env, message):
    result = _start(env)
    assert result.returncode != 0 and message in result.stderr


def test_production_starts_with_them():
    assert _start({"DJANGO_SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "heard.example"}).returncode == 0


@pytest.mark.parametrize(("env", "expected"), [({}, "60 True"), ({"DB_CONN_MAX_AGE": "0"}, "0 True")])
def test_production_keeps_database_connections_unless_told(env, expected):
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='heard.settings.production'; import django; "
        "django.setup(); from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DB_CONN_MAX_AGE"}
    env = {**clean, "DJANGO_SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "heard.example", **env}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == expected, result.stderr


def test_times_are_utc_aware():
    from django.conf import settings
    from django.utils import timezone

    assert settings.USE_TZ and timezone.now().utcoffset().total_seconds() == 0
