"""The public website: no login, server-rendered, every form a plain GET form.

Everything these pages show is read through `selectors` (the public reading door): drafts,
unpublished and OFFICIAL-SENSITIVE activities never appear. An id or code in a URL that names
nothing public is a 404, never a 500. The calendar feeds are in feeds.py."""

from __future__ import annotations

import calendar as pycalendar
from datetime import date, datetime
from functools import cache
from typing import Any

from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_safe

from consultations.suppression import threshold as suppress_below
from core.page_cache import cached_public_page
from core.shortcuts import get_or_404
from engagement.access import BY_CODE, FORMAT_PHRASES
from engagement.models import Activity, ActivityQuerySet, Status
from engagement.reference_names import reference_name
from places.models import Area, AreaLevel

from . import jsonld, selectors
from .forms import CalendarFilterForm, NeighbourhoodForm, PostcodeForm
from .selectors import LONDON

PAGE_SIZE = 20
AREA_PAGE_LIMIT = 10
MIN_YEAR, MAX_YEAR = 2000, 2100
# What the calendar reads from the URL.
FILTERS = ("area", "audience", "method", "language", "access_format", "when", "page")
FAVICON = "heard/favicon.svg"
FAVICON_MAX_AGE = 24 * 60 * 60


# --- find your area ------------------------------------------------------------------------


@require_safe
@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    """The home page; its two GET forms find the visitor's neighbourhood: by postcode
    (`?postcode=`) or from a list (`?area=`). Success redirects to the neighbourhood page;
    a problem shows the page again with an error summary."""
    postcode_form = PostcodeForm(request.GET if "postcode" in request.GET else None)
    area_form = NeighbourhoodForm(request.GET if "area" in request.GET else None)
    submitted: PostcodeForm | NeighbourhoodForm | None = None
    if postcode_form.is_bound:
        submitted = postcode_form
        if postcode_form.is_valid() and postcode_form.area is not None:
            return redirect("public:area_detail", code=postcode_form.area.code)
    elif area_form.is_bound:
        submitted = area_form
        if area_form.is_valid():
            return redirect("public:area_detail", code=area_form.cleaned_data["area"])
    public = selectors.public_activities()
    coming_up = list(selectors.upcoming(public)[:5])
    consultations = list(selectors.open_consultations(public)[:5])
    context = {
        "form": submitted,
        "postcode_form": postcode_form,
        "area_form": area_form,
        "coming_up": coming_up,
        "consultations": consultations,
    }
    return render(request, "website/home.html", context)


@require_safe
@cached_public_page
def area_list(request: HttpRequest) -> HttpResponse:
    """Every neighbourhood as a link, by district: the pick-list without a form."""
    return render(
        request,
        "website/area_list.html",
        {"groups": selectors.neighbourhoods_by_district(), "districts": selectors.districts()},
    )


def _area_or_404(code: str) -> Area:
    area = selectors.public_area(code)
    if area is None:
        raise Http404("No such area")
    return area


def _joined(areas: list[Area], word: str) -> str:
    """The areas above, widest last: "Trafford and Greater Manchester Police"."""
    return f" {word} ".join(area.name for area in reversed(areas))


@require_safe
@cached_public_page
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = _area_or_404(code)
    if area.code != code:
        return redirect("public:area_detail", code=area.code)
    now = timezone.now()
    public = selectors.public_activities()
    above = selectors.ancestors(area)
    local_qs = selectors.upcoming(public.in_area(area), now)
    local = list(local_qs[:AREA_PAGE_LIMIT])
    local_total = local_qs.count() if len(local) == AREA_PAGE_LIMIT else len(local)
    wider: list[Activity] = []
    if above:
        wider_qs = selectors.upcoming(selectors.covering(public, [a.pk for a in above]), now).exclude(
            pk__in=public.in_area(area).values("pk")
        )
        wider = list(wider_qs[:AREA_PAGE_LIMIT])
    consultations = list(selectors.open_consultations(selectors.in_or_covering(public, area, above)))
    children = selectors.public_children(area)
    context = {
        "area": area,
        "above": above,
        # "Across Trafford and Greater Manchester Police", "the whole of Trafford or …".
        "above_and": _joined(above, gettext("and")),
        "above_or": _joined(above, gettext("or")),
        "district": next((a for a in reversed(above) if a.level == AreaLevel.DISTRICT), None),
        "force": next((a for a in above if a.level == AreaLevel.FORCE), None),
        "local": selectors.by_local_date(local),
        "local_count": len(local),
        "local_total": local_total,
        "wider": selectors.by_local_date(wider),
        "wider_count": len(wider),
        "consultations": consultations,
        "contacts": selectors.named_contacts(consultations + local + wider),
        "children": children,
        "feed_url": request.build_absolute_uri(reverse("public:area_feed", kwargs={"code": area.code})),
        "priorities": selectors.latest_public_priorities(area),
        "codes": selectors.public_policing_codes(area),
        "below": suppress_below(),
    }
    return render(request, "website/area_detail.html", context)


# --- the calendar ---------------------------------------------------------------------------


def _filtered(request: HttpRequest, form: CalendarFilterForm) -> tuple[ActivityQuerySet, dict[str, Any]]:
    """The public activities that pass the valid filters, and what was chosen (for headings
    and the matching feed). Invalid values are left out; the form shows their errors."""
    form.is_valid()
    queryset = selectors.public_activities()
    chosen: dict[str, Any] = {}
    if code := form.value("area"):
        area = selectors.public_area(code)
        if area is not None:
            queryset = queryset.in_area(area)
            chosen["area"] = area
    if slug := form.value("audience"):
        audience = selectors.active_audience(slug)
        if audience is not None:
            queryset = queryset.filter(audiences=audience)
            chosen["audience"] = audience
    if slug := form.value("method"):
        method = selectors.method(slug)
        if method is not None:
            queryset = queryset.filter(method=method)
            chosen["method"] = method
    if code := form.value("language"):
        queryset = queryset.offering(language=code)
        chosen["language"] = BY_CODE[code]
    if code := form.value("access_format"):
        queryset = queryset.offering(access_format=code)
        chosen["access_format"] = FORMAT_PHRASES[code]
    return queryset, chosen


def _in_area(chosen: dict[str, Any]) -> str:
    return gettext("in %(area)s") % {"area": chosen["area"].name}


def _for_audience(chosen: dict[str, Any]) -> str:
    return gettext("for %(audience)s") % {"audience": reference_name(chosen["audience"].name, lower=True)}


def chosen_words(chosen: dict[str, Any]) -> str:
    """What the filters chose, in the page's language, as words that follow "3 upcoming events":
    " in Trafford for young people (street briefing) in Urdu with a hearing loop"."""
    words = []
    if "area" in chosen:
        words.append(_in_area(chosen))
    if "audience" in chosen:
        words.append(_for_audience(chosen))
    if "method" in chosen:
        words.append(f"({reference_name(chosen['method'].name, lower=True)})")
    if "language" in chosen:
        name = chosen["language"].local_name
        words.append(pgettext("events held in a language", "in %(language)s") % {"language": name})
    if "access_format" in chosen:
        words.append(gettext("with %(format)s") % {"format": chosen["access_format"]})
    return "".join(" " + word for word in words)


def _feed_links(request: HttpRequest, chosen: dict[str, Any]) -> dict[str, str]:
    """The feed that best matches the filters: the area's, else the audience's, else all."""
    if "area" in chosen:
        path = reverse("public:area_feed", kwargs={"code": chosen["area"].code})
        label = " " + _in_area(chosen)
    elif "audience" in chosen:
        path = reverse("public:audience_feed", kwargs={"slug": chosen["audience"].slug})
        label = " " + _for_audience(chosen)
    else:
        path, label = reverse("public:calendar_feed"), ""
    return {
        "feed_url": request.build_absolute_uri(path),
        "feed_label": label,
        "chosen_text": chosen_words(chosen),
    }


def _filter_query(request: HttpRequest, *drop: str) -> str:
    query = request.GET.copy()
    for name in ("page", *drop):
        query.pop(name, None)
    return query.urlencode()


@require_safe
@cached_public_page(query=FILTERS)
def calendar_list(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    if not data.get("when"):
        data["when"] = "upcoming"
    form = CalendarFilterForm(data)
    queryset, chosen = _filtered(request, form)
    when = form.value("when") or "upcoming"
    now = timezone.now()
    queryset = selectors.past(queryset, now) if when == "past" else selectors.upcoming(queryset, now)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate(timezone=LONDON)
    context = {
        "form": form,
        "chosen": chosen,
        "when": when,
        "page_obj": page,
        "days": selectors.by_local_date(list(page.object_list)),
        **_feed_links(request, chosen),
        "query": _filter_query(request, "when"),
        "month_url": reverse("public:calendar_month", kwargs={"year": today.year, "month": today.month}),
    }
    return render(request, "website/calendar_list.html", context)


def _month_or_404(year: int, month: int) -> date:
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise Http404("No such month")
    return date(year, month, 1)


def _shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@require_safe
@cached_public_page(query=FILTERS)
def calendar_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    first = _month_or_404(year, month)
    form = CalendarFilterForm(request.GET, month_view=True)
    queryset, chosen = _filtered(request, form)
    following = _shift_month(first, 1)
    start = datetime(first.year, first.month, 1, tzinfo=LONDON)
    end = datetime(following.year, following.month, 1, tzinfo=LONDON)
    activities = list(queryset.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at", "id"))
    days = selectors.by_local_date(activities)
    by_day = dict(days)
    today = timezone.localdate(timezone=LONDON)
    weeks = [
        [{"date": d, "in_month": d.month == month, "events": by_day.get(d, [])} for d in week]
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous = _shift_month(first, -1)
    query = _filter_query(request)
    context = {
        "form": form,
        "chosen": chosen,
        "month": first,
        "weeks": weeks,
        "weekdays": [(WEEKDAYS_ABBR[i], WEEKDAYS[i]) for i in range(7)],  # in the page's language
        "days": days,
        "count": len(activities),
        "today": today,
        "previous": previous if previous.year >= MIN_YEAR else None,
        "next": following if following.year <= MAX_YEAR else None,
        "query": query,
        **_feed_links(request, chosen),
        "list_url": reverse("public:calendar"),
    }
    return render(request, "website/calendar_month.html", context)


@require_safe
def calendar_month_redirect(request: HttpRequest) -> HttpResponse:
    """`/calendar/month/` goes to this month, keeping the filters."""
    today = timezone.localdate(timezone=LONDON)
    url = reverse("public:calendar_month", kwargs={"year": today.year, "month": today.month})
    query = request.GET.urlencode()
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


# --- events ---------------------------------------------------------------------------------


def take_part_url_for(activity: Activity) -> str | None:
    """Where to take part online, or None (the page then gives the named contact)."""
    questionnaire = selectors.take_part_questionnaire(activity)
    return reverse("consult:start", kwargs={"pk": questionnaire.pk}) if questionnaire else None


@require_safe
@cached_public_page
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_or_404(selectors.public_events_in_full(), pk)
    url = request.build_absolute_uri(reverse("public:event_detail", kwargs={"pk": activity.pk}))
    take_part_url = take_part_url_for(activity)
    now = timezone.now()
    today = timezone.localdate(timezone=LONDON)
    areas = list(activity.areas.all())
    context = {
        "activity": activity,
        "areas": areas,
        "audiences": list(activity.audiences.all()),
        "aims": list(activity.aims.all()),
        "partners": list(activity.partners.all()),
        "ends_at": selectors.activity_end(activity),
        "has_end": activity.ends_at is not None,
        "same_day": timezone.localtime(selectors.activity_end(activity), LONDON).date()
        == timezone.localtime(activity.starts_at, LONDON).date(),
        "is_cancelled": activity.status == Status.CANCELLED,
        "is_past": selectors.is_past(activity, now),
        "is_consultation": bool(activity.consultation_kind),
        "consultation_open": selectors.is_open_consultation(activity, today),
        "consultation_not_yet_open": bool(
            activity.consultation_kind and activity.response_opens and activity.response_opens > today
        ),
        "take_part_url": take_part_url,
        "jsonld": jsonld.script_tag(jsonld.event_data(activity, url=url, take_part_url=take_part_url)),
        "ics_url": reverse("public:event_feed", kwargs={"pk": activity.pk}),
    }
    return render(request, "website/event_detail.html", context)


# --- the icon ------------------------------------------------------------------------------


@cache
def _favicon_svg() -> bytes:
    found = finders.find(FAVICON)
    if not isinstance(found, str):
        raise Http404("No icon")
    with open(found, "rb") as icon:
        return icon.read()


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """`/favicon.ico`, which browsers and feed readers ask for whatever a page links to:
    Heard's SVG icon (the one base.html links), cacheable for a day."""
    response = HttpResponse(_favicon_svg(), content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=FAVICON_MAX_AGE)
    return response
