"""A world for the publication scheme's tests: one activity that belongs in the bundle, beside
every kind of record that must never be in it (OFFICIAL-SENSITIVE, unpublished, not marked for
the scheme, held outside the period, draft questionnaires and feedback), each with words a test
can look for; and a questionnaire whose answers include small counts.

`LEFT_OUT`: text that appears only in records that must not be published."""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from consultations.models import Answer, Choice, Question, QuestionnaireState, Response
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory
from engagement.models import Activity, Status
from engagement.tests.factories import ActivityFactory
from governance.models import Marking
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.tests.loop_factories import Trail, make_trail
from places.tests.factories import AreaFactory

__all__ = ["LEFT_OUT", "SINGLE", "World", "add_responses", "publisher", "world"]

SENSITIVE = Marking.OFFICIAL_SENSITIVE
# Yes 20, No 3, Maybe 12, not answered 0: "No" is under the threshold, so "Maybe" (the next
# smallest) is withheld too, or the total would give "No" away.
SINGLE = {"Yes": 20, "No": 3, "Maybe": 12}
LEFT_OUT = [
    "Covert briefing on the estate",
    "Unpublished listening event",
    "Internal staff survey",
    "Street briefing of 2019",
    "Draft questionnaire of the scheme",
    "Words of a sensitive decision",
    "Words of draft feedback",
    "Words of feedback not in the scheme",
    "What a resident wrote",
    "Questionnaire marked sensitive",
]


@dataclass
class World:
    area: Any
    scheme: Activity
    left_out: list[Activity]
    questionnaire: Any
    tiny: Any
    draft_questionnaire: Any
    single: Question
    multiple: Question
    trail: Trail
    hidden_trails: list[Trail] = field(default_factory=list)


def _activity(organisation: Any, area: Any, title: str, **kwargs: Any) -> Activity:
    values = {
        "is_published": True,
        "publication_scheme": True,
        "status": Status.CLOSED,
        "starts_at": timezone.now() - timedelta(days=40),
        **kwargs,
    }
    return ActivityFactory(lead_organisation=organisation, areas=[area], title=title, **values)


def _choices(question: Question, labels: list[str]) -> list[Choice]:
    return [
        Choice.objects.create(question=question, position=i, label=label) for i, label in enumerate(labels)
    ]


def _response(questionnaire: Any) -> Response:
    return Response.objects.create(
        questionnaire=questionnaire,
        receipt_hash=uuid.uuid4().hex,
        privacy_statement=questionnaire.privacy_statement,
        consented_at=timezone.now(),
    )


def add_responses(
    questionnaire: Any, question: Question, counts: dict[str, int], *, text: Question | None = None
) -> None:
    """Responses answering `question` with each choice as often as `counts` says (and, given a
    free-text question, writing on it)."""
    choices = {c.label: c for c in question.choices.all()}
    for label, count in counts.items():
        for _ in range(count):
            response = _response(questionnaire)
            Answer.objects.create(response=response, question=question, choice=choices[label])
            if text is not None:
                Answer.objects.create(response=response, question=text, text="What a resident wrote")


@pytest.fixture
def publisher(police: Any) -> Any:
    return UserFactory(username="foi", organisation=police, roles=[Role.ADMIN])


@pytest.fixture
def world(police: Any) -> World:
    area = AreaFactory()
    scheme = _activity(police, area, "Priorities meeting in the park")
    left_out = [
        _activity(police, area, LEFT_OUT[0], marking=SENSITIVE),
        _activity(police, area, LEFT_OUT[1], is_published=False),
        _activity(police, area, LEFT_OUT[2], publication_scheme=False),
        _activity(police, area, LEFT_OUT[3], starts_at=timezone.now() - timedelta(days=2000)),
    ]
    questionnaire = QuestionnaireFactory(activity=scheme, title="Park survey")
    single = QuestionFactory(
        questionnaire=questionnaire, kind="single", text="Should the park close at dusk?", position=1
    )
    multiple = QuestionFactory(
        questionnaire=questionnaire, kind="multiple", text="What worries you there?", position=2
    )
    text = QuestionFactory(questionnaire=questionnaire, kind="text", text="Anything else?", position=3)
    _choices(single, list(SINGLE))
    worries = _choices(multiple, ["Lighting", "Dogs", "Litter"])
    add_responses(questionnaire, single, SINGLE, text=text)
    for response in Response.objects.filter(questionnaire=questionnaire)[:4]:
        Answer.objects.create(response=response, question=multiple, choice=worries[1])
    for response in Response.objects.filter(questionnaire=questionnaire)[:15]:
        Answer.objects.create(response=response, question=multiple, choice=worries[0])
    tiny = QuestionnaireFactory(activity=scheme, title="Tiny follow-up", version=2)
    tiny_question = QuestionFactory(questionnaire=tiny, kind="single", text="Did it help?")
    _choices(tiny_question, ["Yes", "No"])
    add_responses(tiny, tiny_question, {"Yes": 4, "No": 1})
    draft = QuestionnaireFactory(activity=scheme, title=LEFT_OUT[4], state=QuestionnaireState.DRAFT)
    marked = QuestionnaireFactory(activity=scheme, title=LEFT_OUT[9], marking=SENSITIVE, version=3)
    marked_question = QuestionFactory(questionnaire=marked, kind="single", text=LEFT_OUT[9])
    _choices(marked_question, ["Yes", "No"])
    add_responses(marked, marked_question, {"Yes": 30, "No": 12})
    for activity in left_out:
        QuestionnaireFactory(activity=activity, title=f"Questionnaire of {activity.title}")
    trail = make_trail(scheme, text="Lighting on the main path", title="Better lighting in the park")
    hidden = [
        make_trail(scheme, text=LEFT_OUT[5], title=LEFT_OUT[5], marking=SENSITIVE),
        make_trail(scheme, text=LEFT_OUT[6], title=LEFT_OUT[6], published=False),
        make_trail(left_out[2], text=LEFT_OUT[7], title=LEFT_OUT[7]),
        make_trail(left_out[0], text=LEFT_OUT[0], title=LEFT_OUT[0]),
    ]
    return World(
        area=area,
        scheme=scheme,
        left_out=left_out,
        questionnaire=questionnaire,
        tiny=tiny,
        draft_questionnaire=draft,
        single=single,
        multiple=multiple,
        trail=trail,
        hidden_trails=hidden,
    )
