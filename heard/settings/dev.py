"""Local development and `make demo`: SQLite under var/, debug on, loopback only."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, VAR_DIR

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
VAR_DIR.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
