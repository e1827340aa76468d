"""What staff wrote, in the visitor's language (README "Translating what staff write"): a
translated text is shown as the page's own language; an untranslated one in English, marked
lang="en", with a note; English pages never carry the note; staff and the API keep English."""

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.content_languages import ContentText, set_translation
from engagement.models import Aim, Status
from organisations.models import Role
from organisations.tests.factories import UserFactory

from .helpers import body, public_activity

COOKIE = settings.LANGUAGE_COOKIE_NAME
NOTICE = "heard-untranslated"


@pytest.fixture
def meeting(places):
    activity = public_activity(
        title="Altrincham PACT meeting",
        summary="Agree the next three priorities for Altrincham.",
        accessibility="Step-free access.",
        areas=[places.altrincham],
    )
    Aim.objects.create(activity=activity, text="Agree three priorities")
    return activity


def _translate(record, language, **values):
    for field, value in values.items():
        set_translation(record, field, language, value)
    record.save()


def _page(activity, language):
    client = Client()
    client.cookies[COOKIE] = language
    return body(client.get(reverse("public:event_detail", kwargs={"pk": activity.pk})))


def test_a_fully_translated_event_reads_in_welsh_without_a_note(meeting):
    _translate(
        meeting,
        "cy",
        title="Cyfarfod PACT Altrincham",
        summary="Cytuno ar y tair blaenoriaeth nesaf.",
        accessibility="Mynediad heb risiau.",
    )
    _translate(meeting.aims.get(), "cy", text="Cytuno ar dair blaenoriaeth")
    html = _page(meeting, "cy")
    assert '<h1 class="govuk-heading-xl">Cyfarfod PACT Altrincham</h1>' in html
    assert "Cytuno ar y tair blaenoriaeth nesaf." in html and "Mynediad heb risiau." in html
    assert NOTICE not in html
    assert "Agree the next three priorities" not in html


def test_an_untranslated_text_is_english_marked_and_noted(meeting):
    _translate(meeting, "cy", title="Cyfarfod PACT Altrincham")
    html = _page(meeting, "cy")
    assert '<h1 class="govuk-heading-xl">Cyfarfod PACT Altrincham</h1>' in html
    assert '<span dir="auto" lang="en">Agree the next three priorities for Altrincham.</span>' in html
    assert NOTICE in html
    assert "Cymraeg" in html.split(NOTICE, 1)[1].split("</div>", 1)[0]


def test_english_pages_have_no_note(meeting):
    html = _page(meeting, "en-gb")
    assert NOTICE not in html and 'lang="en">Altrincham PACT' not in html
    assert "Altrincham PACT meeting" in html


def test_a_translation_in_one_language_does_not_leak_into_another(meeting):
    _translate(meeting, "cy", title="Cyfarfod PACT Altrincham")
    html = _page(meeting, "pl")
    assert "Cyfarfod" not in html
    assert '<span dir="auto" lang="en">Altrincham PACT meeting</span>' in html
    assert NOTICE in html


def test_staff_words_tags_know_a_translation_from_english():
    template = Template(
        "{% load heard_i18n %}<p{% staff_words value %}>{{ value }}</p>{% staff_text value %}"
    )
    with translation.override("cy"):
        welsh = template.render(Context({"value": ContentText("Helo", "cy")}))
        english = template.render(Context({"value": ContentText("Hello", "en-gb")}))
        plain = template.render(Context({"value": "Hello"}))
    assert welsh == "<p>Helo</p>Helo"
    assert english == plain == '<p dir="auto" lang="en">Hello</p><span dir="auto" lang="en">Hello</span>'


def test_staff_and_the_api_read_english_whatever_the_browser_asks(meeting):
    _translate(meeting, "cy", title="Cyfarfod PACT Altrincham")
    officer = UserFactory(organisation=meeting.lead_organisation, roles=[Role.ENGAGEMENT_OFFICER])
    client = Client()
    client.force_login(officer)
    client.cookies[COOKIE] = "cy"
    page = client.get(
        reverse("engagement:activity_detail", kwargs={"pk": meeting.pk}), HTTP_ACCEPT_LANGUAGE="cy"
    )
    assert "Altrincham PACT meeting" in body(page) and "Cyfarfod" not in body(page)
    api = client.get(f"/api/activities/{meeting.pk}", HTTP_ACCEPT_LANGUAGE="cy")
    assert api.status_code == 200 and api.json()["title"] == "Altrincham PACT meeting"


def test_the_api_reads_and_saves_an_activitys_translations(meeting):
    officer = UserFactory(organisation=meeting.lead_organisation, roles=[Role.ENGAGEMENT_OFFICER])
    client = Client()
    client.force_login(officer)
    url = f"/api/activities/{meeting.pk}/translations"
    texts = {t["id"]: t for t in client.get(url).json()["texts"]}
    title_id = f"engagement.activity.{meeting.pk}.title"
    assert texts[title_id]["english"] == "Altrincham PACT meeting"
    saved = client.put(f"{url}/cy", {"texts": {title_id: "Cyfarfod PACT"}}, content_type="application/json")
    assert saved.status_code == 200
    languages = {row["code"]: row for row in saved.json()["languages"]}
    assert languages["cy"]["missing"] == languages["cy"]["total"] - 1
    meeting.refresh_from_db()
    assert meeting.title_cy == "Cyfarfod PACT"


@pytest.mark.parametrize(
    ("body_texts", "language"),
    [
        ({"engagement.activity.0.title": "x"}, "cy"),  # a text of another record
        ({"TITLE": "Cyfarfod"}, "fr"),  # a language Heard does not translate into
        ({"TITLE": "x" * 201}, "cy"),  # longer than the title may be
    ],
)
def test_the_api_refuses_bad_input_and_saves_nothing(meeting, body_texts, language):
    officer = UserFactory(organisation=meeting.lead_organisation, roles=[Role.ENGAGEMENT_OFFICER])
    client = Client()
    client.force_login(officer)
    title_id = f"engagement.activity.{meeting.pk}.title"
    texts = {(title_id if k == "TITLE" else k): v for k, v in body_texts.items()}
    texts[f"engagement.activity.{meeting.pk}.summary"] = "Cytuno"
    answer = client.put(
        f"/api/activities/{meeting.pk}/translations/{language}",
        {"texts": texts},
        content_type="application/json",
    )
    assert answer.status_code == 422
    meeting.refresh_from_db()
    assert meeting.summary_cy is None and meeting.title_cy is None


@pytest.mark.parametrize(
    ("role", "same", "status"), [(Role.ANALYST, True, 403), (Role.ENGAGEMENT_OFFICER, False, 404)]
)
def test_only_those_who_may_change_the_activity_translate_it(meeting, council, role, same, status):
    meeting.status = Status.PLANNED
    user = UserFactory(organisation=meeting.lead_organisation if same else council, roles=[role])
    client = Client()
    client.force_login(user)
    url = f"/api/activities/{meeting.pk}/translations"
    assert client.get(url).status_code == status
    put = client.put(
        f"{url}/cy",
        {"texts": {f"engagement.activity.{meeting.pk}.title": "x"}},
        content_type="application/json",
    )
    assert put.status_code == status
    for page in ("engagement:activity_translations", "engagement:activity_translate"):
        kwargs = {"pk": meeting.pk, **({"language": "cy"} if page.endswith("translate") else {})}
        assert client.get(reverse(page, kwargs=kwargs)).status_code == status
    meeting.refresh_from_db()
    assert meeting.title_cy is None
