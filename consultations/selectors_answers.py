"""Reading the written answers: the reader's `TextDoor`, one answer as the pages and the API
show it, the paged written answers, and the audit entry each reading leaves. Part of
consultations' reading door (`selectors` re-exports what it shows).

Searching the written answers is for the leading organisation's staff only. Everyone else
reads the answers redacted; a search of the original words would let them find answers by the
very words hidden from them (“which answers mention Smith?”), and searching the redacted
words instead would mean redacting every answer on every search (checking only the answers
the original words match would make the time a search takes tell the same story)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, overload

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from core.permissions import require
from core.shortcuts import get_or_404
from engagement.models import Activity
from governance.viewing import record_view
from organisations.models import User
from organisations.privacy import TextDoor, text_door

from . import results
from .models import Answer, Question, QuestionKind, Questionnaire
from .results import ResultFilters


def reader_door(*, user: User, activity: Activity) -> TextDoor:
    return text_door(user, activity.lead_organisation_id)


def search_refusal(*, user: User, activity: Activity) -> str:
    """Why `user` may not search the activity's written answers ("" when they may)."""
    if not reader_door(user=user, activity=activity).redacts:
        return ""
    return (
        f"Only staff of {activity.lead_organisation.name} can search the written answers. You see them "
        "with names and contact details removed, and a search could find answers by the words removed."
    )


def door_for_search(user: User, questionnaire: Questionnaire, filters: ResultFilters) -> TextDoor:
    """The reader's door, once a search they may not make has been refused."""
    if filters.search and (refusal := search_refusal(user=user, activity=questionnaire.activity)):
        raise ValidationError({"q": refusal})
    return reader_door(user=user, activity=questionnaire.activity)


@dataclass(frozen=True)
class TextAnswer:
    question: int
    question_text: str
    text: str
    submitted_at: datetime
    channel: str
    channel_label: str
    area: str | None  # the area's code
    area_name: str
    response: int  # the response's id: its own page


def text_answer_of(answer: Answer, door: TextDoor) -> TextAnswer:
    response, area = answer.response, answer.response.area
    return TextAnswer(
        question=answer.question_id,
        question_text=answer.question.text,
        text=door(answer.text),
        submitted_at=response.submitted_at,
        channel=response.channel,
        channel_label=response.get_channel_display(),
        area=area.code if area else None,
        area_name=area.name if area else "",
        response=response.pk,
    )


class _ThroughDoor(Sequence[TextAnswer]):
    """Written answers that a paginator counts and slices in the database, each read through
    the door only when its page is shown."""

    def __init__(self, answers: QuerySet[Answer], door: TextDoor) -> None:
        self.answers, self.door = answers, door

    def count(self) -> int:  # type: ignore[override]
        return self.answers.count()

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> TextAnswer: ...
    @overload
    def __getitem__(self, index: slice) -> list[TextAnswer]: ...
    def __getitem__(self, index: int | slice) -> TextAnswer | list[TextAnswer]:
        if isinstance(index, slice):
            return [text_answer_of(a, self.door) for a in self.answers[index]]
        return text_answer_of(self.answers[index], self.door)


def record_reading(user: User, questionnaire: Questionnaire, where: str, shown: int, **details: Any) -> None:
    """One audit entry per page of written answers read: which questionnaire, how many answers,
    never their words."""
    if shown:
        record_view(
            user=user,
            obj=questionnaire,
            where=where,
            owner_organisation_id=questionnaire.activity.lead_organisation_id,
            answers=shown,
            **details,
        )


@dataclass(frozen=True)
class TextAnswers:
    page: "Page[TextAnswer]"
    question: Question | None
    text_questions: list[Question]


def text_answers(
    *,
    user: User,
    questionnaire: Questionnaire,
    filters: ResultFilters,
    question: Any = None,
    page: Any = 1,
    per_page: int,
    past_the_end: str = "last",
    where: str = "written answers page",
) -> TextAnswers:
    """One page of the written answers, newest first, matching `filters` (and, given its id,
    to one question), through the reader's door. A page number past the end gives the last
    page (`past_the_end="last"`, for pages) or no answers (`"empty"`, for the API). The reading
    is recorded in the audit log (`where`: the page or the API)."""
    require(user, "consultations.view_answers", questionnaire)
    door = door_for_search(user, questionnaire, filters)
    text_questions = [q for q in results.questions_of(questionnaire) if q.kind == QuestionKind.TEXT]
    only = None
    if question not in (None, ""):
        only = get_or_404(questionnaire.questions.filter(kind=QuestionKind.TEXT), question)
    answers = results.text_answers(
        questionnaire, filters, question=only, base=Answer.objects.visible_to(user)
    )
    paginator = Paginator(_ThroughDoor(answers, door), per_page)
    if past_the_end == "empty" and isinstance(page, int) and page > paginator.num_pages:
        shown = Page[TextAnswer]([], page, paginator)
    else:
        shown = paginator.get_page(page)
    record_reading(
        user,
        questionnaire,
        where,
        len(shown.object_list),
        question=only.pk if only else None,
        page=shown.number,
    )
    return TextAnswers(page=shown, question=only, text_questions=text_questions)
