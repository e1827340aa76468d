"""The annual outcome report and the evidence pack written out as documents (reports_doc.py) from
their figures (reports_annual.py, reports_evidence.py), in plain words. They read the figures as
kept (JSON), with defaults for anything missing, so a report made by an earlier version of Heard
still shows."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django_stubs_ext import StrOrPromise

from .reports_doc import Block, Section, bars, bullets, p, table

MOST_BARS = 15
Data = dict[str, Any]


def _n(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def count(value: Any, one: str, many: str) -> str:
    """ "1 activity", "3 activities"."""
    return f"{_n(value)} {one if value == 1 else many}"


def people_cell(row: Data) -> str:
    """People reached in a row of a table, saying when small activities are not counted in it."""
    left = row.get("not_counted", 0)
    shown = _n(row.get("people", 0))
    if not left:
        return shown
    return ngettext(
        "%(people)s (and %(count)s small activity not counted)",
        "%(people)s (and %(count)s small activities not counted)",
        left,
    ) % {"people": shown, "count": _n(left)}


def _day(iso: str) -> str:
    return date_format(date.fromisoformat(iso), "j F Y") if iso else ""


def _counted(title: str, what: str, rows: list[list[Any]], *, chart: bool = True) -> list[Block]:
    if not rows:
        return [p(gettext("No %(what)s to count.") % {"what": what.lower()})]
    blocks = [table(title, [what, gettext("Activities")], [[name, _n(n)] for name, n in rows], numeric=(1,))]
    shown = rows[:MOST_BARS]
    if chart:
        blocks.insert(0, bars(title, [r[0] for r in shown], [[float(r[1]) for r in shown]]))
    return blocks


def opening(data: Data, first: Sequence[StrOrPromise]) -> Section:
    period = data.get("period", {})
    below = data.get("suppressed_below", 10)
    return Section(
        heading="",
        blocks=[
            *[p(str(text)) for text in first],
            p(
                gettext("It covers %(place)s, from %(words)s. The figures stand at %(as_at)s.")
                % {
                    "place": period.get("place", gettext("every area")),
                    "words": period.get("words", ""),
                    "as_at": _day(period.get("as_at", "")),
                }
            ),
            p(
                gettext(
                    "To protect the people who took part, no number of people under %(below)s is shown "
                    "(“fewer than %(below)s”, or “withheld” where a larger number would let a smaller one be "
                    "worked out); activities that reached fewer than %(below)s people are not added into any "
                    "count of people. Names, addresses, postcodes, phone numbers and e-mail addresses are "
                    "taken out of what people said. Records marked OFFICIAL-SENSITIVE are not included."
                )
                % {"below": below},
                small=True,
            ),
        ],
    )


def people_words(people: int, left_out: int, below: int) -> str:
    reached = ngettext("%(count)s person", "%(count)s people", people) % {"count": _n(people)}
    if not left_out:
        return gettext(
            "They reached %(reached)s (responses to questionnaires, and the people at events)."
        ) % {"reached": reached}
    return ngettext(
        "They reached %(reached)s, not counting %(count)s activity that reached fewer than %(below)s "
        "people each (responses to questionnaires, and the people at events).",
        "They reached %(reached)s, not counting %(count)s activities that reached fewer than %(below)s "
        "people each (responses to questionnaires, and the people at events).",
        left_out,
    ) % {"reached": reached, "count": _n(left_out), "below": below}


def reach_blocks(reach: Data | None, *, who: str = "") -> list[Block]:
    """Who took part against the population, dimension by dimension (`who`: "Participants")."""
    who = who or gettext("Participants")
    if not reach:
        return [p(gettext("No activity in this period collected equality answers to compare."))]
    blocks = [
        p(reach.get("summary", "")),
        p(
            gettext("Compared with %(compared_with)s. Equality monitoring forms: %(forms)s.")
            % {
                "compared_with": reach.get("compared_with", gettext("the population")),
                "forms": reach.get("forms", "0"),
            }
        ),
    ]
    for dimension in reach.get("dimensions", []):
        rows = dimension.get("rows", [])
        if all(r.get("participants") == "0" for r in rows):
            blocks.append(
                p(
                    gettext("%(label)s: nobody answered this question.")
                    % {"label": dimension.get("label", "")}
                )
            )
            continue
        if any(r.get("share") is not None for r in rows):  # else only the population would show
            blocks.append(
                bars(
                    gettext("%(label)s: %(who)s against the population")
                    % {"label": dimension.get("label", ""), "who": who.lower()},
                    [r["group"] for r in rows],
                    [[r.get("share") for r in rows], [r.get("population_share") for r in rows]],
                    names=[who, gettext("Population")],
                    percent=True,
                )
            )
        blocks.append(
            table(
                gettext("%(label)s (not answered: %(not_answered)s)")
                % {"label": dimension.get("label", ""), "not_answered": dimension.get("not_answered", "0")},
                [
                    gettext("Group"),
                    who,
                    gettext("Share"),
                    gettext("Share of the population"),
                    gettext("Difference"),
                ],
                [
                    [r["group"], r["participants"], r["share_text"], r["population_text"], r["flag"]]
                    for r in rows
                ],
                numeric=(1, 2, 3),
            )
        )
    under = reach.get("under", [])
    blocks.append(
        p(gettext("Under-represented: %(groups)s.") % {"groups": "; ".join(under)})
        if under
        else p(gettext("No group was clearly under-represented."))
    )
    return blocks


def theme_blocks(data: Data) -> list[Block]:
    themes = data.get("themes", [])
    below = data.get("suppressed_below", 10)
    if not themes:
        return [p(gettext("No analysis of what people wrote found a theme large enough to show."))]
    return [
        bars(
            gettext("The main themes: answers"),
            [t["label"] for t in themes],
            [[float(t["answers"]) for t in themes]],
        ),
        table(
            gettext(
                "The main themes of what people wrote (themes of fewer than %(below)s answers are left out)"
            )
            % {"below": below},
            [gettext("Theme"), gettext("Answers"), gettext("Activity")],
            [[t["label"], _n(t["answers"]), t["activity"]] for t in themes],
            numeric=(1,),
        ),
    ]


def main_priorities(priorities: list[Data]) -> list[Block]:
    """The priorities most often set across the neighbourhoods, for the year's report."""
    places: dict[str, set[str]] = defaultdict(set)
    first: dict[str, set[str]] = defaultdict(set)
    for row in priorities:
        places[row["label"]].add(row["area"])
        if row["rank"] == 1:
            first[row["label"]].add(row["area"])
    ranked = sorted(places, key=lambda label: (-len(places[label]), -len(first[label]), label))[:MOST_BARS]
    return [
        bars(
            gettext("Priorities: neighbourhoods that set each"),
            ranked,
            [[float(len(places[label])) for label in ranked]],
        ),
        table(
            gettext("The priorities most often set by the neighbourhoods"),
            [gettext("Priority"), gettext("Neighbourhoods"), gettext("Their first priority in")],
            [[label, _n(len(places[label])), _n(len(first[label]))] for label in ranked],
            numeric=(1, 2),
        ),
    ]


def each_neighbourhoods_priorities(priorities: list[Data]) -> list[Block]:
    """Each neighbourhood's priorities, quarter by quarter, in the order it ranked them."""
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in priorities:
        grouped[(row["area"], row["quarter"])].append(f"{row['rank']}. {row['label']}")
    return [
        table(
            gettext("The priorities each neighbourhood set"),
            [gettext("Neighbourhood"), gettext("Quarter"), gettext("Priorities, most important first")],
            [[area, quarter, "; ".join(labels)] for (area, quarter), labels in grouped.items()],
        )
    ]


def said_blocks(data: Data, *, each_neighbourhood: bool = False) -> list[Block]:
    """The main themes and the neighbourhood priorities published: each neighbourhood's (the
    evidence pack), or those most often set (the annual report)."""
    priorities = data.get("priorities", [])
    if not priorities:
        return [
            *theme_blocks(data),
            p(gettext("No neighbourhood priorities were published for this period.")),
        ]
    shown = each_neighbourhoods_priorities(priorities) if each_neighbourhood else main_priorities(priorities)
    return [*theme_blocks(data), *shown]


def action_items(actions: list[Data]) -> list[str]:
    return [f"{a['title']} — {a['organisation']}: {a['progress']}" for a in actions]


def decision_blocks(decisions: list[Data]) -> list[Block]:
    blocks: list[Block] = []
    for d in decisions:
        blocks.append(
            p(
                ngettext(
                    "We decided: %(summary)s (%(body)s, %(decided_on)s; it weighed %(findings)s finding).",
                    "We decided: %(summary)s (%(body)s, %(decided_on)s; it weighed %(findings)s findings).",
                    d["findings"],
                )
                % {
                    "summary": d["summary"],
                    "body": d["body"],
                    "decided_on": d["decided_on"],
                    "findings": d["findings"],
                }
            )
        )
        if d.get("actions"):
            blocks.append(bullets(action_items(d["actions"])))
    return blocks


def feedback_sections(feedback: Data) -> list[Section]:
    sections = []
    for item in feedback.get("items", []):
        where = ", ".join(x for x in (item.get("activity", ""), item.get("area", "")) if x)
        blocks = [
            p(
                gettext("%(where)s. Published %(published_on)s (%(values)s).")
                % {
                    "where": where,
                    "published_on": item.get("published_on", ""),
                    "values": ", ".join(item.get("channels", [])),
                },
                small=True,
            ),
            p(item.get("statement", "")),
        ]
        if item.get("said"):
            blocks += [p(gettext("You said:")), bullets(item["said"])]
        blocks += decision_blocks(item.get("decisions", []))
        sections.append(Section(heading=item.get("title", ""), blocks=blocks, level=2))
    return sections
