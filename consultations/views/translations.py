"""A questionnaire's "Translations" and "Send for translation" pages (governance/translatable_views.py
makes them for every translatable item)."""

from governance.translatable_views import item_pages

from ..translator_files import questionnaire_item

_pages = item_pages(questionnaire_item)
questionnaire_translations = _pages.translations
questionnaire_translate = _pages.translate
questionnaire_translator_files = _pages.translator_files
questionnaire_translator_file = _pages.translator_file
