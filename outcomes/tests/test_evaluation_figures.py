"""The evaluation's numbers with known data: people reached, cost per participant, reach against
the target and by audience, and participants' views with small numbers suppressed."""

from decimal import Decimal

from consultations.models import Attendance, AttendanceCount, EqualityRecord
from consultations.suppression import HIDDEN
from outcomes.evaluation_figures import (
    TargetReach,
    audience_reach,
    cost_per_participant,
    participant_views,
    people_reached,
)
from outcomes.models import ParticipantAnswer, ParticipantChannel, ParticipantEvaluation
from places.models import Audience

from .evaluation_fixtures import *  # noqa: F403
from .evaluation_fixtures import add_forms

ASIAN_INDIAN = "Asian, Asian British or Asian Welsh: Indian"


def _equality_forms(activity, count, **answers):
    EqualityRecord.objects.bulk_create(
        EqualityRecord(activity=activity, channel="event", **answers) for _ in range(count)
    )


def test_people_reached_counts_the_people_at_events_once(closed_activity):
    """Paper forms filled in at an event are from people in its head count: the larger counts."""
    _equality_forms(closed_activity, 8)
    Attendance.objects.create(activity=closed_activity, head_count=20)
    Attendance.objects.create(activity=closed_activity, head_count=12)
    reached = people_reached(closed_activity)
    assert (reached.equality_forms, reached.head_count, reached.total) == (8, 32, 32)
    assert cost_per_participant(closed_activity.budget, reached.total) == Decimal("15.63")
    _equality_forms(closed_activity, 30)  # more forms than heads counted: the forms count
    assert people_reached(closed_activity).total == 38


def test_cost_per_participant_rounds_to_the_penny_and_needs_a_budget_and_people():
    assert cost_per_participant(Decimal("100"), 3) == Decimal("33.33")
    assert cost_per_participant(Decimal("200"), 3) == Decimal("66.67")
    assert cost_per_participant(Decimal("0"), 10) == Decimal("0.00")
    assert cost_per_participant(None, 10) is None
    assert cost_per_participant(Decimal("100"), 0) is None


def test_reach_against_the_target():
    short = TargetReach(target=50, reached=40)
    assert (short.percent, short.met) == (80, False)
    assert TargetReach(target=40, reached=41).met is True
    unset = TargetReach(target=None, reached=40)
    assert (unset.percent, unset.met) == (None, None)


def test_audiences_reached_counted_from_equality_forms_or_at_the_door(closed_activity):
    young = Audience.objects.get(slug="young-people")  # age 16-24
    older = Audience.objects.get(slug="older-people")  # 65-74 and 75+
    asian = Audience.objects.get(slug="asian-communities")  # a broad ethnic group
    disabled = Audience.objects.get(slug="disabled-people")
    businesses = Audience.objects.get(slug="businesses")  # no Census category
    carers = Audience.objects.get(slug="carers")
    _equality_forms(closed_activity, 6, age_band="16-24")
    _equality_forms(closed_activity, 2, age_band="75+", ethnicity=ASIAN_INDIAN)
    _equality_forms(closed_activity, 5, ethnicity=ASIAN_INDIAN)
    attendance = Attendance.objects.create(activity=closed_activity, head_count=30)
    AttendanceCount.objects.create(attendance=attendance, audience=businesses, count=3)
    rows = {
        r.audience: r
        for r in audience_reach(closed_activity, [young, older, asian, disabled, businesses, carers])
    }
    assert (rows["Young people"].count, rows["Young people"].reached, rows["Young people"].shown) == (
        6,
        True,
        "6",
    )
    # Two older people: reached, but a count from 1 to 4 is not shown.
    assert (rows["Older people"].count, rows["Older people"].reached) == (None, True)
    assert rows["Older people"].shown == "fewer than 5"
    assert (rows["Asian communities"].count, rows["Asian communities"].counted_from) == (7, "equality forms")
    assert (
        rows["Disabled people"].count,
        rows["Disabled people"].reached,
        rows["Disabled people"].shown,
    ) == (0, False, "0")
    assert rows["Businesses"].counted_from == "attendance counts by group"
    assert (rows["Businesses"].count, rows["Businesses"].reached) == (3, True)
    assert (rows["Carers"].reached, rows["Carers"].shown) == (None, "Not counted")


def test_participant_views_are_hidden_below_five_forms(closed_activity):
    add_forms(closed_activity, 4, satisfied=ParticipantAnswer.YES)
    views = participant_views(ParticipantEvaluation.objects.filter(activity=closed_activity))
    assert views.too_few and views.total == 4 and views.tables == []


def test_participant_views_suppress_small_counts_and_what_would_give_them_away(closed_activity):
    add_forms(closed_activity, 10, satisfied="yes", listened_to="yes", understood_use="partly")
    add_forms(closed_activity, 3, satisfied="no", listened_to="yes", channel=ParticipantChannel.ONLINE)
    add_forms(closed_activity, 6, listened_to="no", comments="Too short")
    views = participant_views(ParticipantEvaluation.objects.filter(activity=closed_activity))
    assert (views.total, views.online, views.paper) == (19, 3, 16)
    satisfied = {c.label: c.count for c in views.tables[0].cells}
    # 3 said no: hidden, and so is the smallest other count (6 not answered), so that the 3
    # cannot be worked out from the total; the 10 yes stay.
    assert satisfied == {"Yes": 10, "Partly": 0, "No": None, "Not answered": None}
    assert views.tables[0].cells[0].percent == round(100 * 10 / 19, 1)
    assert [c.shown for c in views.tables[0].cells][2] == HIDDEN
    listened = {c.label: c.count for c in views.tables[1].cells}
    assert listened == {"Yes": 13, "Partly": 0, "No": 6, "Not answered": 0}
    understood = {c.label: c.count for c in views.tables[2].cells}
    assert understood == {"Yes": 0, "Partly": 10, "No": 0, "Not answered": 9}
