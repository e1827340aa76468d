"""What an activity offers (engagement/access.py): the languages it is held in or interpreted
into and its access formats, checked against the maintained lists, set through the form and the
services, filtered on the staff list (on SQLite and PostgreSQL alike) and exported."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from engagement.access import LANGUAGES, AccessFormat, language_from_text
from engagement.models import Activity
from engagement.services import activity_create, activity_update
from engagement.tests.factories import ActivityFactory
from engagement.tests.test_views import _form

LIST = reverse("engagement:activity_list")


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


def test_the_lists_start_with_the_interface_languages_and_have_unique_codes():
    codes = [language.code for language in LANGUAGES]
    assert codes[:5] == ["en", "cy", "pl", "ur", "pa"] and len(set(codes)) == len(codes)
    assert all(code.isalpha() and code.islower() for code in codes)  # safe to match in JSON text
    assert "so" in codes  # an interpreter for Somali
    assert language_from_text(" urdu ") == "ur" and language_from_text("Polski") == "pl"
    assert language_from_text("SO") == "so" and language_from_text("Elvish") is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("languages", ["en", "xx"], "Unknown languages: xx"),
        ("languages", "en", "as a list of codes"),
        ("languages", ["ur", "ur"], "Give each language once"),
        ("access_formats", ["bsl", "bsl"], "Give each access format once"),
        ("access_formats", ["hearing_loop", "telepathy"], "Unknown access formats: telepathy"),
        ("access_formats", [3], "as a list of codes"),
    ],
)
def test_the_model_refuses_what_is_not_on_the_lists(activity_kwargs, field, value, message):
    with pytest.raises(ValidationError) as refused:
        activity_create(**activity_kwargs, **{field: value})
    assert message in " ".join(refused.value.message_dict[field])
    assert not Activity.private_objects.exists()


def test_services_store_the_lists_in_their_order(activity_kwargs):
    activity = activity_create(
        **activity_kwargs, languages=["so", "ur", "en"], access_formats=["step_free", "hearing_loop"]
    )
    assert activity.languages == ["en", "ur", "so"]
    assert activity.access_formats == ["hearing_loop", "step_free"]
    assert [lang.label for lang in activity.offered_languages] == [
        "English",
        "Urdu (اردو)",
        "Somali (Soomaali)",
    ]
    updated = activity_update(user=activity_kwargs["user"], activity=activity, languages=["pa"])
    assert updated.languages == ["pa"] and updated.access_formats == ["hearing_loop", "step_free"]
    with pytest.raises(ValidationError):
        activity_update(user=activity_kwargs["user"], activity=activity, access_formats=["xx"])
    activity.refresh_from_db()
    assert activity.access_formats == ["hearing_loop", "step_free"]


def test_offering_filters_json_lists_on_every_database(officer):
    """Runs on SQLite and on PostgreSQL (DATABASE_URL): the same lookup must hold on both."""
    org = officer.organisation
    urdu = ActivityFactory(lead_organisation=org, title="Drop-in", languages=["ur", "pa"], access_formats=[])
    loop = ActivityFactory(
        lead_organisation=org, title="PACT", languages=["en"], access_formats=["hearing_loop"]
    )
    ActivityFactory(lead_organisation=org, title="Nothing listed")
    offering = Activity.private_objects.offering
    assert list(offering(language="ur")) == [urdu]
    assert list(offering(language="pa")) == [urdu]
    assert set(offering(language="en")) == {loop}
    assert list(offering(access_format="hearing_loop")) == [loop]
    assert not offering(language="ur", access_format="hearing_loop").exists()
    assert not offering(language="u").exists()  # a whole code, never part of one
    assert not offering(access_format="loop").exists()


def test_form_sets_them_and_the_page_shows_them(client, ward):
    data = _form(ward, languages=["ur", "pa"], access_formats=["step_free", "bsl"])
    response = client.post(reverse("engagement:activity_create"), data)
    assert response.status_code == 302
    activity = Activity.private_objects.get()
    assert activity.languages == ["ur", "pa"] and activity.access_formats == ["bsl", "step_free"]
    page = client.get(response["Location"]).content.decode()
    assert 'Urdu (<span lang="ur" dir="auto">اردو</span>)' in page
    assert "British Sign Language (BSL) interpreter, Step-free access" in page
    edit = client.get(reverse("engagement:activity_edit", kwargs={"pk": activity.pk}))
    assert edit.context["form"]["languages"].value() == ["ur", "pa"]


def test_form_refuses_unknown_codes(client, ward):
    response = client.post(reverse("engagement:activity_create"), _form(ward, languages=["xx"]))
    assert response.status_code in (200, 400)
    assert "Choose languages from the list." in response.content.decode()
    assert not Activity.private_objects.exists()


def test_staff_list_filters_and_export(client, officer):
    org = officer.organisation
    ActivityFactory(lead_organisation=org, title="Mosque drop-in", languages=["ur", "pa"])
    ActivityFactory(lead_organisation=org, title="Easy Read survey", access_formats=["easy_read"])
    page = client.get(LIST, {"language": "ur"})
    assert page.status_code == 200
    assert [a.title for a in page.context["page_obj"]] == ["Mosque drop-in"]
    page = client.get(LIST, {"access_format": AccessFormat.EASY_READ})
    assert [a.title for a in page.context["page_obj"]] == ["Easy Read survey"]
    bad = client.get(LIST, {"language": "klingon"})
    assert bad.status_code == 200 and b"There is a problem with the filters" in bad.content
    got = client.get(reverse("engagement:activity_export", args=["csv"]), {"language": "pa"})
    body = b"".join(got.streaming_content) if got.streaming else got.content
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [(r["Title"], r["Languages"], r["Access formats"]) for r in rows] == [
        ("Mosque drop-in", "Urdu; Punjabi", "")
    ]
