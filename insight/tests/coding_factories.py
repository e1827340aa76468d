"""Data for the policing-code tests: a small codeframe (quick to learn), answers given in a
chosen year and place, meeting notes, and codes set directly (for the figures, without running
the coding)."""

import uuid
from datetime import datetime

from django.utils import timezone

from consultations.models import Answer, Attendance, Question, Response
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory
from engagement.tests.factories import ActivityFactory
from insight.models import AnswerCode, CodeframeVersion
from organisations.models import Organisation
from places.models import Area

CODES = [
    {
        "id": "speeding",
        "label": "Speeding and road safety",
        "description": "Speeding and dangerous driving on the roads.",
        "examples": ["Cars speeding down the main road", "Drivers race past the school far too fast"],
        "keywords": ["speeding", "speed"],
        "police_uk": [],
    },
    {
        "id": "asb",
        "label": "Anti-social behaviour",
        "description": "Groups causing nuisance, intimidation and rowdiness.",
        "examples": ["Teenagers shouting and throwing stones at night", "Rowdy gangs intimidating people"],
        "keywords": ["rowdy", "nuisance"],
        "police_uk": ["anti-social-behaviour"],
    },
    {
        "id": "drugs",
        "label": "Drugs",
        "description": "Drug dealing and drug use.",
        "examples": ["Drug dealing on the corner", "The smell of cannabis everywhere"],
        "keywords": ["drugs", "dealing", "cannabis"],
        "police_uk": ["drugs"],
    },
]


def small_codeframe(organisation: Organisation) -> CodeframeVersion:
    return CodeframeVersion.objects.create(
        organisation=organisation, number=1, codes=[dict(c) for c in CODES]
    )


def text_question(organisation: Organisation, area: Area, *, published: bool = True) -> Question:
    activity = ActivityFactory(
        lead_organisation=organisation, areas=[area], is_published=published, status="open"
    )
    return QuestionFactory(questionnaire=QuestionnaireFactory(activity=activity), kind="text")


def answer(
    question: Question, text: str, *, year: int = 0, month: int = 6, area: Area | None = None
) -> Answer:
    when = timezone.now()
    if year:
        when = timezone.make_aware(datetime(year, month, 15, 12, 0))
    response = Response.objects.create(
        questionnaire=question.questionnaire,
        receipt_hash=uuid.uuid4().hex,
        privacy_statement=question.questionnaire.privacy_statement,
        consented_at=when,
        submitted_at=when,
        area=area,
    )
    return Answer.objects.create(response=response, question=question, text=text)


def meeting_notes(question: Question, text: str) -> Attendance:
    """The notes of a meeting of the question's activity (who came, and what was said)."""
    return Attendance.objects.create(activity=question.questionnaire.activity, head_count=20, notes=text)


def coded(
    question: Question, code: str, count: int, *, year: int, area: Area | None = None, month: int = 6
) -> None:
    """`count` answers in `year`, each given `code` by the activity's lead organisation."""
    organisation_id = question.questionnaire.activity.lead_organisation_id
    for i in range(count):
        row = answer(question, f"{code} answer {i}", year=year, month=month, area=area)
        AnswerCode.objects.create(organisation_id=organisation_id, answer=row, code=code, version=1)


def uncoded(question: Question, count: int, *, year: int, area: Area | None = None) -> None:
    for i in range(count):
        answer(question, f"other answer {i}", year=year, area=area)
