"""Sending a questionnaire to a translator and taking the translation back (README "Working
with translators"): the file round trip on the page and in the API, in XLIFF and PO; every
check refusing the whole file; and who may do it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from translate.storage import po, xliff

from consultations.models import Choice, PrivacyStatement, Question, Response
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from core.tests.test_translation_files import BOMB, EXTERNAL
from core.translation_files import MAX_BYTES
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from governance.translation_models import TranslationSource
from organisations.models import Role
from organisations.tests.factories import UserFactory

STORES = {"xliff": xliff.xlifffile, "po": po.pofile}
NAMES = {"xliff": "questionnaire-cy.xlf", "po": "questionnaire-cy.po"}


@pytest.fixture
def questionnaire(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation, title="Ashton speeding")
    statement = PrivacyStatement.objects.create(text="We keep your answers safe for 2 years.")
    questionnaire = QuestionnaireFactory(
        activity=activity,
        title="Speeding in Ashton",
        introduction="Tell us about speeding. See https://example.org/speed for the plan.",
        privacy_statement=statement,
    )
    choice = QuestionFactory(
        questionnaire=questionnaire,
        kind="single",
        text="Is speeding a problem?",
        hint="Choose one",
        position=1,
    )
    Choice.objects.create(question=choice, position=1, label="Yes")
    Choice.objects.create(question=choice, position=2, label="No")
    QuestionFactory(questionnaire=questionnaire, text="Where, and when?", position=2)
    return questionnaire


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _fill(data: bytes, file_format: str, translate=lambda source: f"CY {source}", only=None) -> bytes:
    """What a translator's tool does: a target for each unit (or for those whose English is in `only`)."""
    store = STORES[file_format].parsestring(data)
    for unit in store.unit_iter():
        if not unit.isheader() and (only is None or unit.source in only):
            unit.target = translate(unit.source)
    return bytes(store)


def _download(client, questionnaire, file_format="xliff", language="cy", api=False):
    if api:
        url = reverse("api:export_questionnaire_translation", kwargs={"questionnaire_id": questionnaire.pk})
    else:
        url = reverse("consultations:questionnaire_translator_file", args=[questionnaire.pk])
    return client.get(url, {"language": language, "format": file_format})


def _upload(client, questionnaire, data, file_format="xliff", language="cy", api=False, **extra):
    upload = SimpleUploadedFile(NAMES[file_format], data)
    if api:
        url = reverse("api:import_questionnaire_translation", kwargs={"questionnaire_id": questionnaire.pk})
    else:
        url = reverse("consultations:questionnaire_translator_files", args=[questionnaire.pk])
    return client.post(url, {"file": upload, "language": language, **extra})


def _welsh(questionnaire):
    questionnaire.refresh_from_db()
    questions = list(Question.objects.filter(questionnaire=questionnaire).order_by("position"))
    return {
        "title": questionnaire.title_cy,
        "introduction": questionnaire.introduction_cy,
        "privacy": PrivacyStatement.objects.get(pk=questionnaire.privacy_statement_id).text_cy,
        "questions": [(q.text_cy, q.hint_cy) for q in questions],
        "choices": list(
            Choice.objects.filter(question__questionnaire=questionnaire).values_list("label_cy", flat=True)
        ),
    }


NOTHING = {
    "title": None,
    "introduction": None,
    "privacy": None,
    "questions": [(None, None)] * 2,
    "choices": [None] * 2,
}


@pytest.mark.parametrize("file_format", ["xliff", "po"])
def test_round_trip_on_the_page_saves_every_translation(officer, questionnaire, file_format):
    client = _client(officer)
    made = _download(client, questionnaire, file_format)
    assert made.status_code == 200
    assert f"heard-questionnaire-{questionnaire.pk}-cy." in made["Content-Disposition"]
    response = _upload(client, questionnaire, _fill(made.content, file_format), file_format)
    assert response.status_code == 302
    assert _welsh(questionnaire) == {
        "title": "CY Speeding in Ashton",
        "introduction": "CY Tell us about speeding. See https://example.org/speed for the plan.",
        "privacy": "CY We keep your answers safe for 2 years.",
        "questions": [("CY Is speeding a problem?", "CY Choose one"), ("CY Where, and when?", None)],
        "choices": ["CY Yes", "CY No"],
    }
    assert questionnaire.title_en_gb == "Speeding in Ashton"  # the English is untouched
    page = client.get(response["Location"])
    assert "8 translations in Cymraeg saved." in page.content.decode()
    actions = list(AuditEvent.objects.for_object(questionnaire).values_list("action", flat=True))
    assert {AuditAction.EXPORT, AuditAction.IMPORT} <= set(actions)


@pytest.mark.parametrize("file_format", ["xliff", "po"])
def test_round_trip_through_the_api(officer, questionnaire, file_format):
    client = _client(officer)
    made = _download(client, questionnaire, file_format, language="pl", api=True)
    assert made.status_code == 200
    filled = _fill(made.content, file_format, translate=lambda s: f"PL {s}")
    response = _upload(client, questionnaire, filled, file_format, language="pl", api=True)
    assert response.status_code == 200, response.content
    assert response.json()["saved"] == 8
    questionnaire.refresh_from_db()
    assert questionnaire.title_pl == "PL Speeding in Ashton" and questionnaire.title_cy is None


def test_the_file_carries_translations_already_made_and_leaves_out_empty_english(officer, questionnaire):
    questionnaire.title_cy = "Goryrru yn Ashton"
    questionnaire.save()
    text = _download(_client(officer), questionnaire).content.decode()
    assert "Goryrru yn Ashton" in text
    assert "Question 1 hint. At most 500 characters." in text
    assert text.count("<trans-unit") == 8  # the second question has no hint


def test_one_bad_text_saves_nothing_and_every_problem_is_listed(officer, questionnaire):
    client = _client(officer)

    def translate(source):
        if source.startswith("Tell us"):
            return "Dywedwch wrthym. Gweler https://example.org/other."  # a changed web address
        if source == "Yes":
            return "Ydy" * 200  # longer than an option may be
        return f"CY {source}"

    filled = _fill(_download(client, questionnaire).content, "xliff", translate)
    response = _upload(client, questionnaire, filled)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing has been saved" in page
    assert "Questionnaire introduction" in page and "A web address is missing or changed" in page
    assert "Question 1, option 1 label" in page and "600 characters long" in page
    api = _upload(client, questionnaire, filled, api=True)
    assert api.status_code == 422
    problems = {(p["unit"], p["message"].split(":")[0]) for p in api.json()["problems"]}
    assert len(problems) == 2
    assert (
        f"consultations.questionnaire.{questionnaire.pk}.introduction",
        "A web address is missing or changed",
    ) in problems
    assert _welsh(questionnaire) == NOTHING
    assert not AuditEvent.objects.for_object(questionnaire).filter(action=AuditAction.IMPORT).exists()


def test_english_changed_since_the_file_was_made(officer, questionnaire):
    client = _client(officer)
    filled = _fill(_download(client, questionnaire, "po").content, "po")
    question = questionnaire.questions.get(position=2)
    Question.objects.filter(pk=question.pk).update(text_en_gb="Where do cars speed?")
    response = _upload(client, questionnaire, filled, "po", api=True)
    assert response.status_code == 422
    [problem] = response.json()["problems"]
    assert problem["unit"] == f"consultations.question.{question.pk}.text"
    assert problem["label"] == "Question 2 text"
    assert problem["message"].startswith("The English has changed since this file was made")
    assert _welsh(questionnaire) == NOTHING


def test_a_file_for_another_language_or_questionnaire_is_refused(officer, questionnaire):
    client = _client(officer)
    filled = _fill(_download(client, questionnaire).content, "xliff")
    response = _upload(client, questionnaire, filled, language="ur", api=True)
    assert response.status_code == 422
    assert response.json()["problems"][0]["message"] == "The file is in “cy”, not the language chosen (“ur”)."
    other = QuestionnaireFactory(activity=questionnaire.activity)
    response = _upload(client, other, filled, api=True)
    messages = [p["message"] for p in response.json()["problems"]]
    assert f"The file was made for “heard-questionnaire-{questionnaire.pk}”, not for this item." in messages
    assert "Not a text of this item: was it changed by hand?" in messages
    assert _welsh(questionnaire) == NOTHING


@pytest.mark.parametrize(
    "data", [BOMB, EXTERNAL, b"<xliff><file"], ids=["bomb", "external entity", "malformed"]
)
def test_hostile_or_broken_xml_is_refused_on_the_page_and_in_the_api(officer, questionnaire, data):
    client = _client(officer)
    page = _upload(client, questionnaire, data)
    assert page.status_code == 400 and "Nothing has been saved" in page.content.decode()
    api = _upload(client, questionnaire, data, api=True)
    assert api.status_code == 422
    assert api.json()["problems"][0]["unit"] == ""
    assert "root:" not in api.content.decode()  # /etc/passwd was never read


def test_missing_texts_refuse_the_file_unless_asked_to_import_what_is_there(officer, questionnaire):
    client = _client(officer)
    filled = _fill(_download(client, questionnaire).content, "xliff", only={"Yes", "No"})
    refused = _upload(client, questionnaire, filled, api=True)
    assert refused.status_code == 422
    assert {p["message"] for p in refused.json()["problems"]} == {"Not translated."}
    assert len(refused.json()["problems"]) == 6
    taken = _upload(client, questionnaire, filled, api=True, allow_missing="true")
    assert taken.status_code == 200
    assert (taken.json()["saved"], taken.json()["skipped"]) == (2, 6)
    assert _welsh(questionnaire)["choices"] == ["CY Yes", "CY No"]


def test_bad_choices_get_a_clear_answer(officer, questionnaire):
    client = _client(officer)
    assert _download(client, questionnaire, language="fr", api=True).status_code == 422
    assert _download(client, questionnaire, language="en-gb").status_code == 400
    wrong = _upload(client, questionnaire, b"hello", api=True)
    wrong_name = client.post(
        reverse("api:import_questionnaire_translation", kwargs={"questionnaire_id": questionnaire.pk}),
        {"language": "cy"},
    )
    assert wrong.status_code == 422 and wrong_name.status_code == 422


# Who may send for translation: those who may change the questionnaire (its activity's lead
# organisation's engagement officers, admins and partner users).
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ENGAGEMENT_OFFICER, True),
        (Role.ADMIN, True),
        (Role.PARTNER_USER, True),
        (Role.ANALYST, False),
        (Role.AUTHORITY_MEMBER, False),
        (Role.INTELLIGENCE_OFFICER, False),
    ],
)
def test_who_may_export_and_import(police, questionnaire, role, allowed):
    client = _client(UserFactory(organisation=police, roles=[role]))
    filled = _fill(
        _download(_client(UserFactory(organisation=police, roles=[Role.ADMIN])), questionnaire).content,
        "xliff",
    )
    page = client.get(reverse("consultations:questionnaire_translator_files", args=[questionnaire.pk]))
    made = _download(client, questionnaire, api=True)
    taken = _upload(client, questionnaire, filled, api=True)
    assert (page.status_code, made.status_code, taken.status_code) == (
        (200, 200, 200) if allowed else (403, 403, 403)
    )
    assert (_welsh(questionnaire)["title"] is not None) is allowed


def test_other_organisations_cannot_reach_it(questionnaire, outsider, officer):
    client = _client(outsider)
    filled = _fill(_download(_client(officer), questionnaire).content, "xliff")
    assert _download(client, questionnaire).status_code == 404
    assert _download(client, questionnaire, api=True).status_code == 404
    assert _upload(client, questionnaire, filled).status_code == 404
    assert _upload(client, questionnaire, filled, api=True).status_code == 404
    assert _welsh(questionnaire) == NOTHING


def test_the_questionnaire_page_links_to_it(officer, questionnaire):
    page = _client(officer).get(reverse("consultations:questionnaire_detail", args=[questionnaire.pk]))
    assert (
        reverse("consultations:questionnaire_translator_files", args=[questionnaire.pk])
        in page.content.decode()
    )


def test_words_people_answered_in_stay_as_they_read_them(officer, questionnaire):
    """Once anyone has answered in Welsh, a Welsh file is refused whole; Polish still goes in."""
    client = _client(officer)
    welsh = _fill(_download(client, questionnaire).content, "xliff")
    polish = _fill(_download(client, questionnaire, language="pl").content, "xliff")
    answer = answer_with_text(questionnaire.questions.get(position=2), "Outside the school")
    Response.objects.filter(pk=answer.response_id).update(language="cy")
    refused = _upload(client, questionnaire, welsh, api=True)
    assert refused.status_code == 422
    [problem] = refused.json()["problems"]
    assert (
        problem["unit"] == "" and "People have answered this questionnaire in Cymraeg" in problem["message"]
    )
    assert _welsh(questionnaire) == NOTHING
    assert _upload(client, questionnaire, polish, language="pl", api=True).status_code == 200


def test_an_import_remembers_the_english_each_translation_was_made_from(officer, questionnaire):
    client = _client(officer)
    _upload(client, questionnaire, _fill(_download(client, questionnaire).content, "xliff"))
    assert TranslationSource.objects.filter(language="cy").count() == 8


def test_a_file_too_large_is_refused_before_it_is_read(officer, questionnaire):
    client = _client(officer)
    huge = b"x" * (MAX_BYTES + 1)
    page = _upload(client, questionnaire, huge)
    assert page.status_code == 400 and "larger than 2 MB" in page.content.decode()
    assert _upload(client, questionnaire, huge, api=True).status_code == 422


def test_the_upload_form_needs_its_csrf_token(officer, questionnaire):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    filled = _fill(_download(client, questionnaire).content, "xliff")
    assert _upload(client, questionnaire, filled).status_code == 403
    assert _welsh(questionnaire) == NOTHING
