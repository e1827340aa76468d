"""The area pick-list: tree order and indents, read as values, and still a model choice."""

import pytest
from django import forms

from places.forms import AreaChoiceField
from places.models import Area, AreaLevel
from places.services import area_set_parent
from places.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Area]:
    force = AreaFactory(code="E23000005", name="Greater Manchester", level=AreaLevel.FORCE)
    district = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    ward = AreaFactory(code="E05000820", name="Ashton & Sale <east>")
    area_set_parent(area=district, parent=force)
    area_set_parent(area=ward, parent=district)
    return {"force": force, "district": district, "ward": ward}


class Pick(forms.Form):
    area = AreaChoiceField(
        queryset=Area.objects.order_by("path"), to_field_name="code", required=False, empty_label="Any"
    )


def test_the_list_is_the_tree_indented_with_the_chosen_area_selected(tree: dict[str, Area]) -> None:
    html = str(Pick(data={"area": "E08000009"})["area"])
    assert html.index("Greater Manchester") < html.index("— Trafford") < html.index("— — Ashton")
    assert '<option value="E08000009" selected>— Trafford</option>' in html
    assert '<option value="">Any</option>' in html
    assert "Ashton &amp; Sale &lt;east&gt;" in html


def test_a_chosen_code_cleans_to_the_area_and_a_strange_one_is_a_form_error(tree: dict[str, Area]) -> None:
    good = Pick(data={"area": "E05000820"})
    assert good.is_valid() and good.cleaned_data["area"] == tree["ward"]
    bad = Pick(data={"area": "E05999999"})
    assert not bad.is_valid() and "Select a valid choice" in bad.errors["area"][0]


def test_the_labels_match_the_areas_own(tree: dict[str, Area]) -> None:
    labels = dict(Pick().fields["area"].choices)
    assert all(labels[a.code] == a.tree_label for a in tree.values())
