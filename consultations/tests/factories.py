"""factory_boy factories for questionnaires and their questions, shared by every app's tests."""

import uuid

import factory
from django.utils import timezone

from consultations.models import (
    Answer,
    PrivacyStatement,
    Question,
    Questionnaire,
    QuestionnaireState,
    Response,
)
from engagement.tests.factories import ActivityFactory


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    """A live questionnaire (no questions: add them with QuestionFactory)."""

    class Meta:
        model = Questionnaire

    activity = factory.SubFactory(ActivityFactory)
    title = factory.Sequence(lambda n: f"Questionnaire {n}")
    privacy_statement = factory.LazyFunction(lambda: PrivacyStatement.objects.create(text="Privacy"))
    state = QuestionnaireState.LIVE

    @classmethod
    def _create(cls, model_class: type[Questionnaire], *args: object, **kwargs: object) -> Questionnaire:
        return Questionnaire.private_objects.create(**kwargs)  # no `objects` manager


class QuestionFactory(factory.django.DjangoModelFactory):
    """A free-text question."""

    class Meta:
        model = Question

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    kind = "text"
    text = "What worries you?"


def answer_with_text(question: Question, text: str) -> Answer:
    """One response to `question` holding `text` as its answer."""
    response = Response.objects.create(
        questionnaire=question.questionnaire,
        receipt_hash=uuid.uuid4().hex,
        privacy_statement=question.questionnaire.privacy_statement,
        consented_at=timezone.now(),
    )
    return Answer.objects.create(response=response, question=question, text=text)
