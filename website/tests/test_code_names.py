"""The subjects people raised, on the neighbourhood page, in the visitor's language: the shipped
codeframe's names are translated; a code an organisation added or renamed keeps its staff's name."""

from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from insight.codeframes import default_codes
from insight.tests.coding_factories import coded, small_codeframe, text_question
from places.models import AreaLevel
from places.tests.factories import AreaFactory
from website.code_names import SHIPPED, code_name

THIS = date.today().year


def test_every_shipped_code_has_its_english_name_to_translate():
    """A code added to or renamed in the shipped codeframe must be added here too."""
    shipped = {code["id"]: code["label"] for code in default_codes()}
    assert {code: english for code, (english, _) in SHIPPED.items()} == shipped
    assert all(str(words) == english for english, words in SHIPPED.values())


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("cy", "Goryrru a diogelwch ar y ffyrdd"),
        ("ur", "تیز رفتاری اور سڑک کی حفاظت"),
        ("en", "Speeding and road safety"),
    ],
)
def test_the_neighbourhood_page_names_subjects_in_the_visitors_language(police, language, name):
    district = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    ward = AreaFactory(code="E05000829", name="Stretford", parent=district)
    small_codeframe(police)
    question = text_question(police, ward)
    coded(question, "speeding", 12, year=THIS - 1, area=ward)
    coded(question, "speeding", 30, year=THIS, area=ward, month=1)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("public:area_detail", kwargs={"code": ward.code})).content.decode()
    assert f">{name}</th>" in html
    if language != "en":
        assert "Speeding and road safety" not in html


def test_a_name_staff_gave_stays_as_they_wrote_it():
    with translation.override("cy"):
        assert code_name("speeding", "Speeding and road safety") == "Goryrru a diogelwch ar y ffyrdd"
        assert code_name("speeding", "Speeding on the A56") == "Speeding on the A56"
        assert code_name("dog_fouling", "Dog fouling") == "Dog fouling"
