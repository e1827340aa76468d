"""Staff pages of coordination between partners: adapters over the selectors (reads) and the
services (writes) that the API uses too."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from core.lifecycle import TransitionConflict
from organisations.http import StaffRequest

from . import coordination_proposal_selectors as proposals
from . import coordination_selectors as selectors
from . import coordination_services as services
from .coordination_exports import duplicates_export
from .coordination_forms import AnswerForm, ProposalForm
from .models import ProposalState

TEMPLATES = "reach/coordination/"


@login_required
def report(request: StaffRequest) -> HttpResponse:
    found = selectors.duplicates_report(user=request.user, data=request.GET)
    page = Paginator(found.matches, settings.HEARD_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": found.form,
        "page_obj": page,
        "total": len(found.matches),
        "counts": selectors.kind_counts(found.matches),
        "query": query.urlencode(),
        "waiting": proposals.proposals_waiting_count(request.user),
        "weeks": selectors.window().days / 7,
    }
    status = 400 if found.form.is_bound and found.form.errors else 200
    return render(request, TEMPLATES + "report.html", context, status=status)


@login_required
def report_export(request: StaffRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    try:
        return duplicates_export(user=request.user, data=request.GET, file_format=file_format)
    except ValidationError as error:
        return HttpResponse(
            "The filters are not valid: " + " ".join(error.messages), status=400, content_type="text/plain"
        )


@login_required
def activity(request: StaffRequest, pk: int) -> HttpResponse:
    found = selectors.activity_coordination(user=request.user, pk=pk)
    return render(request, TEMPLATES + "activity.html", {"found": found, "activity": found.activity})


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: StaffRequest, pk: int, other_pk: int) -> HttpResponse:
    draft = selectors.proposal_draft(user=request.user, pk=pk, other_pk=other_pk)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                user=request.user,
                activity=draft.activity,
                other_activity=draft.other,
                message=form.cleaned_data["message"],
                site_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                gettext("Proposal sent to %(organisation)s. They have been e-mailed.")
                % {"organisation": draft.other.lead_organisation.name},
            )
            return redirect("coordination:proposal_detail", pk=proposal.pk)
    context = {"draft": draft, "form": form}
    return render(request, TEMPLATES + "propose.html", context, status=400 if form.is_bound else 200)


@login_required
def proposal_list(request: StaffRequest) -> HttpResponse:
    found = proposals.proposal_list(user=request.user)
    waiting = [p for p in found if p.incoming and p.state == ProposalState.PROPOSED]
    others = [p for p in found if p not in waiting]
    return render(request, TEMPLATES + "proposal_list.html", {"waiting": waiting, "others": others})


def _detail(request: StaffRequest, pk: int, form: AnswerForm | None, status: int = 200) -> HttpResponse:
    view = proposals.proposal_detail(user=request.user, pk=pk)
    form = form or AnswerForm(initial={"seen": view.state})
    return render(request, TEMPLATES + "proposal_detail.html", {"view": view, "form": form}, status=status)


@login_required
def proposal_detail(request: StaffRequest, pk: int) -> HttpResponse:
    return _detail(request, pk, None)


@login_required
@require_POST
def proposal_answer(request: StaffRequest, pk: int) -> HttpResponse:
    proposal = proposals.proposal_get(user=request.user, pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, pk, form, status=400)
    try:
        services.proposal_answer(
            user=request.user,
            proposal=proposal,
            to=form.cleaned_data["to"],
            reply=form.cleaned_data["reply"],
            seen=form.cleaned_data["seen"],
            site_url=request.build_absolute_uri("/"),
        )
    except TransitionConflict as conflict:
        messages.error(request, conflict.message)
        return redirect("coordination:proposal_detail", pk=pk)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _detail(request, pk, form, status=400)
    if proposal.state == ProposalState.ACCEPTED:
        done = gettext(
            "Proposal accepted: each organisation is now a partner of the other's activity. "
            "%(organisation)s has been e-mailed."
        )
    else:
        done = gettext("Proposal declined. %(organisation)s has been e-mailed.")
    messages.success(request, done % {"organisation": proposal.proposing_organisation.name})
    return redirect("coordination:proposal_detail", pk=pk)
