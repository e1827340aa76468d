"""A neighbourhood's published priorities: their "Translations" and "Send for translation" pages
(governance/translatable_views.py makes them for every translatable item;
insight/priority_translations.py says what the item is)."""

from governance.translatable_views import item_pages

from .priority_translations import priorities_item

_pages = item_pages(priorities_item)
priorities_translations = _pages.translations
priorities_translate = _pages.translate
priorities_translator_files = _pages.translator_files
priorities_translator_file = _pages.translator_file
