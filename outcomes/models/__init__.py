"""Outcomes' models, one module per part: the feedback loop (findings, decisions, actions,
feedback, personal updates), evaluation, measures and plans, reports, publication-scheme bundles."""

from .evaluation import *  # noqa: F403
from .loop import *  # noqa: F403
from .measures import *  # noqa: F403
from .publication import *  # noqa: F403
from .reports import *  # noqa: F403
