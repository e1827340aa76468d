"""A shared cache for public pages seen by visitors who carry none of Heard's cookies.

Most requests to the public site come from people who are not signed in and have not started a
consultation: for them a page depends only on the database and the URL, so it is rendered once and
served from the shared cache (Redis in production) to everyone else. A visitor with a session,
messages or consultation cookie always gets a freshly rendered page.

Freshness: every cached page is keyed by a *generation* that changes whenever a model the public
pages show is saved or deleted (`bump_generation`, wired in `CoreConfig.ready`; each app names its
models that public pages show in `public_page_models` on its AppConfig), both at once and
again when the transaction commits, so an edit shows at once and a reader racing a commit cannot
keep the old page. Each web process reads the generation at most once a second (an edit made in
another process shows there within a second), so a page it has served lately costs it no trip
to the shared cache at all. Pages that change with the clock alone (an event moving to "past", a
consultation closing) are also bounded by `HEARD_PUBLIC_PAGE_CACHE_SECONDS` (60 s by default; 0
turns the cache off). Writes with `QuerySet.update()` or `bulk_create()` send no signals: code that
changes public rows that way calls `bump_generation()` itself.

The CSRF token is the one per-visitor part of a page with a POST form: pages are rendered with a
placeholder in its place (`csrf` context processor below) and each response gets its own token,
so no two visitors share one.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

GENERATION_KEY = "heard:public-pages:generation"
GENERATION_CHECK_SECONDS = 1.0
CSRF_PLACEHOLDER = "heard-csrf-token-placeholder-6f1d3c"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
_HOLE_ATTR = "_heard_csrf_placeholder"

Finish = Callable[[HttpRequest, HttpResponse], None]


def _cache() -> Any:
    return caches[getattr(settings, "HEARD_PUBLIC_PAGE_CACHE", "default")]


def _seconds() -> int:
    return int(getattr(settings, "HEARD_PUBLIC_PAGE_CACHE_SECONDS", 0))


def _new_generation() -> None:
    # A time-based value, not a counter: if the key is ever evicted, the next generation still
    # differs from every one that keyed a page still in the cache.
    generation = time.time_ns()
    _cache().set(GENERATION_KEY, generation, None)
    local_pages.remember_generation(generation)


def _generation() -> Any:
    generation = local_pages.recent_generation()
    if generation is not None:
        return generation
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY)
    local_pages.remember_generation(generation)
    return generation


def bump_generation() -> None:
    """Make every cached public page stale: now, and again when the transaction commits."""
    _new_generation()
    transaction.on_commit(_new_generation)


_shown: dict[type, bool] = {}


def shows_publicly(model: type[Model]) -> bool:
    """Whether saving a row of `model` can change a public page: the model is one its app lists
    in `public_page_models` on its AppConfig (the through table of a many-to-many field counts
    as the model that declares the field). Each app knows which of its models the public
    pages show; this module knows none of them."""
    known = _shown.get(model)
    if known is None:
        meta = model._meta
        owner: type[Model] = meta.auto_created if isinstance(meta.auto_created, type) else model
        try:
            config = apps.get_app_config(owner._meta.app_label)
        except LookupError:  # a model of no installed app (Django's migration recorder)
            known = False
        else:
            known = owner._meta.object_name in getattr(config, "public_page_models", ())
        _shown[model] = known
    return known


def on_model_change(sender: Any, **kwargs: Any) -> None:
    """Receiver for post_save, post_delete and m2m_changed (see CoreConfig.ready)."""
    if kwargs.get("raw"):
        return  # fixtures being loaded
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed fires before and after; the "post_" one is enough
    if isinstance(sender, type) and hasattr(sender, "_meta") and shows_publicly(sender):
        bump_generation()


def is_anonymous_visit(
    request: HttpRequest, personal_cookies: tuple[str, ...] = (), query: tuple[str, ...] = ()
) -> bool:
    """A GET or HEAD from a visitor with no session or messages cookie, nor any of the view's
    `personal_cookies`: nothing on the page can be theirs alone. Its query string may only hold
    the parameters the view reads (`query`), so that made-up ones cannot fill the cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if any(name not in query for name in request.GET):
        return False
    names = (
        settings.SESSION_COOKIE_NAME,
        getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
        *personal_cookies,
    )
    return not any(name in request.COOKIES for name in names)


def _key(request: HttpRequest) -> str:
    # The same URL is a different page in each language (README "Languages").
    url = f"{get_language()} {request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "heard:public-page:" + hashlib.sha256(url.encode()).hexdigest()


Frozen = tuple[int, bytes, list[tuple[str, str]]]
# (generation, expires at (time.time()), the response's status, content and headers)
Entry = tuple[Any, float, Frozen]


def _freeze(response: HttpResponse) -> Frozen:
    headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
    return response.status_code, response.content, headers


def _thaw(frozen: Frozen) -> HttpResponse:
    status, content, headers = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


class _LocalPages:
    """This process's copy of the pages it served lately and of the generation, so that a hit
    usually costs no trip to the shared cache at all. The generation is read again at most
    `GENERATION_CHECK_SECONDS` after this process last read it; an edit made in this process
    updates it at once, one made in another shows here within that time."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.entries: dict[str, Entry] = {}
        self.lock = threading.Lock()
        self.generation: Any = None
        self.generation_read_at = 0.0

    def recent_generation(self) -> Any:
        if time.monotonic() - self.generation_read_at < GENERATION_CHECK_SECONDS:
            return self.generation
        return None

    def remember_generation(self, generation: Any) -> None:
        self.generation, self.generation_read_at = generation, time.monotonic()

    def get(self, key: str, generation: Any) -> Frozen | None:
        entry = self.entries.get(key)
        if entry is None or entry[0] != generation or entry[1] < time.time():
            return None
        return entry[2]

    def put(self, key: str, entry: Entry) -> None:
        with self.lock:
            if len(self.entries) >= self.size:
                self.entries.pop(next(iter(self.entries)))  # the oldest
            self.entries[key] = entry

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.generation, self.generation_read_at = None, 0.0


local_pages = _LocalPages()


def _cached(key: str, generation: Any) -> Frozen | None:
    frozen = local_pages.get(key, generation)
    if frozen is not None:
        return frozen
    entry = _cache().get(key)
    if entry is None or entry[0] != generation or entry[1] < time.time():
        return None
    local_pages.put(key, entry)
    return entry[2]


def _store(key: str, generation: Any, response: HttpResponse, seconds: int) -> None:
    entry: Entry = (generation, time.time() + seconds, _freeze(response))
    _cache().set(key, entry, seconds)
    local_pages.put(key, entry)


def _punch_csrf(request: HttpRequest, response: HttpResponse) -> None:
    if _PLACEHOLDER_BYTES in response.content:
        response.content = response.content.replace(_PLACEHOLDER_BYTES, get_token(request).encode())


def csrf(request: HttpRequest) -> dict[str, Any]:
    """Context processor, listed after Django's own: while a page is being rendered for the
    cache, its CSRF token is a placeholder that each response fills in."""
    if getattr(request, _HOLE_ATTR, False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def cached_public_page(
    view: Callable[..., HttpResponse] | None = None,
    *,
    finish: Finish | None = None,
    personal_cookies: tuple[str, ...] = (),
    query: tuple[str, ...] = (),
) -> Any:
    """Serve the view from the shared cache to anonymous visitors (see the module docstring).

    Only URLs whose query string holds nothing but the `query` parameters are cached. A visitor
    carrying one of `personal_cookies` gets a freshly rendered page. `finish(request,
    response)` runs on every response, cached or not, for what must differ per visitor (a cookie
    of their own); the view itself must then leave it out."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            seconds = _seconds()
            if seconds <= 0 or not is_anonymous_visit(request, personal_cookies, query):
                response = view(request, *args, **kwargs)
            else:
                generation = _generation()
                key = _key(request)
                frozen = _cached(key, generation)
                if frozen is not None:
                    response = _thaw(frozen)
                else:
                    setattr(request, _HOLE_ATTR, True)
                    response = view(request, *args, **kwargs)
                    setattr(request, _HOLE_ATTR, False)
                    if (
                        response.status_code == 200
                        and not response.streaming
                        and not response.cookies
                        and "private" not in response.get("Cache-Control", "")
                    ):
                        _store(key, generation, response, seconds)
                _punch_csrf(request, response)
            if finish is not None:
                finish(request, response)
            return response

        return wrapper

    return decorator(view) if view is not None else decorator
