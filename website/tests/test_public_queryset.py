"""One public queryset: drafts, unpublished and OFFICIAL-SENSITIVE activities never appear
on any public page or feed, whoever asks, and their own pages are 404s. Every URL of the
public site is walked, so a new page must join the walk."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

import website
from engagement.models import Status
from engagement.tests.factories import ActivityFactory
from governance.models import Marking
from organisations.models import Role
from organisations.tests.factories import UserFactory

from .helpers import HIDDEN_TITLES, body, public_activity, soon


def public_url_names() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "public":
                yield f"public:{pattern.name}"

    return set(walk(get_resolver().url_patterns))


@pytest.fixture
def scene(places, hidden, young_people):
    """A visible activity beside the hidden ones, and hidden ones in the past too."""
    visible = public_activity(
        title="VISIBLE-PACT", areas=[places.altrincham], starts_at=soon(2), audiences=[young_people]
    )
    past = []
    for activity in hidden:
        past.append(
            ActivityFactory(
                title=activity.title + "-PAST",
                status=activity.status if activity.status == Status.DRAFT else Status.CLOSED,
                is_published=activity.is_published,
                marking=activity.marking,
                areas=[places.altrincham],
                starts_at=soon(-5),
                contact_name="HIDDEN-CONTACT",
            )
        )
    return {"visible": visible, "hidden": hidden + past}


def urls(visible) -> dict[str, list[str]]:
    month = timezone.localdate() + timedelta(days=2)
    past_month = timezone.localdate() - timedelta(days=5)
    months = [
        reverse("public:calendar_month", kwargs={"year": month.year, "month": month.month}),
        reverse("public:calendar_month", kwargs={"year": past_month.year, "month": past_month.month}),
    ]
    return {
        "public:home": [reverse("public:home"), reverse("public:home") + "?postcode=nonsense"],
        "public:area_list": [reverse("public:area_list")],
        "public:area_detail": [
            reverse("public:area_detail", kwargs={"code": code})
            for code in ("E05000819", "E08000009", "E23000005")
        ],
        "public:area_feed": [
            reverse("public:area_feed", kwargs={"code": code})
            for code in ("E05000819", "E08000009", "E23000005")
        ],
        "public:audience_feed": [reverse("public:audience_feed", kwargs={"slug": "young-people"})],
        "public:calendar": [
            reverse("public:calendar") + query
            for query in (
                "",
                "?when=past",
                "?area=E05000819",
                "?audience=young-people",
                "?area=E05000819&when=past",
            )
        ],
        "public:calendar_this_month": [reverse("public:calendar_this_month")],
        "public:calendar_month": months + [m + "?area=E05000819" for m in months],
        "public:calendar_feed": [reverse("public:calendar_feed")],
        "public:event_detail": [reverse("public:event_detail", kwargs={"pk": visible.pk})],
        "public:event_feed": [reverse("public:event_feed", kwargs={"pk": visible.pk})],
    }


def clients(police) -> list[Client]:
    """Anonymous, and a signed-in officer of the organisation that owns the hidden records:
    the public site shows the same to both."""
    officer = Client()
    officer.force_login(UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER]))
    return [Client(), officer]


def test_every_public_url_is_walked(db):
    assert public_url_names() == set(urls(ActivityFactory.build(pk=1)))


def test_hidden_activities_appear_on_no_public_page_or_feed(scene, police):
    for activity in scene["hidden"]:
        activity.lead_organisation = police
        activity.save()
    walked = 0
    for client in clients(police):
        for name, paths in urls(scene["visible"]).items():
            for path in paths:
                response = client.get(path, follow=True)
                assert response.status_code == 200, f"{name} {path}: {response.status_code}"
                content = body(response)
                for title in HIDDEN_TITLES:
                    assert title not in content, f"{path} shows {title}"
                assert "HIDDEN-CONTACT" not in content, path
                walked += 1
    assert walked >= 2 * 20
    # The pages did show something: the walk is not vacuous.
    assert "VISIBLE-PACT" in body(Client().get(reverse("public:calendar")))
    assert b"VISIBLE-PACT" in Client().get(reverse("public:calendar_feed")).content


def test_hidden_activities_own_pages_are_not_found(scene, police):
    for client in clients(police):
        for activity in scene["hidden"]:
            for name in ("public:event_detail", "public:event_feed"):
                response = client.get(reverse(name, kwargs={"pk": activity.pk}))
                assert response.status_code == 404, f"{name} shows {activity.title}"


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({}, True),
        ({"status": Status.DRAFT}, False),
        ({"is_published": False}, False),
        ({"marking": Marking.OFFICIAL_SENSITIVE}, False),
        ({"status": Status.CANCELLED}, True),
    ],
)
def test_unpublishing_takes_an_activity_off_every_page(client, places, changes, shown):
    activity = public_activity(title="TOGGLE-91", areas=[places.altrincham], starts_at=soon(2))
    for field, value in changes.items():
        setattr(activity, field, value)
    activity.save()
    for path in (
        reverse("public:calendar"),
        reverse("public:area_detail", kwargs={"code": "E05000819"}),
        reverse("public:calendar_feed"),
        reverse("public:home"),
    ):
        assert (b"TOGGLE-91" in client.get(path).content) is shown, path
    status = client.get(reverse("public:event_detail", kwargs={"pk": activity.pk})).status_code
    assert status == (200 if shown else 404)


def test_public_code_reads_activities_only_through_the_public_queryset():
    """The one public queryset: `Activity.private_objects` is read once, as `.public()`, in queries.py."""
    root = Path(website.__file__).parent
    sources = [p for p in root.rglob("*.py") if "tests" not in p.parts]
    assert len(sources) >= 6
    for path in sources:
        text = path.read_text(encoding="utf-8")
        if path.name == "queries.py" and path.parent == root:
            assert "Activity.public_objects" in text and "private_objects" not in text
        else:
            assert "Activity.private_objects" not in text, path
            assert "_default_manager" not in text and "ActivityQuerySet(" not in text, path
