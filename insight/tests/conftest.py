import uuid

import pytest
from django.utils import timezone

from consultations.models import (
    Answer,
    Choice,
    Question,
    Response,
)
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from engagement.tests.factories import ActivityFactory
from insight import services
from insight.models import AnalysisRun
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.models import AreaLevel
from places.tests.factories import AreaFactory

ANSWERS = [
    "Speeding cars on the main road outside the school every morning",
    "Drivers speed down the high street, we need speed cameras",
    "Cars going far too fast near the school gates",
    "Litter and fly-tipping in the park behind the shops",
    "Rubbish dumped in the alley, fly-tipping every week",
    "The park is full of litter and broken glass",
    "A man called Dave Smith sells drugs from a white van AB12 CDE outside 14 Elm Street every Friday at 9pm",
    "nothing",
]


add_answer = answer_with_text


@pytest.fixture
def analyst(police):
    return UserFactory(username="analyst", organisation=police, roles=[Role.ANALYST])


@pytest.fixture
def intel(police):
    return UserFactory(username="intel", organisation=police, roles=[Role.INTELLIGENCE_OFFICER])


@pytest.fixture
def district(db):
    """Trafford with three wards: the policing codes' neighbourhood figures (test_code_trends*)."""
    return AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)


@pytest.fixture
def wards(district):
    return [
        AreaFactory(code=f"E0500082{i}", name=name, parent=district)
        for i, name in enumerate(["Ashton upon Mersey", "Brooklands", "Sale Moor"])
    ]


@pytest.fixture
def question(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation, title="ASHTON-CONSULTATION")
    question = QuestionFactory(
        questionnaire=QuestionnaireFactory(activity=activity, title="Policing priorities")
    )
    for text in ANSWERS:
        add_answer(question, text)
    return question


@pytest.fixture
def run(question, analyst, django_capture_on_commit_callbacks) -> AnalysisRun:
    with django_capture_on_commit_callbacks(execute=True):
        created = services.analysis_run_create(user=analyst, question=question)
    created.refresh_from_db()
    return created


def add_ranking(question: Question, labels: list[str], *, area=None) -> Response:
    """One response ranking the question's options, best first (a partial ranking is fine)."""
    response = Response.objects.create(
        questionnaire=question.questionnaire,
        receipt_hash=uuid.uuid4().hex,
        privacy_statement=question.questionnaire.privacy_statement,
        consented_at=timezone.now(),
        area=area,
    )
    choices = {c.label: c for c in question.choices.all()}
    for rank, label in enumerate(labels, start=1):
        Answer.objects.create(response=response, question=question, choice=choices[label], rank=rank)
    return response


RANKING_OPTIONS = ["Speeding", "Drug dealing", "Parking", "Litter", "Noise"]


@pytest.fixture
def ward(police):
    """A ward the police (the analysts' organisation) is responsible for."""
    area = AreaFactory(code="E05000820", name="Ashton upon Mersey")
    police.areas.add(area)
    return area


@pytest.fixture
def ranking(question, ward):
    """A ranking question on the same questionnaire, whose activity covers `ward`. Over all
    responses: Litter (average 1), then Parking and Speeding (average 2, one first place each:
    alphabetical), then Drug dealing (average 2, never first); nobody ranked Noise. Among the
    ward's residents: Litter and Speeding (average 1), Drug dealing (2), Parking (3)."""
    question.questionnaire.activity.areas.add(ward)
    ranking = Question.objects.create(
        questionnaire=question.questionnaire, kind="ranking", text="Put these in order", position=2
    )
    for position, label in enumerate(RANKING_OPTIONS):
        Choice.objects.create(question=ranking, label=label, position=position)
    elsewhere = AreaFactory(code="E05000821", name="Brooklands")
    add_ranking(ranking, ["Speeding", "Drug dealing", "Parking"], area=ward)
    add_ranking(ranking, ["Parking", "Drug dealing", "Speeding"], area=elsewhere)
    add_ranking(ranking, ["Litter"], area=ward)
    return ranking
