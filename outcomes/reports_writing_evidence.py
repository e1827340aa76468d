"""The statutory evidence pack as a document (reports_doc.py), from its figures
(reports_evidence.py): the law in plain words first, then who was heard, what they said and which
decisions it informed."""

from django.utils.translation import gettext, ngettext

from .reports_doc import Block, Doc, Section, bars, bullets, p, table
from .reports_evidence import LAW
from .reports_writing import (
    Data,
    _n,
    decision_blocks,
    opening,
    people_cell,
    people_words,
    reach_blocks,
    said_blocks,
)


def _victims_words(victims: Data) -> str:
    """ "3 activities were aimed at victims of crime, reaching 40 people (and 1 small activity not
    counted)." """
    activities, people = victims["activities"], victims.get("people", 0)
    reached = ngettext("%(count)s person", "%(count)s people", people) % {"count": _n(people)}
    left = victims.get("not_counted", 0)
    if not left:
        return ngettext(
            "%(count)s activity was aimed at victims of crime, reaching %(reached)s.",
            "%(count)s activities were aimed at victims of crime, reaching %(reached)s.",
            activities,
        ) % {"count": _n(activities), "reached": reached}
    small = ngettext("%(count)s small activity", "%(count)s small activities", left) % {"count": _n(left)}
    return ngettext(
        "%(count)s activity was aimed at victims of crime, reaching %(reached)s (and %(small)s not counted).",
        "%(count)s activities were aimed at victims of crime, reaching %(reached)s (and %(small)s not counted).",
        activities,
    ) % {"count": _n(activities), "reached": reached, "small": small}


def summary_section(data: Data) -> Section:
    heard = data.get("heard", {})
    wards = heard.get("neighbourhoods", [])
    reached = [w for w in wards if w.get("activities")]
    victims = heard.get("victims", {})
    rows = [
        [gettext("Engagement activities"), _n(heard.get("activities", 0))],
        [gettext("People reached"), _n(heard.get("people", 0))],
        [
            gettext("Neighbourhoods with engagement"),
            gettext("%(reached)s of %(all)s") % {"reached": len(reached), "all": len(wards)},
        ],
        [gettext("Activities aimed at victims of crime"), _n(victims.get("activities", 0))],
        [gettext("Findings of what people said"), _n(data.get("findings_total", 0))],
        [gettext("Decisions those findings informed"), _n(len(data.get("decisions", [])))],
    ]
    return Section(
        heading=gettext("In summary"), blocks=[table("", ["", gettext("Number")], rows, numeric=(1,))]
    )


def neighbourhood_section(data: Data) -> Section:
    heard = data.get("heard", {})
    wards = heard.get("neighbourhoods", [])
    below = data.get("suppressed_below", 10)
    blocks: list[Block] = [
        p(
            ngettext(
                "%(count)s activity was held.", "%(count)s activities were held.", heard.get("activities", 0)
            )
            % {"count": _n(heard.get("activities", 0))}
            + " "
            + people_words(heard.get("people", 0), heard.get("left_out", 0), below)
        ),
    ]
    if wards:
        blocks.append(
            table(
                gettext(
                    "Each neighbourhood: the activities held in it, the people they reached and the groups "
                    "they under-represented against the people who live there"
                ),
                [
                    gettext("Neighbourhood"),
                    gettext("Activities"),
                    gettext("People reached"),
                    gettext("Groups under-represented"),
                ],
                [
                    [
                        w["name"],
                        _n(w["activities"]),
                        people_cell(w),
                        "; ".join(w.get("under", [])) or gettext("None found"),
                    ]
                    for w in wards
                ],
                numeric=(1, 2),
            )
        )
        silent = [w["name"] for w in wards if not w.get("activities")]
        if silent:
            blocks.append(
                p(gettext("No engagement was recorded in: %(areas)s.") % {"areas": ", ".join(silent)})
            )
    else:
        blocks.append(p(gettext("No neighbourhood engagement was recorded.")))
    return Section(heading=gettext("Who was heard, neighbourhood by neighbourhood"), blocks=blocks)


def groups_section(data: Data) -> list[Section]:
    heard = data.get("heard", {})
    audiences = heard.get("audiences", [])
    blocks: list[Block] = []
    if audiences:
        blocks += [
            bars(
                gettext("People reached by activities aimed at each group"),
                [a["name"] for a in audiences],
                [[float(a["people"]) for a in audiences]],
            ),
            table(
                gettext("Activities aimed at particular groups"),
                [gettext("Group"), gettext("Activities"), gettext("People reached")],
                [[a["name"], _n(a["activities"]), people_cell(a)] for a in audiences],
                numeric=(1, 2),
            ),
        ]
    return [
        Section(heading=gettext("Who was heard, by group"), blocks=reach_blocks(heard.get("groups"))),
        Section(
            heading=gettext("Activities for particular groups"),
            level=2,
            blocks=blocks or [p(gettext("No activity was aimed at a particular group."))],
        ),
    ]


def victims_section(data: Data) -> Section:
    victims = data.get("heard", {}).get("victims", {})
    if not victims.get("activities"):
        return Section(
            heading=gettext("Victims of crime"),
            blocks=[
                p(
                    gettext(
                        "No activity in this period was aimed at victims of crime. The law asks for their views "
                        "in particular: this is a gap to fill before the plan or the precept is settled."
                    )
                )
            ],
        )
    blocks: list[Block] = [
        p(_victims_words(victims)),
        bullets(victims.get("titles", [])),
    ]
    if victims.get("target"):
        blocks.append(
            p(gettext("Who took part is compared with “%(target)s”.") % {"target": victims["target"]})
        )
    blocks += reach_blocks(victims.get("reach"), who=gettext("Victims heard"))
    return Section(heading=gettext("Victims of crime"), blocks=blocks)


def findings_section(data: Data) -> Section:
    found = data.get("findings", [])
    total = data.get("findings_total", len(found))
    blocks = [*said_blocks(data, each_neighbourhood=True)]
    if found:
        blocks.append(
            table(
                gettext("What people said: findings recorded (%(total)s)") % {"total": _n(total)},
                [gettext("Finding"), gettext("Where"), gettext("When"), gettext("From")],
                [[f["statement"], f["area"], f["found_on"], f["activity"] or f["source"]] for f in found],
            )
        )
        if total > len(found):
            blocks.append(p(gettext("The first %(count)s are shown.") % {"count": len(found)}, small=True))
    else:
        blocks.append(p(gettext("No finding of what people said was recorded in this period.")))
    return Section(heading=gettext("What they said"), blocks=blocks)


def decisions_section(data: Data) -> Section:
    decisions = data.get("decisions", [])
    if not decisions:
        return Section(
            heading=gettext("Which decisions it informed"),
            blocks=[p(gettext("No decision has yet been recorded as considering these findings."))],
        )
    return Section(heading=gettext("Which decisions it informed"), blocks=decision_blocks(decisions))


def evidence_doc(data: Data) -> Doc:
    period = data.get("period", {})
    return Doc(
        title=data.get("title", gettext("Evidence of people's views")),
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
