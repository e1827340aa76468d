"""The demo's response imports: one imported, one refused with its rows' problems; loading the
demo again adds nothing."""

from django.utils import timezone

from consultations.models import ImportState, Response
from consultations.services import questionnaire_create, questionnaire_publish
from engagement.models import Status
from engagement.tests.factories import ActivityFactory
from heard.demo_consultations import SURVEY_QUESTIONS
from heard.demo_imports import demo_load_imports


def test_the_demo_imports_paper_surveys_and_shows_a_refused_file(officer):
    activity = ActivityFactory(
        lead_organisation=officer.organisation, status=Status.OPEN, consultation_kind="focused"
    )
    questionnaire = questionnaire_publish(
        user=officer,
        questionnaire=questionnaire_create(
            user=officer, activity=activity, title="Feeling safe", questions=SURVEY_QUESTIONS
        ),
    )
    today = timezone.localdate()
    assert demo_load_imports(officer=officer, today=today) == {
        "street surgery": "done",
        "refused": "rejected",
    }
    done, refused = questionnaire.response_imports.order_by("pk")
    assert (
        done.imported == 24
        and Response.objects.filter(questionnaire=questionnaire, channel="paper").count() == 24
    )
    assert [e["line"] for e in refused.row_errors] == [2, 3] and refused.state == ImportState.REJECTED
    assert demo_load_imports(officer=officer, today=today) == {}
