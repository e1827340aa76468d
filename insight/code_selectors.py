"""What the policing-code pages and API show: the organisation's coded answers and meeting notes
(their text through the reader's door), one answer's or one meeting's notes' codes, the
codeframe and its versions, the coding jobs, and a neighbourhood's codes over time. Everything
is the user's organisation's own."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import Http404

from consultations.models import Answer, Attendance
from core.permissions import require
from organisations.models import User
from organisations.privacy import text_door
from places.models import Area

from .code_trends import CodeTrend, code_trend
from .codeframes import code_labels, codeframe_current, codeframe_versions
from .coding import organisation_answers, organisation_notes
from .coding_models import AnswerCode, CodeframeVersion, CodeSource, CodingJob, NoteCode

PAGE_SIZE = 50


@dataclass(frozen=True)
class GivenCode:
    code: str
    label: str
    confidence: float
    by_analyst: bool


@dataclass(frozen=True)
class CodedAnswerView:
    id: int
    text: str
    question: str
    activity: str
    submitted_at: Any
    codes: list[GivenCode]


@dataclass(frozen=True)
class CodedNoteView:
    id: int
    text: str
    activity: str
    held_on: date
    codes: list[GivenCode]


def _organisation(user: User) -> int:
    require(user, "insight.view_codes")
    if not user.organisation_id:
        raise PermissionDenied("Policing codes belong to an organisation: sign in as a member of one.")
    return int(user.organisation_id)


def _codes_of(
    organisation_id: int, ids: list[int], model: type[AnswerCode | NoteCode] = AnswerCode
) -> dict[int, list[GivenCode]]:
    """The codes of answers (or, with `model` NoteCode, of meeting notes) by their id."""
    labels = code_labels(organisation_id)
    field = "attendance_id" if model is NoteCode else "answer_id"
    out: dict[int, list[GivenCode]] = {pk: [] for pk in ids}
    for row in model.objects.filter(organisation_id=organisation_id, **{f"{field}__in": ids}):
        out[getattr(row, field)].append(
            GivenCode(
                code=row.code,
                label=labels.get(row.code, row.code),
                confidence=row.confidence,
                by_analyst=row.source == CodeSource.ANALYST,
            )
        )
    return out


def _views(user: User, organisation_id: int, answers: list[Answer]) -> list[CodedAnswerView]:
    door = text_door(user, organisation_id)
    codes = _codes_of(organisation_id, [a.pk for a in answers])
    return [
        CodedAnswerView(
            id=a.pk,
            text=door(a.text),
            question=a.question.text,
            activity=a.question.questionnaire.activity.title,
            submitted_at=a.response.submitted_at,
            codes=codes[a.pk],
        )
        for a in answers
    ]


def coded_answers(*, user: User, code: str = "", page: Any = 1) -> tuple[Page[Any], list[CodedAnswerView]]:
    """The organisation's written answers, newest first, with their codes; `code` keeps those
    given it."""
    organisation_id = _organisation(user)
    answers = organisation_answers(organisation_id)
    if code:
        answers = answers.filter(
            pk__in=AnswerCode.objects.filter(organisation_id=organisation_id, code=code).values("answer_id")
        )
    answers = answers.select_related("question__questionnaire__activity", "response").order_by(
        "-response__submitted_at", "-pk"
    )
    shown = Paginator(answers, PAGE_SIZE).get_page(page)
    return shown, _views(user, organisation_id, list(shown.object_list))


def answer_coded(*, user: User, pk: int) -> tuple[Answer, CodedAnswerView]:
    """One of the organisation's written answers and its codes; 404 for anyone else's."""
    organisation_id = _organisation(user)
    answer = (
        organisation_answers(organisation_id)
        .select_related("question__questionnaire__activity", "response")
        .filter(pk=pk)
        .first()
    )
    if answer is None:
        raise Http404("No such answer")
    return answer, _views(user, organisation_id, [answer])[0]


def _note_views(user: User, organisation_id: int, notes: list[Attendance]) -> list[CodedNoteView]:
    door = text_door(user, organisation_id)
    codes = _codes_of(organisation_id, [n.pk for n in notes], NoteCode)
    return [
        CodedNoteView(
            id=n.pk, text=door(n.notes), activity=n.activity.title, held_on=n.held_on, codes=codes[n.pk]
        )
        for n in notes
    ]


def coded_notes(*, user: User, page: Any = 1) -> tuple[Page[Any], list[CodedNoteView]]:
    """The notes of the organisation's meetings and events, newest first, with their codes."""
    organisation_id = _organisation(user)
    notes = organisation_notes(organisation_id).select_related("activity").order_by("-held_on", "-pk")
    shown = Paginator(notes, PAGE_SIZE).get_page(page)
    return shown, _note_views(user, organisation_id, list(shown.object_list))


def note_coded(*, user: User, pk: int) -> tuple[Attendance, CodedNoteView]:
    """One of the organisation's meeting notes and its codes; 404 for anyone else's."""
    organisation_id = _organisation(user)
    note = organisation_notes(organisation_id).select_related("activity").filter(pk=pk).first()
    if note is None:
        raise Http404("No such notes")
    return note, _note_views(user, organisation_id, [note])[0]


def codeframe_for(*, user: User) -> CodeframeVersion:
    return codeframe_current(_organisation(user))


def versions_for(*, user: User) -> list[CodeframeVersion]:
    return codeframe_versions(_organisation(user))


def version_get(*, user: User, number: int) -> CodeframeVersion:
    for version in versions_for(user=user):
        if version.number == number:
            return version
    raise Http404("No such version")


def latest_job(*, user: User) -> CodingJob | None:
    return CodingJob.objects.filter(organisation_id=_organisation(user)).first()


def coding_jobs(*, user: User, limit: int = 10) -> list[CodingJob]:
    return list(CodingJob.objects.filter(organisation_id=_organisation(user))[:limit])


def area_codes(*, user: User, code: str) -> CodeTrend:
    """A neighbourhood's codes over time for the user's organisation; 404 for an unknown area."""
    organisation_id = _organisation(user)
    area = Area.objects.filter(code=code).first()
    if area is None:
        raise Http404("No such area")
    return code_trend(organisation_id=organisation_id, area=area)


def coded_areas(*, user: User) -> list[Area]:
    """The areas a neighbourhood page can be chosen from: the organisation's areas and those
    below them."""
    organisation_id = _organisation(user)
    own = list(Area.objects.filter(organisations__id=organisation_id))
    if not own:
        return list(Area.objects.order_by("name")[:500])
    inside = Q()
    for area in own:
        inside |= Q(path__startswith=area.path)
    return list(Area.objects.filter(inside).order_by("name")[:500])
