""" "Who already reaches them?": the reach page's answer, for an under-represented audience in an
area, is gathered from every part of reach that knows someone who does — the community contacts
register, partner activities aimed at the audience — each registering a provider in its hooks
module. The reach part calls them without importing the others."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.extensions import Registry


@dataclass(frozen=True)
class Reacher:
    """Someone or something that already reaches an audience in an area."""

    kind: str  # what it is, in words: "Community contact", "Partner activity"
    name: str
    detail: str  # in plain words: who runs it, when, how to get in touch (only what the reader may see)
    url: str = ""  # a staff page about it, or ""


# (user, area, audience) -> the reachers this user may see. `area` includes the areas inside it.
audience_reachers: Registry[Callable[[Any, Any, Any], list[Reacher]]] = Registry()


def reachers_for(user: Any, area: Any, audience: Any) -> list[Reacher]:
    return [found for provider in audience_reachers for found in provider(user, area, audience)]
