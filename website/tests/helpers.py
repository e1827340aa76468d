"""Helpers shared by the public website's tests."""

from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from django.utils import timezone

from engagement.models import Status
from engagement.tests.factories import ActivityFactory

LONDON = ZoneInfo("Europe/London")
HIDDEN_TITLES = ("DRAFT-5e1d", "UNPUBLISHED-7a2c", "SENSITIVE-3b9f")


def public_activity(**kwargs):
    """A published, OFFICIAL, planned activity (two weeks ahead unless told)."""
    kwargs.setdefault("is_published", True)
    kwargs.setdefault("status", Status.PLANNED)
    return ActivityFactory(**kwargs)


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def soon(days: int = 3, hour: int = 18, minute: int = 30) -> datetime:
    """A UK time `days` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return london(day.year, day.month, day.day, hour, minute)


def window(weeks: int = 5) -> tuple[date, date]:
    """A response window that opened yesterday."""
    today = timezone.localdate()
    return today - timedelta(days=1), today + timedelta(weeks=weeks)


def body(response) -> str:
    content = b"".join(response) if response.streaming else response.content
    return content.decode()


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.jsonld: list[str] = []
        self.forms: list[dict] = []
        self._in_jsonld = False
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")
        elif tag == "form":
            self._form = {"attrs": attrs, "fields": [], "buttons": []}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea"):
            self._form["fields"].append(attrs)
        elif self._form is not None and tag == "button":
            self._form["buttons"].append(attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False
        elif tag == "form":
            self._form = None

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data


def parse_html(html: str) -> _Collector:
    """The page's JSON-LD blocks (as text) and forms (attributes, fields, buttons)."""
    collector = _Collector()
    collector.feed(html)
    return collector
