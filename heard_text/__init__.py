"""heard_text: offline text analysis for Heard, with no Django in it.

Theme discovery (and labelling themes again after they change), codeframe assignment,
community-intelligence flags and personal-data redaction for free-text answers, on a CPU, with
nothing downloaded at run time. The Django app uses this small interface; analysts use the
``heard-text`` command (``python -m heard_text``).

The names below load on first use (PEP 562): importing the package costs nothing, so a web
process that never analyses text never loads NumPy, SciPy and scikit-learn (about 100 MB and a
second per process).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from heard_text.codeframe import Assignment, Codeframe, ThemeAssigner, policing_codeframe
    from heard_text.embed import (
        E5Embedder,
        Embedder,
        LsaEmbedder,
        MiniLMEmbedder,
        ModelIntegrityError,
        get_embedder,
    )
    from heard_text.intel import IntelResult, detect_many
    from heard_text.languages import detect_language
    from heard_text.redaction import redact
    from heard_text.text import is_empty_answer
    from heard_text.themes import (
        EMPTY_THEME_ID,
        GroupLabel,
        Theme,
        ThemeResult,
        discover_themes,
        label_groups,
    )

_MODULE_OF = {
    "Assignment": "codeframe",
    "Codeframe": "codeframe",
    "ThemeAssigner": "codeframe",
    "policing_codeframe": "codeframe",
    "E5Embedder": "embed",
    "Embedder": "embed",
    "LsaEmbedder": "embed_lsa",
    "MiniLMEmbedder": "embed",
    "ModelIntegrityError": "embed",
    "get_embedder": "embed",
    "IntelResult": "intel",
    "detect_many": "intel",
    "detect_language": "languages",
    "redact": "redaction",
    "is_empty_answer": "text",
    "EMPTY_THEME_ID": "themes",
    "Theme": "themes",
    "ThemeResult": "themes",
    "discover_themes": "themes",
    "GroupLabel": "themes",
    "label_groups": "themes",
}

__all__ = [
    "EMPTY_THEME_ID",
    "Assignment",
    "Codeframe",
    "E5Embedder",
    "Embedder",
    "GroupLabel",
    "IntelResult",
    "LsaEmbedder",
    "MiniLMEmbedder",
    "ModelIntegrityError",
    "Theme",
    "ThemeAssigner",
    "ThemeResult",
    "detect_language",
    "detect_many",
    "discover_themes",
    "get_embedder",
    "is_empty_answer",
    "label_groups",
    "policing_codeframe",
    "redact",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'heard_text' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"heard_text.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])
