"""The statutory evidence pack as a document (reports_doc.py), from its figures
(reports_evidence.py): the law in plain words first, then who was heard, what they said and which
decisions it informed."""

from .reports_doc import Block, Doc, Section, bars, bullets, p, table
from .reports_evidence import LAW
from .reports_writing import (
    Data,
    _n,
    count,
    decision_blocks,
    opening,
    people_cell,
    people_words,
    reach_blocks,
    said_blocks,
)


def summary_section(data: Data) -> Section:
    heard = data.get("heard", {})
    wards = heard.get("neighbourhoods", [])
    reached = [w for w in wards if w.get("activities")]
    victims = heard.get("victims", {})
    rows = [
        ["Engagement activities", _n(heard.get("activities", 0))],
        ["People reached", _n(heard.get("people", 0))],
        ["Neighbourhoods with engagement", f"{len(reached)} of {len(wards)}"],
        ["Activities aimed at victims of crime", _n(victims.get("activities", 0))],
        ["Findings of what people said", _n(data.get("findings_total", 0))],
        ["Decisions those findings informed", _n(len(data.get("decisions", [])))],
    ]
    return Section(heading="In summary", blocks=[table("", ["", "Number"], rows, numeric=(1,))])


def neighbourhood_section(data: Data) -> Section:
    heard = data.get("heard", {})
    wards = heard.get("neighbourhoods", [])
    below = data.get("suppressed_below", 10)
    blocks: list[Block] = [
        p(
            f"{count(heard.get('activities', 0), 'activity was', 'activities were')} held. "
            + people_words(heard.get("people", 0), heard.get("left_out", 0), below)
        ),
    ]
    if wards:
        blocks.append(
            table(
                "Each neighbourhood: the activities held in it, the people they reached and the groups "
                "they under-represented against the people who live there",
                ["Neighbourhood", "Activities", "People reached", "Groups under-represented"],
                [
                    [
                        w["name"],
                        _n(w["activities"]),
                        people_cell(w),
                        "; ".join(w.get("under", [])) or "None found",
                    ]
                    for w in wards
                ],
                numeric=(1, 2),
            )
        )
        silent = [w["name"] for w in wards if not w.get("activities")]
        if silent:
            blocks.append(p("No engagement was recorded in: " + ", ".join(silent) + "."))
    else:
        blocks.append(p("No neighbourhood engagement was recorded."))
    return Section(heading="Who was heard, neighbourhood by neighbourhood", blocks=blocks)


def groups_section(data: Data) -> list[Section]:
    heard = data.get("heard", {})
    audiences = heard.get("audiences", [])
    blocks: list[Block] = []
    if audiences:
        blocks += [
            bars(
                "People reached by activities aimed at each group",
                [a["name"] for a in audiences],
                [[float(a["people"]) for a in audiences]],
            ),
            table(
                "Activities aimed at particular groups",
                ["Group", "Activities", "People reached"],
                [[a["name"], _n(a["activities"]), people_cell(a)] for a in audiences],
                numeric=(1, 2),
            ),
        ]
    return [
        Section(heading="Who was heard, by group", blocks=reach_blocks(heard.get("groups"))),
        Section(
            heading="Activities for particular groups",
            level=2,
            blocks=blocks or [p("No activity was aimed at a particular group.")],
        ),
    ]


def victims_section(data: Data) -> Section:
    victims = data.get("heard", {}).get("victims", {})
    if not victims.get("activities"):
        return Section(
            heading="Victims of crime",
            blocks=[
                p(
                    "No activity in this period was aimed at victims of crime. The law asks for their views in "
                    "particular: this is a gap to fill before the plan or the precept is settled."
                )
            ],
        )
    blocks: list[Block] = [
        p(
            f"{count(victims['activities'], 'activity was', 'activities were')} aimed at victims of crime, "
            f"reaching {count(victims.get('people', 0), 'person', 'people')}"
            + (
                f" (and {count(victims['not_counted'], 'small activity', 'small activities')} not counted)"
                if victims.get("not_counted")
                else ""
            )
            + "."
        ),
        bullets(victims.get("titles", [])),
    ]
    if victims.get("target"):
        blocks.append(p(f"Who took part is compared with “{victims['target']}”."))
    blocks += reach_blocks(victims.get("reach"), who="Victims heard")
    return Section(heading="Victims of crime", blocks=blocks)


def findings_section(data: Data) -> Section:
    found = data.get("findings", [])
    total = data.get("findings_total", len(found))
    blocks = [*said_blocks(data, each_neighbourhood=True)]
    if found:
        blocks.append(
            table(
                f"What people said: findings recorded ({_n(total)})",
                ["Finding", "Where", "When", "From"],
                [[f["statement"], f["area"], f["found_on"], f["activity"] or f["source"]] for f in found],
            )
        )
        if total > len(found):
            blocks.append(p(f"The first {len(found)} are shown.", small=True))
    else:
        blocks.append(p("No finding of what people said was recorded in this period."))
    return Section(heading="What they said", blocks=blocks)


def decisions_section(data: Data) -> Section:
    decisions = data.get("decisions", [])
    if not decisions:
        return Section(
            heading="Which decisions it informed",
            blocks=[p("No decision has yet been recorded as considering these findings.")],
        )
    return Section(heading="Which decisions it informed", blocks=decision_blocks(decisions))


def evidence_doc(data: Data) -> Doc:
    period = data.get("period", {})
    return Doc(
        title=data.get("title", "Evidence of people's views"),
        subtitle=f"{period.get('place', '')}, {period.get('words', '')}".strip(", "),
        sections=[
            opening(data, data.get("law") or LAW),
            summary_section(data),
            neighbourhood_section(data),
            *groups_section(data),
            victims_section(data),
            findings_section(data),
            decisions_section(data),
        ],
    )
