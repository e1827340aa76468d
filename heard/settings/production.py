"""Production: PostgreSQL via DATABASE_URL, Redis via REDIS_URL, secrets from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, SECRET_KEY

# Secret keys that have been published (Django's template, Heard's tests, documentation): a
# site using one signs sessions and password-reset links anybody can forge.
KNOWN_PLACEHOLDER_KEYS = frozenset(
    {
        "test-only-not-secret",
        "changeme",
        "change-me",
        "change_me",
        "secret",
        "your-secret-key",
        "your-secret-key-here",
        "replace-me",
        "…",
    }
)


def weak_secret_key(key: str) -> str:
    """Why `key` must not sign anything in production, or "" when it is strong enough: Django's
    own deploy check (security.W009: at least 50 characters, 5 different ones, not made by
    `startproject`), refused here instead of only warned about, plus known placeholders."""
    if not key:
        return "Set DJANGO_SECRET_KEY: production will not start without it."
    if key.strip().lower() in KNOWN_PLACEHOLDER_KEYS:
        return "DJANGO_SECRET_KEY is a published placeholder."
    if key.startswith("django-insecure-"):
        return "DJANGO_SECRET_KEY was made by `startproject` for development (it starts django-insecure-)."
    if len(key) < 50:
        return f"DJANGO_SECRET_KEY is {len(key)} characters long; it needs at least 50."
    if len(set(key)) < 5:
        return "DJANGO_SECRET_KEY needs at least 5 different characters."
    return ""


if problem := weak_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        problem + ' Make one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names).")

DEBUG = False
# Keep database connections between requests (checked before reuse): opening one per request
# cost more than a light page's own work (bench/public_site). DB_CONN_MAX_AGE=0 turns it off.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true") == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" only consents to the browsers' HTTPS-only list; the site's owner still has to apply.
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "true") == "true"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false") == "true"
# Behind one reverse proxy by default: the client is the address it forwarded, not the proxy's.
HEARD_TRUSTED_PROXY_COUNT = int(os.environ.get("HEARD_TRUSTED_PROXY_COUNT", "1"))
# Two-factor sign-in for staff who handle sensitive records (README "Signing in"): on unless
# turned off on purpose.
HEARD_REQUIRE_TWO_FACTOR = os.environ.get("HEARD_REQUIRE_TWO_FACTOR", "true").lower() in {"1", "true", "yes"}
