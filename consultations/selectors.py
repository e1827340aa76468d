"""The one reading door of consultations' staff side: what the staff pages and the API show,
shaped once. Records come from `visible_to(user)` (a 404 otherwise, also for ids that cannot
be ids); residents' words (written answers, attendance notes) come through the reader's
`TextDoor`, so they reach nobody outside the organisation leading the activity unredacted;
equality answers only ever leave as totals with small numbers suppressed.

Searching the written answers is for the leading organisation's staff only. Everyone else
reads the answers redacted; a search of the original words would let them find answers by the
very words hidden from them (“which answers mention Smith?”), and searching the redacted
words instead would mean redacting every answer on every search (checking only the answers
the original words match would make the time a search takes tell the same story)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, overload

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from core.permissions import require
from core.shortcuts import get_or_404, get_visible_or_404
from engagement.models import Activity
from governance.exports import FORMATS, export_response
from governance.viewing import record_view
from organisations.models import User
from organisations.privacy import TextDoor, text_door
from places.models import Area

from . import result_exports as rows
from . import results
from .models import (
    Answer,
    Attendance,
    AttendanceCount,
    EqualityRecord,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)
from .results import ChannelCount, QuestionResult, ResultFilters
from .suppression import EqualitySummary

EXPORT_PARTS = ("summary", "responses")

# Records by id


def activity_get(*, user: User, pk: Any) -> Activity:
    require(user, "consultations.view_questionnaire")
    return get_visible_or_404(Activity.private_objects.with_related(), user, pk)


def questionnaire_get(*, user: User, pk: Any) -> Questionnaire:
    require(user, "consultations.view_questionnaire")
    return get_visible_or_404(
        Questionnaire.private_objects.select_related(
            "activity", "activity__lead_organisation", "privacy_statement", "previous"
        ),
        user,
        pk,
    )


def question_get(*, user: User, pk: Any) -> Question:
    require(user, "consultations.view_questionnaire")
    return get_visible_or_404(
        Question.objects.select_related("questionnaire__activity", "questionnaire__privacy_statement"),
        user,
        pk,
    )


def attendance_get(*, user: User, pk: Any) -> Attendance:
    require(user, "consultations.view_attendance")
    return get_visible_or_404(
        Attendance.objects.select_related("activity").prefetch_related("counts__audience"), user, pk
    )


def questionnaire_list(*, user: User, activity: Activity) -> QuerySet[Questionnaire]:
    """The activity's questionnaires, each version, with how many have answered each."""
    return (
        Questionnaire.private_objects.visible_to(user)
        .filter(activity=activity)
        .annotate(response_count=Count("responses"))
        .select_related("activity", "privacy_statement")
        .order_by("title", "-version")
    )


def newer_version(*, user: User, questionnaire: Questionnaire) -> Questionnaire | None:
    return Questionnaire.private_objects.visible_to(user).filter(previous=questionnaire).first()


# Reading the written answers


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


def _door_for_search(user: User, questionnaire: Questionnaire, filters: ResultFilters) -> TextDoor:
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


def _text_answer(answer: Answer, door: TextDoor) -> TextAnswer:
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
    )


def filter_areas(*, user: User, questionnaire: Questionnaire) -> QuerySet[Area]:
    """The areas the results can be narrowed to: where respondents live, and the activity's."""
    lived_in = Response.objects.visible_to(user).filter(questionnaire=questionnaire).values("area")
    return Area.objects.filter(
        Q(pk__in=lived_in) | Q(pk__in=questionnaire.activity.areas.values("pk"))
    ).order_by("name")


# Results


@dataclass(frozen=True)
class QuestionnaireResults:
    questionnaire: Questionnaire
    filters: ResultFilters
    responses: int  # matching the filters
    total_responses: int
    channels: list[ChannelCount]
    questions: list[QuestionResult]
    equality: EqualitySummary
    previews: dict[int, list[TextAnswer]]  # question id -> its newest written answers
    matching: dict[int, int]  # question id -> how many written answers match the filters

    @property
    def by_channel(self) -> dict[str, int]:
        return {c.value: c.count for c in self.channels}


def _previews(
    answers: QuerySet[Answer], how_many: int, door: TextDoor
) -> tuple[dict[int, list[TextAnswer]], dict[int, int]]:
    latest = answers.annotate(
        row=Window(
            RowNumber(),
            partition_by=[F("question_id")],
            order_by=[F("response__submitted_at").desc(), F("id").desc()],
        )
    ).filter(row__lte=how_many)
    previews: dict[int, list[TextAnswer]] = {}
    for answer in latest:
        previews.setdefault(answer.question_id, []).append(_text_answer(answer, door))
    matching = dict(answers.values_list("question_id").annotate(n=Count("id")).order_by())
    return previews, matching


def questionnaire_results(
    *, user: User, questionnaire: Questionnaire, filters: ResultFilters, previews: int = 0
) -> QuestionnaireResults:
    """Counts per question for the responses matching `filters`, equality totals for every
    response, and (`previews` > 0) that many of the newest written answers to each question
    (a reading of written answers, recorded in the audit log)."""
    require(user, "consultations.view_results", questionnaire)
    if previews and not user.has_perm("consultations.view_answers", questionnaire):
        previews = 0  # a data-sharing agreement without written answers (engagement/sharing.py)
    door = _door_for_search(user, questionnaire, filters)
    questions = results.questions_of(questionnaire)
    responses = results.responses_filtered(questionnaire, filters, base=Response.objects.visible_to(user))
    question_results = results.question_results(questionnaire, responses, questions=questions)
    shown: tuple[dict[int, list[TextAnswer]], dict[int, int]] = ({}, {})
    if previews and any(q.kind == QuestionKind.TEXT for q in questions):
        answers = results.text_answers(questionnaire, filters, base=Answer.objects.visible_to(user))
        shown = _previews(answers, previews, door)
        _record_reading(user, questionnaire, "results page", sum(map(len, shown[0].values())))
    return QuestionnaireResults(
        questionnaire=questionnaire,
        filters=filters,
        responses=question_results[0].total if question_results else responses.count(),
        total_responses=Response.objects.visible_to(user).filter(questionnaire=questionnaire).count(),
        channels=results.channel_counts(responses),
        questions=question_results,
        equality=results.questionnaire_equality_for(user=user, questionnaire=questionnaire),
        previews=shown[0],
        matching=shown[1],
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
            return [_text_answer(a, self.door) for a in self.answers[index]]
        return _text_answer(self.answers[index], self.door)


def _record_reading(user: User, questionnaire: Questionnaire, where: str, shown: int, **details: Any) -> None:
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
    door = _door_for_search(user, questionnaire, filters)
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
    _record_reading(
        user,
        questionnaire,
        where,
        len(shown.object_list),
        question=only.pk if only else None,
        page=shown.number,
    )
    return TextAnswers(page=shown, question=only, text_questions=text_questions)


def results_export(
    *,
    user: User,
    questionnaire: Questionnaire,
    filters: ResultFilters,
    part: str,
    file_format: str,
    query: str = "",
) -> HttpResponse | StreamingHttpResponse:
    """`summary`: counts per question (filtered) and the equality totals. `responses`: one row
    per response (filtered), its written answers through the reader's door, never with its
    equality answers. Audited and sent by `export_response`."""
    require(user, "consultations.export_results", questionnaire)
    if part == "responses":
        require(user, "consultations.view_answers", questionnaire)
    if file_format not in FORMATS:
        raise ValidationError({"format": "Choose csv or xlsx."})
    if part not in EXPORT_PARTS:
        raise ValidationError({"part": "Choose summary or responses."})
    door = _door_for_search(user, questionnaire, filters)
    responses = results.responses_filtered(questionnaire, filters, base=Response.objects.visible_to(user))
    sheets, count = rows.sheets(questionnaire, responses, part=part, door=door)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return export_response(
        user=user,
        file_format=file_format,
        filename=f"heard-questionnaire-{questionnaire.pk}-{part}-{stamp}",
        sheets=sheets,
        obj=questionnaire,
        changes={"part": part, "rows": count, "redacted": door.redacts, "query": query[:500]},
    )


# Activities: equality totals and attendance


def activity_equality(*, user: User, activity: Activity) -> EqualitySummary:
    """Every equality form for the activity, kept from giving away what the tables of its
    questionnaires do not show (see `suppression`)."""
    require(user, "consultations.view_attendance", activity)
    return results.activity_equality_for(user=user, activity=activity)


@dataclass(frozen=True)
class AttendanceRow:
    id: int
    activity: int
    held_on: date
    head_count: int
    is_estimate: bool
    notes: str
    counts: dict[str, int]  # audience slug -> people
    audiences: list[tuple[str, int]]  # (audience name, people)


def _attendance_row(attendance: Attendance, door: TextDoor) -> AttendanceRow:
    counts = sorted(attendance.counts.all(), key=lambda c: c.audience.name)
    return AttendanceRow(
        id=attendance.pk,
        activity=attendance.activity_id,
        held_on=attendance.held_on,
        head_count=attendance.head_count,
        is_estimate=attendance.is_estimate,
        notes=door(attendance.notes),
        counts={c.audience.slug: c.count for c in counts},
        audiences=[(c.audience.name, c.count) for c in counts],
    )


def attendance_list(*, user: User, activity: Activity) -> list[AttendanceRow]:
    """Every head count of the activity, newest first, notes through the reader's door."""
    require(user, "consultations.view_attendance", activity)
    door = reader_door(user=user, activity=activity)
    records = (
        Attendance.objects.visible_to(user).filter(activity=activity).prefetch_related("counts__audience")
    )
    return [_attendance_row(record, door) for record in records]


def attendance_detail(*, user: User, pk: Any) -> AttendanceRow:
    attendance = attendance_get(user=user, pk=pk)
    return _attendance_row(attendance, reader_door(user=user, activity=attendance.activity))


@dataclass(frozen=True)
class AttendanceSummary:
    occasions: int
    total: int
    estimated: int  # how many of the occasions were estimates
    by_audience: list[tuple[str, int]]
    equality_forms: int


def attendance_summary(*, user: User, activity: Activity) -> AttendanceSummary:
    """Totals for the activity, in a fixed number of queries."""
    require(user, "consultations.view_attendance", activity)
    attendances = Attendance.objects.visible_to(user).filter(activity=activity)
    totals = attendances.aggregate(
        occasions=Count("id"), total=Sum("head_count"), estimated=Count("id", filter=Q(is_estimate=True))
    )
    by_audience = (
        AttendanceCount.objects.visible_to(user)
        .filter(attendance__activity=activity)
        .values_list("audience__name")
        .annotate(n=Sum("count"))
        .order_by("audience__name")
    )
    return AttendanceSummary(
        occasions=totals["occasions"] or 0,
        total=totals["total"] or 0,
        estimated=totals["estimated"] or 0,
        by_audience=[(name, n) for name, n in by_audience],
        equality_forms=EqualityRecord.objects.visible_to(user).filter(activity=activity).count(),
    )
