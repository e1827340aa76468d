"""The public site's statements, linked from every page's footer and shown in every language:
about Heard, the accessibility statement (the form UK public sector bodies publish, after the
GOV.UK model statement), the privacy notice (who the controller is, what Heard keeps about
residents, why, for how long and their rights) and the cookies Heard sets.

What differs between forces comes from settings (README "Languages" and "Running it in
production"): the controller, its address, data protection officer and ICO registration
(`HEARD_CONTROLLER_*`, `HEARD_DPO_EMAIL`, `HEARD_ICO_REGISTRATION`), the contact for another
format (`HEARD_CONTACT_*`), the statement's dates and the retention periods
(`HEARD_RETENTION`, governance/retention_settings.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_safe

from consultations import integrity
from core.page_cache import cached_public_page
from governance import retention_settings


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lasts: str


def _days(seconds: int) -> str:
    days = max(1, round(seconds / 86400))
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}


def _months(months: int) -> str:
    return ngettext("%(months)s month", "%(months)s months", months) % {"months": months}


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def controller() -> dict[str, Any]:
    """Who is responsible for residents' data and how to reach them, from settings."""
    # Names and numbers set in settings are usually English inside a sentence in any language:
    # <bdi> keeps them whole and in their own direction on a right-to-left page.
    return {
        "name": format_html("<bdi>{}</bdi>", settings.HEARD_CONTROLLER_NAME),
        "address": format_html("<bdi>{}</bdi>", settings.HEARD_CONTROLLER_ADDRESS),
        "dpo_email": settings.HEARD_DPO_EMAIL,
        "ico_registration": format_html("<bdi>{}</bdi>", settings.HEARD_ICO_REGISTRATION),
        "contact_email": settings.HEARD_CONTACT_EMAIL,
        "contact_phone": settings.HEARD_CONTACT_PHONE,
    }


def retention() -> dict[str, str | None]:
    """How long each kind of residents' record is kept before review, in words: record type ->
    "36 months", or None when that type is not reviewed."""
    return {
        key: (_months(policy.months) if policy is not None else None)
        for key, policy in retention_settings.policies().items()
    }


def cookies() -> list[Cookie]:
    """Every cookie Heard may set, with its name from settings; none is for tracking."""
    session_seconds = int(settings.SESSION_COOKIE_AGE)
    return [
        Cookie(
            settings.LANGUAGE_COOKIE_NAME,
            gettext("Remembers the language you chose for this website."),
            _days(int(settings.LANGUAGE_COOKIE_AGE or 0)),
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            gettext("Protects the forms you send from being sent by another website in your name."),
            _days(int(settings.CSRF_COOKIE_AGE or 0)),
        ),
        Cookie(
            integrity.BROWSER_COOKIE,
            gettext(
                "Set when you start a consultation: a random number that lets each browser answer "
                "a consultation once. It says nothing about who you are."
            ),
            _days(integrity.BROWSER_COOKIE_AGE),
        ),
        Cookie(
            settings.SESSION_COOKIE_NAME,
            gettext("Keeps your answers while you fill in a consultation, and keeps staff signed in."),
            _days(session_seconds),
        ),
        Cookie(
            getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
            gettext("Shows a message on the next page, for example that your response was sent."),
            gettext("Until the message is shown"),
        ),
    ]


def _page(template: str, extra: Callable[[], dict[str, Any]] | None = None) -> Any:
    @require_safe
    @cached_public_page
    def view(request: HttpRequest) -> HttpResponse:
        context = {"controller": controller(), **(extra() if extra is not None else {})}
        return render(request, template, context)

    return view


about = _page("website/legal/about.html")
accessibility = _page(
    "website/legal/accessibility.html",
    lambda: {
        "prepared": _date(settings.HEARD_ACCESSIBILITY_PREPARED),
        "reviewed": _date(settings.HEARD_ACCESSIBILITY_REVIEWED),
    },
)
privacy = _page("website/legal/privacy.html", lambda: {"retention": retention()})
cookies_page = _page("website/legal/cookies.html", lambda: {"cookies": cookies()})
