from datetime import date, timedelta

import pytest
from django.utils import timezone

from engagement.services import AimInput
from engagement.tests.factories import method
from places.models import AreaLevel
from places.services import area_set_parent
from places.tests.factories import AreaFactory


@pytest.fixture
def district(db):
    return AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)


@pytest.fixture
def ward(district):
    area = AreaFactory(code="E05000819", name="Altrincham")
    area_set_parent(area=area, parent=district)
    return area


@pytest.fixture
def other_ward(district):
    area = AreaFactory(code="E05000820", name="Ashton upon Mersey")
    area_set_parent(area=area, parent=district)
    return area


@pytest.fixture
def activity_kwargs(officer, ward):
    """Everything activity_create needs for a valid public meeting."""
    return {
        "user": officer,
        "title": "Altrincham PACT meeting",
        "purpose": "forums_for_debate",
        "method": method("pact-meeting"),
        "level": "neighbourhood",
        "areas": [ward],
        "lead_organisation": officer.organisation,
        "contact_name": "PC Jane Example",
        "contact_email": "jane@example.org",
        "starts_at": timezone.now() + timedelta(days=10),
        "aims": [AimInput(text="Agree the ward's three priorities", linked_to="Trafford policing plan 2026")],
    }


@pytest.fixture
def window():
    opens = date(2026, 12, 1)
    return {
        "opens": opens,
        "closes_short": opens + timedelta(weeks=3),
        "closes_ok": opens + timedelta(weeks=4),
    }


@pytest.fixture
def questionnaire_for():
    """A questionnaire of an activity (with one question), optionally with a newer version
    and a response; built directly, as the consultations app would have."""
    from consultations.models import PrivacyStatement, Question, Questionnaire, Response

    def make(activity, *, versions=1, responses=0):
        statement = PrivacyStatement.objects.create(text="Privacy")
        previous = None
        for version in range(1, versions + 1):
            questionnaire = Questionnaire.private_objects.create(
                activity=activity,
                title="Your views",
                privacy_statement=statement,
                version=version,
                previous=previous,
            )
            Question.objects.create(questionnaire=questionnaire, kind="text", text="What worries you?")
            previous = questionnaire
        for number in range(responses):
            Response.objects.create(
                questionnaire=previous,
                receipt_hash=f"receipt-{activity.pk}-{number}",
                privacy_statement=statement,
                consented_at=timezone.now(),
            )
        return previous

    return make
