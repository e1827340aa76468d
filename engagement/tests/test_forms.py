"""The add and edit form: plain words, one "Error: " in the title, bad choices explained."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from engagement.models import Activity
from engagement.tests.factories import ActivityFactory
from engagement.tests.test_views import _form

ADD = reverse("engagement:activity_create")


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


def _title(response):
    return re.search(rb"<title>\s*(.*?)\s*</title>", response.content, re.S).group(1).decode()


def test_the_form_speaks_plain_english(client, officer):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    for url in (ADD, reverse("engagement:activity_edit", kwargs={"pk": activity.pk})):
        page = client.get(url).content.decode()
        assert "seed" not in page.lower() and "continuum" not in page.lower()
        assert "How much say people have" in page


def test_the_title_says_error_once_when_a_field_is_wrong(client, ward):
    response = client.post(ADD, _form(ward, title=""))
    assert response.status_code == 400
    assert _title(response).startswith("Error: Add an activity") and "Error: Error" not in _title(response)


@pytest.mark.parametrize(
    "aims",
    [
        {"aims-0-linked_to": ""},  # an aim without its link
        {"aims-0-text": "", "aims-0-linked_to": ""},  # no aim at all
    ],
)
def test_the_title_says_error_when_only_the_aims_are_wrong(client, ward, aims):
    response = client.post(ADD, _form(ward, **aims))
    assert response.status_code == 400 and b"There is a problem" in response.content
    assert _title(response).startswith("Error: Add an activity")
    assert "Error: Error" not in _title(response)


def test_the_title_has_no_error_before_anything_is_sent(client):
    assert _title(client.get(ADD)).startswith("Add an activity")


@pytest.mark.parametrize("field", ["areas", "audiences", "partners", "method"])
@pytest.mark.parametrize("value", [str(2**63), str(2**64), "9" * 40, "abc", "-3"])
def test_a_choice_that_cannot_be_a_record_is_explained(client, ward, field, value):
    data = _form(ward)
    data[field] = [value] if field != "method" else value
    response = client.post(ADD, data)
    assert response.status_code == 400
    assert b"Select a valid choice" in response.content
    assert not Activity.private_objects.exists()


def test_an_unknown_consultation_kind_is_explained_on_its_field(client, ward):
    response = client.post(
        ADD,
        _form(
            ward,
            consultation_kind="carrier-pigeon",
            response_opens="2026-12-01",
            response_closes="2027-03-01",
        ),
    )
    assert response.status_code == 400
    assert (
        b"Consultation kind: Select a valid choice. carrier-pigeon is not one of the available choices"
        in (response.content)
    )
    assert not Activity.private_objects.exists()
