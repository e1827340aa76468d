"""Turning an id from a URL, a form or a request body into a record: a 404, never a 500."""

import pytest
from django.http import Http404

from core.shortcuts import MAX_ID, get_or_404, get_visible_or_404, parse_id
from engagement.models import Activity
from engagement.tests.factories import ActivityFactory
from places.models import Area


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (12, 12),
        (" 7 ", 7),
        ("0", None),
        ("-3", None),
        ("abc", None),
        ("1e3", None),
        ("١٢", None),  # Arabic-Indic digits: isdigit() but not an id
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 40, None),
        (None, None),
        (True, None),
        ("", None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("pk", ["abc", "0", "99999999999999999999", str(MAX_ID)])
def test_odd_ids_are_not_found(pk):
    with pytest.raises(Http404):
        get_or_404(Area.objects.all(), pk)


def test_visible_or_404_hides_what_the_user_may_not_see(officer, outsider):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    assert get_visible_or_404(Activity.private_objects.all(), officer, str(activity.pk)) == activity
    with pytest.raises(Http404):
        get_visible_or_404(Activity.private_objects.all(), outsider, activity.pk)


@pytest.mark.django_db
def test_a_model_without_visible_to_cannot_be_scoped():
    with pytest.raises(TypeError):
        get_visible_or_404(Area.objects.all(), None, 1)
