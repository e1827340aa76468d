"""Offline capture over HTTP: responses typed in from paper, events and phone calls (CSV/XLSX
imports are in api/response_imports.py), attendance head counts and anonymous
equality-monitoring forms. The same selectors,
services and permission rules as the staff pages. Equality answers are only ever returned as
totals; attendance notes reach readers outside the leading organisation redacted.

Questionnaires themselves and their results are in api/consultations.py."""

from datetime import datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router
from ninja.responses import Status as Reply

from consultations import attendance as attendance_services
from consultations import equality as equality_categories
from consultations import selectors, services
from consultations.answers import clean_answers, clean_equality
from consultations.models import Channel
from core.permissions import require
from organisations.http import StaffRequest
from places.models import Audience

from .consultation_schemas import (
    AttendanceIn,
    AttendanceOut,
    EqualityFormCreated,
    EqualityFormIn,
    EqualityOut,
    ResponseCreated,
    ResponseIn,
)

# Same tag as api/consultations.py: the OpenAPI docs list these endpoints under one heading.
router = Router(tags=["consultations"])


def _counts(given: dict[str, int]) -> dict[Audience, int]:
    audiences = {a.slug: a for a in Audience.objects.filter(slug__in=list(given))}
    missing = [slug for slug in given if slug not in audiences]
    if missing:
        raise ValidationError(
            {"counts": gettext("Unknown audiences: %(values)s.") % {"values": ", ".join(missing)}}
        )
    return {audiences[slug]: n for slug, n in given.items()}


# Responses typed in or imported


@router.post(
    "/questionnaires/{int:questionnaire_id}/responses",
    response={201: ResponseCreated},
    summary="Type in a paper, event or phone response",
)
def enter_response(request: StaffRequest, questionnaire_id: int, payload: ResponseIn) -> Any:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    require(request.user, "consultations.enter_responses", questionnaire)
    if payload.channel == Channel.WEB:
        raise ValidationError(
            {"channel": "Choose paper, event or phone: online responses come from the website."}
        )
    known = set(questionnaire.questions.values_list("pk", flat=True))
    unknown = [str(k) for k in payload.answers if k not in known]
    if unknown:
        raise ValidationError(
            {
                "answers": gettext("Not questions of this questionnaire: %(values)s.")
                % {"values": ", ".join(unknown)}
            }
        )
    raw = {k: [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in payload.answers.items()}
    cleaned = clean_answers(questionnaire, raw)
    equality, equality_errors = clean_equality(payload.equality)
    unknown_fields = set(payload.equality) - set(equality_categories.QUESTIONS)
    if unknown_fields:
        equality_errors.update(dict.fromkeys(unknown_fields, "Not an equality-monitoring question."))
    if cleaned.errors or equality_errors:
        errors: dict[str, list[str]] = {f"answers.{k}": [v] for k, v in cleaned.errors.items()}
        errors.update({f"equality.{k}": [v] for k, v in equality_errors.items()})
        raise ValidationError(errors)
    submitted_at = (
        timezone.make_aware(datetime.combine(payload.received_on, time(12))) if payload.received_on else None
    )
    response, code = services.response_enter(
        user=request.user,
        questionnaire=questionnaire,
        cleaned=cleaned,
        channel=payload.channel,
        equality=equality,
        submitted_at=submitted_at,
        language=payload.language,
    )
    return Reply(201, {"id": response.pk, "receipt_code": code})


# Attendance


@router.get("/activities/{int:activity_id}/attendance", response=list[AttendanceOut])
def list_attendance(request: StaffRequest, activity_id: int) -> Any:
    """Head counts, newest first; notes redacted for readers outside the leading organisation."""
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    return selectors.attendance_list(user=request.user, activity=activity)


@router.post("/activities/{int:activity_id}/attendance", response={201: AttendanceOut})
def create_attendance(request: StaffRequest, activity_id: int, payload: AttendanceIn) -> Any:
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    attendance = attendance_services.attendance_create(
        user=request.user,
        activity=activity,
        held_on=payload.held_on,
        head_count=payload.head_count,
        is_estimate=payload.is_estimate,
        notes=payload.notes,
        counts=_counts(payload.counts),
    )
    return Reply(201, selectors.attendance_detail(user=request.user, pk=attendance.pk))


@router.get("/attendance/{int:attendance_id}", response=AttendanceOut)
def get_attendance(request: StaffRequest, attendance_id: int) -> Any:
    return selectors.attendance_detail(user=request.user, pk=attendance_id)


@router.put("/attendance/{int:attendance_id}", response=AttendanceOut)
def update_attendance(request: StaffRequest, attendance_id: int, payload: AttendanceIn) -> Any:
    attendance = selectors.attendance_get(user=request.user, pk=attendance_id)
    attendance_services.attendance_update(
        user=request.user,
        attendance=attendance,
        held_on=payload.held_on,
        head_count=payload.head_count,
        is_estimate=payload.is_estimate,
        notes=payload.notes,
        counts=_counts(payload.counts),
    )
    return selectors.attendance_detail(user=request.user, pk=attendance.pk)


@router.delete("/attendance/{int:attendance_id}", response={204: None})
def delete_attendance(request: StaffRequest, attendance_id: int) -> Any:
    attendance_services.attendance_delete(
        user=request.user, attendance=selectors.attendance_get(user=request.user, pk=attendance_id)
    )
    return Reply(204, None)


# Equality-monitoring forms


@router.post(
    "/activities/{int:activity_id}/equality-forms",
    response={201: EqualityFormCreated},
    summary="Enter one anonymous paper equality-monitoring form",
)
def enter_equality_form(request: StaffRequest, activity_id: int, payload: EqualityFormIn) -> Any:
    """Stored on its own, linked to nobody; never returned one by one, only in totals."""
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    unknown = set(payload.answers) - set(equality_categories.QUESTIONS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "Not an equality-monitoring question."))
    attendance_services.equality_record_create(
        user=request.user,
        activity=activity,
        channel=payload.channel,
        answers=payload.answers,
        recorded_on=payload.recorded_on,
    )
    summary = selectors.attendance_summary(user=request.user, activity=activity)
    return Reply(201, {"forms_for_activity": summary.equality_forms})


@router.get("/activities/{int:activity_id}/equality", response=EqualityOut)
def get_activity_equality(request: StaffRequest, activity_id: int) -> Any:
    """Equality-monitoring totals for the activity (every channel), small numbers suppressed."""
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    return selectors.activity_equality(user=request.user, activity=activity)
