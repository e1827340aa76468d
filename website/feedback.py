"""The public "You said, we did" pages: per neighbourhood (an area's page) and per activity,
each with an RSS and an Atom feed (Django's syndication framework), and the one-click
unsubscribe from the personal e-mail updates (RFC 8058).

Everything shown is read through feedback_selectors.py (the public door): published OFFICIAL
feedback of public activities, with the trail finding > decision > action > result in plain
words and residents' details taken out. An id or code naming nothing public is a 404."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from consultations.updates import BadToken, token_responses, updates_unsubscribe
from core.page_cache import cached_public_page
from engagement.models import Activity
from outcomes.loop_public import PublicFeedback
from places.models import Area

from . import feedback_selectors as door
from . import selectors
from .selectors import LONDON


def _area_or_404(code: str) -> Area:
    area = selectors.public_area(code)
    if area is None:
        raise Http404("No such area")
    return area


def _activity_or_404(pk: Any) -> Activity:
    activity = door.public_activity(pk)
    if activity is None:
        raise Http404("No such activity")
    return activity


def _feeds(request: HttpRequest, rss: str, atom: str, **kwargs: Any) -> dict[str, str]:
    return {
        "rss_url": request.build_absolute_uri(reverse(rss, kwargs=kwargs)),
        "atom_url": request.build_absolute_uri(reverse(atom, kwargs=kwargs)),
    }


@require_safe
@cached_public_page
def area_feedback(request: HttpRequest, code: str) -> HttpResponse:
    area = _area_or_404(code)
    if area.code != code:
        return redirect("public:feedback_area", code=area.code)
    context = {
        "area": area,
        "items": door.feedback_in_area(area),
        **_feeds(request, "public:feedback_area_rss", "public:feedback_area_atom", code=area.code),
    }
    return render(request, "website/feedback_area.html", context)


@require_safe
@cached_public_page
def activity_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(pk)
    context = {
        "activity": activity,
        "items": door.feedback_of_activity(activity),
        **_feeds(request, "public:feedback_event_rss", "public:feedback_event_atom", pk=activity.pk),
    }
    return render(request, "website/feedback_event.html", context)


def _published_at(day: date | None) -> datetime | None:
    return datetime.combine(day, time(9), tzinfo=LONDON) if day else None


class _FeedbackFeed(Feed):
    """What the feeds of both kinds share: one item per published feedback, described by its
    trail (website/feeds/feedback_item.html)."""

    description_template = "website/feeds/feedback_item.html"

    def item_title(self, item: PublicFeedback) -> str:
        return item.title

    def item_link(self, item: PublicFeedback) -> str:
        return reverse("public:feedback_event", kwargs={"pk": item.activity_pk}) + f"#feedback-{item.pk}"

    def item_pubdate(self, item: PublicFeedback) -> datetime | None:
        return _published_at(item.published_on)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["shaped"] = kwargs.get("item")
        return context


class AreaFeedbackRss(_FeedbackFeed):
    def get_object(self, request: HttpRequest, code: str) -> Area:
        return _area_or_404(code)

    def title(self, area: Area) -> str:
        return gettext("You said, we did: %(name)s") % {"name": area.name}

    def link(self, area: Area) -> str:
        return reverse("public:feedback_area", kwargs={"code": area.code})

    def description(self, area: Area) -> str:
        return gettext("What people in %(area)s told us, what was decided and what was done about it.") % {
            "area": area.name
        }

    def items(self, area: Area) -> list[PublicFeedback]:
        return door.feedback_in_area(area)


class AreaFeedbackAtom(AreaFeedbackRss):
    feed_type = Atom1Feed

    def subtitle(self, area: Area) -> str:
        return self.description(area)


class ActivityFeedbackRss(_FeedbackFeed):
    def get_object(self, request: HttpRequest, pk: int) -> Activity:
        return _activity_or_404(pk)

    def title(self, activity: Activity) -> str:
        return gettext("You said, we did: %(name)s") % {"name": activity.title}

    def link(self, activity: Activity) -> str:
        return reverse("public:feedback_event", kwargs={"pk": activity.pk})

    def description(self, activity: Activity) -> str:
        return gettext(
            "What people told us at “%(activity)s”, what was decided and what was done about it."
        ) % {"activity": activity.title}

    def items(self, activity: Activity) -> list[PublicFeedback]:
        return door.feedback_of_activity(activity)


class ActivityFeedbackAtom(ActivityFeedbackRss):
    feed_type = Atom1Feed

    def subtitle(self, activity: Activity) -> str:
        return self.description(activity)


area_feedback_rss = require_safe(cached_public_page(AreaFeedbackRss()))
area_feedback_atom = require_safe(cached_public_page(AreaFeedbackAtom()))
activity_feedback_rss = require_safe(cached_public_page(ActivityFeedbackRss()))
activity_feedback_atom = require_safe(cached_public_page(ActivityFeedbackAtom()))


@csrf_exempt  # RFC 8058: mail programs POST here with no cookie; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (link checkers follow links, so a GET changes nothing); POST (the
    page's button, or a mail program's one-click unsubscribe) stops the updates."""
    try:
        token_responses(token)
    except BadToken:
        raise Http404("No such link") from None
    done = False
    if request.method == "POST":
        updates_unsubscribe(token=token)
        done = True
    response = render(request, "website/unsubscribe.html", {"done": done})
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    return response
