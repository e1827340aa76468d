"""The one reading door of consultations' staff side: what the staff pages and the API show,
shaped once. Records come from `visible_to(user)` (a 404 otherwise, also for ids that cannot
be ids); residents' words (written answers, attendance notes) come through the reader's
`TextDoor`, so they reach nobody outside the organisation leading the activity unredacted;
equality answers only ever leave as totals with small numbers suppressed.

The written answers (and why only the leading organisation's staff may search them) are read in
`selectors_answers`; one response on its own in `selectors_responses`. Their public names are
re-exported here."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from core.permissions import require
from core.shortcuts import get_visible_or_404
from engagement.models import Activity
from governance.exports import FORMATS, ExportPlan, export_plan_response
from organisations.models import User
from organisations.privacy import TextDoor
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
from .results import ChannelCount, LanguageCount, QuestionResult, ResultFilters
from .selectors_answers import TextAnswer as TextAnswer
from .selectors_answers import TextAnswers as TextAnswers
from .selectors_answers import door_for_search as _door_for_search
from .selectors_answers import reader_door as reader_door
from .selectors_answers import record_reading as _record_reading
from .selectors_answers import search_refusal as search_refusal
from .selectors_answers import text_answer_of as _text_answer
from .selectors_answers import text_answers as text_answers
from .selectors_responses import ResponseDetail as ResponseDetail
from .selectors_responses import response_detail as response_detail
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


# Narrowing the results


def filter_areas(*, user: User, questionnaire: Questionnaire) -> QuerySet[Area]:
    """The areas the results can be narrowed to: where respondents live, and the activity's."""
    lived_in = Response.objects.visible_to(user).filter(questionnaire=questionnaire).values("area")
    return Area.objects.filter(
        Q(pk__in=lived_in) | Q(pk__in=questionnaire.activity.areas.values("pk"))
    ).order_by("name")


def filter_languages(*, user: User, questionnaire: Questionnaire) -> list[LanguageCount]:
    """The languages the results can be narrowed to first: those responses came in, with how
    many (of the responses `user` may see)."""
    visible = Response.objects.visible_to(user).filter(questionnaire=questionnaire)
    return results.language_counts(visible)


# Results


@dataclass(frozen=True)
class QuestionnaireResults:
    questionnaire: Questionnaire
    filters: ResultFilters
    responses: int  # matching the filters
    total_responses: int
    channels: list[ChannelCount]
    languages: list[LanguageCount]  # of the responses matching the filters
    questions: list[QuestionResult]
    equality: EqualitySummary
    previews: dict[int, list[TextAnswer]]  # question id -> its newest written answers
    matching: dict[int, int]  # question id -> how many written answers match the filters
    answers_readable: bool = False  # may the reader open the written answers (and each response)?

    @property
    def by_channel(self) -> dict[str, int]:
        return {c.value: c.count for c in self.channels}

    @property
    def by_language(self) -> dict[str, int]:
        return {c.value: c.count for c in self.languages}


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
    readable = bool(user.has_perm("consultations.view_answers", questionnaire))
    if not readable:
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
        languages=results.language_counts(responses),
        questions=question_results,
        equality=results.questionnaire_equality_for(user=user, questionnaire=questionnaire),
        previews=shown[0],
        matching=shown[1],
        answers_readable=readable,
    )


def results_export(
    *,
    user: User,
    questionnaire: Questionnaire,
    filters: ResultFilters,
    part: str,
    file_format: str,
    query: str = "",
) -> HttpResponse | StreamingHttpResponse:
    """The export of `results_export_plan`, sent at once."""
    plan = results_export_plan(
        user=user,
        questionnaire=questionnaire,
        filters=filters,
        part=part,
        file_format=file_format,
        query=query,
    )
    return export_plan_response(user=user, plan=plan)


def results_export_plan(
    *,
    user: User,
    questionnaire: Questionnaire,
    filters: ResultFilters,
    part: str,
    file_format: str,
    query: str = "",
) -> ExportPlan:
    """`summary`: counts per question (filtered) and the equality totals. `responses`: one row
    per response (filtered), its written answers through the reader's door, never with its
    equality answers. Sent at once, or made in the background when large
    (consultations/hooks_exports.py); audited either way."""
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
    return ExportPlan(
        file_format=file_format,
        filename=f"heard-questionnaire-{questionnaire.pk}-{part}-{stamp}",
        sheets=sheets,
        rows=count,
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
