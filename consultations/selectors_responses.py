"""One response on its own, as its staff page and the API show it: every answer in the order the
questions were asked, written answers (and the postcode) through the reader's door exactly as on
the written-answers page, how and when it came in, its protective marking, and the responses
received just before and after it. Part of consultations' reading door (`selectors`).

Who may read it is who may read the written answers (`consultations.view_answers`): the leading
organisation's staff as written, partners and organisations with a data-sharing agreement that
shares written answers redacted, everyone else a 403 (or a 404 for a response they cannot see
at all: another organisation's, an OFFICIAL-SENSITIVE one outside its organisation, a withdrawn
one). Equality answers are never shown with a response: they are kept apart and only ever read
as totals (`suppression`). Each reading is recorded in the audit log."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from core.permissions import require
from core.shortcuts import get_visible_or_404
from governance.marking import is_sensitive
from governance.retention_rules import can_handle
from governance.viewing import record_view
from organisations.models import User
from organisations.privacy import TextDoor

from . import results
from .models import CHOICE_KINDS, Answer, Question, QuestionKind, Questionnaire, Response
from .selectors_answers import reader_door


@dataclass(frozen=True)
class ResponseAnswer:
    number: int  # the question's number in the questionnaire
    question: int
    question_text: str
    kind: str
    values: list[str]  # the options chosen (ranking: in order of preference), or the words
    area_name: str = ""  # "where do you live": the neighbourhood the postcode is in

    @property
    def answered(self) -> bool:
        return bool(self.values)


@dataclass(frozen=True)
class Neighbour:
    id: int
    submitted_at: datetime


@dataclass(frozen=True)
class ResponseDetail:
    id: int
    questionnaire: Questionnaire
    submitted_at: datetime
    channel: str
    channel_label: str
    area: str | None  # the area's code
    area_name: str
    marking: str
    sensitive: bool
    redacted: bool  # the written answers are shown with personal details removed
    answers: list[ResponseAnswer]
    position: int  # 1 for the first response received to the questionnaire
    total: int
    previous: Neighbour | None  # received just before
    next: Neighbour | None  # received just after
    may_erase: bool  # may handle the respondent's erasure request (governance subject requests)
    language: str = "en"  # the code of the language it was written in (engagement/access.py)


def _answers_of(response: Response, questions: list[Question], door: TextDoor) -> list[ResponseAnswer]:
    given: dict[int, list[Answer]] = {}
    for answer in response.answers.select_related("choice").order_by("rank", "id"):
        given.setdefault(answer.question_id, []).append(answer)
    shown = []
    for number, question in enumerate(questions, start=1):
        answers = given.get(question.pk, [])
        if question.kind in CHOICE_KINDS:
            values = [str(a.choice.label) for a in answers if a.choice is not None]
        else:
            values = [door(a.text) for a in answers if a.text]
        area = response.area.name if question.kind == QuestionKind.WHERE and response.area else ""
        shown.append(ResponseAnswer(number, question.pk, question.text, question.kind, values, area))
    return shown


def _neighbours(
    siblings: QuerySet[Response], response: Response
) -> tuple[Neighbour | None, Neighbour | None, int]:
    """The responses received just before and just after, and how many came before."""
    at = response.submitted_at
    before = siblings.filter(Q(submitted_at__lt=at) | Q(submitted_at=at, pk__lt=response.pk))
    after = siblings.filter(Q(submitted_at__gt=at) | Q(submitted_at=at, pk__gt=response.pk))
    previous = before.order_by("-submitted_at", "-pk").values_list("pk", "submitted_at").first()
    following = after.order_by("submitted_at", "pk").values_list("pk", "submitted_at").first()
    return (
        Neighbour(*previous) if previous else None,
        Neighbour(*following) if following else None,
        before.count(),
    )


def response_get(*, user: User, pk: Any) -> Response:
    """The response if `user` may see it (a 404 otherwise) and read its answers (a 403)."""
    response = get_visible_or_404(
        Response.objects.select_related("questionnaire__activity__lead_organisation", "area"), user, pk
    )
    require(user, "consultations.view_answers", response.questionnaire)
    return response


def response_detail(*, user: User, pk: Any, where: str = "response page") -> ResponseDetail:
    """One response as `user` may read it, its reading recorded in the audit log (`where`: the
    page or the API)."""
    response = response_get(user=user, pk=pk)
    questionnaire = response.questionnaire
    activity = questionnaire.activity
    door = reader_door(user=user, activity=activity)
    answers = _answers_of(response, results.questions_of(questionnaire), door)
    siblings = Response.objects.visible_to(user).filter(questionnaire=questionnaire)
    previous, following, earlier = _neighbours(siblings, response)
    record_view(
        user=user,
        obj=response,
        object_repr=f"Response {response.pk} to questionnaire {questionnaire.pk}",
        where=where,
        owner_organisation_id=activity.lead_organisation_id,
        answers=sum(1 for a in answers if a.answered),
        redacted=door.redacts,
    )
    return ResponseDetail(
        id=response.pk,
        questionnaire=questionnaire,
        submitted_at=response.submitted_at,
        channel=response.channel,
        channel_label=response.get_channel_display(),
        area=response.area.code if response.area else None,
        area_name=response.area.name if response.area else "",
        marking=response.marking,
        sensitive=is_sensitive(response.marking),
        redacted=door.redacts,
        answers=answers,
        position=earlier + 1,
        total=siblings.count(),
        previous=previous,
        next=following,
        may_erase=can_handle(user) and user.organisation_id == activity.lead_organisation_id,
        language=response.language,
    )
