"""The statutory evidence pack's figures: for a period and an area, who was heard (by
neighbourhood and by group, victims of crime included, against the population), what they said
(themes, priorities, findings) and which decisions it informed (findings → decisions → actions).

Why it exists: before issuing a police and crime plan, and before setting the precept, a police
and crime commissioner must obtain the views of the people in the area and of victims of crime
(Police Act 1996 s.96, as amended by the Police Reform and Social Responsibility Act 2011 s.14);
chief officers must make arrangements for obtaining the views of people in each neighbourhood
about crime and disorder there (PRSRA 2011 s.34). The pack is what a police and crime panel can
table to see that it was done. Read through the publication rules of reports_scope.py."""

from collections.abc import Callable
from typing import Any

from consultations.suppression import threshold
from organisations.models import User
from reach.models import TargetProfile

from .reports_reach import who_was_heard
from .reports_said import decisions, decisions_informed, findings, findings_in, priorities, themes
from .reports_scope import Period, period_activities

# In plain words, for the opening of the document (and the page).
LAW = [
    "The law asks the police and crime commissioner to obtain the views of the people who live in "
    "the area, and of the victims of crime there, before issuing a police and crime plan and before "
    "setting the council tax precept for policing (Police Act 1996, section 96, as changed by section "
    "14 of the Police Reform and Social Responsibility Act 2011).",
    "It asks the chief constable to make arrangements for hearing the views of the people in each "
    "neighbourhood about crime and disorder there (Police Reform and Social Responsibility Act 2011, "
    "section 34).",
    "This pack sets out who was heard, what they said, and which decisions it informed.",
]


def _quiet(_: int) -> None:
    return None


def evidence_data(
    *,
    user: User,
    period: Period,
    target: TargetProfile | None = None,
    progress: Callable[[int], None] = _quiet,
) -> dict[str, Any]:
    """Every figure of the evidence pack (JSON: the API gives it, a kept copy stores it)."""
    data: dict[str, Any] = {
        "kind": "evidence",
        "title": "Evidence of people's views",
        "period": period.as_json(),
        "suppressed_below": threshold(),
        "law": LAW,
    }
    data["heard"] = who_was_heard(user, period, target=target)
    progress(50)
    found = findings_in(user=user, period=period)
    informed = decisions_informed(user=user, found=found, period=period)
    data["themes"] = themes(user=user, activities=period_activities(user, period), period=period)
    data["priorities"] = priorities(user=user, period=period)
    data["findings_total"] = found.count()
    data["findings"] = findings(user=user, found=found)
    data["decisions"] = decisions(user=user, chosen=informed, period=period)
    progress(80)
    return data
