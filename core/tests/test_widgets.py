"""QuickSelect must draw exactly what Django's own Select draws, only faster."""

from django import forms
from django.test import SimpleTestCase

from core.widgets import QuickSelect

CHOICES = [
    ("", "Everywhere"),
    ("E08000009", "Trafford"),
    ("E05000819", 'Altrincham & "Timperley" <north>'),
    ("Neighbourhoods", [("E05000820", "Ashton upon Mersey"), ("E05000821", "Bowdon")]),
]


class QuickSelectTests(SimpleTestCase):
    def assert_same(self, value: object, attrs: dict[str, object] | None = None) -> None:
        django_html = forms.Select(choices=CHOICES).render("within", value, attrs=attrs)
        quick_html = QuickSelect(choices=CHOICES).render("within", value, attrs=attrs)
        self.assertHTMLEqual(quick_html, django_html)

    def test_nothing_chosen(self) -> None:
        self.assert_same(None)

    def test_the_chosen_option_is_selected_inside_a_group_too(self) -> None:
        self.assert_same("E05000821", {"id": "id_within", "class": "govuk-select", "aria-describedby": "h"})
        html = QuickSelect(choices=CHOICES).render("within", "E05000821")
        self.assertInHTML('<option value="E05000821" selected>Bowdon</option>', html)

    def test_labels_and_values_are_escaped(self) -> None:
        self.assert_same("E05000819", {"disabled": True, "required": False})
        html = QuickSelect(choices=CHOICES).render("within", None)
        self.assertIn("Altrincham &amp; &quot;Timperley&quot; &lt;north&gt;", html)
        self.assertNotIn("<north>", html)

    def test_as_a_fields_widget_it_draws_the_same(self) -> None:
        field = forms.ChoiceField(choices=CHOICES, widget=QuickSelect)
        self.assertHTMLEqual(
            field.widget.render("within", "E08000009"),
            forms.Select(choices=CHOICES).render("within", "E08000009"),
        )
