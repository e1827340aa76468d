"""The kinds of export that can be made in the background, as the apps that own the data
describe them.

Governance sits below those apps, so it cannot import them: each registers its kinds from a
hooks module when it is ready (e.g. engagement/hooks_exports.py). A kind is a function that,
given the parameters of a request (the file format, the page's query string, the record and
part of it) and the person asking, prepares the export through the app's own selectors — the
same scoping, redaction and suppression as the direct download, which calls the same function.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import QueryDict

from core.extensions import Registry
from core.shortcuts import parse_id
from core.text import clean

from .exports import FORMATS, ExportPlan


@dataclass(frozen=True)
class ExportKind:
    key: str  # such as "engagement.activities"
    label: str  # in words: "Activities"
    plan: Callable[[Any, dict[str, Any]], ExportPlan]  # (user, parameters) -> the export


export_kinds: Registry[ExportKind] = Registry()


def register_export_kind(
    key: str, label: str, plan: Callable[[Any, dict[str, Any]], ExportPlan]
) -> ExportKind:
    return export_kinds.register(key, ExportKind(key, label, plan))


def export_kind(key: str) -> ExportKind | None:
    found = export_kinds.items.get(str(key))
    return found[2] if found is not None else None


def export_parameters(
    *, file_format: str, query: str = "", record: int | None = None, part: str = ""
) -> dict[str, Any]:
    """The parameters of one export request, as stored on its job (JSON: text a database
    cannot hold is dropped; an id no record can have is kept out)."""
    return {
        "format": clean(str(file_format))[:10],
        "query": clean(str(query))[:2000],
        "record": parse_id(record),
        "part": clean(str(part))[:20],
    }


def query_data(parameters: dict[str, Any], *, leave_out: tuple[str, ...] = ("page",)) -> QueryDict:
    """The page's filters from the stored query string (several values per name kept)."""
    data = QueryDict(str(parameters.get("query") or ""), mutable=True)
    for name in leave_out:
        data.pop(name, None)
    return data


def format_of(parameters: dict[str, Any]) -> str:
    file_format = str(parameters.get("format") or "")
    if file_format not in FORMATS:
        raise ValidationError({"format": "Choose csv or xlsx."})
    return file_format
