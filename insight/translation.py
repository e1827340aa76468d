"""A neighbourhood's published priorities, translatable (README "Translating what staff write")."""

from modeltranslation.translator import TranslationOptions, register

from core.content_languages import follow_content_language
from governance.content_translation import register_translatable

from .models import Priority


@register(Priority)
class PriorityTranslation(TranslationOptions):
    fields = ("label",)


for _model in (Priority,):
    follow_content_language(_model)

# Translated by its own organisation, responsible for its area (insight/rules.py).
register_translatable(Priority, permission="insight.translate_priority", owner_of=lambda p, _owner: p)
