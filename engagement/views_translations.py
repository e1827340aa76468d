"""An activity's "Translations" and "Send for translation" pages (governance/translatable_views.py
makes them for every translatable item)."""

from governance.translatable_views import item_pages

from .translator_files import activity_item

_pages = item_pages(activity_item)
activity_translations = _pages.translations
activity_translate = _pages.translate
activity_translator_files = _pages.translator_files
activity_translator_file = _pages.translator_file
