"""Measures and plans in the demo: the Safer Trafford Partnership's report card (measures in each
of Friedman's three quadrants with two years of quarterly figures), an evidence register with a
victim satisfaction survey and complaints for Trafford's wards, the partnership's strategy action
plan after seed 004's table (rows red, amber and green, some with a history of updates) and its
annual engagement plan for the year of `today`, agreed, with a change made since. Figures are made
up, reproducibly. Safe to run twice: nothing is duplicated. The lead calls `demo_load_measures`
from heard/demo.py, after the organisations, users and activities exist."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from engagement.models import Activity, Status
from governance.models import Marking
from organisations.models import Organisation, Partnership, User
from places.models import Area, AreaLevel

from . import measures_plan_services as plans
from . import measures_services as services
from .measures_periods import next_period, period_start, periods_between, plan_year_bounds, plan_year_of
from .models import AnnualPlan, EvidenceSource, Measure, StrategyAction

PARTNERSHIP = "Safer Trafford Partnership"
DISTRICT = "E08000009"
QUARTERS = 8  # two years

# name, quadrant, unit, direction, first value, change per quarter, target, owner ("police"/"council"),
# story, what works, next steps
MEASURES: list[tuple[str, str, str, str, float, float, float, str, str, str, str]] = [
    (
        "Engagement activities held with residents",
        "how_much",
        "activities",
        "higher",
        24,
        1.5,
        40,
        "police",
        "Activities rose once neighbourhood teams and the council planned them together in one register.",
        "Joint PACT meetings and street briefings in the wards with the most anti-social behaviour.",
        "Hold a youth voice session in every ward by March.",
    ),
    (
        "People who took part in engagement activities",
        "how_much",
        "people",
        "higher",
        610,
        35,
        1000,
        "council",
        "Numbers climb in the summer with the roadshows and fall back in winter.",
        "Going to where people already are: markets, schools, faith centres.",
        "Book the spring roadshow dates with the Business Improvement District.",
    ),
    (
        "Activities whose results were fed back to those who took part",
        "how_well",
        "%",
        "higher",
        38,
        4.5,
        90,
        "police",
        "Feedback was patchy until “You said, we did” became part of closing an activity.",
        "A named person for feedback on every activity; results back within six weeks.",
        "Check the activities closed last quarter that have not fed back yet.",
    ),
    (
        "Victims satisfied with the whole experience",
        "how_well",
        "%",
        "higher",
        71,
        0.8,
        80,
        "police",
        "Satisfaction dipped when call handling changed, and recovered after follow-up calls began.",
        "Calling victims back within a week to say what happened next.",
        "Extend the follow-up calls to victims of hate crime.",
    ),
    (
        "Residents who agree the police and council deal with the issues that matter",
        "better_off",
        "%",
        "higher",
        52,
        0.9,
        60,
        "council",
        "Agreement grows slowly; it is higher where priorities are set at PACT meetings.",
        "Publishing each ward's priorities and what was done about them.",
        "Ask the opinion survey the same question in the Old Trafford and Gorse Hill wards.",
    ),
    (
        "Residents who feel safe walking alone after dark",
        "better_off",
        "%",
        "higher",
        58,
        0.6,
        65,
        "council",
        "Women and girls feel less safe than men; the gap narrowed after the safer streets walkabouts.",
        "Lighting and walkabouts designed with women and girls.",
        "Run two more walkabouts before the clocks change.",
    ),
    (
        "Repeat reports of anti-social behaviour from the same address",
        "better_off",
        "reports",
        "lower",
        140,
        -4,
        100,
        "police",
        "Repeat reports fell where housing, police and council met about the same addresses.",
        "A joint case conference for any address reported three times in a month.",
        "Add Trafford Housing Trust's reports to the figures.",
    ),
]

# action, lead agencies (slugs), progress, risks, next steps, timescale, [(RAG, reason), ...] oldest first
ACTIONS: list[tuple[str, list[str], str, str, str, str, list[tuple[str, str]]]] = [
    (
        "Set up a multi-agency group to steer community engagement",
        ["greater-manchester-police", "trafford-council", "nhs-greater-manchester-trafford-locality"],
        "Group meets every two months; a task and finish group plans the joint events.",
        "",
        "Further task and finish groups as needed.",
        "Ongoing",
        [
            ("amber", "Terms of reference still in draft"),
            ("green", "Meeting every two months since April 2025"),
        ],
    ),
    (
        "Keep one register of engagement activity across partners",
        ["trafford-council", "greater-manchester-police"],
        "Partners agreed to record their activities in Heard; the council's data officer checks it monthly.",
        "Partners who do not record their activities leave gaps in the calendar.",
        "Add the housing trust and the fire service's activities.",
        "By March 2027",
        [("amber", "Only two partners recording"), ("green", "Five partners record their activities")],
    ),
    (
        "Agree how findings are fed back to services and to residents",
        ["trafford-council", "greater-manchester-police"],
        "Draft protocol written; the data-sharing agreement covers engagement results.",
        "Services may not act on findings that arrive after their budgets are set.",
        "Take the protocol to the partnership board.",
        "December 2026",
        [("amber", "Protocol drafted, not yet agreed")],
    ),
    (
        "Train staff across the partnership in the National Standards for Community Engagement",
        ["trafford-council", "greater-manchester-fire-and-rescue-service"],
        "Two sessions held, 34 staff trained; a third is booked.",
        "Places depend on staff being released from shifts.",
        "Cascade the training through team briefings.",
        "November 2026 onwards",
        [("amber", "Funding secured, sessions under way")],
    ),
    (
        "Hear from people who are seldom heard: young people, disabled people and new communities",
        ["greater-manchester-police", "trafford-college"],
        "Youth voice sessions in four wards; interpreters booked for two faith forums.",
        "Funding for interpreters and British Sign Language after March is not confirmed.",
        "Bid to the police and crime commissioner's community fund.",
        "March 2027",
        [
            ("amber", "Sessions running"),
            ("red", "Interpreter funding ends in March with nothing agreed to follow"),
        ],
    ),
    (
        "Pool partners' engagement budgets for joint events",
        ["trafford-council", "nhs-greater-manchester-trafford-locality"],
        "Joint events planned for the seven area forums.",
        "Funding: two partners have not yet committed.",
        "Agree each partner's share at the next board.",
        "Next board meeting",
        [("red", "No budget agreed by two of four partners")],
    ),
    (
        "Adopt a shared outcomes-based way of measuring success",
        ["nhs-greater-manchester-trafford-locality", "trafford-council"],
        "Partners adopted Results-Based Accountability; the report card is reviewed each quarter.",
        "",
        "Add measures from the housing trust.",
        "Each quarter",
        [("green", "Report card in use since spring")],
    ),
]


@dataclass
class MeasuresDemo:
    measures: int
    sources: int
    actions: int
    plan_created: bool


def _quarters(today: date) -> list[date]:
    """The last QUARTERS complete quarters before today, oldest first."""
    last = period_start(today, "quarter")
    first = date(last.year - QUARTERS // 4, last.month, 1)
    return [q for q in periods_between(first, last, "quarter") if next_period(q, "quarter") <= today][
        -QUARTERS:
    ]


def _measures(partnership: Partnership, users: dict[str, User], today: date, rng: random.Random) -> int:
    made = 0
    quarters = _quarters(today)
    for position, row in enumerate(MEASURES):
        name, quadrant, unit, direction, first, step, target, owner, story, works, steps = row
        user = users[owner]
        if Measure.objects.filter(name=name, organisation=user.organisation).exists():
            continue
        partners = Organisation.objects.filter(partnerships=partnership).exclude(pk=user.organisation_id or 0)
        measure = services.measure_create(
            user=user,
            name=name,
            quadrant=quadrant,
            partnership=partnership,
            unit=unit,
            direction=direction,
            frequency="quarter",
            baseline=Decimal(str(first)),
            baseline_period=quarters[0],
            target=Decimal(str(target)),
            target_period=date(plan_year_of(today) + 1, 1, 1),
            story=story,
            what_works=works,
            next_steps=steps,
            position=position,
            partners=list(partners[:3]),
            description=f"Counted each quarter by {user.organisation.name if user.organisation else 'the partnership'}.",
        )
        for i, quarter in enumerate(quarters):
            wobble = rng.uniform(-abs(step), abs(step)) if i else 0
            figure = first + step * i + wobble
            value = Decimal(str(round(figure, 1) if unit == "%" else round(figure)))
            services.measure_value_set(
                user=user, measure=measure, period_start=quarter, value=max(value, Decimal(0))
            )
        made += 1
    return made


def _csv(wards: list[Area], quarters: list[date], figure: Any) -> bytes:
    lines = ["area,period,value,respondents"]
    for ward in wards:
        for i, quarter in enumerate(quarters):
            value, respondents = figure(ward, i)
            lines.append(f"{ward.code},{quarter.isoformat()},{value},{respondents}")
    return ("\n".join(lines) + "\n").encode()


def _sources(partnership: Partnership, officer: User, today: date, rng: random.Random) -> int:
    wards = list(Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD, parent__code=DISTRICT).order_by("code"))
    quarters = _quarters(today)
    base = {w.pk: rng.uniform(64, 82) for w in wards}
    made = 0
    specs = [
        (
            "Victim satisfaction survey",
            "user_satisfaction",
            "%",
            "higher",
            "Victims of crime asked, six to twelve weeks later, how satisfied they were with the whole experience.",
            lambda w, i: (round(base[w.pk] + 0.6 * i + rng.uniform(-3, 3), 1), rng.randint(25, 90)),
        ),
        (
            "Complaints about the police",
            "complaints",
            "complaints",
            "lower",
            "Complaints recorded by the professional standards department, by the ward where it happened.",
            lambda w, i: (max(0, round(base[w.pk] / 10 - 0.2 * i + rng.uniform(-2, 2))), ""),
        ),
    ]
    for name, kind, unit, direction, description, figure in specs:
        if EvidenceSource.objects.filter(name=name, organisation=officer.organisation).exists():
            continue
        source = services.evidence_source_create(
            user=officer,
            name=name,
            kind=kind,
            partnership=partnership,
            unit=unit,
            direction=direction,
            frequency="quarter",
            description=description,
        )
        if wards:
            services.evidence_values_import(user=officer, source=source, data=_csv(wards, quarters, figure))
        made += 1
    return made


def _actions(partnership: Partnership, users: dict[str, User]) -> int:
    made = 0
    for i, (action, leads, progress, risks, steps, timescale, statuses) in enumerate(ACTIONS):
        if StrategyAction.objects.filter(partnership=partnership, action=action).exists():
            continue
        user = users["police"] if i % 2 == 0 else users["council"]
        first, *later = statuses
        row = plans.strategy_action_create(
            user=user,
            partnership=partnership,
            action=action,
            rag=first[0],
            rag_reason=first[1],
            lead_agencies=list(Organisation.objects.filter(slug__in=leads)),
            progress=progress,
            risks=risks,
            next_steps=steps,
            timescale=timescale,
        )
        for rag, reason in later:
            plans.strategy_action_update(user=users["council"], action=row, rag=rag, rag_reason=reason)
        made += 1
    return made


def _plan(partnership: Partnership, users: dict[str, User], today: date) -> bool:
    year = plan_year_of(today)
    if AnnualPlan.objects.filter(partnership=partnership, year=year).exists():
        return False
    officer = users["police"]
    plan = plans.annual_plan_create(
        user=officer,
        partnership=partnership,
        year=year,
        introduction="The engagement the partnership plans for the year: neighbourhood meetings in every ward, "
        "youth voice sessions and the annual stakeholder event, planned together so that no ward is asked twice "
        "in a month and none is missed.",
    )
    first, last = plan_year_bounds(year)
    members = partnership.members.values("pk")
    chosen = (
        Activity.private_objects.visible_to(officer)
        .filter(starts_at__date__gte=first, starts_at__date__lte=last, lead_organisation__in=members)
        .exclude(status=Status.CANCELLED)
        .filter(marking=Marking.OFFICIAL)
        .order_by("starts_at")
    )
    picked = list(chosen[:13])
    council_sees = set(
        Activity.private_objects.visible_to(users["council"])
        .filter(pk__in=[a.pk for a in picked])
        .values_list("pk", flat=True)
    )
    late = next((a for a in reversed(picked) if a.pk in council_sees), None)  # the council adds one later
    for activity in picked:
        if activity != late:
            plans.annual_plan_add_activity(
                user=officer, plan=plan, activity=activity, note="Agreed at the planning day"
            )
    if late is not None and len(picked) > 1:
        plans.annual_plan_agree(
            user=officer, plan=plan, agreed_where=f"{partnership.name} board, 12 March {year}"
        )
        board = timezone.make_aware(datetime.combine(date(year, 3, 12), time(16)))
        AnnualPlan.objects.filter(pk=plan.pk).update(agreed_at=min(board, timezone.now()))  # as on the day
        plans.annual_plan_add_activity(
            user=users["council"],
            plan=plan,
            activity=late,
            note="Added in the year",
            reason="Residents asked for it at the ward's PACT meeting",
        )
    return True


@transaction.atomic
def demo_load_measures(*, officer: User, partner: User, today: date | None = None) -> MeasuresDemo:
    """Load (or top up) the measures and plans demo for the Safer Trafford Partnership. `officer`
    records for the police, `partner` for the council; `today` anchors the quarters and the year."""
    today = today or timezone.localdate()
    partnership = Partnership.objects.get(name=PARTNERSHIP)
    users = {"police": officer, "council": partner}
    rng = random.Random(2026)  # noqa: S311 - demo figures, not security
    return MeasuresDemo(
        measures=_measures(partnership, users, today, rng),
        sources=_sources(partnership, officer, today, rng),
        actions=_actions(partnership, users),
        plan_created=_plan(partnership, users, today),
    )
