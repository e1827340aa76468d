"""A questionnaire's words for a translator who works outside Heard: its title, introduction,
privacy statement, questions, hints and options, as an XLIFF or PO file, and the translation taken
back all or nothing (README "Working with translators"). The services, checks and audit entries
are the activities' (engagement/translator_files.py); this module says which texts a
questionnaire has and where people see each.

A privacy statement is shared by every questionnaire with the same English, so its translation
is too: the same words read the same in Welsh wherever they are used."""

from typing import Any

from core.translation_exchange import ImportOutcome, Text, TranslationFile, texts_of
from engagement.translator_files import translation_file_export, translation_file_import

from .models import Questionnaire
from .results import questions_of

PERM = "consultations.change_questionnaire"


def questionnaire_texts(questionnaire: Questionnaire) -> list[Text]:
    """In the order people meet them."""
    found = texts_of(questionnaire, "Questionnaire")
    found += texts_of(questionnaire.privacy_statement, "Privacy statement")
    for number, question in enumerate(questions_of(questionnaire), 1):
        found += texts_of(question, f"Question {number}")
        for option, choice in enumerate(question.choices.all(), 1):
            found += texts_of(choice, f"Question {number}, option {option}")
    return found


def questionnaire_made_for(questionnaire: Questionnaire) -> str:
    return f"heard-questionnaire-{questionnaire.pk}"


def questionnaire_translation_export(
    *, user: Any, questionnaire: Questionnaire, language: str, file_format: str
) -> TranslationFile:
    return translation_file_export(
        user=user,
        obj=questionnaire,
        perm=PERM,
        texts=questionnaire_texts(questionnaire),
        made_for=questionnaire_made_for(questionnaire),
        language=language,
        file_format=file_format,
    )


def questionnaire_translation_import(
    *,
    user: Any,
    questionnaire: Questionnaire,
    language: str,
    data: bytes,
    file_name: str,
    allow_missing: bool = False,
) -> ImportOutcome:
    return translation_file_import(
        user=user,
        obj=questionnaire,
        perm=PERM,
        texts=questionnaire_texts,
        made_for=questionnaire_made_for(questionnaire),
        language=language,
        data=data,
        file_name=file_name,
        allow_missing=allow_missing,
    )
