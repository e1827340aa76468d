"""Offline capture: typing in paper, event and phone responses fast, attendance head counts,
and standalone paper equality-monitoring forms."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from core.permissions import require
from engagement.access import DEFAULT_LANGUAGE
from engagement.models import Activity
from organisations.http import StaffRequest
from places.models import Audience

from .. import attendance as attendance_services
from .. import selectors, services
from ..answers import clean_answers, clean_equality
from ..capture_forms import AttendanceForm, EqualityRecordForm, ResponseEntryForm
from ..forms import apply_service_error
from ..models import Attendance, Channel, QuestionnaireState
from ..results import questions_of

OFFLINE = {c.value for c in Channel if c != Channel.WEB}
LAST_SAVED = "consultations:last-saved"


def _session_count(request: StaffRequest, key: str, add: int = 0) -> int:
    count = int(request.session.get(key, 0)) + add
    if add:
        request.session[key] = count
    return count


@login_required
@require_http_methods(["GET", "POST"])
def response_enter(request: StaffRequest, pk: int) -> HttpResponse:
    """All questions on one page. Enter saves and clears the form for the next one,
    keeping the channel; the page counts how many were entered this session."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    require(request.user, "consultations.enter_responses", questionnaire)
    if questionnaire.state == QuestionnaireState.DRAFT:
        messages.error(request, gettext("Publish the questionnaire before entering responses to it."))
        return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    session_key = f"consultations:entered:{questionnaire.pk}"
    channel = request.GET.get("channel", "")
    form = ResponseEntryForm(
        request.POST or None,
        questionnaire=questionnaire,
        questions=questions_of(questionnaire),
        initial={
            "channel": channel if channel in OFFLINE else Channel.PAPER.value,
            "language": request.GET.get("language") or DEFAULT_LANGUAGE,
        },
    )
    if request.method == "POST" and form.is_valid():
        cleaned = clean_answers(questionnaire, form.raw_answers())
        equality_answers, equality_errors = clean_equality(form.equality_answers())
        form.add_answer_errors(cleaned.errors)
        form.add_equality_errors(equality_errors)
        if cleaned.is_valid and not equality_errors:
            try:
                _, code = services.response_enter(
                    user=request.user,
                    questionnaire=questionnaire,
                    cleaned=cleaned,
                    channel=form.cleaned_data["channel"],
                    equality=equality_answers,
                    submitted_at=form.submitted_at(),
                    language=form.cleaned_data.get("language") or DEFAULT_LANGUAGE,
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                count = _session_count(request, session_key, add=1)
                saved = (
                    f"Response {count} saved. Receipt code {code}: write it on the form or read it to "
                    "the caller if they may want to withdraw."
                )
                if "another" in request.POST:
                    # Shown in the page, not as a banner, so the cursor stays on question 1.
                    request.session[LAST_SAVED] = saved
                    url = reverse("consultations:response_enter", kwargs={"pk": questionnaire.pk})
                    keep = {"channel": form.cleaned_data["channel"]}
                    if form.cleaned_data.get("language") not in ("", DEFAULT_LANGUAGE):
                        keep["language"] = form.cleaned_data["language"]
                    return redirect(f"{url}?{urlencode(keep)}")
                messages.success(request, saved)
                return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    return render(
        request,
        "consultations/staff/response_form.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "entered": _session_count(request, session_key),
            "offline_total": questionnaire.responses.exclude(channel=Channel.WEB).count(),
            "last_saved": request.session.pop(LAST_SAVED, "") if request.method == "GET" else "",
        },
        status=400 if form.is_bound else 200,
    )


def _audiences(activity: Activity, attendance: Attendance | None = None) -> list[Audience]:
    """The activity's own audiences first, then every other active one (and any already counted)."""
    counted = attendance.counts.values("audience") if attendance else Audience.objects.none().values("pk")
    audiences = Audience.objects.filter(Q(is_active=True) | Q(pk__in=counted)).distinct()
    own = set(activity.audiences.values_list("pk", flat=True))
    return sorted(audiences, key=lambda a: (a.pk not in own, a.name))


@login_required
def attendance_list(request: StaffRequest, activity_pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=activity_pk)
    return render(
        request,
        "consultations/staff/attendance_list.html",
        {
            "activity": activity,
            "records": selectors.attendance_list(user=request.user, activity=activity),
            "summary": selectors.attendance_summary(user=request.user, activity=activity),
            "equality": selectors.activity_equality(user=request.user, activity=activity),
            "can_change": request.user.has_perm("consultations.change_attendance", activity),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_create(request: StaffRequest, activity_pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=activity_pk)
    require(request.user, "consultations.change_attendance", activity)
    return _attendance_form(request, activity, None)


@login_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request: StaffRequest, pk: int) -> HttpResponse:
    attendance = selectors.attendance_get(user=request.user, pk=pk)
    require(request.user, "consultations.change_attendance", attendance)
    return _attendance_form(request, attendance.activity, attendance)


def _attendance_form(
    request: StaffRequest, activity: Activity, attendance: Attendance | None
) -> HttpResponse:
    """The attendance form, new (`attendance` None) or filled in from a record to change. A
    reader outside the leading organisation sees its notes redacted and cannot change them."""
    door = selectors.reader_door(user=request.user, activity=activity)
    initial: dict[str, object] = {}
    if attendance is not None:
        initial = {
            "held_on": attendance.held_on,
            "head_count": attendance.head_count,
            "is_estimate": "estimate" if attendance.is_estimate else "exact",
            "notes": door(attendance.notes),
            **{f"audience_{c.audience_id}": c.count for c in attendance.counts.all()},
        }
    form = AttendanceForm(request.POST or None, audiences=_audiences(activity, attendance), initial=initial)
    if attendance is not None and door.redacts:
        form.fields["notes"].disabled = True
        form.fields[
            "notes"
        ].help_text = "Only staff of the organisation leading the activity can change the notes."
    if request.method == "POST" and form.is_valid():
        given = form.service_kwargs()
        try:
            if attendance is None:
                attendance_services.attendance_create(user=request.user, activity=activity, **given)
            else:
                if door.redacts:
                    given["notes"] = attendance.notes
                attendance_services.attendance_update(user=request.user, attendance=attendance, **given)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Attendance recorded." if attendance is None else "Attendance saved.")
            return redirect("consultations:attendance_list", activity_pk=activity.pk)
    return render(
        request,
        "consultations/staff/attendance_form.html",
        {"form": form, "activity": activity, "attendance": attendance},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_delete(request: StaffRequest, pk: int) -> HttpResponse:
    attendance = selectors.attendance_get(user=request.user, pk=pk)
    require(request.user, "consultations.change_attendance", attendance)
    if request.method == "POST":
        attendance_services.attendance_delete(user=request.user, attendance=attendance)
        messages.success(request, gettext("Attendance record deleted."))
        return redirect("consultations:attendance_list", activity_pk=attendance.activity_id)
    return render(
        request,
        "consultations/staff/attendance_delete.html",
        {"attendance": attendance, "activity": attendance.activity},
    )


@login_required
@require_http_methods(["GET", "POST"])
def equality_form_enter(request: StaffRequest, activity_pk: int) -> HttpResponse:
    """Type in paper equality-monitoring forms, one after another. They are never listed one by
    one: only their totals are shown."""
    activity = selectors.activity_get(user=request.user, pk=activity_pk)
    require(request.user, "consultations.change_attendance", activity)
    session_key = f"consultations:equality:{activity.pk}"
    channel = request.GET.get("channel", "")
    form = EqualityRecordForm(
        request.POST or None, initial={"channel": channel if channel in OFFLINE else Channel.EVENT.value}
    )
    if request.method == "POST" and form.is_valid():
        try:
            attendance_services.equality_record_create(
                user=request.user,
                activity=activity,
                channel=form.cleaned_data["channel"],
                answers=form.answers(),
                recorded_on=form.cleaned_data["recorded_on"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            count = _session_count(request, session_key, add=1)
            saved = f"Form {count} saved."
            if "another" in request.POST:
                request.session[LAST_SAVED] = saved
                url = reverse("consultations:equality_form_enter", kwargs={"activity_pk": activity.pk})
                return redirect(f"{url}?channel={form.cleaned_data['channel']}")
            messages.success(request, saved)
            return redirect("consultations:attendance_list", activity_pk=activity.pk)
    return render(
        request,
        "consultations/staff/equality_form.html",
        {
            "form": form,
            "activity": activity,
            "entered": _session_count(request, session_key),
            "last_saved": request.session.pop(LAST_SAVED, "") if request.method == "GET" else "",
        },
        status=400 if form.is_bound else 200,
    )
