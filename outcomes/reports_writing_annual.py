"""The annual outcome report as a document (reports_doc.py), from its figures (reports_annual.py)."""

from typing import Any

from .reports_doc import Block, Doc, Section, bars, p, table
from .reports_writing import (
    Data,
    _counted,
    _n,
    count,
    feedback_sections,
    opening,
    people_words,
    reach_blocks,
    said_blocks,
)

FIRST = [
    "This report sets out the engagement with communities over the year: what was done, who took part, "
    "what people said, what was decided and done as a result, and how well the engagement was done.",
]


def activities_section(data: Data) -> Section:
    counted = data.get("activities", {})
    people = data.get("people", {})
    below = data.get("suppressed_below", 10)
    blocks = [
        p(
            f"{count(counted.get('total', 0), 'engagement activity was', 'engagement activities were')} held. "
            + people_words(people.get("reached", 0), people.get("left_out", 0), below)
        ),
        *_counted(
            "Activities by purpose, from giving information to empowerment",
            "Purpose",
            counted.get("by_purpose", []),
        ),
        *_counted("Activities by method", "Method", counted.get("by_method", [])),
        *_counted("Activities by area", "Area", counted.get("by_area", [])),
    ]
    return Section(heading="What we did", blocks=blocks)


def loop_section(data: Data) -> list[Section]:
    loop = data.get("loop", {})
    feedback = data.get("you_said_we_did", {})
    rag = loop.get("actions_by_rag", [])
    blocks: list[Block] = [
        p(
            f"Findings of what people said: {_n(loop.get('findings', 0))}. Decisions made: "
            f"{_n(loop.get('decisions', 0))}, with {count(loop.get('actions', 0), 'action', 'actions')}. "
            f"Feedback published (“You said, we did”): {_n(feedback.get('published', 0))}."
        ),
    ]
    if loop.get("actions"):
        blocks += [
            bars("Actions by RAG status", [r[0] for r in rag], [[float(r[1]) for r in rag]]),
            table(
                "Actions by RAG status (red: overdue or dropped; amber: due soon and not started; green: "
                "on track or done)",
                ["RAG", "Actions"],
                [[r[0], _n(r[1])] for r in rag],
                numeric=(1,),
            ),
            table(
                "Actions by status",
                ["Status", "Actions"],
                [[r[0], _n(r[1])] for r in loop.get("actions_by_status", [])],
                numeric=(1,),
            ),
        ]
    items = feedback.get("items", [])
    if feedback.get("published", 0) > len(items):
        blocks.append(p(f"The {len(items)} most recent are below.", small=True))
    return [Section(heading="You said, we did", blocks=blocks), *feedback_sections(feedback)]


def evaluation_section(data: Data) -> Section:
    evaluation = data.get("evaluation", {})
    aims = evaluation.get("aims", [])
    blocks: list[Block] = [
        p(
            f"{count(evaluation.get('complete', 0), 'activity was', 'activities were')} evaluated against "
            "their own aims. "
            f"Of the {_n(evaluation.get('with_target', 0))} with a target number of participants, "
            f"{_n(evaluation.get('target_met', 0))} met it."
        ),
    ]
    if any(n for _, n in aims):
        blocks += [
            bars("Aims met", [a[0] for a in aims], [[float(a[1]) for a in aims]]),
            table(
                "Aims, as rated in the evaluations",
                ["Result", "Aims"],
                [[a[0], _n(a[1])] for a in aims],
                numeric=(1,),
            ),
        ]
    blocks.append(p(f"Evaluation forms from people who took part: {evaluation.get('forms', '0')}."))
    for view in evaluation.get("views", []):
        blocks.append(table(view["question"], ["Answer", "People"], view["cells"], numeric=(1,)))
    return Section(heading="How well we did it", blocks=blocks)


def standards_section(data: Data) -> Section:
    standards = data.get("standards", {})
    rows = standards.get("rows", [])
    scored = [r for r in rows if r.get("average") is not None]
    if not scored:
        return Section(
            heading="National Standards for Community Engagement",
            blocks=[p("No activity of the period was scored against the National Standards.")],
        )
    return Section(
        heading="National Standards for Community Engagement",
        blocks=[
            p(
                f"Self-assessments of {count(standards.get('assessments', 0), 'activity', 'activities')}, each "
                "standard scored "
                "from 1 (not yet) to 4 (fully)."
            ),
            bars(
                "Average score of each standard",
                [r["standard"] for r in scored],
                [[float(r["average"]) for r in scored]],
            ),
            table(
                "Average score of each standard",
                ["Standard", "Average score", "Activities scored"],
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
        ("Question", measure.get("quadrant", "")),
        ("Baseline", measure.get("baseline", "")),
        ("Target", measure.get("target", "")),
        ("Trend", measure.get("trend", "")),
        ("Against the target", measure.get("against_target", "")),
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
            table("The figures", ["Period", "Value"], [[v["label"], v["text"]] for v in values], numeric=(1,))
        )
    for title, key in (
        ("The story behind the curve", "story"),
        ("What works", "what_works"),
        ("Next steps", "next_steps"),
    ):
        if measure.get(key):
            blocks.append(p(f"{title}: {measure[key]}"))
    return blocks


def report_card_sections(data: Data) -> list[Section]:
    cards = data.get("report_cards", [])
    if not cards:
        return [Section(heading="Report cards", blocks=[p("No partnership report card covers this area.")])]
    sections = [
        Section(
            heading="Report cards",
            blocks=[
                p(
                    "Each partnership's Results-Based Accountability measures: how much we did, how well we did it, "
                    "and whether anyone is better off."
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
        title=data.get("title", "Annual outcome report"),
        subtitle=period.get("place", "") or "",
        sections=[
            opening(data, FIRST),
            activities_section(data),
            Section(heading="Who took part", blocks=reach_blocks(data.get("reach"))),
            Section(heading="What people told us", blocks=said_blocks(data)),
            *loop_section(data),
            evaluation_section(data),
            standards_section(data),
            *report_card_sections(data),
        ],
    )
