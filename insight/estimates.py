"""How long a running analysis has left, from how far it has gone since a worker began it."""

import math
from datetime import datetime

from django.utils import timezone

START = 5  # the progress a run has when a worker begins it
MEASURED = 5  # percentage points done before any estimate is given


def seconds_left(*, progress: int, started_at: datetime | None, now: datetime | None = None) -> int | None:
    """Seconds left at the pace so far, or None until enough is done to tell (or when done)."""
    if started_at is None or progress >= 100:
        return None
    done = progress - START
    elapsed = ((now or timezone.now()) - started_at).total_seconds()
    if done < MEASURED or elapsed <= 0:
        return None
    return math.ceil(elapsed * (100 - progress) / done)


def time_left_text(seconds: int | None) -> str:
    """ "about 2 minutes left", for the page."""
    if seconds is None:
        return "Working out how long it will take."
    if seconds < 60:
        return "Less than a minute left."
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"About {minutes} minute{'s' if minutes != 1 else ''} left."
    hours = round(minutes / 60)
    return f"About {hours} hour{'s' if hours != 1 else ''} left."
