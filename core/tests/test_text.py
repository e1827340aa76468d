"""Stored text never holds control, bidi-override or lone surrogate characters."""

from core.text import clean, clean_line, has_unsafe
from engagement.tests.factories import ActivityFactory
from places.models import Area
from places.tests.factories import AreaFactory


def test_clean_keeps_ordinary_text_and_line_breaks():
    text = "Café on the High Street\n\nOpen 9–5\tdaily — “all welcome” 😀"
    assert clean(text) == text and not has_unsafe(text)


def test_clean_strips_controls_bidi_overrides_and_surrogates():
    assert clean("a\x00b\x07c\x0bd\x1be\x7ff\x85g") == "abcdefg"
    assert clean("evil\u202etxt.exe\u2066x\u2069") == "eviltxt.exex"
    assert clean("half \ud800 a pair") == "half  a pair"


def test_clean_line_puts_text_on_one_line():
    assert clean_line("  Speed\u202eing\r\n\tcars  ") == "Speeding cars"


def test_saving_any_model_strips_unsafe_characters(db):
    activity = ActivityFactory(title="Street\x0b surgery\u202e", summary="Line one\n\nLine two\x00")
    activity.refresh_from_db()
    assert activity.title == "Street surgery" and activity.summary == "Line one\n\nLine two"
    area = AreaFactory(name="Ward\x07 1")
    assert Area.objects.get(pk=area.pk).name == "Ward 1"
