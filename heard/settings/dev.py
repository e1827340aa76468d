"""Local development and `make demo`: SQLite under var/, loopback only.

Debug pages are off unless HEARD_DEBUG=1: with them on, a mistyped address shows Django's
technical page listing every URL pattern, which is not what someone trying the demo should
see. Static files are served from the apps by WhiteNoise, so nothing needs collecting."""

import os

from .base import *  # noqa: F403
from .base import SECRET_KEY, VAR_DIR

DEBUG = os.environ.get("HEARD_DEBUG", "") == "1"
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"] + [
    h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h
]
VAR_DIR.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
