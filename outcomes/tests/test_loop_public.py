"""The public "You said, we did" pages and feeds: the trail finding > decision > action > result
in plain words, per neighbourhood and per activity, only published OFFICIAL feedback of public
activities, residents' details taken out, and the neighbourhood page no longer "coming soon"."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from core import page_cache
from core.tests.helpers import content
from engagement.tests.factories import ActivityFactory
from governance.models import Marking
from outcomes.models import ActionStatus, Decision, Feedback
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403

ATOM = "{http://www.w3.org/2005/Atom}"
PLANTED = "Speeding outside 14 Elm Street, ring Dave Smith on 07700 900123"


@pytest.fixture
def published(consultation):
    return make_trail(
        consultation, text="Slow the traffic outside the school", title="Speeding near the school"
    )


def _text(client, name, **kwargs):
    return content(client.get(reverse(name, kwargs=kwargs))).decode()


def test_the_trail_in_plain_words_on_the_activitys_page(client, published, consultation):
    page = _text(client, "public:feedback_event", pk=consultation.pk)
    for words in (
        "You said",
        "We decided",
        "What we are doing",
        "Speeding near the school",
        "Not started yet, due by",
    ):
        assert words in page, words
    assert "Neighbourhood tasking meeting" in page  # the body that decided
    assert "Chief Inspector Jo Example" not in page  # not the person


def test_the_trails_own_words_follow_the_language(client, published, consultation, settings):
    """The words Heard adds to the trail (how each action is going, what else was weighed) are
    in the visitor's language; what staff wrote stays as they wrote it."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = _text(client, "public:feedback_event", pk=consultation.pk)
    assert "Heb ddechrau eto, i’w gwblhau erbyn" in page and "Cost, budd ac effeithiolrwydd" in page
    assert "Not started yet, due by" not in page and "Cost, benefit and effectiveness" not in page
    assert "Speeding near the school" in page


def test_the_neighbourhood_page_and_its_own_page(client, published, ward, district):
    section = _text(client, "public:area_detail", code=ward.code)
    assert "Coming soon" not in section and "Speeding near the school" in section
    assert reverse("public:feedback_area_rss", kwargs={"code": ward.code}) in section
    assert "Speeding near the school" in _text(client, "public:feedback_area", code=ward.code)
    assert "Speeding near the school" in _text(
        client, "public:feedback_area", code=district.code
    )  # and above


def test_the_feeds(client, published, consultation, ward):
    feed_url = reverse("public:feedback_area_rss", kwargs={"code": ward.code})
    rss = ET.fromstring(content(client.get(feed_url)))  # noqa: S314 - Heard's own feed
    items = rss.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["Speeding near the school"]
    assert (
        items[0]
        .findtext("link")
        .endswith(f"/events/{consultation.pk}/you-said-we-did/#feedback-{published.feedback.pk}")
    )
    assert "We decided" in items[0].findtext("description")
    atom = client.get(reverse("public:feedback_event_atom", kwargs={"pk": consultation.pk}))
    assert atom["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(content(atom))  # noqa: S314 - Heard's own feed
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Speeding near the school"]


def test_nothing_sensitive_or_unpublished_is_public(client, consultation, police, ward):
    draft = make_trail(consultation, text="DRAFT-WORDS", title="DRAFT-TITLE", published=False)
    shown = make_trail(consultation, text="SHOWN-WORDS", title="SHOWN-TITLE")
    Decision.objects.filter(pk=shown.decision.pk).update(
        marking=Marking.OFFICIAL_SENSITIVE, summary="SECRET-DECISION"
    )
    secret = ActivityFactory(
        lead_organisation=police, areas=[ward], is_published=True, marking=Marking.OFFICIAL_SENSITIVE
    )
    make_trail(secret, text="SECRET-ACTIVITY", title="SECRET-FEEDBACK", marking=Marking.OFFICIAL)
    hidden = ActivityFactory(lead_organisation=police, areas=[ward], is_published=False)
    make_trail(hidden, text="UNPUBLISHED-ACTIVITY", title="UNPUBLISHED-FEEDBACK")
    pages = [
        _text(client, name, code=ward.code)
        for name in (
            "public:area_detail",
            "public:feedback_area",
            "public:feedback_area_rss",
            "public:feedback_area_atom",
        )
    ] + [_text(client, "public:feedback_event", pk=consultation.pk)]
    for page in pages:
        assert "SHOWN-TITLE" in page
        for hidden_words in (
            "DRAFT-WORDS",
            "DRAFT-TITLE",
            "SECRET-DECISION",
            "SECRET-ACTIVITY",
            "SECRET-FEEDBACK",
        ):
            assert hidden_words not in page
        assert "UNPUBLISHED-FEEDBACK" not in page
    assert draft.feedback.pk not in Feedback.public_objects.values_list("pk", flat=True)
    for activity in (secret, hidden):
        assert client.get(reverse("public:feedback_event", kwargs={"pk": activity.pk})).status_code == 404


def test_residents_details_never_reach_the_public(client, consultation, ward):
    make_trail(consultation, text=PLANTED, title="Speeding")
    for page in (
        _text(client, "public:feedback_event", pk=consultation.pk),
        _text(client, "public:area_detail", code=ward.code),
    ):
        for value in ("14 Elm Street", "Dave Smith", "07700 900123"):
            assert value not in page
        assert "Speeding outside" in page


def test_a_change_shows_at_once_despite_the_page_cache(client, published, consultation, settings):
    settings.HEARD_PUBLIC_PAGE_CACHE_SECONDS = 60
    page_cache.local_pages.clear()
    url = reverse("public:feedback_event", kwargs={"pk": consultation.pk})
    assert "Not started yet" in content(client.get(url)).decode()
    published.action.status = ActionStatus.DONE
    published.action.save()
    assert (
        "Done" in content(client.get(url)).decode()
        and "Not started yet" not in content(client.get(url)).decode()
    )


def test_odd_codes_and_ids_are_not_found(client):
    for url in (
        "/areas/NOPE%00/you-said-we-did/",
        "/areas/E99999999/you-said-we-did/rss.xml",
        "/events/99999999999999999999/you-said-we-did/",
    ):
        assert Client().get(url).status_code == 404, url
