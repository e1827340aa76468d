"""Evidence for an area from every part of outcomes that has some: the evidence register's page
for an area and period shows the register's data sources beside what engagement found there,
and the findings ("You said") belong to the feedback loop. Each part registers a provider in its
hooks module; the evidence page calls them without importing the parts.

A provider takes (user, area, start, end) — `area` includes the areas inside it, `start` and
`end` are the first and last day of the period — and returns the sections it has for that
reader, or none. Whatever words a section holds must already be through the reader's TextDoor
(organisations/privacy.py), and hold only records the reader may see: the page shows them as
they come.

    from outcomes.extensions import AreaEvidence, EvidenceItem, area_evidence

    def findings(user, area, start, end):
        return [AreaEvidence(title="What people told us", items=[EvidenceItem(text=..., url=...)])]

    area_evidence.register("findings", findings, order=10)
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.extensions import Registry


@dataclass(frozen=True)
class EvidenceItem:
    text: str  # in plain words, through the reader's TextDoor
    detail: str = ""  # when, where, who: a line under the text
    url: str = ""  # a staff page about it, or ""


@dataclass(frozen=True)
class AreaEvidence:
    """A section of an area's evidence page."""

    title: str
    items: list[EvidenceItem] = field(default_factory=list)
    empty: str = "Nothing recorded for this area and period."


# (user, area, start, end) -> the sections this user may see
area_evidence: Registry[Callable[[Any, Any, date, date], list[AreaEvidence]]] = Registry()


def evidence_for(user: Any, area: Any, start: date, end: date) -> list[AreaEvidence]:
    return [section for provider in area_evidence for section in provider(user, area, start, end)]
