"""The public website's own part of the URL walk (heard/tests/walks.py): the language switcher and
the statements linked from every page's footer need no login and name no record."""

PUBLIC_URLS = {"public:language", "public:about", "public:accessibility", "public:privacy", "public:cookies"}
COLLECTION_URLS: dict[str, dict[str, str]] = {name: {} for name in PUBLIC_URLS}
# Fixed wording filled from settings: no resident's words on any of them.
NO_TEXT: dict[str, str] = dict.fromkeys(PUBLIC_URLS, "public statement or language choice: no answers")
