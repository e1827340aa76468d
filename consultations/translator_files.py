"""A questionnaire as one translatable item (governance/translatable.py): its title,
introduction, privacy statement, questions, hints and options, in the order people meet them,
for the Translations pages, the API and translator files (README "Working with translators").

A privacy statement is shared by every questionnaire with the same English, so its translation
is too: the same words read the same in Welsh wherever they are used."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from core.permissions import require
from core.translation_exchange import Text, texts_of
from governance.translatable import TranslatableItem

from . import selectors
from .content_translation import answerable_languages
from .models import Questionnaire
from .results import questions_of

PERM = "consultations.change_questionnaire"


def questionnaire_texts(questionnaire: Questionnaire) -> list[Text]:
    """In the order people meet them."""
    found = texts_of(questionnaire, "Questionnaire")
    if questionnaire.privacy_statement_id:
        found += texts_of(questionnaire.privacy_statement, "Privacy statement")
    for number, question in enumerate(questions_of(questionnaire), 1):
        found += texts_of(question, f"Question {number}")
        for option, choice in enumerate(question.choices.all(), 1):
            found += texts_of(choice, f"Question {number}, option {option}")
    return found


def questionnaire_item(user: Any, pk: int) -> TranslatableItem:
    """The questionnaire, for those who may change it (404 if they cannot see it)."""
    questionnaire = selectors.questionnaire_get(user=user, pk=pk)
    require(user, PERM, questionnaire)
    return TranslatableItem(
        kind="questionnaire",
        obj=questionnaire,
        permission=PERM,
        texts=questionnaire_texts,
        made_for=f"heard-questionnaire-{questionnaire.pk}",
        caption=gettext("%(title)s · version %(version)s")
        % {"title": questionnaire.title, "version": questionnaire.version},
        url_name="consultations:questionnaire",
        url_key=questionnaire.pk,
        back_url=reverse("consultations:questionnaire_detail", args=[questionnaire.pk]),
        breadcrumbs="consultations/staff/_breadcrumbs.html",
        context={"questionnaire": questionnaire, "activity": questionnaire.activity},
        available=lambda: answerable_languages(questionnaire),
    )
