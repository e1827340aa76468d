"""The activity text the public sees, translatable (README "Translating what staff write")."""

from modeltranslation.translator import TranslationOptions, register

from core.content_languages import follow_content_language
from governance.content_translation import register_translatable

from .models import Activity, Aim


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "summary", "accessibility")


@register(Aim)
class AimTranslation(TranslationOptions):
    fields = ("text",)


for _model in (Activity, Aim):
    follow_content_language(_model)

register_translatable(Activity, permission="engagement.change_activity", owner_of=lambda a, _owner: a)
register_translatable(Aim, permission="engagement.change_activity", owner_of=lambda a, _owner: a.activity)
