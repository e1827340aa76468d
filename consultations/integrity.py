"""Keeping online responses honest without CAPTCHAs (issue 3, "Integrity").

- One response per consultation per browser: a long random token in a signed, HttpOnly,
  SameSite=Lax cookie. The database constraint `one_response_per_browser` does the real work;
  the views only check first (`already_responded`) so that people get a friendly page. A
  response to a version a questionnaire replaced counts for it too.
- A honeypot field that people never see (hidden visually, from assistive technology and
  from the tab order) but form-filling robots do.
- A minimum fill time from "Start now" to "Send" (setting `HEARD_MIN_FILL_SECONDS`).
- Rate limits per client IP address in Django's cache (shared Redis in production): a small
  fixed-window counter (setting `HEARD_RATE_LIMITS`).
- Form bodies must be URL-encoded forms in valid UTF-8.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .models import Questionnaire, Response

logger = logging.getLogger(__name__)

# --- the browser token -------------------------------------------------------------------

BROWSER_COOKIE = "heard_browser"
BROWSER_COOKIE_SALT = "heard.consultations.browser"
BROWSER_COOKIE_AGE = 365 * 24 * 60 * 60
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_browser_token() -> str:
    """256 random bits, 43 URL-safe characters (the column holds 64)."""
    return secrets.token_urlsafe(32)


def browser_token(request: HttpRequest) -> str | None:
    """This browser's token, or None when there is none or it was tampered with."""
    value = request.get_signed_cookie(BROWSER_COOKIE, default=None, salt=BROWSER_COOKIE_SALT)
    if not isinstance(value, str) or not _TOKEN_RE.match(value):
        return None
    return value


def set_browser_token(response: HttpResponse, token: str) -> None:
    response.set_signed_cookie(
        BROWSER_COOKIE,
        token,
        salt=BROWSER_COOKIE_SALT,
        max_age=BROWSER_COOKIE_AGE,
        path="/",
        secure=bool(getattr(settings, "SESSION_COOKIE_SECURE", False)),
        httponly=True,
        samesite="Lax",
    )


MAX_VERSIONS = 50


def versions_of(questionnaire: Questionnaire) -> list[int]:
    """The ids of this questionnaire and of the versions it replaced: answering one counts for
    all. The earlier versions are superseded, so not public; only their ids are read here,
    never anything a page shows."""
    ids = [questionnaire.pk]
    previous = questionnaire.previous_id
    while previous is not None and previous not in ids and len(ids) < MAX_VERSIONS:
        ids.append(previous)
        previous = (
            Questionnaire.private_objects.filter(pk=previous).values_list("previous_id", flat=True).first()
        )
    return ids


def already_responded(questionnaire: Questionnaire, token: str) -> bool:
    return Response.objects.filter(
        questionnaire_id__in=versions_of(questionnaire), browser_token=token
    ).exists()


# --- honeypot and minimum fill time ------------------------------------------------------

HONEYPOT_FIELD = "website"
DEFAULT_MIN_FILL_SECONDS = 3.0


def honeypot_tripped(value: object) -> bool:
    return bool(str(value or "").strip())


def min_fill_seconds() -> float:
    return float(getattr(settings, "HEARD_MIN_FILL_SECONDS", DEFAULT_MIN_FILL_SECONDS))


def filled_too_fast(started_at: float | None, *, now: float | None = None) -> bool:
    """True when less than the minimum fill time passed since "Start now" (or there is no
    start time at all, which no real visit can produce)."""
    if started_at is None:
        return True
    elapsed = (time.time() if now is None else now) - started_at
    return elapsed < min_fill_seconds()


# --- rate limits ---------------------------------------------------------------------------

# scope -> (requests allowed, per this many seconds), per client IP address. A scope that
# is not configured is not limited. "respond" counts every answer page sent, "submit" every
# attempt to send a finished response and "withdraw" every receipt code tried.
DEFAULT_RATE_LIMITS: dict[str, tuple[int, int]] = {
    "respond": (300, 600),
    "submit": (30, 600),
    "withdraw": (10, 600),
}


def rate_limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_RATE_LIMITS, **getattr(settings, "HEARD_RATE_LIMITS", {})}


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind N trusted reverse proxies (setting
    `HEARD_TRUSTED_PROXY_COUNT`), the Nth address from the right of X-Forwarded-For;
    otherwise REMOTE_ADDR, which a client cannot forge."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "HEARD_TRUSTED_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            remote = forwarded[-proxies]
    return remote


def client_key(address: str) -> str:
    """IPv6 clients get a whole /64 each (one household or phone), IPv4 clients one address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass(frozen=True)
class RateLimit:
    allowed: bool
    retry_after: int  # seconds until the window ends
    count: int


def rate_limit_hit(scope: str, key: str, *, limit: int, window: int, now: float | None = None) -> RateLimit:
    """Count one request against `key` in `scope`: a fixed window of `window` seconds. A cache
    that is down lets the request through (the database constraint still holds)."""
    now = time.time() if now is None else now
    start = int(now // window) * window
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"heard:rl:{scope}:{start}:{digest}"
    cache = caches[getattr(settings, "HEARD_RATE_LIMIT_CACHE", "default")]
    retry_after = max(1, int(start + window - now))
    try:
        cache.add(cache_key, 0, timeout=window + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=window + 1)
            count = 1
    except Exception:
        logger.exception("Rate limit cache unavailable; letting the request through")
        return RateLimit(allowed=True, retry_after=0, count=0)
    return RateLimit(allowed=count <= limit, retry_after=retry_after, count=count)


def check_rate_limit(request: HttpRequest, scope: str) -> RateLimit | None:
    """None when the request may go on; the exceeded limit otherwise."""
    configured = rate_limits().get(scope)
    if not configured:
        return None
    limit, window = configured
    result = rate_limit_hit(scope, client_key(client_ip(request)), limit=int(limit), window=int(window))
    return None if result.allowed else result


# --- form bodies ---------------------------------------------------------------------------

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class BodyProblem:
    status: int
    title: str
    message: str


def form_body_problem(request: HttpRequest) -> BodyProblem | None:
    """Our pages only send URL-encoded forms: anything else (JSON, multipart, text) is a 415,
    and bytes that are not UTF-8 a 400, before any answer is looked at."""
    if request.method != "POST":
        return None
    if request.META.get("CONTENT_LENGTH") in (None, "", "0") and request.content_type != FORM_CONTENT_TYPE:
        return None  # an empty body: nothing to read, whatever its type
    if request.content_type != FORM_CONTENT_TYPE:
        return BodyProblem(
            415,
            _("This page only accepts answers sent from its form"),
            _("Go back to the form, fill it in and send it from there."),
        )
    charset = (request.content_params or {}).get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        return BodyProblem(
            415, _("Your answers were sent in a form we cannot read"), _("Send them as UTF-8.")
        )
    try:
        body = request.body
        for pair in body.split(b"&"):
            for part in pair.split(b"=", 1):
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return BodyProblem(
            400,
            _("Your answers contain characters we cannot read"),
            _("Check your answers for unusual characters, then send them again."),
        )
    return None
