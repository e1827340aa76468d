"""The demo's paper forms in Urdu, Punjabi and Polish, imported with a Language column."""

from django.utils import timezone

from consultations.demo_languages import demo_load_languages
from consultations.models import Response
from consultations.services import questionnaire_create, questionnaire_publish
from engagement.models import Status
from engagement.tests.factories import ActivityFactory
from heard.demo_consultations import SURVEY_QUESTIONS


def test_the_demo_imports_forms_in_community_languages(officer):
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
    assert demo_load_languages(officer=officer, today=today) == "done"
    languages = Response.objects.filter(questionnaire=questionnaire).values_list("language", flat=True)
    assert sorted(languages) == ["pa", "pa", "pl", "pl", "ur", "ur"]
    assert demo_load_languages(officer=officer, today=today) == ""
