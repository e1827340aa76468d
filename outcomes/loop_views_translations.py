""" "You said, we did": a feedback's "Translations" and "Send for translation" pages, with the
findings, decisions and actions it reports (governance/translatable_views.py makes them for
every translatable item; outcomes/loop_translations.py says what the item is)."""

from governance.translatable_views import item_pages

from .loop_translations import feedback_item

_pages = item_pages(feedback_item)
feedback_translations = _pages.translations
feedback_translate = _pages.translate
feedback_translator_files = _pages.translator_files
feedback_translator_file = _pages.translator_file
