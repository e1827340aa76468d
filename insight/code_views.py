"""Staff pages for the policing codes: coded answers and meeting notes and their corrections, a
neighbourhood's codes this year against last year, and the codeframe (changing it, its versions,
exports). Thin adapters over code_selectors (what to show) and the services in codeframes and
coding."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record
from organisations.http import StaffRequest

from . import code_selectors as selectors
from .code_forms import CodeForm
from .codeframes import code_add, code_change, code_retire, codeframe_csv, codeframe_json, police_uk_map
from .coding import answer_code_correct, note_code_correct
from .coding_jobs import coding_job_create


def _message(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def code_list(request: StaffRequest) -> HttpResponse:
    code = request.GET.get("code", "")
    page, rows = selectors.coded_answers(user=request.user, code=code, page=request.GET.get("page", 1))
    codeframe = selectors.codeframe_for(user=request.user)
    return render(
        request,
        "insight/code_list.html",
        {
            "page": page,
            "rows": rows,
            "code": code,
            "codes": codeframe.codes,
            "job": selectors.latest_job(user=request.user),
            "can_recode": request.user.has_perm("insight.code_answers"),
            "areas": selectors.coded_areas(user=request.user),
        },
    )


@login_required
@require_POST
def code_recode(request: StaffRequest) -> HttpResponse:
    try:
        coding_job_create(user=request.user)
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, gettext("Coding every answer again. This page shows how far it has gone."))
    return redirect("insight:code_list")


@login_required
def answer_codes(request: StaffRequest, pk: int) -> HttpResponse:
    answer, view = selectors.answer_coded(user=request.user, pk=pk)
    status = 200
    if request.method == "POST":
        try:
            answer_code_correct(
                user=request.user,
                answer=answer,
                code=request.POST.get("code", ""),
                action=request.POST.get("action", ""),
            )
        except ValidationError as exc:
            messages.error(request, _message(exc))
            status = 400
        else:
            messages.success(request, gettext("The answer's codes were corrected."))
            return redirect("insight:answer_codes", pk=answer.pk)
    codeframe = selectors.codeframe_for(user=request.user)
    given = {c.code for c in view.codes}
    return render(
        request,
        "insight/answer_codes.html",
        {
            "answer": view,
            "addable": [c for c in codeframe.active_codes if c["id"] not in given],
            "can_correct": request.user.has_perm("insight.correct_code", answer),
        },
        status=status,
    )


def _notes_page(request: StaffRequest, page: Any, status: int = 200) -> HttpResponse:
    shown, notes = selectors.coded_notes(user=request.user, page=page)
    active = selectors.codeframe_for(user=request.user).active_codes
    rows = [(note, [c for c in active if c["id"] not in {g.code for g in note.codes}]) for note in notes]
    return render(
        request,
        "insight/note_codes.html",
        {"page": shown, "rows": rows, "can_correct": request.user.has_perm("insight.correct_note_code")},
        status=status,
    )


@login_required
def note_code_list(request: StaffRequest) -> HttpResponse:
    return _notes_page(request, request.GET.get("page", 1))


@login_required
@require_POST
def note_codes(request: StaffRequest, pk: int) -> HttpResponse:
    note, _ = selectors.note_coded(user=request.user, pk=pk)
    page = request.POST.get("page", "1")
    page = page if page.isdigit() else "1"
    try:
        note_code_correct(
            user=request.user,
            attendance=note,
            code=request.POST.get("code", ""),
            action=request.POST.get("action", ""),
        )
    except ValidationError as exc:
        messages.error(request, _message(exc))
        return _notes_page(request, page, status=400)
    messages.success(request, gettext("The notes' codes were corrected."))
    return redirect(f"{reverse('insight:note_code_list')}?page={page}#note-{note.pk}")


@login_required
def area_codes(request: StaffRequest, code: str = "") -> HttpResponse:
    code = code or request.GET.get("area", "")
    if not code:
        areas = selectors.coded_areas(user=request.user)
        if not areas:
            raise Http404("No areas")
        return redirect("insight:area_codes", code=areas[0].code)
    trend = selectors.area_codes(user=request.user, code=code)
    return render(
        request,
        "insight/area_codes.html",
        {"trend": trend, "chart": trend.chart, "areas": selectors.coded_areas(user=request.user)},
    )


@login_required
def codeframe(request: StaffRequest) -> HttpResponse:
    current = selectors.codeframe_for(user=request.user)
    return render(
        request,
        "insight/codeframe.html",
        {
            "codeframe": current,
            "versions": selectors.versions_for(user=request.user),
            "police_uk": police_uk_map(current),
            "can_change": request.user.has_perm("insight.change_codeframe"),
        },
    )


def _code_form_page(request: StaffRequest, form: CodeForm, title: str, save) -> HttpResponse:  # type: ignore[no-untyped-def]
    if request.method == "POST" and form.is_valid():
        try:
            version = save(form.as_input())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, gettext("Saved as version %(number)s of the codeframe.") % {"number": version.number}
            )
            return redirect("insight:codeframe")
    return render(
        request,
        "insight/code_form.html",
        {"form": form, "title": title},
        status=400 if form.is_bound else 200,
    )


@login_required
def code_add_view(request: StaffRequest) -> HttpResponse:
    require(request.user, "insight.change_codeframe")
    return _code_form_page(
        request,
        CodeForm(request.POST or None),
        gettext("Add a code"),
        lambda data: code_add(user=request.user, data=data),
    )


def _code_or_404(request: StaffRequest, code_id: str) -> dict[str, Any]:
    for code in selectors.codeframe_for(user=request.user).codes:
        if code["id"] == code_id:
            return code
    raise Http404("No such code")


@login_required
def code_edit_view(request: StaffRequest, code_id: str) -> HttpResponse:
    require(request.user, "insight.change_codeframe")
    code = _code_or_404(request, code_id)
    form = CodeForm.for_code(code, request.POST or None)
    return _code_form_page(
        request,
        form,
        gettext("Change “%(label)s”") % {"label": code["label"]},
        lambda data: code_change(user=request.user, code_id=code_id, data=data),
    )


@login_required
@require_POST
def code_retire_view(request: StaffRequest, code_id: str) -> HttpResponse:
    require(request.user, "insight.change_codeframe")
    code = _code_or_404(request, code_id)
    retired = request.POST.get("retired", "yes") == "yes"
    try:
        version = code_retire(user=request.user, code_id=code_id, retired=retired)
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        done = (
            gettext("“%(label)s” is retired: version %(number)s of the codeframe.")
            if retired
            else gettext("“%(label)s” is in use again: version %(number)s of the codeframe.")
        )
        messages.success(request, done % {"label": code["label"], "number": version.number})
    return redirect("insight:codeframe")


@login_required
def codeframe_export(request: StaffRequest, number: int, file_format: str) -> HttpResponse:
    version = selectors.version_get(user=request.user, number=number)
    if file_format not in ("json", "csv"):
        raise Http404("Choose json or csv")
    if file_format == "json":
        response = HttpResponse(codeframe_json(version), content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(codeframe_csv(version), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="policing-codeframe-v{number}.{file_format}"'
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="codeframe",
        object_id=str(number),
        object_repr=f"Policing codeframe version {number}",
        changes={"format": file_format},
        owner_organisation_id=request.user.organisation_id,
    )
    return response
