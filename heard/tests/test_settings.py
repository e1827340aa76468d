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


def test_times_are_utc_aware():
    from django.conf import settings
    from django.utils import timezone

    assert settings.USE_TZ and timezone.now().utcoffset().total_seconds() == 0
