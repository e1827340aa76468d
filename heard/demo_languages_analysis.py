"""The demo's analysis of answers written in several languages: the safety survey's "What makes you
feel unsafe?", whose paper forms from the mosque drop-in and the Polish community group were
answered in Urdu, Punjabi and Polish (consultations/demo_languages.py). Queued like the youth
consultation's analysis (the task worker of `make demo` runs it); with answers in other languages
it is made with the multilingual model, so the Polish answer about speeding sits with the English
ones. Loading it again adds nothing."""

from consultations.models import Question, QuestionKind
from insight.models import AnalysisRun
from insight.services import analysis_run_create
from organisations.models import User

QUESTION = "What makes you feel unsafe?"
OTHER_LANGUAGES = ("cy", "pl", "ur", "pa")


def demo_queue_languages_analysis(*, analyst: User) -> str:
    """Queue the analysis; returns its state ("" when there is no such question or it has one)."""
    question = (
        Question.objects.filter(
            text=QUESTION,
            kind=QuestionKind.TEXT,
            questionnaire__activity__lead_organisation=analyst.organisation,
            answers__response__language__in=OTHER_LANGUAGES,
        )
        .order_by("pk")
        .first()
    )
    if question is None or AnalysisRun.objects.filter(question=question).exists():
        return ""
    return str(analysis_run_create(user=analyst, question=question).state)
