"""What "You said, we did" shows, translatable (README "Translating what staff write")."""

from typing import Any

from modeltranslation.translator import TranslationOptions, register

from core.content_languages import follow_content_language
from governance.content_translation import register_translatable

from .loop_translations import in_feedback
from .models import Action, Decision, DecisionFactor, Feedback, Finding


@register(Finding)
class FindingTranslation(TranslationOptions):
    fields = ("statement",)


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("summary", "detail")


@register(DecisionFactor)
class DecisionFactorTranslation(TranslationOptions):
    fields = ("note",)


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("title", "result")


@register(Feedback)
class FeedbackTranslation(TranslationOptions):
    fields = ("title", "statement")


for _model in (Finding, Decision, DecisionFactor, Action, Feedback):
    follow_content_language(_model)

TRANSLATE_FEEDBACK = "outcomes.translate_feedback"


def _owner(record: Any, owner: Any) -> Any:
    """Translated as part of a feedback that reports it (outcomes/loop_translations.py), by the
    feedback's people; otherwise by those who may change the record itself."""
    if isinstance(owner, Feedback) and in_feedback(record, owner):
        return owner
    return record


def _permission(change: str) -> Any:
    return lambda target: TRANSLATE_FEEDBACK if isinstance(target, Feedback) else change


# Translated by the people who may change each record (outcomes/loop_rules.py); feedback by
# those who write and publish it, draft or published.
for _model, _change in (
    (Finding, "outcomes.change_finding"),
    (Decision, "outcomes.change_decision"),
    (Action, "outcomes.change_action"),
):
    register_translatable(_model, permission=_permission(_change), owner_of=_owner)
register_translatable(
    DecisionFactor,
    permission=_permission("outcomes.change_decision"),
    owner_of=lambda factor, owner: _owner(factor, owner) if isinstance(owner, Feedback) else factor.decision,
)
register_translatable(Feedback, permission=TRANSLATE_FEEDBACK, owner_of=lambda record, _owner: record)
