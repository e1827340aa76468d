"""Benchmark settings: Heard's production settings with a throwaway secret, loopback hosts,
plain HTTP (TLS would end at the reverse proxy) and one trusted proxy, so that each simulated
resident's X-Forwarded-For address is its own rate-limit client, as behind nginx.

The database comes from DATABASE_URL (a SQLite file or PostgreSQL) and the cache from REDIS_URL
(locmem without it), exactly as in production. Never use these settings for anything else."""

import os

# The runner passes a fresh random secret; this fallback only lets `manage.py check` import it.
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-throwaway-secret-not-for-any-real-site-at-all")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from heard.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.public_site.urls"
SESSION_COOKIE_SECURE = False  # plain HTTP on the loopback interface
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
HEARD_TRUSTED_PROXY_COUNT = 1
# Each benchmark run has cache keys (rate limits, pages) of its own.
CACHES["default"]["KEY_PREFIX"] = "heard-bench-" + os.environ.get("HEARD_BENCH_RUN", "")  # noqa: F405
