from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish
from engagement.models import Status
from engagement.tests.factories import ActivityFactory
from places.models import AreaLevel, Postcode
from places.services import area_set_parent
from places.tests.factories import AreaFactory


@pytest.fixture
def ward(db):
    district = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    ward = AreaFactory(code="E05000820", name="Ashton upon Mersey")
    area_set_parent(area=ward, parent=district)
    lsoa = AreaFactory(code="E01006100", name="Trafford 012A", level=AreaLevel.LSOA)
    area_set_parent(area=lsoa, parent=ward)
    Postcode.objects.create(postcode="M33 5AB", lsoa=lsoa)
    return ward


@pytest.fixture
def consultation(officer, ward):
    """A live questionnaire on an open, published consultation whose window includes today."""
    today = timezone.localdate()
    activity = ActivityFactory(
        lead_organisation=officer.organisation,
        status=Status.OPEN,
        is_published=True,
        areas=[ward],
        consultation_kind="focused",
        response_opens=today - timedelta(days=7),
        response_closes=today + timedelta(days=21),
    )
    questionnaire = questionnaire_create(
        user=officer,
        activity=activity,
        title="Policing priorities in Ashton",
        questions=[
            QuestionInput(
                kind="single",
                text="Do you feel safe after dark?",
                required=True,
                choices=["Yes", "No", "Don't know"],
            ),
            QuestionInput(
                kind="text",
                text="What makes you feel unsafe?",
                max_length=200,
                show_if_question=0,
                show_if_choices=["No"],
            ),
            QuestionInput(
                kind="multiple", text="Which of these worry you?", choices=["Speeding", "Burglary", "ASB"]
            ),
            QuestionInput(
                kind="scale",
                text="The police understand local issues",
                choices=["Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree"],
            ),
            QuestionInput(
                kind="ranking", text="Rank these priorities", choices=["Drugs", "Parking", "Litter"]
            ),
            QuestionInput(kind="where", text="What is your postcode?"),
        ],
    )
    return questionnaire_publish(user=officer, questionnaire=questionnaire)
