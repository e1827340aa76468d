"""A questionnaire's words, translatable (README "Translating what staff write")."""

from modeltranslation.translator import TranslationOptions, register

from core.content_languages import LANGUAGE_NAMES, follow_content_language
from governance.content_translation import register_translatable

from .models import Channel, Choice, PrivacyStatement, Question, Questionnaire, QuestionnaireState, Response


@register(Questionnaire)
class QuestionnaireTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "hint")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label",)


@register(PrivacyStatement)
class PrivacyStatementTranslation(TranslationOptions):
    fields = ("text",)


for _model in (Questionnaire, Question, Choice, PrivacyStatement):
    follow_content_language(_model)


def _refusal(questionnaire: Questionnaire, language: str) -> str:
    """People answered under these words: once anyone has answered in a language, its
    translation stays as they read it (make a new version to change it)."""
    if questionnaire.state == QuestionnaireState.SUPERSEDED:
        return "This questionnaire has been replaced by a newer version: translate that one."
    if Response.objects.filter(questionnaire=questionnaire, language=language, channel=Channel.WEB).exists():
        return (
            f"People have answered this questionnaire in {LANGUAGE_NAMES[language]}, so its words in that "
            "language cannot change now. Make a new version to change them."
        )
    return ""


def _statement_owner(statement: PrivacyStatement, owner: object) -> Questionnaire | None:
    """A privacy statement is shared; it is translated through a questionnaire that shows it."""
    if isinstance(owner, Questionnaire) and owner.privacy_statement_id == statement.pk:
        return owner
    return None


CHANGE = "consultations.change_questionnaire"
register_translatable(Questionnaire, permission=CHANGE, owner_of=lambda q, _owner: q, refusal=_refusal)
register_translatable(
    Question, permission=CHANGE, owner_of=lambda q, _owner: q.questionnaire, refusal=_refusal
)
register_translatable(
    Choice, permission=CHANGE, owner_of=lambda c, _owner: c.question.questionnaire, refusal=_refusal
)
register_translatable(PrivacyStatement, permission=CHANGE, owner_of=_statement_owner, refusal=_refusal)
