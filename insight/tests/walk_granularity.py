"""Broader or finer themes in the URL walks (heard/tests/walks.py): the analysis page's level
control and the API operation. Both name an analysis run, so another organisation's staff get a
404; the page answers with a redirect, the API with the run and its themes (quotes: residents'
words, redacted outside the owning organisation)."""

from collections.abc import Callable
from typing import Any

Record = dict[str, Any]

OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "insight:run_level": lambda r: {"pk": r["analysis_run"].pk},
    "api:set_analysis_level": lambda r: {"run_id": r["analysis_run"].pk},
}

# The redaction matrix (heard/tests/test_redaction_matrix.py): the matrix's run was analysed
# "as found"; asking for that level again answers with its themes unchanged, the planted quote
# included.
TEXT_WRITES: dict[str, tuple[str, Callable[[Record], dict[str, Any]], Callable[[Record], dict[str, Any]]]] = {
    "api:set_analysis_level": ("post", lambda s: {"run_id": s["run"].pk}, lambda s: {"level": 2}),
}
NO_TEXT: dict[str, str] = {
    "insight:run_level": "a form post that answers with a redirect",
}
