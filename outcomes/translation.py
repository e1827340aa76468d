"""What "You said, we did" shows, translatable (README "Translating what staff write")."""

from modeltranslation.translator import TranslationOptions, register

from core.content_languages import follow_content_language
from governance.content_translation import register_translatable

from .models import Action, Decision, Feedback, Finding


@register(Finding)
class FindingTranslation(TranslationOptions):
    fields = ("statement",)


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("summary", "detail")


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("title", "result")


@register(Feedback)
class FeedbackTranslation(TranslationOptions):
    fields = ("title", "statement")


for _model in (Finding, Decision, Action, Feedback):
    follow_content_language(_model)

# Translated by the people who may change each record (outcomes/loop_rules.py).
for _model, _permission in (
    (Finding, "outcomes.change_finding"),
    (Decision, "outcomes.change_decision"),
    (Action, "outcomes.change_action"),
    (Feedback, "outcomes.change_feedback"),
):
    register_translatable(_model, permission=_permission, owner_of=lambda record, _owner: record)
