"""Sending an activity's public texts to a translator and taking the translation back: page and
API, all or nothing, and who may do it (the questionnaire's side, and every check in detail, are
in consultations/tests/test_translator_files.py and core/tests/test_translation_files.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from translate.storage import po, xliff

from engagement.models import Activity, Aim
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory

STORES = {"xliff": xliff.xlifffile, "po": po.pofile}


@pytest.fixture
def activity(officer, outsider):
    activity = ActivityFactory(
        lead_organisation=officer.organisation,
        partners=[outsider.organisation],
        title="Ashton street briefing",
        summary="Meet your neighbourhood team at 10 o'clock.",
        accessibility="",
    )
    Aim.objects.create(activity=activity, text="Hear about speeding", linked_to="Local policing plan")
    return activity


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _fill(data, file_format, translate):
    store = STORES[file_format].parsestring(data)
    for unit in store.unit_iter():
        if not unit.isheader():
            unit.target = translate(unit.source)
    return bytes(store)


def _urls(activity, api):
    if api:
        kwargs = {"activity_id": activity.pk}
        return reverse("api:export_activity_translation", kwargs=kwargs), reverse(
            "api:import_activity_translation", kwargs=kwargs
        )
    return (
        reverse("engagement:activity_translator_file", args=[activity.pk]),
        reverse("engagement:activity_translator_files", args=[activity.pk]),
    )


def _round_trip(client, activity, *, file_format, api, translate, language="ur"):
    download, upload = _urls(activity, api)
    made = client.get(download, {"language": language, "format": file_format})
    if made.status_code != 200:
        return made
    name = f"activity.{'xlf' if file_format == 'xliff' else 'po'}"
    filled = SimpleUploadedFile(name, _fill(made.content, file_format, translate))
    return client.post(upload, {"file": filled, "language": language})


def _urdu(activity):
    return (
        Activity.private_objects.filter(pk=activity.pk)
        .values_list("title_ur", "summary_ur", "accessibility_ur")
        .get()
    )


URDU = {
    "Ashton street briefing": "ایشٹن گلی بریفنگ",
    "Hear about speeding": "تیز رفتاری کے بارے میں سنیں",
    "Meet your neighbourhood team at 10 o'clock.": "اپنی ٹیم سے 10 بجے ملیں\u06d4",
}


@pytest.mark.parametrize(("file_format", "api"), [("po", False), ("xliff", True)])
def test_round_trip_saves_the_translation(officer, activity, file_format, api):
    response = _round_trip(_client(officer), activity, file_format=file_format, api=api, translate=URDU.get)
    assert response.status_code == (200 if api else 302)
    assert _urdu(activity) == (
        URDU["Ashton street briefing"],
        URDU["Meet your neighbourhood team at 10 o'clock."],
        None,
    )
    assert Aim.objects.get(activity=activity).text_ur == URDU["Hear about speeding"]
    actions = set(AuditEvent.objects.for_object(activity).values_list("action", flat=True))
    assert {AuditAction.EXPORT, AuditAction.IMPORT} <= actions


def test_a_changed_number_saves_nothing(officer, activity):
    broken = {**URDU, "Meet your neighbourhood team at 10 o'clock.": "اپنی ٹیم سے 11 بجے ملیں\u06d4"}
    response = _round_trip(_client(officer), activity, file_format="xliff", api=True, translate=broken.get)
    assert response.status_code == 422
    [problem] = response.json()["problems"]
    assert problem["unit"] == f"engagement.activity.{activity.pk}.summary"
    assert problem["label"] == "Activity summary"
    assert problem["message"] == "A number in the English is missing or different in the translation."
    assert _urdu(activity) == (None, None, None)


def test_a_partner_who_may_not_edit_is_refused_and_an_unshared_activity_is_not_found(
    activity, outsider, council
):
    for api in (False, True):
        response = _round_trip(_client(outsider), activity, file_format="po", api=api, translate=URDU.get)
        assert response.status_code == 403
    unshared = ActivityFactory(lead_organisation=activity.lead_organisation)
    stranger = UserFactory(organisation=council, roles=[Role.ADMIN])
    for api in (False, True):
        response = _round_trip(_client(stranger), unshared, file_format="po", api=api, translate=URDU.get)
        assert response.status_code == 404
    assert _urdu(activity) == (None, None, None)


def test_the_page_shows_progress_and_the_activity_page_links_to_it(officer, activity):
    client = _client(officer)
    _round_trip(client, activity, file_format="po", api=False, translate=URDU.get)
    page = client.get(reverse("engagement:activity_translator_files", args=[activity.pk])).content.decode()
    assert "Urdu (اردو)" in page and "3 of 3 texts" in page and "0 of 3 texts" in page
    detail = client.get(reverse("engagement:activity_detail", args=[activity.pk])).content.decode()
    assert reverse("engagement:activity_translator_files", args=[activity.pk]) in detail


def test_a_download_without_a_language_shows_the_page_with_the_error(officer, activity):
    download, _ = _urls(activity, api=False)
    response = _client(officer).get(download, {"format": "po"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the language to translate into" in page
    assert f'action="{reverse("engagement:activity_translator_files", args=[activity.pk])}"' in page
