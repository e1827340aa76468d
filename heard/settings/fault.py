"""Settings of the fault test (heard/tests/test_faults.py) and the load test (bench/load): the
production settings on PostgreSQL (DATABASE_URL), with a throwaway secret, loopback hosts, plain
HTTP and one trusted proxy (each simulated resident's X-Forwarded-For is its own rate-limit
client, as behind nginx), and short waits before a task whose worker died is marked failed, so
that a test sees it happen within its time. Never use these settings for a real site."""

import os

# The runners pass a fresh random secret; this fallback only lets `manage.py check` import it.
os.environ.setdefault("DJANGO_SECRET_KEY", "fault-and-load-tests-only-throwaway-secret-not-for-any-real-site")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from .production import *  # noqa: F403

SESSION_COOKIE_SECURE = False  # plain HTTP on the loopback interface
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
HEARD_TRUSTED_PROXY_COUNT = 1
HEARD_MIN_FILL_SECONDS = float(os.environ.get("HEARD_MIN_FILL_SECONDS", "0"))
HEARD_TASK_STALE_SECONDS = int(os.environ.get("HEARD_TASK_STALE_SECONDS", "12"))
HEARD_TASK_SWEEP_SECONDS = int(os.environ.get("HEARD_TASK_SWEEP_SECONDS", "2"))
HEARD_ANALYSIS_STALE_SECONDS = HEARD_TASK_STALE_SECONDS
HEARD_REPORT_STALE_SECONDS = HEARD_TASK_STALE_SECONDS
