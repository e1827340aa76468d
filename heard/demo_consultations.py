"""Demo consultations: a youth consultation whose written answers are the real comments of
a Pol.is conversation on young people and police scrutiny (CC BY 4.0, demo_data/), live
questionnaires on the open neighbourhood surveys, and attendance at past events. Everything
else about the respondents (choices, postcodes, equality answers) is made up, reproducibly."""

import csv
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from consultations.answers import clean_answers
from consultations.attendance import attendance_create, equality_record_create
from consultations.equality import PREFER_NOT_TO_SAY, choices_for
from consultations.models import Channel, Question, Questionnaire, QuestionnaireState
from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish, response_enter
from core.quarters import quarter_of
from engagement.models import Activity, Method, Status
from engagement.services import AimInput, activity_create
from insight.models import AnalysisRun, Priority
from insight.priorities import priority_create, priority_create_from_ranking
from insight.services import analysis_run_create
from organisations.models import User
from places.models import Area, Audience, Postcode

POLIS = Path(settings.BASE_DIR) / "demo_data" / "polis_london_youth_policing" / "comments.csv"
YOUTH_TITLE = "Young people and police scrutiny: have your say"
SCALE = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
PRIORITIES = ["Knife crime", "Drugs", "Anti-social behaviour", "Police visibility", "Online safety"]
SURVEY_QUESTIONS = [
    QuestionInput(
        kind="single",
        text="How safe do you feel walking alone in your area after dark?",
        required=True,
        choices=["Very safe", "Fairly safe", "A bit unsafe", "Very unsafe"],
    ),
    QuestionInput(
        kind="text",
        text="What makes you feel unsafe?",
        max_length=1000,
        show_if_question=0,
        show_if_choices=["A bit unsafe", "Very unsafe"],
    ),
    QuestionInput(
        kind="ranking",
        text="Put these local issues in order of priority",
        choices=["Speeding", "Burglary", "Anti-social behaviour", "Drugs", "Fly-tipping"],
    ),
    QuestionInput(
        kind="where", text="What is your postcode?", hint="We use it only to find your neighbourhood."
    ),
]


def polis_comments() -> list[str]:
    """The comments the conversation's moderators accepted."""
    with POLIS.open(encoding="utf-8", newline="") as handle:
        return [row["comment-body"].strip() for row in csv.DictReader(handle) if row["moderated"] == "1"]


def _equality(rng: random.Random) -> dict[str, str]:
    answers = {}
    for field in ("age_band", "sex", "ethnicity", "religion", "disability", "sexual_orientation"):
        if rng.random() < 0.85:
            options = [value for value, _ in choices_for(field)]
            if field == "age_band":
                options = ["16-24"] * 6 + options
            answers[field] = rng.choice(options)
    return answers


def _youth_consultation(officer: User, rng: random.Random, today: date) -> None:
    activity = Activity.private_objects.filter(title=YOUTH_TITLE).first()
    if activity is None:
        stretford = Area.objects.get(code="E05000829")
        starts = timezone.make_aware(datetime.combine(today - timedelta(days=14), time(10)))
        activity = activity_create(
            user=officer,
            title=YOUTH_TITLE,
            purpose="getting_information",
            summary="How should young people in Trafford help hold the police to account? Tell us online, or at "
            "the youth voice sessions in schools and youth clubs.",
            method=Method.objects.get(slug="online-survey"),
            level="theme",
            areas=[Area.objects.get(code="E08000009"), stretford],
            audiences=list(Audience.objects.filter(slug__in=["young-people", "students"])),
            contact_name="Priya Shah",
            contact_email=officer.email,
            contact_phone="0161 872 5050",
            starts_at=starts,
            consultation_kind="focused",
            response_opens=today - timedelta(days=14),
            response_closes=today + timedelta(days=28),
            venue="Online, and at youth clubs across Trafford",
            accessibility="Easy-read and large-print versions on request; youth workers can help you fill it in.",
            expected_benefit="Young people shape how the police and crime panel scrutinises local policing.",
            is_published=True,
            status=Status.OPEN,
            aims=[
                AimInput(
                    text="Find the best ways to involve young people in local scrutiny of policing",
                    linked_to="Greater Manchester police and crime plan",
                )
            ],
        )
    if Questionnaire.private_objects.filter(activity=activity).exists():
        return
    questionnaire = questionnaire_create(
        user=officer,
        activity=activity,
        title=YOUTH_TITLE,
        introduction="It takes about three minutes. Answer as much or as little as you like.",
        questions=[
            QuestionInput(
                kind="scale",
                text="Young people in my area can influence how they are policed",
                choices=SCALE,
                required=True,
            ),
            QuestionInput(
                kind="text",
                required=True,
                max_length=2000,
                text="What is the best way to engage more young people in local scrutiny of policing?",
            ),
            QuestionInput(kind="ranking", text="Which should the police focus on first?", choices=PRIORITIES),
            QuestionInput(
                kind="where", text="What is your postcode?", hint="We use it only to find your neighbourhood."
            ),
        ],
    )
    questionnaire = questionnaire_publish(user=officer, questionnaire=questionnaire)
    questions = list(questionnaire.questions.prefetch_related("choices"))
    postcodes = list(Postcode.objects.order_by("postcode").values_list("postcode", flat=True)[::97])
    for n, comment in enumerate(polis_comments()):
        choices = {q.pk: [str(c.pk) for c in q.choices.all()] for q in questions}
        ranking = rng.sample(choices[questions[2].pk], k=3)
        raw = {
            questions[0].pk: [rng.choice(choices[questions[0].pk])],
            questions[1].pk: [comment],
            questions[2].pk: ranking,
            questions[3].pk: [rng.choice(postcodes)] if rng.random() < 0.8 else [],
        }
        cleaned = clean_answers(questionnaire, raw)
        response_enter(
            user=officer,
            questionnaire=questionnaire,
            cleaned=cleaned,
            channel=Channel.EVENT if n % 3 else Channel.PAPER,
            equality=_equality(rng),
            submitted_at=timezone.now() - timedelta(days=rng.randint(0, 13)),
        )


def _surveys(officer: User) -> None:
    """A live questionnaire on every other consultation past its planning stage; those open
    today take responses online."""
    consultations = Activity.private_objects.filter(lead_organisation=officer.organisation).exclude(
        consultation_kind=""
    )
    for activity in consultations.exclude(status__in=[Status.DRAFT, Status.PLANNED, Status.CANCELLED]):
        if not Questionnaire.private_objects.filter(activity=activity).exists():
            questionnaire = questionnaire_create(
                user=officer, activity=activity, title=activity.title, questions=SURVEY_QUESTIONS
            )
            questionnaire_publish(user=officer, questionnaire=questionnaire)


def _attendance(officer: User, rng: random.Random, today: date) -> None:
    past = Activity.private_objects.filter(
        lead_organisation=officer.organisation,
        starts_at__date__lt=today,
        status__in=[Status.CLOSED, Status.ANALYSED, Status.FEEDBACK_GIVEN, Status.EVALUATED],
    ).exclude(method__collects_information_only=True)
    for activity in past:
        if activity.attendances.exists():
            continue
        head_count = rng.randint(8, 60)
        audiences = list(activity.audiences.all())
        counts = {a: rng.randint(1, head_count // 2) for a in audiences[:2]}
        attendance_create(
            user=officer,
            activity=activity,
            held_on=activity.starts_at.date(),
            head_count=head_count,
            is_estimate=rng.random() < 0.3,
            counts=counts,
        )
        for _ in range(rng.randint(0, head_count // 3)):
            answers = _equality(rng) or {"sex": PREFER_NOT_TO_SAY}
            equality_record_create(
                user=officer,
                activity=activity,
                channel=Channel.EVENT,
                answers=answers,
                recorded_on=activity.starts_at.date(),
            )


PACT_PRIORITIES = [
    "Speeding on residential roads",
    "Drug dealing near the shops",
    "Anti-social behaviour in the park",
    "Burglary",
    "Parking on pavements",
    "Fly-tipping",
    "Youth provision",
    "Vehicle crime",
]


def _insight(analyst: User, officer: User, today: date) -> None:
    """Queue a theme analysis of the youth consultation (the task worker runs it), record the
    last four quarters' PACT priorities for every Trafford ward, the latest published, and this
    quarter's priorities from the youth consultation's ranking question."""
    question = Question.objects.filter(questionnaire__title=YOUTH_TITLE, kind="text").first()
    if question is not None and not AnalysisRun.objects.filter(question=question).exists():
        analysis_run_create(user=analyst, question=question)
    if Priority.private_objects.exists():
        return
    rng = random.Random(2023)  # noqa: S311 - demo data, not security
    quarters = sorted({quarter_of(today - timedelta(days=91 * n)) for n in range(4)})
    for ward in Area.objects.filter(parent__code="E08000009", level="neighbourhood"):
        ranked = rng.sample(PACT_PRIORITIES, k=3)
        for quarter in quarters:
            if rng.random() < 0.4:
                ranked = [ranked[1], ranked[0], ranked[2]]
            for rank, label in enumerate(ranked, start=1):
                priority_create(
                    user=officer,
                    area=ward,
                    quarter=quarter,
                    label=label,
                    rank=rank,
                    is_public=quarter == quarters[-1],
                )
    ranking = Question.objects.filter(questionnaire__title=YOUTH_TITLE, kind="ranking").first()
    area = ranking.questionnaire.activity.areas.order_by("name").first() if ranking else None
    if ranking is not None and area is not None:
        priority_create_from_ranking(user=officer, question=ranking, area=area, quarter=quarters[-1], top=3)


def consultations_demo_load(*, officer: User, analyst: User, today: date) -> int:
    rng = random.Random(2022)  # noqa: S311 - demo data, not security
    _youth_consultation(officer, rng, today)
    _insight(analyst, officer, today)
    _surveys(officer)
    _attendance(officer, rng, today)
    return Questionnaire.private_objects.filter(state=QuestionnaireState.LIVE).count()
