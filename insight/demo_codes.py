"""The demo of the policing codes: Trafford's neighbourhood policing survey, answered all last
year and this year in Stretford and Gorse Hill, each written answer coded to the policing
codeframe (several codes where it names several subjects). In Stretford, complaints about
speeding rose this year by more than chance and anti-social behaviour fell; Gorse Hill stayed
much the same. An analyst corrected two answers' codes and added a code of the force's own
(nitrous oxide), which made version 2 of the codeframe.

The survey is also filled in on paper at PACT meetings, whose notes are coded too: the analyst
gave one meeting's notes the new nitrous oxide code (the canisters residents mentioned) and took
anti-social behaviour off another's (fly-tipping is an environmental matter).

The answers are written from each subject's sentences, so their codes are known: they are
stored as the coding would give them, with its confidence, to keep the demo quick to load;
**Code all answers again** on the Policing codes page codes them for real."""

import random
import uuid
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from consultations.attendance import attendance_create
from consultations.models import Answer, Attendance, Channel, Questionnaire, Response
from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish
from engagement.models import Activity, Method, Status
from engagement.services import AimInput, activity_create
from organisations.models import User
from places.models import Area

from .codeframes import CodeInput, code_add
from .coding import answer_code_correct, note_code_correct
from .models import AnswerCode, NoteCode

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
# answers per subject: (Stretford last year, Stretford this year, Gorse Hill each year); Gorse
# Hill's speeding and anti-social behaviour reach 10, so the public pages show both wards' years
COUNTS = {
    "speeding": (12, 31, 10),
    "asb": (26, 11, 10),
    "drugs": (9, 8, 6),
    "burglary": (7, 6, 5),
    "parking": (8, 9, 5),
    "environment": (5, 6, 6),
    "police_visibility": (6, 7, 4),
}
BOTH = "Cars speeding and parking on the pavement outside the school"
# PACT meetings where the survey was handed out: (held: (month, day) of last year or days ago,
# head count, notes, codes as coded)
MEETINGS: list[tuple[tuple[int, int] | int, int, str, dict[str, float]]] = [
    (
        (3, 14),
        18,
        "Stretford PACT meeting at the library. Most of the talk was about teenagers hanging round "
        "the precinct in the evenings and stones thrown at the bus shelter. Two residents raised drug "
        "dealing by the tram stop.",
        {"asb": 0.88, "drugs": 0.74},
    ),
    (
        (9, 19),
        11,
        "Gorse Hill PACT meeting at the community centre. Residents complained about cars racing "
        "along Barton Road after dark and asked for speed checks. One said the car park behind the "
        "shops is covered in silver gas canisters every Monday morning.",
        {"speeding": 0.91},
    ),
    (
        75,
        24,
        "Stretford PACT meeting at the library. Speeding on Kings Road again, and parents asked for "
        "something to be done about parking on the zigzags outside the primary school at pick-up time.",
        {"speeding": 0.89, "parking": 0.77},
    ),
    (
        12,
        9,
        "Gorse Hill PACT meeting. Fly-tipping in the back alleys is getting worse, and residents would "
        "like to see PCSOs walking the area more often.",
        {"environment": 0.84, "police_visibility": 0.69, "asb": 0.46},
    ),
]
# Stretford's anti-social behaviour peaked last summer (July to September: 14 of its answers),
# when Gorse Hill's survey was not out (its answers last year came in the first half): the
# public page shows that quarter's figure, which no neighbour's small one makes it withhold.
SUMMER_PEAK = 14
WHOLE_YEAR, SUMMER, FIRST_HALF = (1, 12), (7, 9), (1, 6)


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


def _when(rng: random.Random, year: int, today: date, months: tuple[int, int] = WHOLE_YEAR) -> datetime:
    end = date(year, 12, 31) if months[1] == 12 else date(year, months[1] + 1, 1) - timedelta(days=1)
    last_day = min(today, end) if year == today.year else end
    first = date(year, months[0], 1)
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


def _plan(today: date) -> list[tuple[str, int, str, tuple[int, int]]]:
    """(ward, year, subject, the months it was given in) for every answer."""
    rows = []
    for subject, (before, now, gorse) in COUNTS.items():
        peak = SUMMER_PEAK if subject == "asb" else 0
        rows += [("Stretford", today.year - 1, subject, SUMMER)] * peak
        rows += [("Stretford", today.year - 1, subject, WHOLE_YEAR)] * (before - peak)
        rows += [("Stretford", today.year, subject, WHOLE_YEAR)] * now
        rows += [("Gorse Hill", today.year - 1, subject, FIRST_HALF)] * gorse
        rows += [("Gorse Hill", today.year, subject, WHOLE_YEAR)] * gorse
    return rows


def _meetings(officer: User, questionnaire: Questionnaire, today: date) -> list[Attendance]:
    """The PACT meetings' notes, coded as the coding would code them."""
    made = []
    for held, head_count, notes, codes in MEETINGS:
        attendance = attendance_create(
            user=officer,
            activity=questionnaire.activity,
            held_on=date(today.year - 1, *held) if isinstance(held, tuple) else today - timedelta(days=held),
            head_count=head_count,
            notes=notes,
        )
        for code, confidence in codes.items():
            NoteCode.objects.create(
                organisation_id=int(officer.organisation_id or 0),
                attendance=attendance,
                code=code,
                confidence=confidence,
                version=1,
            )
        made.append(attendance)
    return made


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
        for ward, year, subject, months in _plan(today):
            text = rng.choice(SENTENCES[subject])
            answer = _answer(questionnaire, text, wards[ward], _when(rng, year, today, months))
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
        meetings = _meetings(officer, questionnaire, today)
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
            keywords=("nitrous oxide", "laughing gas", "gas canisters"),
        ),
    )
    # and two meetings' notes: the canisters are nitrous oxide; fly-tipping is not anti-social behaviour
    note_code_correct(user=analyst, attendance=meetings[1], code="nitrous_oxide", action="add")
    note_code_correct(user=analyst, attendance=meetings[3], code="asb", action="remove")
    return len(made) + 1
