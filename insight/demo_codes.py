"""The demo of the policing codes: Trafford's neighbourhood policing survey, answered all last
year and this year in Stretford and Gorse Hill, each written answer coded to the policing
codeframe (several codes where it names several subjects). In Stretford, complaints about
speeding rose this year by more than chance and anti-social behaviour fell; Gorse Hill stayed
much the same. An analyst corrected two answers' codes and added a code of the force's own
(nitrous oxide), which made version 2 of the codeframe.

The answers are written from each subject's sentences, so their codes are known: they are
stored as the coding would give them, with its confidence, to keep the demo quick to load;
**Code all answers again** on the Policing codes page codes them for real."""

import random
import uuid
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from consultations.models import Answer, Channel, Questionnaire, Response
from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish
from engagement.models import Activity, Method, Status
from engagement.services import AimInput, activity_create
from organisations.models import User
from places.models import Area

from .codeframes import CodeInput, code_add
from .coding import answer_code_correct
from .models import AnswerCode

TITLE = "Trafford neighbourhood policing survey"
QUESTION = "What is the biggest problem for policing where you live?"
SENTENCES = {
    "speeding": [
        "Cars speeding down Kings Road every evening",
        "Drivers race along Barton Road far too fast",
        "Speeding outside the primary school at pick-up time",
        "Boy racers on the A56 at night, someone will be killed",
        "Nobody keeps to the 20mph limit on our street",
        "Dangerous driving and people on their phones at the wheel",
    ],
    "asb": [
        "Teenagers shouting and throwing stones at the shops",
        "Gangs hanging around the precinct intimidating people",
        "Vandalism to the bus shelter again",
        "Rowdy groups in the park late at night",
        "Anti-social behaviour outside the chip shop every weekend",
    ],
    "drugs": [
        "Drug dealing openly by the tram stop",
        "The smell of cannabis on the estate every night",
        "Cars pulling up for a minute at a time, clearly dealing",
    ],
    "burglary": ["Two break-ins on our road this month", "Sheds and garages being broken into"],
    "parking": [
        "Cars parked on the pavement so prams cannot get past",
        "Parking on the zigzags at school time",
    ],
    "environment": ["Fly-tipping in the back alleys", "Litter and broken glass all over the park"],
    "police_visibility": ["We never see a PCSO on foot any more", "Bring back the local police office"],
}
# answers per subject: (Stretford last year, Stretford this year, Gorse Hill each year)
COUNTS = {
    "speeding": (12, 31, 8),
    "asb": (26, 11, 9),
    "drugs": (9, 8, 6),
    "burglary": (7, 6, 5),
    "parking": (8, 9, 5),
    "environment": (5, 6, 6),
    "police_visibility": (6, 7, 4),
}
BOTH = "Cars speeding and parking on the pavement outside the school"


def _survey(officer: User, today: date) -> Questionnaire | None:
    if Activity.private_objects.filter(title=TITLE).exists():
        return None
    district = Area.objects.get(code="E08000009")
    starts = timezone.make_aware(datetime.combine(date(today.year - 1, 1, 5), time(9)))
    activity = activity_create(
        user=officer,
        title=TITLE,
        purpose="getting_information",
        summary="Tell your neighbourhood policing team what matters most where you live. The survey is "
        "open all year; what you tell us is reported at each PACT meeting.",
        method=Method.objects.get(slug="online-survey"),
        level="district",
        areas=[district],
        contact_name="Priya Shah",
        contact_email=officer.email,
        starts_at=starts,
        consultation_kind="focused",
        response_opens=starts.date(),
        response_closes=today + timedelta(days=90),
        venue="Online, on paper at police front counters and at PACT meetings",
        expected_benefit="A regularly updated picture of each neighbourhood's priorities.",
        is_published=True,
        status=Status.OPEN,
        aims=[
            AimInput(
                text="Know what each neighbourhood wants policed first", linked_to="Trafford policing plan"
            )
        ],
    )
    questionnaire = questionnaire_create(
        user=officer,
        activity=activity,
        title=TITLE,
        questions=[QuestionInput(kind="text", required=True, max_length=2000, text=QUESTION)],
    )
    return questionnaire_publish(user=officer, questionnaire=questionnaire)


def _when(rng: random.Random, year: int, today: date) -> datetime:
    last_day = today if year == today.year else date(year, 12, 31)
    first = date(year, 1, 1)
    day = first + timedelta(days=rng.randint(0, (last_day - first).days))
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 21), rng.randint(0, 59))))


def _answer(questionnaire: Questionnaire, text: str, area: Area, when: datetime) -> Answer:
    response = Response.objects.create(
        questionnaire=questionnaire,
        channel=Channel.PAPER,
        receipt_hash=uuid.uuid4().hex,
        privacy_statement=questionnaire.privacy_statement,
        consented_at=when,
        submitted_at=when,
        area=area,
    )
    return Answer.objects.create(response=response, question=questionnaire.questions.get(), text=text)


def _plan(today: date) -> list[tuple[str, int, str]]:
    """(ward, year, subject) for every answer."""
    rows = []
    for subject, (before, now, gorse) in COUNTS.items():
        rows += [("Stretford", today.year - 1, subject)] * before + [("Stretford", today.year, subject)] * now
        rows += [("Gorse Hill", year, subject) for year in (today.year - 1, today.year) for _ in range(gorse)]
    return rows


def demo_load_codes(*, officer: User, analyst: User, today: date) -> int:
    """The survey, its coded answers and the analyst's corrections. Returns how many answers."""
    questionnaire = _survey(officer, today)
    if questionnaire is None:
        return 0
    rng = random.Random(13)  # noqa: S311  (made-up data, not secrets)
    wards = {
        a.name: a for a in Area.objects.filter(name__in=["Stretford", "Gorse Hill"], parent__code="E08000009")
    }
    organisation_id = int(officer.organisation_id or 0)
    made: list[Answer] = []
    with transaction.atomic():
        for ward, year, subject in _plan(today):
            text = rng.choice(SENTENCES[subject])
            answer = _answer(questionnaire, text, wards[ward], _when(rng, year, today))
            AnswerCode.objects.create(
                organisation_id=organisation_id,
                answer=answer,
                code=subject,
                confidence=round(rng.uniform(0.62, 0.97), 4),
                version=1,
            )
            made.append(answer)
        both = _answer(questionnaire, BOTH, wards["Stretford"], _when(rng, today.year, today))
        AnswerCode.objects.create(
            organisation_id=organisation_id, answer=both, code="speeding", confidence=0.71, version=1
        )
        wrong = next(a for a in made if a.text.startswith("Cars pulling up"))
        AnswerCode.objects.create(
            organisation_id=organisation_id, answer=wrong, code="parking", confidence=0.52, version=1
        )
    # the analyst's work: two answers' codes corrected, and a code of the force's own
    answer_code_correct(user=analyst, answer=both, code="parking", action="add")
    answer_code_correct(user=analyst, answer=wrong, code="parking", action="remove")
    code_add(
        user=analyst,
        data=CodeInput(
            label="Nitrous oxide",
            description="Nitrous oxide (laughing gas) use: the silver canisters left in parks and car parks.",
            examples=[
                "Silver gas canisters all over the car park",
                "Kids inhaling laughing gas by the canal",
            ],
            police_uk=["drugs"],
        ),
    )
    return len(made) + 1
