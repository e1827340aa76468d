"""The annual outcome report as a document (reports_doc.py), from its figures (reports_annual.py)."""

from typing import Any

from django.utils.translation import gettext, gettext_lazy, ngettext

from .reports_doc import Block, Doc, Section, bars, p, table
from .reports_writing import (
    Data,
    _counted,
    _n,
    feedback_sections,
    opening,
    people_words,
    reach_blocks,
    said_blocks,
)

FIRST = [
    gettext_lazy(
        "This report sets out the engagement with communities over the year: what was done, who took part, "
        "what people said, what was decided and done as a result, and how well the engagement was done."
    ),
]


def activities_section(data: Data) -> Section:
    counted = data.get("activities", {})
    people = data.get("people", {})
    below = data.get("suppressed_below", 10)
    blocks = [
        p(
            ngettext(
                "%(count)s engagement activity was held.",
                "%(count)s engagement activities were held.",
                counted.get("total", 0),
            )
            % {"count": _n(counted.get("total", 0))}
            + " "
            + people_words(people.get("reached", 0), people.get("left_out", 0), below)
        ),
        *_counted(
            gettext("Activities by purpose, from giving information to empowerment"),
            gettext("Purpose"),
            counted.get("by_purpose", []),
        ),
        *_counted(gettext("Activities by method"), gettext("Method"), counted.get("by_method", [])),
        *_counted(gettext("Activities by area"), gettext("Area"), counted.get("by_area", [])),
    ]
    return Section(heading=gettext("What we did"), blocks=blocks)


def loop_section(data: Data) -> list[Section]:
    loop = data.get("loop", {})
    feedback = data.get("you_said_we_did", {})
    rag = loop.get("actions_by_rag", [])
    blocks: list[Block] = [
        p(
            gettext(
                "Findings of what people said: %(findings)s. Decisions made: %(decisions)s, with "
                "%(actions)s. Feedback published (“You said, we did”): %(published)s."
            )
            % {
                "findings": _n(loop.get("findings", 0)),
                "decisions": _n(loop.get("decisions", 0)),
                "actions": ngettext("%(count)s action", "%(count)s actions", loop.get("actions", 0))
                % {"count": _n(loop.get("actions", 0))},
                "published": _n(feedback.get("published", 0)),
            }
        ),
    ]
    if loop.get("actions"):
        blocks += [
            bars(gettext("Actions by RAG status"), [r[0] for r in rag], [[float(r[1]) for r in rag]]),
            table(
                gettext(
                    "Actions by RAG status (red: overdue or dropped; amber: due soon and not started; green: "
                    "on track or done)"
                ),
                [gettext("RAG"), gettext("Actions")],
                [[r[0], _n(r[1])] for r in rag],
                numeric=(1,),
            ),
            table(
                gettext("Actions by status"),
                [gettext("Status"), gettext("Actions")],
                [[r[0], _n(r[1])] for r in loop.get("actions_by_status", [])],
                numeric=(1,),
            ),
        ]
    items = feedback.get("items", [])
    if feedback.get("published", 0) > len(items):
        blocks.append(p(gettext("The %(count)s most recent are below.") % {"count": len(items)}, small=True))
    return [Section(heading=gettext("You said, we did"), blocks=blocks), *feedback_sections(feedback)]


def evaluation_section(data: Data) -> Section:
    evaluation = data.get("evaluation", {})
    aims = evaluation.get("aims", [])
    blocks: list[Block] = [
        p(
            gettext(
                "%(complete)s evaluated against their own aims. Of the %(with_target)s with a target "
                "number of participants, %(target_met)s met it."
            )
            % {
                "complete": ngettext(
                    "%(count)s activity was", "%(count)s activities were", evaluation.get("complete", 0)
                )
                % {"count": _n(evaluation.get("complete", 0))},
                "with_target": _n(evaluation.get("with_target", 0)),
                "target_met": _n(evaluation.get("target_met", 0)),
            }
        ),
    ]
    if any(n for _, n in aims):
        blocks += [
            bars(gettext("Aims met"), [a[0] for a in aims], [[float(a[1]) for a in aims]]),
            table(
                gettext("Aims, as rated in the evaluations"),
                [gettext("Result"), gettext("Aims")],
                [[a[0], _n(a[1])] for a in aims],
                numeric=(1,),
            ),
        ]
    blocks.append(
        p(
            gettext("Evaluation forms from people who took part: %(forms)s.")
            % {"forms": evaluation.get("forms", "0")}
        )
    )
    for view in evaluation.get("views", []):
        blocks.append(
            table(view["question"], [gettext("Answer"), gettext("People")], view["cells"], numeric=(1,))
        )
    return Section(heading=gettext("How well we did it"), blocks=blocks)


def standards_section(data: Data) -> Section:
    standards = data.get("standards", {})
    rows = standards.get("rows", [])
    scored = [r for r in rows if r.get("average") is not None]
    if not scored:
        return Section(
            heading=gettext("National Standards for Community Engagement"),
            blocks=[p(gettext("No activity of the period was scored against the National Standards."))],
        )
    return Section(
        heading=gettext("National Standards for Community Engagement"),
        blocks=[
            p(
                gettext(
                    "Self-assessments of %(assessments)s, each standard scored from 1 (not yet) to 4 (fully)."
                )
                % {
                    "assessments": ngettext(
                        "%(count)s activity", "%(count)s activities", standards.get("assessments", 0)
                    )
                    % {"count": _n(standards.get("assessments", 0))}
                }
            ),
            bars(
                gettext("Average score of each standard"),
                [r["standard"] for r in scored],
                [[float(r["average"]) for r in scored]],
            ),
            table(
                gettext("Average score of each standard"),
                [gettext("Standard"), gettext("Average score"), gettext("Activities scored")],
                [
                    [r["standard"], r["average"] if r["average"] is not None else "–", _n(r["activities"])]
                    for r in rows
                ],
                numeric=(1, 2),
            ),
        ],
    )


def _measure_blocks(measure: dict[str, Any]) -> list[Block]:
    facts = [
        (gettext("Question"), measure.get("quadrant", "")),
        (gettext("Baseline"), measure.get("baseline", "")),
        (gettext("Target"), measure.get("target", "")),
        (gettext("Trend"), measure.get("trend", "")),
        (gettext("Against the target"), measure.get("against_target", "")),
    ]
    values = measure.get("values", [])
    blocks: list[Block] = [table("", ["", ""], [[k, v] for k, v in facts if v])]
    if values:
        blocks.append(
            Block(
                "line",
                title=f"{measure['name']}, period by period",
                points=[(v["start"], v["value"]) for v in values],
                frequency=measure.get("frequency", "quarter"),
                unit=measure.get("unit", ""),
                baseline=measure.get("baseline_value"),
                target=measure.get("target_value"),
            )
        )
        blocks.append(
            table(
                gettext("The figures"),
                [gettext("Period"), gettext("Value")],
                [[v["label"], v["text"]] for v in values],
                numeric=(1,),
            )
        )
    for title, key in (
        (gettext("The story behind the curve"), "story"),
        (gettext("What works"), "what_works"),
        (gettext("Next steps"), "next_steps"),
    ):
        if measure.get(key):
            blocks.append(p(gettext("%(title)s: %(value)s") % {"title": title, "value": measure[key]}))
    return blocks


def report_card_sections(data: Data) -> list[Section]:
    cards = data.get("report_cards", [])
    if not cards:
        return [
            Section(
                heading=gettext("Report cards"),
                blocks=[p(gettext("No partnership report card covers this area."))],
            )
        ]
    sections = [
        Section(
            heading=gettext("Report cards"),
            blocks=[
                p(
                    gettext(
                        "Each partnership's Results-Based Accountability measures: how much we did, how well we "
                        "did it, and whether anyone is better off."
                    )
                )
            ],
        )
    ]
    for card in cards:
        sections.append(Section(heading=card.get("partnership", ""), level=2, blocks=[]))
        for measure in card.get("measures", []):
            sections.append(
                Section(heading=measure.get("name", ""), level=2, blocks=_measure_blocks(measure))
            )
    return sections


def annual_doc(data: Data) -> Doc:
    period = data.get("period", {})
    return Doc(
        title=data.get("title", gettext("Annual outcome report")),
        subtitle=period.get("place", "") or "",
        sections=[
            opening(data, FIRST),
            activities_section(data),
            Section(heading=gettext("Who took part"), blocks=reach_blocks(data.get("reach"))),
            Section(heading=gettext("What people told us"), blocks=said_blocks(data)),
            *loop_section(data),
            evaluation_section(data),
            standards_section(data),
            *report_card_sections(data),
        ],
    )
