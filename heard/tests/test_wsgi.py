"""The WSGI module loads every view up front and freezes what it loaded (see heard/wsgi.py), and
a web process does not load the text-analysis libraries."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wsgi_loads_the_views_and_freezes_them():
    probe = (
        "import gc, sys, heard.wsgi; "
        "print(gc.get_freeze_count() > 0, 'website.views' in sys.modules, 'sklearn' not in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "heard.settings.test", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]  # views loaded; text analysis not
