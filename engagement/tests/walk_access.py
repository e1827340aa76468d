"""The walk's part for what activities offer (engagement/access.py): the reference lists of
languages and access formats in the API. Open reference data, for signed-in callers only like
the other lists (methods, audiences); they carry no resident's words."""

from collections.abc import Callable
from typing import Any

COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "api:list_languages": {},
    "api:list_access_formats": {},
}
OTHER_GETS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "api:list_languages": lambda s: {},
    "api:list_access_formats": lambda s: {},
}
