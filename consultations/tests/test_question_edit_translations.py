"""Changing a question's English keeps its translations (README "Translating what staff write"):
they show as "may be out of date" on the Translations page until someone checks them, and a
visitor reading Welsh keeps reading the Welsh meanwhile. Moving or removing a question keeps
every other question's translations, up to date."""

from dataclasses import replace

from django.conf import settings
from django.test import Client
from django.urls import reverse

from consultations.content_translation import answerable_languages, questionnaire_records
from consultations.models import Choice, Question, Questionnaire
from consultations.questions import (
    question_delete,
    question_move,
    question_update,
    questionnaire_question_inputs,
)
from consultations.tests.test_content_translation import translate_all
from consultations.tests.test_public_helpers import *  # noqa: F403
from consultations.tests.test_public_helpers import FormClient, Respondent
from core.content_languages import translation_of
from governance.content_translation import content_translate, language_summaries, text_states


def _questions(questionnaire):
    return list(Questionnaire.private_objects.get(pk=questionnaire.pk).questions.order_by("position", "id"))


def _stale(questionnaire, language="cy"):
    fresh = Questionnaire.private_objects.get(pk=questionnaire.pk)
    return [
        (type(s.record).__name__, s.english)
        for s in text_states(questionnaire_records(fresh), language)
        if s.out_of_date
    ]


def _edit_first(officer, questionnaire, number=0, **changes):
    inputs = questionnaire_question_inputs(questionnaire=questionnaire)
    question_update(
        user=officer,
        questionnaire=questionnaire,
        question=_questions(questionnaire)[number],
        new=replace(inputs[number], **changes),
    )


def test_editing_the_english_keeps_the_translation_marked_out_of_date(officer, consultation):
    translate_all(officer, consultation)
    _edit_first(officer, consultation, text="Do you feel safe at night?")
    first = _questions(consultation)[0]
    assert first.text == "Do you feel safe at night?"
    assert translation_of(first, "text", "cy") == "[cy] Do you feel safe after dark?"
    assert _stale(consultation) == [("Question", "Do you feel safe at night?")]
    welsh = next(s for s in language_summaries(questionnaire_records(consultation)) if s.code == "cy")
    assert (welsh.missing, welsh.out_of_date) == (0, 1)
    # Polish was never translated: nothing to flag, nothing invented.
    assert not translation_of(first, "text", "pl") and _stale(consultation, "pl") == []

    client = Client()
    client.force_login(officer)
    summary = client.get(
        reverse("consultations:questionnaire_translations", args=[consultation.pk])
    ).content.decode()
    assert "1 may be out of date" in summary
    page = client.get(
        reverse("consultations:questionnaire_translate", args=[consultation.pk, "cy"])
    ).content.decode()
    assert page.count("English changed since this was translated") == 1


def test_a_welsh_visitor_keeps_reading_the_welsh_until_it_is_checked(officer, consultation):
    translate_all(officer, consultation)
    _edit_first(officer, consultation, text="Do you feel safe at night?")
    assert answerable_languages(consultation) == ["en-gb", "cy"]
    visitor = Respondent(FormClient(), Questionnaire.private_objects.get(pk=consultation.pk))
    visitor.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    visitor.start()
    page = visitor.client.get(visitor.question_url(1)).content.decode()
    assert "[cy] Do you feel safe after dark?" in page
    assert "heard-untranslated" not in page
    # Checked and saved again against the new English: no longer flagged.
    first = _questions(consultation)[0]
    content_translate(
        actor=officer,
        obj=first,
        language="cy",
        values={"text": "[cy] Do you feel safe at night?"},
        owner=consultation,
    )
    assert _stale(consultation) == []


def test_a_renamed_option_keeps_its_translation_and_options_keep_theirs_by_their_words(officer, consultation):
    translate_all(officer, consultation)
    _edit_first(officer, consultation, 2, choices=["Speeding", "Burglary", "Antisocial behaviour"])
    labels = {c.label: translation_of(c, "label", "cy") for c in _questions(consultation)[2].choices.all()}
    assert labels == {
        "Speeding": "[cy] Speeding",
        "Burglary": "[cy] Burglary",
        "Antisocial behaviour": "[cy] ASB",
    }
    assert _stale(consultation) == [("Choice", "Antisocial behaviour")]
    # Options reordered, one removed, one added: each keeps its own by its words (the renamed
    # one still to be checked), the new one has none and none is given another's.
    _edit_first(
        officer, consultation, 2, choices=["Antisocial behaviour", "Speeding", "Vandalism", "Graffiti"]
    )
    labels = {c.label: translation_of(c, "label", "cy") for c in _questions(consultation)[2].choices.all()}
    assert labels == {
        "Antisocial behaviour": "[cy] ASB",
        "Speeding": "[cy] Speeding",
        "Vandalism": "",
        "Graffiti": "",
    }
    assert _stale(consultation) == [("Choice", "Antisocial behaviour")]


def test_moving_or_removing_a_question_keeps_the_others_translations_up_to_date(officer, consultation):
    translate_all(officer, consultation)
    questions = _questions(consultation)
    question_move(user=officer, questionnaire=consultation, question=questions[3], by=-1)
    moved = _questions(consultation)
    assert [q.text for q in moved[2:4]] == ["The police understand local issues", "Which of these worry you?"]
    assert [translation_of(q, "text", "cy") for q in moved] == [f"[cy] {q.text}" for q in moved]
    question_delete(user=officer, questionnaire=consultation, question=moved[2])
    kept = _questions(consultation)
    assert len(kept) == 5
    assert [translation_of(q, "text", "cy") for q in kept] == [f"[cy] {q.text}" for q in kept]
    assert all(
        translation_of(c, "label", "cy") == f"[cy] {c.label}"
        for c in Choice.objects.filter(question__in=kept)
    )
    assert _stale(consultation) == []
    assert answerable_languages(consultation) == ["en-gb", "cy"]
    # What the translations of removed questions were made from is not kept.
    assert not Question.objects.filter(text="The police understand local issues").exists()
