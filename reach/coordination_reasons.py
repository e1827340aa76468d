"""The reasons for a pair in plain words: "Both consult young people in Stretford on knife crime
in March." Pages, exports, e-mails and the API all show these sentences."""

from collections.abc import Sequence
from datetime import timedelta

from django.utils import timezone

from engagement.models import Purpose

from .coordination_facts import Facts

# What both do, when they have the same purpose (seed 004's continuum).
VERBS = {
    Purpose.GIVING_INFORMATION: "inform",
    Purpose.GETTING_INFORMATION: "consult",
    Purpose.FORUMS_FOR_DEBATE: "meet",
    Purpose.PARTICIPATION: "involve",
    Purpose.PARTNERSHIP: "work in partnership with",
    Purpose.EMPOWERMENT: "support",
}
# First words of audience names that keep their capital ("Muslim communities").
PROPER = frozenset(
    {
        "asian",
        "black",
        "white",
        "muslim",
        "jewish",
        "hindu",
        "sikh",
        "buddhist",
        "christian",
        "gypsy",
        "english",
    }
)


def lower_name(name: str) -> str:
    """A name as it reads inside a sentence: "young people", but "LGBT+ people", "PACT meeting"
    and "Muslim communities"."""
    first = name.split(" ", 1)[0]
    if first.lower() in PROPER or (len(first) > 1 and not first[1:].islower()):
        return name
    return name[:1].lower() + name[1:]


def listed(words: Sequence[str]) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def audiences_phrase(names: Sequence[str]) -> str:
    return listed([lower_name(n) for n in sorted(names)])


def _month(a: Facts) -> str:
    local = timezone.localtime(a.activity.starts_at)
    year = "" if local.year == timezone.localdate().year else f" {local.year}"
    return f"{local:%B}{year}"


def when_phrase(a: Facts, b: Facts, gap: timedelta) -> str:
    if _month(a) == _month(b):
        return f"in {_month(a)}"
    if gap <= timedelta(0):
        return "at the same time"
    days = max(1, gap.days)
    return f"{days} day{'s' if days != 1 else ''} apart"


def dates_detail(gap: timedelta) -> str:
    if gap <= timedelta(0):
        return "They run at the same time"
    days = max(1, gap.days)
    return f"One ends {days} day{'s' if days != 1 else ''} before the other starts"


def kind_detail(a: Facts, b: Facts) -> str:
    if a.activity.method_id == b.activity.method_id:
        return f"Same kind of engagement: {lower_name(a.activity.method.name)}"
    if a.activity.purpose == b.activity.purpose:
        return f"Same kind of engagement: both are {a.activity.get_purpose_display().lower()}"
    return (
        f"Different kinds of engagement: {lower_name(a.activity.method.name)} and "
        f"{lower_name(b.activity.method.name)}"
    )


def headline(a: Facts, b: Facts, *, audience: str, place: str, topic: Sequence[str], when: str) -> str:
    same_purpose = a.activity.purpose == b.activity.purpose
    verb = VERBS.get(Purpose(a.activity.purpose), "reach") if same_purpose else "reach"
    about = f" on {listed(topic)}" if topic else ""
    return f"Both {verb} {audience} {place}{about} {when}."


def _carrier(a: Facts, b: Facts) -> tuple[Facts, Facts]:
    """Which of the two could carry the other's questions: a survey first, then whichever asks
    people things, then the one covering more ground, then the longer-running."""

    def rank(f: Facts) -> tuple[bool, bool, int, timedelta]:
        return (
            bool(f.activity.method.collects_information_only),
            f.gathers_views,
            -min((p.depth for p in f.places), default=99),
            f.end - f.start,
        )

    return (a, b) if rank(a) >= rank(b) else (b, a)


def advice(a: Facts, b: Facts, *, duplicate: bool) -> str:
    first, second = a.activity.lead_organisation.name, b.activity.lead_organisation.name
    if duplicate:
        return f"{first} and {second} could run one joint activity instead of two."
    carrier, rider = _carrier(a, b)
    if carrier.gathers_views:
        method = lower_name(carrier.activity.method.name)
        return (
            f"{carrier.activity.lead_organisation.name}'s {method} could carry "
            f"{rider.activity.lead_organisation.name}'s questions too."
        )
    return f"{first} and {second} could share one event, stall or leaflet."
