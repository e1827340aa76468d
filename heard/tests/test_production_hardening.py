"""Production refuses a weak secret key, and Django's deploy checks pass with production
settings: each run in a fresh interpreter, as a server would start."""

import os
import secrets
import subprocess
import sys

import pytest

STRONG = secrets.token_urlsafe(50)


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT")
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "heard.settings.production",
            "ALLOWED_HOSTS": "heard.example",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _start(key: str) -> subprocess.CompletedProcess[str]:
    return _run("import heard.settings.production", DJANGO_SECRET_KEY=key)


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("short-but-varied-0123456789", "27 characters long; it needs at least 50"),
        ("ab" * 40, "at least 5 different characters"),
        ("django-insecure-" + "Xq7Lm2Vt9Rk4Wp8Zs1Nc6Jh3Bf5Dg0Ya" * 2, "startproject"),
        ("CHANGEME", "published placeholder"),
    ],
    ids=["short", "few-characters", "django-insecure", "placeholder"],
)
def test_production_refuses_a_weak_secret_key(key, reason):
    result = _start(key)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and reason in result.stderr, result.stderr
    assert key not in result.stderr  # the key itself is never printed


def test_production_starts_with_a_strong_key():
    result = _start(STRONG)
    assert result.returncode == 0, result.stderr


def test_the_test_settings_key_is_refused(settings):
    result = _start(settings.SECRET_KEY)
    assert result.returncode != 0 and "published placeholder" in result.stderr


def test_the_deploy_checks_find_nothing_in_production():
    code = (
        "import sys, django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = _run(code, DJANGO_SECRET_KEY=STRONG)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout + result.stderr
