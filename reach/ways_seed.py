"""The suggested ways to reach each audience that Heard starts with (reach.WayToReach, edited
in the admin afterwards), and the loader a data migration calls.

Seed 000 ("Targeting appropriate audiences") gives the first examples: young people "through
a youth council" (minding that its membership may be skewed, as may a detached youth work
project's), older people "through the local authority newspaper … social services, lunch
clubs, day centres, also Age Concern and similar networks", and outreach that relies on
colleagues "who know the most densely populated areas well" for a town's Asian community. The
rest follow the same pattern for the audiences of places/migrations/0002_audiences.py."""

from typing import Any

# audience slug -> [(title, how)]
WAYS_TO_REACH: dict[str, list[tuple[str, str]]] = {
    "older-people": [
        ("The council's newspaper and local papers", "More likely to be read by older people (seed 000)."),
        ("Lunch clubs and day centres", "Ask to join a session rather than inviting people to a meeting."),
        ("Age UK and similar networks", "Age Concern's successor, local older people's forums, U3A groups."),
        ("Social services and GP surgeries", "Leave paper questionnaires with a freepost envelope."),
    ],
    "young-people": [
        ("The youth council", "Check whether its membership reflects young people locally (seed 000)."),
        (
            "Schools and colleges",
            "Assemblies, student councils, a lesson-time survey with the school's agreement.",
        ),
        ("Detached youth work", "Go with youth workers to where young people already meet."),
        ("Social media young people use", "A short survey with a QR code on posters at youth venues."),
    ],
    "children-and-families": [
        ("Children's centres and parent-and-toddler groups", "Drop in at a session; offer to come back."),
        ("Primary school gates and newsletters", "Pick-up time, with the head teacher's agreement."),
    ],
    "women-and-girls": [
        ("Women's groups and women-only sessions", "Some women will only speak freely without men present."),
        (
            "Domestic abuse services",
            "Through the service's own staff, never by approaching survivors directly.",
        ),
    ],
    "men-and-boys": [
        ("Sports clubs and gyms", "Men who would not come to a meeting will talk at a match or a session."),
        (
            "Workplaces and trade venues",
            "Builders' merchants, taxi ranks, barbers, at the start or end of shifts.",
        ),
        ("Men's sheds and men's health groups", "Small groups that already meet regularly."),
    ],
    "asian-communities": [
        (
            "Community development colleagues",
            "People who know where families live and who they trust (seed 000).",
        ),
        (
            "Mosques, gurdwaras and mandirs",
            "After Friday or weekend worship, with the committee's agreement.",
        ),
        ("Community radio and translated leaflets", "In the languages spoken locally."),
    ],
    "black-communities": [
        ("Black-led churches and community organisations", "Ask leaders to host a conversation."),
        ("Barbers, hair salons and community events", "Informal conversations where people already gather."),
    ],
    "mixed-ethnicity-communities": [
        ("Youth and family services", "Many people of mixed ethnicity are young: go where they are."),
    ],
    "other-ethnic-groups": [
        (
            "Community and cultural associations",
            "Arab and other community associations, supplementary schools.",
        ),
    ],
    "gypsy-roma-and-traveller-communities": [
        ("Traveller liaison and education services", "Through staff families already know and trust."),
        ("Site visits with a trusted go-between", "Never cold-calling; agree the visit first."),
    ],
    "muslim-communities": [
        ("Mosques and Islamic centres", "After Friday prayers, with the committee's agreement."),
    ],
    "jewish-communities": [
        ("Synagogues and community security groups", "Through the community's own organisations."),
    ],
    "hindu-communities": [("Mandirs and cultural associations", "At festivals and weekend gatherings.")],
    "sikh-communities": [("Gurdwaras", "At langar, with the committee's agreement.")],
    "buddhist-communities": [
        ("Temples and meditation centres", "Ask to leave information or join an open day.")
    ],
    "christian-communities": [("Churches and church halls", "Notices, coffee mornings, church newsletters.")],
    "faith-groups": [("The local faith forum", "One contact can reach many places of worship.")],
    "disabled-people": [
        ("Disabled people's organisations", "Ask them how to run the engagement, not just to pass it on."),
        (
            "Accessible formats",
            "Easy read, large print, British Sign Language, and venues with step-free access.",
        ),
        ("Day services and carers' groups", "Visit at times that suit them."),
    ],
    "lgbt-people": [
        (
            "LGBT+ groups and Pride events",
            "Through the groups' own channels, with an independent contact point.",
        ),
        ("Online, anonymously", "Many people will only answer without being seen."),
    ],
    "victims-of-crime": [
        ("Victim support services", "Through their own staff, who can offer the survey safely."),
    ],
    "victims-of-hate-crime": [
        ("Third-party reporting centres", "Places people already trust to report hate incidents."),
    ],
    "businesses": [
        (
            "The business improvement district and Chamber of Commerce",
            "Their newsletters and breakfast meetings.",
        ),
        ("Walk the high street", "Visit shops at quiet times of day."),
    ],
    "students": [("The students' union", "Freshers' fairs and union newsletters.")],
    "rough-sleepers": [("Outreach teams and day centres", "With the outreach workers who see people daily.")],
    "refugees-and-asylum-seekers": [
        ("Refugee support organisations", "With interpreters, in places people already go for help."),
    ],
    "people-whose-first-language-is-not-english": [
        (
            "Interpreters and translated material",
            "ESOL classes, community interpreters, translated leaflets.",
        ),
    ],
    "carers": [("Carers' centres and support groups", "At times carers can get away, or by phone.")],
    "parents-and-carers": [("School and nursery newsletters", "And the school gate at pick-up time.")],
    "neighbourhood-watch-members": [
        ("Neighbourhood Watch coordinators", "Their own e-mail lists and meetings.")
    ],
    "tenants-and-residents-associations": [
        ("Housing providers' tenant panels", "And the associations' own meetings."),
    ],
    "night-time-economy": [
        ("Pubwatch and venue managers", "Before opening time, or at Pubwatch meetings."),
    ],
    "residents": [
        (
            "Street briefings and door-knocking",
            "Time-consuming but reaches people who come to nothing else (seed 000).",
        ),
        (
            "Community newsletters and the council's website",
            "Borough newsletters, parish magazines, mailing lists.",
        ),
    ],
}


def load_ways_to_reach(apps: Any = None) -> int:
    """Add the ways above for every audience that exists, leaving alone any already there (safe to
    run twice, and after people have edited the list). `apps`: a data migration's app registry.
    Returns how many were added."""
    if apps is None:
        from places.models import Audience

        from .models import WayToReach

        audience_model: Any = Audience
        way_model: Any = WayToReach
    else:
        audience_model = apps.get_model("places", "Audience")
        way_model = apps.get_model("reach", "WayToReach")
    added = 0
    audiences = {a.slug: a for a in audience_model.objects.filter(slug__in=list(WAYS_TO_REACH))}
    for slug, ways in WAYS_TO_REACH.items():
        audience = audiences.get(slug)
        if audience is None:
            continue
        for order, (title, how) in enumerate(ways):
            _, created = way_model.objects.get_or_create(
                audience=audience, title=title, defaults={"how": how, "order": order}
            )
            added += created
    return added
