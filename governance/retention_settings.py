"""How long each kind of record is kept before it is reviewed: `HEARD_RETENTION` in settings,
record type -> {"months": n, "reason": "..."}, over the defaults below. A type set to None is not
reviewed. The reasons are written for the information-assurance officer who signs them off
(police records management: review, retention and disposal; UK GDPR article 5(1)(e), storage
limitation)."""

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS: dict[str, dict[str, Any]] = {
    "responses": {
        "months": 36,
        "reason": "Responses are needed while a consultation is analysed, decided on and fed back, "
        "and for the next year's evaluation and annual outcome report, which compares years. "
        "After three years the published findings and totals carry what was learned; residents' "
        "own words are no longer needed.",
    },
    "email_updates": {
        "months": 18,
        "reason": "An e-mail address is kept only to send the person updates on what was done about "
        "the consultation they answered. Feedback is normally published within a year of a "
        "consultation closing; eighteen months allows for late decisions, then the address goes.",
    },
    "contacts": {
        "months": 24,
        "reason": "Individuals are held on their consent, which is asked again every year. Two years "
        "from the date they agreed allows for one missed renewal; after that the details are "
        "out of date and held without a current agreement.",
    },
    "intelligence_flags": {
        "months": 72,
        "reason": "A flag passed to the local intelligence unit is a police record. Police "
        "information management guidance reviews intelligence at least every six years; "
        "flags dismissed or never passed on are reviewed on the same cycle so that none is "
        "forgotten.",
    },
    "analysis_runs": {
        "months": 36,
        "reason": "An analysis holds coded copies of the answers it read; it is kept as long as "
        "the responses it was made from, and can be run again from them if needed.",
    },
}


@dataclass(frozen=True)
class Policy:
    months: int
    reason: str


def _read(key: str, raw: Any) -> Policy | None:
    if raw is None:
        return None
    months, reason = raw.get("months"), raw.get("reason", "")
    if not isinstance(months, int) or months < 1 or not str(reason).strip():
        raise ImproperlyConfigured(
            f"HEARD_RETENTION[{key!r}] needs a whole number of months (1 or more) and a reason."
        )
    return Policy(months=months, reason=str(reason).strip())


def policies() -> dict[str, Policy | None]:
    """Every record type's policy: the defaults, with the setting's entries over them."""
    merged = {**DEFAULTS, **getattr(settings, "HEARD_RETENTION", {})}
    return {key: _read(key, raw) for key, raw in merged.items()}


def policy_for(key: str) -> Policy | None:
    return policies().get(key)


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later (or earlier, for negative `months`), or the
    last day of that month when it is shorter: 31 January + 1 month is 28 or 29 February.
    (The Information Commissioner counts a month for requests this way.)"""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))
