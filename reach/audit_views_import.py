"""Staff pages of the snapshot audit's import: upload a partner's list, confirm or correct how its
wordings map to Heard's taxonomy, then check every row and import all or nothing (as
consultations' response import does: the same file reader, limits and upload guard); the list
of imports, one import, and undoing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from consultations.import_limits import MAX_BYTES, ImportFileError
from consultations.tables import Table, read_table
from consultations.views.upload import TOO_BIG, UNREADABLE, UploadLimit
from core.lifecycle import TransitionConflict
from core.permissions import require
from organisations.http import StaffRequest
from organisations.models import Partnership

from . import audit_imports as imports
from .audit_forms import AuditMappingForm, AuditUploadForm
from .audit_selectors import import_detail, import_get, import_list
from .audit_undo import import_undo
from .forms_reach import apply_error
from .models import ImportState

SESSION_KEY = "reach:audit:import"
PREVIEW_ROWS = 3


@csrf_exempt  # only so that the limit is in place before the body is read: _upload checks CSRF
@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.import_partner_activities")
    limit = UploadLimit(request)
    request.upload_handlers.insert(0, limit)
    partnerships = imports.import_partnerships(user=request.user)
    try:
        request.FILES  # noqa: B018 - read the body now, with the limit in place
    except MultiPartParserError:
        form = AuditUploadForm({}, partnerships=partnerships, refused=UNREADABLE)
        return _upload_page(request, form)
    return _upload(request, limit, partnerships)


@csrf_protect
def _upload(request: StaffRequest, limit: UploadLimit, partnerships: list[Partnership]) -> HttpResponse:
    posted = request.method == "POST"
    form = AuditUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        partnerships=partnerships,
        refused=TOO_BIG if limit.too_big else "",
    )
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_BYTES:
                raise ImportFileError(TOO_BIG)
            table = read_table(upload.read(), name=upload.name or "", encoding=form.cleaned_data["encoding"])
        except ImportFileError as error:
            form.add_error("file", imports.file_message(error))
        else:
            request.session[SESSION_KEY] = {
                "table": table.as_dict(),
                "partnership": form.cleaned_data["partnership"],
            }
            return redirect("audit:import_map")
    return _upload_page(request, form)


def _upload_page(request: StaffRequest, form: AuditUploadForm) -> HttpResponse:
    return render(
        request, "reach/audit/import_upload.html", {"form": form}, status=400 if form.is_bound else 200
    )


def _sample(preview: imports.Preview) -> list[tuple[int, str]]:
    """The first rows, in a few words each: what, who, when."""
    shown = []
    for line, cells in preview.rows[:PREVIEW_ROWS]:
        words = [preview.columns.cell(cells, key) for key in ("title", "organisation", "starts")]
        shown.append((line, " · ".join(w for w in words if w)))
    return shown


@login_required
@require_http_methods(["GET", "POST"])
def import_map(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.import_partner_activities")
    stored = request.session.get(SESSION_KEY)
    if not stored:
        messages.error(request, gettext("Upload the file first."))
        return redirect("audit:import_upload")
    partnership = imports.partnership_get(user=request.user, pk=stored["partnership"])
    preview = imports.import_preview(
        user=request.user, partnership=partnership, table=Table.from_dict(stored["table"])
    )
    form = AuditMappingForm(
        request.POST or None,
        wordings=preview.wordings,
        suggested=preview.suggested,
        taxonomy=preview.taxonomy,
    )
    rejected = None
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.partner_activities_import(
                user=request.user, preview=preview, mapping=imports.mapping_from(preview, form.mapping())
            )
        except imports.ImportRejected as error:
            rejected = error
        except ValidationError as error:
            apply_error(form, error)
        else:
            del request.session[SESSION_KEY]
            imported = ngettext(
                "Imported %(count)s activity.", "Imported %(count)s activities.", batch.created
            ) % {"count": batch.created}
            if batch.skipped:
                imported += " " + gettext("%(count)s already in the register were left out.") % {
                    "count": batch.skipped
                }
            messages.success(
                request,
                imported,
            )
            return redirect("audit:import_detail", pk=batch.pk)
    context = {
        "form": form,
        "preview": preview,
        "table": preview.table,
        "sample": _sample(preview),
        "rejected": rejected,
        "choice_groups": [
            ("Which organisation leads each activity", form.fields_of("organisations")),
            ("How people are engaged", form.fields_of("methods")),
            ("Who the activities are for", form.fields_of("audiences")),
        ],
    }
    bad = form.is_bound and (form.errors or rejected)
    return render(request, "reach/audit/import_map.html", context, status=400 if bad else 200)


@login_required
def import_list_page(request: StaffRequest) -> HttpResponse:
    context = {
        "imports": import_list(user=request.user)[:100],
        "can_import": request.user.has_perm("reach.import_partner_activities"),
    }
    return render(request, "reach/audit/import_list.html", context)


@login_required
def import_detail_page(request: StaffRequest, pk: int) -> HttpResponse:
    detail = import_detail(user=request.user, batch=import_get(user=request.user, pk=pk))
    return render(request, "reach/audit/import_detail.html", {"detail": detail, "batch": detail.batch})


@login_required
@require_http_methods(["GET", "POST"])
def import_undo_page(request: StaffRequest, pk: int) -> HttpResponse:
    batch = import_get(user=request.user, pk=pk)
    if batch.state == ImportState.UNDONE:
        messages.info(request, gettext("This import has already been undone."))
        return redirect("audit:import_detail", pk=batch.pk)
    require(request.user, "reach.undo_audit_import", batch)
    problems: list[str] = []
    if request.method == "POST":
        try:
            import_undo(user=request.user, batch=batch)
        except ValidationError as error:
            problems = error.messages
        except TransitionConflict as conflict:
            problems = [conflict.message]
        else:
            messages.success(
                request,
                gettext("The import of %(file_name)s is undone: its activities are removed.")
                % {"file_name": batch.file_name},
            )
            return redirect("audit:import_detail", pk=batch.pk)
    detail = import_detail(user=request.user, batch=batch)
    context = {"detail": detail, "batch": batch, "problems": problems or detail.cannot_undo}
    return render(request, "reach/audit/import_undo.html", context, status=400 if problems else 200)
