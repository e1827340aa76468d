"""Benchmark settings: Heard's base settings (DEBUG off, the database from DATABASE_URL, a
local-memory cache) with a throwaway secret. Never use these for anything else."""

from heard.settings.base import *  # noqa: F403

SECRET_KEY = "bench-only-throwaway-secret-not-for-any-real-site"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
