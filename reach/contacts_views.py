"""Staff pages of the community contacts register and of coverage: adapters over the selectors
(what a page shows) and services (writes), the same ones the API uses."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from core.permissions import require
from core.shortcuts import parse_id
from governance.export_jobs import export_send
from governance.export_kinds import export_parameters
from organisations.http import StaffRequest

from . import contacts_selectors as selectors
from . import contacts_services as services
from .contacts_exports import coverage_export
from .contacts_forms import ContactForm, RemoveForm, RenewForm
from .coverage import AreaBlock, AudienceLine, Coverage, coverage_build, coverage_form
from .fatigue import consultation_fatigue
from .hooks_exports import CONTACTS
from .models import CommunityContact

# Areas shown (and counted) in full on one page of the coverage page, each with its table by
# audience and by month (the gaps of all of them are listed on every page): a district's hundred
# wards by 33 audiences and 12 months is otherwise 2.5 MB, and ten is what a person reads.
AREAS_PER_PAGE = 10


def _bad_filters(error: ValidationError) -> HttpResponse:
    return HttpResponse(
        "The filters are not valid: " + " ".join(error.messages), status=400, content_type="text/plain"
    )


@login_required
def contact_list(request: StaffRequest) -> HttpResponse:
    found = selectors.contact_filter(user=request.user, data=request.GET)
    valid = not found.is_bound or found.is_valid()
    queryset = found.qs if valid else CommunityContact.objects.none()
    page = selectors.contact_page(
        user=request.user, queryset=queryset, page=request.GET.get("page"), where="list of contacts"
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": found,
        "page": page,
        "query": query.urlencode(),
        "can_add": request.user.has_perm("reach.add_contact"),
    }
    return render(request, "reach/contacts/list.html", context, status=200 if valid else 400)


@login_required
def contact_export(request: StaffRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    try:
        parameters = export_parameters(file_format=file_format, query=request.GET.urlencode())
        return export_send(user=request.user, kind=CONTACTS, parameters=parameters)
    except ValidationError as error:
        return _bad_filters(error)


@login_required
def contact_review(request: StaffRequest) -> HttpResponse:
    page = selectors.contact_page(
        user=request.user,
        queryset=selectors.contacts_due(user=request.user),
        page=request.GET.get("page"),
        where="contacts due for review",
    )
    return render(request, "reach/contacts/review.html", {"page": page})


@login_required
def contact_detail(request: StaffRequest, pk: int) -> HttpResponse:
    detail = selectors.contact_detail(user=request.user, pk=pk)
    return render(request, "reach/contacts/detail.html", {"detail": detail, "contact": detail.contact})


def _save(request: StaffRequest, contact: CommunityContact | None) -> HttpResponse:
    initial = {"met_at": parse_id(request.GET.get("met_at"))} if contact is None else {}
    form = ContactForm(request.POST or None, instance=contact, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if contact is None:
                contact = services.contact_create(user=request.user, **form.service_kwargs())
                messages.success(
                    request, gettext("“%(name)s” added to the community contacts.") % {"name": contact.name}
                )
            else:
                contact = services.contact_update(user=request.user, contact=contact, **form.service_kwargs())
                messages.success(request, gettext("Changes saved."))
            return redirect("contacts:contact_detail", pk=contact.pk)
        except ValidationError as error:
            form.apply_service_error(error)
    if contact is not None:
        selectors.record_views(user=request.user, contacts=[contact], where="edit form")
    return render(
        request,
        "reach/contacts/form.html",
        {"form": form, "contact": contact},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.add_contact")
    return _save(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: StaffRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_get(user=request.user, pk=pk)
    require(request.user, "reach.change_contact", contact)
    return _save(request, contact)


@login_required
@require_http_methods(["GET", "POST"])
def contact_renew(request: StaffRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_get(user=request.user, pk=pk)
    require(request.user, "reach.review_contact", contact)
    initial = {"review_on": services.default_review_on(), "consent_to_share": contact.consent_to_share}
    form = RenewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_renew(user=request.user, contact=contact, **form.cleaned_data)
            messages.success(
                request,
                gettext("Consent renewed until %(date)s.")
                % {"date": f"{form.cleaned_data['review_on']:%-d %B %Y}"},
            )
            return redirect("contacts:contact_review")
        except ValidationError as error:
            form.add_error(None, error.messages)
    shown = selectors.contact_views(user=request.user, contacts=[contact], where="renewal form")[0]
    return render(
        request,
        "reach/contacts/renew.html",
        {"form": form, "contact": shown},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_remove(request: StaffRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_get(user=request.user, pk=pk)
    require(request.user, "reach.delete_contact", contact)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_delete(user=request.user, contact=contact, reason=form.cleaned_data["reason"])
        messages.success(request, gettext("The contact has been removed from the register."))
        return redirect("contacts:contact_review")
    shown = selectors.contact_views(user=request.user, contacts=[contact], where="removal form")[0]
    return render(
        request,
        "reach/contacts/remove.html",
        {"form": form, "contact": shown},
        status=400 if request.method == "POST" else 200,
    )


def _page_links(request: StaffRequest, coverage: Coverage) -> dict[int, str]:
    """The query string of each page of areas (none for the page shown), made once per page
    rather than once per area listed."""
    shown = coverage.page.number if coverage.page is not None else 1
    links = {}
    for number in {area.page for area in coverage.gap_areas}:
        query = request.GET.copy()
        query["page"] = str(number)
        links[number] = "" if number == shown else "?" + query.urlencode()
    return links


def _number(n: int) -> int | str:
    """A count as the template shows it, made here when no thousands separator applies: the
    template engine's localisation of a number costs more than the rest of its cell."""
    return n if settings.USE_THOUSAND_SEPARATOR else str(n)


def _line(line: AudienceLine) -> dict[str, Any]:
    return {
        "name": line.name,
        "gap": line.is_gap,
        "without": ", ".join(line.months_without),
        "activities": _number(line.activities),
        "participants": _number(line.participants),
    }


def _shown(block: AreaBlock) -> dict[str, Any]:
    """What the page shows of an area, as plain dicts: the template engine reads a dict's key
    several times faster than an attribute, and a page shows some thousand lines."""
    return {
        "code": block.code,
        "name": block.name,
        "activities": block.activities,
        "participants": block.participants,
        "gaps": ", ".join(block.gaps),
        "lines": [_line(line) for line in block.lines],
        "everyone": _line(block.everyone),
        "months": [
            {
                "label": label,
                "none": not cell.activities,
                "activities": _number(cell.activities),
                "participants": _number(cell.participants),
            }
            for label, cell in block.month_rows
        ],
    }


@login_required
def coverage(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.view_coverage")
    try:
        found = coverage_build(
            user=request.user, data=request.GET, page=request.GET.get("page"), per_page=AREAS_PER_PAGE
        )
    except ValidationError:
        form = coverage_form(data=request.GET)
        form.is_valid()
        return render(request, "reach/coverage/coverage.html", {"form": form}, status=400)
    fatigue = consultation_fatigue(user=request.user, rows=found.rows)
    links = _page_links(request, found)
    context = {
        "coverage": found,
        "areas_page": found.page,
        "blocks": [_shown(block) for block in found.areas],
        "gap_links": [
            {"code": a.code, "name": a.name, "gaps": ", ".join(a.gaps), "link": links[a.page]}
            for a in found.gap_areas
            if a.gaps
        ],
        "form": found.form,
        "fatigue": fatigue,
        "tired": [line for line in fatigue if line.is_over],
        "query": request.GET.urlencode(),
    }
    return render(request, "reach/coverage/coverage.html", context)


@login_required
def coverage_download(request: StaffRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    try:
        return coverage_export(user=request.user, data=request.GET, file_format=file_format)
    except ValidationError as error:
        return _bad_filters(error)
