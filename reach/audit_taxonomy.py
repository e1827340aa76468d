"""Heard's taxonomy as a partner's activity list meets it: methods, purposes, audiences, areas and
levels, and how a partner's own words are matched to them (seed 000's snapshot audit asks
partners for their lists; they describe their work in their own words). A wording matches when
it is the same name (capitals, punctuation and spacing aside), a common word partners use for
it, contains the name ("residents' survey" → Survey), or is close to it ("Carer" → Carers).
The matches are only suggestions: the person importing confirms or corrects each one."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher, get_close_matches

from engagement.models import Level, Method, Purpose
from organisations.models import Organisation
from places.models import Area, AreaLevel, Audience, AudienceKind

CLOSE = 0.8  # SequenceMatcher's ratio from which two wordings are "close"
LEAVE_OUT = "-"  # the choice for an audience wording that is none of Heard's

# Words partners use for Heard's methods (by slug), whole phrases of their wording.
METHOD_WORDS: dict[str, str] = {
    "newsletter": "leaflets-and-publications",
    "magazine": "leaflets-and-publications",
    "bulletin": "leaflets-and-publications",
    "leaflet": "leaflets-and-publications",
    "leaflet drop": "leaflets-and-publications",
    "mailing list": "leaflets-and-publications",
    "website": "web-based-information",
    "social media": "web-based-information",
    "drop in": "open-surgery",
    "surgery": "open-surgery",
    "forum": "public-meeting",
    "area forum": "public-meeting",
    "community council": "public-meeting",
    "workshop": "focus-group",
    "conference": "stakeholder-event",
    "assembly": "stakeholder-event",
    "panel": "citizens-panel",
    "residents panel": "citizens-panel",
    "poll": "survey",
    "consultation": "questionnaire",
    "outreach": "community-development",
    "youth work": "community-development",
    "clear up": "community-development",
    "clean up": "community-development",
}
AUDIENCE_WORDS: dict[str, str] = {
    "everyone": "residents",
    "all residents": "residents",
    "general public": "residents",
    "the public": "residents",
    "public": "residents",
    "community": "residents",
    "whole community": "residents",
    "local people": "residents",
    "youth": "young-people",
    "teenagers": "young-people",
    "young adults": "young-people",
    "elderly": "older-people",
    "elderly people": "older-people",
    "over 65s": "older-people",
    "pensioners": "older-people",
    "seniors": "older-people",
    "older residents": "older-people",
    "families": "children-and-families",
    "children": "children-and-families",
    "parents": "parents-and-carers",
    "women": "women-and-girls",
    "men": "men-and-boys",
    "people with disabilities": "disabled-people",
    "disabled residents": "disabled-people",
    "lgbt": "lgbt-people",
    "lgbtq": "lgbt-people",
    "faith communities": "faith-groups",
    "places of worship": "faith-groups",
    "traders": "businesses",
    "shopkeepers": "businesses",
    "homeless people": "rough-sleepers",
    "refugees": "refugees-and-asylum-seekers",
    "asylum seekers": "refugees-and-asylum-seekers",
    "esol learners": "people-whose-first-language-is-not-english",
    "neighbourhood watch": "neighbourhood-watch-members",
    "tenants associations": "tenants-and-residents-associations",
    "residents associations": "tenants-and-residents-associations",
    "college students": "students",
    "victims": "victims-of-crime",
}
PURPOSE_WORDS: dict[str, str] = {
    "information": Purpose.GIVING_INFORMATION,
    "informing": Purpose.GIVING_INFORMATION,
    "information giving": Purpose.GIVING_INFORMATION,
    "consultation": Purpose.GETTING_INFORMATION,
    "consulting": Purpose.GETTING_INFORMATION,
    "information gathering": Purpose.GETTING_INFORMATION,
    "debate": Purpose.FORUMS_FOR_DEBATE,
    "involvement": Purpose.PARTICIPATION,
    "partnership working": Purpose.PARTNERSHIP,
    "capacity building": Purpose.EMPOWERMENT,
}
LEVEL_WORDS: dict[str, str] = {
    "strategic": Level.STRATEGIC,
    "force": Level.STRATEGIC,
    "force wide": Level.STRATEGIC,
    "pan county": Level.STRATEGIC,
    "district": Level.DISTRICT,
    "borough": Level.DISTRICT,
    "neighbourhood": Level.NEIGHBOURHOOD,
    "ward": Level.NEIGHBOURHOOD,
    "local": Level.NEIGHBOURHOOD,
    "theme": Level.THEME,
    "issue": Level.THEME,
    "theme or issue": Level.THEME,
}
# The level an activity's widest area suggests, when the list gives none.
AREA_LEVELS = {
    AreaLevel.COUNTRY: Level.STRATEGIC,
    AreaLevel.REGION: Level.STRATEGIC,
    AreaLevel.FORCE: Level.STRATEGIC,
    AreaLevel.DISTRICT: Level.DISTRICT,
}


def norm(text: str) -> str:
    """A wording reduced to what matters when comparing: lower case, letters and digits."""
    text = text.replace("\u2019", "'").replace("'", "")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


@dataclass(frozen=True)
class Option:
    key: str  # a slug (methods, audiences, organisations) or a value (purposes, levels)
    name: str


def _contains(wording: str, phrase: str) -> bool:
    return bool(phrase) and f" {phrase} " in f" {wording} "


def suggest(wording: str, options: Sequence[Option], words: dict[str, str] | None = None) -> str:
    """The key of the option `wording` most likely means, or "" when none is a good guess."""
    wanted = norm(wording)
    if not wanted:
        return ""
    keys = {o.key for o in options}
    for option in options:
        if wanted in (norm(option.name), norm(option.key)):
            return option.key
    words = {norm(w): key for w, key in (words or {}).items() if key in keys}
    if wanted in words:
        return words[wanted]
    names = sorted(options, key=lambda o: len(norm(o.name)), reverse=True)
    for option in names:
        if len(norm(option.name)) >= 4 and _contains(wanted, norm(option.name)):
            return option.key
    for phrase in sorted(words, key=len, reverse=True):
        if _contains(wanted, phrase):
            return words[phrase]
    best, score = "", CLOSE
    for option in options:
        ratio = SequenceMatcher(None, wanted, norm(option.name)).ratio()
        if ratio >= score:
            best, score = option.key, ratio
    return best


def initials(name: str) -> str:
    """ "Trafford Housing Trust" → "tht": how partners often write each other's names."""
    return "".join(word[0] for word in norm(name).split() if word not in {"and", "of", "the"})


@dataclass
class Taxonomy:
    """Heard's lists, read once per import."""

    methods: dict[str, Method]
    audiences: dict[str, Audience]
    organisations: dict[str, Organisation] = field(default_factory=dict)
    areas_by_code: dict[str, Area] = field(default_factory=dict)
    areas_by_name: dict[str, list[Area]] = field(default_factory=dict)

    @classmethod
    def load(cls, organisations: Iterable[Organisation] = ()) -> "Taxonomy":
        areas = list(Area.objects.engagement_levels().order_by("path"))
        by_name: dict[str, list[Area]] = {}
        for area in areas:
            by_name.setdefault(norm(area.name), []).append(area)
        return cls(
            methods={m.slug: m for m in Method.objects.filter(is_active=True).order_by("name")},
            audiences={a.slug: a for a in Audience.objects.filter(is_active=True).order_by("name")},
            organisations={o.slug: o for o in organisations},
            areas_by_code={a.code.upper(): a for a in areas},
            areas_by_name=by_name,
        )

    def method_options(self) -> list[Option]:
        return [Option(slug, m.name) for slug, m in self.methods.items()]

    def audience_options(self) -> list[Option]:
        return [Option(slug, a.name) for slug, a in self.audiences.items()]

    def organisation_options(self) -> list[Option]:
        return [Option(slug, o.name) for slug, o in self.organisations.items()]

    def suggest_organisation(self, wording: str) -> str:
        found = suggest(wording, self.organisation_options())
        if found:
            return found
        wanted = norm(wording).replace(" ", "")
        matches = [
            o.key for o in self.organisation_options() if len(wanted) >= 2 and initials(o.name) == wanted
        ]
        return matches[0] if len(matches) == 1 else ""

    def area(self, wording: str) -> tuple[Area | None, str]:
        """The area a cell names by code or name, or None and why not."""
        code = wording.strip().upper()
        if code in self.areas_by_code:
            return self.areas_by_code[code], ""
        found = self.areas_by_name.get(norm(wording), [])
        if len(found) == 1:
            return found[0], ""
        if found:
            codes = ", ".join(f"{a.name} ({a.get_level_display().lower()}): {a.code}" for a in found)
            return None, f"“{wording}” names more than one area: give its code ({codes})."
        close = get_close_matches(norm(wording), list(self.areas_by_name), n=1, cutoff=0.75)
        hint = f" Did you mean {self.areas_by_name[close[0]][0].name}?" if close else ""
        return (
            None,
            f"“{wording}” is not an area Heard knows: give a ward, district or force by name or code.{hint}",
        )


def purpose_of(wording: str) -> str:
    options = [Option(value, str(label)) for value, label in Purpose.choices]
    return suggest(wording, options, PURPOSE_WORDS)


def level_of(wording: str) -> str:
    options = [Option(value, str(label)) for value, label in Level.choices]
    return suggest(wording, options, LEVEL_WORDS)


def level_for(areas: Sequence[Area]) -> str:
    """The level of the widest of the areas: a district-wide list item is district level."""
    for level in (AreaLevel.COUNTRY, AreaLevel.REGION, AreaLevel.FORCE, AreaLevel.DISTRICT):
        if any(a.level == level for a in areas):
            return AREA_LEVELS[level]
    return Level.NEIGHBOURHOOD


def is_whole_community(audience: Audience) -> bool:
    """Audiences of place ("Residents") are everyone who lives there, as coordination counts them."""
    return audience.kind == AudienceKind.PLACE
