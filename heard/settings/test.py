"""Test settings: fast hashing, tasks run immediately, database from DATABASE_URL."""

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Coding answers to the policing codeframe after every analysis takes seconds; its tests turn it on.
HEARD_CODE_AFTER_ANALYSIS = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

# Static files are served by runserver/whitenoise only outside tests.
MIDDLEWARE = [m for m in MIDDLEWARE if "whitenoise" not in m]
# Off, so that tests can sign people in with force_login; the tests of two-factor sign-in turn it on.
HEARD_REQUIRE_TWO_FACTOR = False
