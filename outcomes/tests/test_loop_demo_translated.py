"""The demo's "You said, we did" in Welsh (outcomes/demo_translations.py): a visitor who reads
the site in Welsh reads the first published feedback, what people said, what was decided and
what was done, in Welsh; loading it again changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from core.content_languages import translation_of
from core.tests.helpers import content
from heard.demo import demo_load
from organisations.models import Organisation, User
from outcomes.demo_loop import demo_load_loop
from outcomes.demo_translations import TITLE, demo_load_feedback_translations
from outcomes.models import Feedback, FeedbackState

from .loop_fixtures import *  # noqa: F403


@pytest.mark.django_db
def test_a_welsh_visitor_reads_the_demos_feedback_in_welsh(settings):
    demo_load(parts=False)
    users = {u.username: u for u in User.objects.filter(username__in=["officer", "analyst"])}
    council = Organisation.objects.get(slug="trafford-council")
    demo_load_loop(officer=users["officer"], analyst=users["analyst"], partner=council)
    assert demo_load_feedback_translations(officer=users["officer"]) >= 6
    assert demo_load_feedback_translations(officer=users["officer"]) == 0
    feedback = Feedback.objects.filter(state=FeedbackState.PUBLISHED).order_by("pk").first()
    assert translation_of(feedback, "title", "cy") == TITLE
    decision = feedback.decisions.get()
    assert translation_of(decision, "summary", "cy")
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = content(
        visitor.get(reverse("public:feedback_event", kwargs={"pk": feedback.activity_id}))
    ).decode()
    assert f">{TITLE}</h2>" in page
    assert translation_of(decision, "summary", "cy") in page
    assert "Cynhaliwyd pedwar gwiriad" in page
    assert "Diolch i bawb a gymerodd ran." in page
    assert "Cytunodd y cyngor a’r gymdeithas dai yn y cyfarfod partneriaeth." in page  # what was weighed
    assert "no extra cost" not in page
