""" "You said, we did" in the visitor's language once staff have translated it (README
"Translating what staff write"): translated words are the page's own; the rest English, marked
lang="en", with a note."""

import pytest
from django.urls import reverse

from core.content_languages import set_translation
from core.tests.helpers import content
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403

WORDS = "Slow the traffic outside the school"


@pytest.fixture
def trail(consultation):
    return make_trail(consultation, text=WORDS, title="Speeding near the school")


def _welsh_page(client, settings, consultation):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    return content(client.get(reverse("public:feedback_event", kwargs={"pk": consultation.pk}))).decode()


def test_translated_feedback_reads_in_welsh(client, settings, trail, consultation):
    feedback = trail.feedback
    set_translation(feedback, "title", "cy", "Goryrru ger yr ysgol")
    set_translation(feedback, "statement", "cy", "Rydym wedi gosod twmpathau cyflymder.")
    feedback.save()
    page = _welsh_page(client, settings, consultation)
    assert ">Goryrru ger yr ysgol<" in page and "Rydym wedi gosod twmpathau cyflymder." in page
    assert 'lang="en">Goryrru' not in page
    # The decision was not translated: English, marked as such.
    assert f'<span dir="auto" lang="en">{WORDS}</span>' in page


def test_untranslated_feedback_is_english_with_a_note(client, settings, trail, consultation):
    page = _welsh_page(client, settings, consultation)
    assert "heard-untranslated" in page
    assert '<span dir="auto" lang="en">Speeding near the school</span>' in page
