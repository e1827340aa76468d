"""heard_text: offline text analysis for Heard, with no Django in it.

Theme discovery, codeframe assignment, community-intelligence flags and personal-data redaction for
free-text answers, on a CPU, with nothing downloaded at run time. The Django app uses this small
interface; analysts use the ``heard-text`` command (``python -m heard_text``).
"""

from heard_text.codeframe import Assignment, Codeframe, ThemeAssigner, assign_themes, policing_codeframe
from heard_text.embed import Embedder, LsaEmbedder, MiniLMEmbedder, ModelIntegrityError, get_embedder
from heard_text.intel import IntelResult, detect, detect_many
from heard_text.redact import redact
from heard_text.text import is_empty_answer
from heard_text.themes import EMPTY_THEME_ID, Theme, ThemeResult, discover_themes

__all__ = [
    "EMPTY_THEME_ID",
    "Assignment",
    "Codeframe",
    "Embedder",
    "IntelResult",
    "LsaEmbedder",
    "MiniLMEmbedder",
    "ModelIntegrityError",
    "Theme",
    "ThemeAssigner",
    "ThemeResult",
    "assign_themes",
    "detect",
    "detect_many",
    "discover_themes",
    "get_embedder",
    "is_empty_answer",
    "policing_codeframe",
    "redact",
]
