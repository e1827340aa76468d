"""The built package holds all of Heard: every app of settings.HEARD_APPS and the text package,
with their templates, static files, migrations and data. Built from a copy of the source, with
the setuptools of the test environment (nothing is downloaded)."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = [*settings.HEARD_APPS, "heard_text"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> list[str]:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__", "node_modules")
        )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta; build_meta.build_wheel(sys.argv[1])",
            str(out),
        ],
        cwd=source,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("*.whl")
    return zipfile.ZipFile(built).namelist()


def test_every_app_is_in_the_wheel(wheel):
    top = {name.split("/")[0] for name in wheel}
    missing = [p for p in PACKAGES if p not in top]
    assert not missing, f"not in the wheel: {missing}"
    for package in PACKAGES:
        assert f"{package}/__init__.py" in wheel
        if (ROOT / package / "migrations").is_dir():
            assert f"{package}/migrations/0001_initial.py" in wheel, package


def test_templates_static_files_and_data_are_in_the_wheel(wheel):
    assert "core/templates/base.html" in wheel
    assert "website/templates/website/home.html" in wheel
    assert "consultations/templates/consultations/public/start.html" in wheel
    assert "core/static/heard/heard.css" in wheel and "core/static/heard/htmx.min.js" in wheel
    assert "heard_text/data/policing_codeframe.json" in wheel
    # The translations, compiled: the public site in every language.
    assert (
        "website/locale/cy/LC_MESSAGES/django.mo" in wheel and "core/locale/ur/LC_MESSAGES/django.mo" in wheel
    )
