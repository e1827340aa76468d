"""The seven National Standards for Community Engagement, as seed 004 (Wakefield Together's
community engagement strategy) adopts them, with what each score from 1 to 4 means.

The descriptions keep the seed's own words: "Involving, supporting and ensuring that engagement
activities provide opportunities for all sections of the community to participate…" and so on.
Seed 004 lists six of the standards as bullets; "impact" is written from its aim ("demonstrate
where engagement activities can make a genuine improvement to service provision") and its
indicators of success ("information on what is working, changes to plans").

`load_national_standards()` puts them in the database; the lead calls it from a data migration
(`load_national_standards(apps)`), and the demo and the tests call it as it is. Safe to run again.
"""

from dataclasses import dataclass
from typing import Any

SCORE_NAMES = {1: "Not yet", 2: "Partly", 3: "Mostly", 4: "Fully"}


@dataclass(frozen=True)
class Standard:
    slug: str
    name: str
    description: str
    descriptors: tuple[str, str, str, str]


STANDARDS: tuple[Standard, ...] = (
    Standard(
        "inclusion",
        "Inclusion",
        "Involving, supporting and ensuring that engagement activities provide opportunities for all "
        "sections of the community to participate, particularly people and groups that are often missed "
        "out of engagement activities.",
        (
            "Only the people who usually take part were involved; the groups often missed out were not.",
            "Some effort was made to reach groups often missed out, with little success.",
            "Most sections of the community affected could take part, including some groups often missed out.",
            "All sections of the community affected had the chance to take part, including the people and "
            "groups most often missed out.",
        ),
    ),
    Standard(
        "support",
        "Support",
        "Supporting people by identifying and removing barriers to participation.",
        (
            "Barriers to taking part were not looked at.",
            "Some barriers were identified, but few were removed.",
            "The main barriers (access, language, timing, cost) were identified and most were removed.",
            "Barriers were identified with the people affected and removed, and people were supported to "
            "take part fully.",
        ),
    ),
    Standard(
        "planning",
        "Planning",
        "Planning, strengthening, developing and sustaining opportunities for local people and groups "
        "to influence what happens in their community.",
        (
            "There was no clear plan, aims or link to a decision.",
            "There was a plan, but the aims or how views would influence decisions were unclear.",
            "Clear aims were linked to an issue or plan, with a route from what people said to decisions.",
            "People had a say in the planning, and the activity builds lasting ways for them to influence "
            "what happens in their community.",
        ),
    ),
    Standard(
        "working-together",
        "Working together",
        "Working together and sharing engagement skills, putting procedures in place to ensure that we "
        "are working well together, efficiently and effectively.",
        (
            "Done alone, without checking what partners were doing.",
            "Partners were told about it, but did not take part.",
            "Planned and run with partners, sharing skills and avoiding duplication.",
            "Partners and community groups shared the work, skills and results through agreed procedures.",
        ),
    ),
    Standard(
        "methods",
        "Methods",
        "Using community engagement methods that provide variety, flexibility and are fit for purpose.",
        (
            "The method did not suit the aims or the people we wanted to hear from.",
            "The method partly suited the aims or the people.",
            "The method suited the aims and the people, with some choice in how to take part.",
            "Several ways to take part, each fit for its purpose and for the people taking part.",
        ),
    ),
    Standard(
        "communication",
        "Communication",
        "Sharing information to ensure that all participants are operating with the same information.",
        (
            "Participants were given little or no information before or after.",
            "Some information was shared, but not everyone had it, or it was hard to understand.",
            "Everyone had the same clear information before, and was told what happened afterwards.",
            "Information was shared in accessible forms throughout, and feedback reached everyone who took "
            "part.",
        ),
    ),
    Standard(
        "impact",
        "Impact",
        "Demonstrating where engagement activities make a genuine improvement to service provision, "
        "with information on what is working and the changes made to plans as a result.",
        (
            "No decision or service changed as a result, or nobody knows.",
            "What people said was considered, but the difference it made is not clear.",
            "What people said changed a decision, plan or service, and this can be shown.",
            "A lasting improvement for the community can be shown, and what was learned changes how we engage.",
        ),
    ),
)


def load_national_standards(apps: Any = None) -> int:
    """Create or update the seven standards; returns how many there are. Pass a migration's
    `apps` from a data migration."""
    from outcomes.models import NationalStandard

    model: Any = NationalStandard if apps is None else apps.get_model("outcomes", "NationalStandard")
    for order, standard in enumerate(STANDARDS):
        model.objects.update_or_create(
            slug=standard.slug,
            defaults={
                "name": standard.name,
                "description": standard.description,
                "descriptors": list(standard.descriptors),
                "order": order,
            },
        )
    return len(STANDARDS)
