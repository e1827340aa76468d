"""The demo's equality answers differ from the population the way real engagement does (older,
whiter, fewer young men), tilted per activity, the same every run and safe to run twice."""

from collections import Counter

from consultations.models import Attendance, EqualityRecord
from places.models import Audience
from reach.demo_reach import TARGET_NAME, demo_load_reach
from reach.models import TargetProfile, WayToReach

from .reach_fixtures import *  # noqa: F403
from .reach_fixtures import activity_in, forms


def _answers(activity):
    return list(
        EqualityRecord.objects.filter(activity=activity)
        .order_by("pk")
        .values_list("age_band", "sex", "ethnicity", "religion", "disability", "sexual_orientation")
    )


def test_every_activity_gets_skewed_answers_deterministically(ward, police):
    WayToReach.objects.filter(audience__slug="older-people").delete()  # the demo tops the list up
    meeting = activity_in(ward, police, title="PACT meeting")
    Attendance.objects.create(activity=meeting, head_count=400)
    forms(meeting, 10, sex="Female")
    youth = activity_in(
        ward, police, title="Youth forum", audiences=[Audience.objects.get(slug="young-people")]
    )
    Attendance.objects.create(activity=youth, head_count=300)

    summary = demo_load_reach()
    assert summary.forms_added == (200 - 10) + 150  # half the head count, topped up
    assert summary.ways_added > 0 and summary.target_created
    first = {a: _answers(a) for a in (meeting, youth)}

    again = demo_load_reach()
    assert again.forms_added == 0 and again.ways_added == 0 and not again.target_created
    assert {a: _answers(a) for a in (meeting, youth)} == first  # the same answers every run
    assert TargetProfile.objects.filter(name=TARGET_NAME).count() == 1
    assert WayToReach.objects.filter(audience__slug="older-people").exists()

    ages = Counter(a[0] for a in first[meeting])
    answered = sum(n for age, n in ages.items() if age and age != "Prefer not to say")
    older = ages["55-64"] + ages["65-74"] + ages["75+"]
    assert older / answered > 0.45  # a third of Altrincham is 55 or over
    white = sum(1 for a in first[meeting] if a[2].startswith("White"))
    assert white / sum(1 for a in first[meeting] if ":" in a[2]) > 0.85  # 80% of the ward
    young_men = sum(1 for a in first[meeting] if a[0] in ("16-24", "25-34") and a[1] == "Male")
    young = sum(1 for a in first[meeting] if a[0] in ("16-24", "25-34") and a[1] in ("Male", "Female"))
    assert young_men / young < 0.45
    youth_ages = Counter(a[0] for a in first[youth])
    assert youth_ages["16-24"] > youth_ages["65-74"] + youth_ages["75+"]  # aimed at young people
    blanks = sum(1 for a in first[meeting] if a[0] in ("", "Prefer not to say"))
    assert 0 < blanks < len(first[meeting]) / 4  # some skip a question, most answer


def test_the_showcase_consultation_gets_responses_whose_weighting_shows(officer, ward, police, monkeypatch):
    from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish
    from reach import demo_reach_showcase
    from reach.selectors_reach_more import weighted_results

    monkeypatch.setattr(demo_reach_showcase, "RESPONSES", 60)
    activity = activity_in(ward, police, title=demo_reach_showcase.SHOWCASE_TITLE)
    questionnaire = questionnaire_create(
        user=officer,
        activity=activity,
        title=demo_reach_showcase.SHOWCASE_TITLE,
        questions=[
            QuestionInput(
                kind="single",
                text="How safe?",
                choices=["Very safe", "Fairly safe", "A bit unsafe", "Very unsafe"],
            ),
            QuestionInput(
                kind="ranking",
                text="Priorities",
                choices=["Speeding", "Burglary", "Anti-social behaviour", "Drugs"],
            ),
        ],
    )
    questionnaire_publish(user=officer, questionnaire=questionnaire)
    assert demo_load_reach().responses_added == 60
    first = _answers(activity)
    assert demo_load_reach().responses_added == 0 and _answers(activity) == first  # kept as generated
    shown = weighted_results(user=officer, questionnaire=questionnaire)
    assert shown.weighting.weighted
    ranking = {o.label: o for o in shown.questions[1].options}
    assert ranking["Drugs"].weighted_percent > ranking["Drugs"].percent  # the young are weighted up
