"""Reach's models, one module per part: reach itself (target profiles, ways to reach people),
community contacts and coverage, coordination between partners, the partnership audit."""

from .audit import *  # noqa: F403
from .contacts import *  # noqa: F403
from .coordination import *  # noqa: F403
from .reach import *  # noqa: F403
