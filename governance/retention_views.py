"""The retention review page: records past their review date, and decisions about them. Thin
adapters over retention_queue (what is shown) and retention_services (decisions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from core.lifecycle import TransitionConflict
from core.shortcuts import get_or_404

from . import records
from . import retention_queue as queue
from . import retention_services as services
from .retention_forms import DecisionForm
from .retention_models import DecisionState, RetentionAction, RetentionDecision

SAID = {
    RetentionAction.KEEP: gettext_lazy("%(count)s %(records)s kept."),
    RetentionAction.ANONYMISE: gettext_lazy("%(count)s %(records)s to be anonymised."),
    RetentionAction.DELETE: gettext_lazy("%(count)s %(records)s to be deleted."),
}


def _labelled(decisions: list[RetentionDecision]) -> list[RetentionDecision]:
    for decision in decisions:
        kind = records.get(decision.record_type)
        decision.type_noun = kind.noun if kind else decision.record_type  # type: ignore[attr-defined]
    return decisions


def _page(request: HttpRequest, bound: DecisionForm | None = None, status: int = 200) -> HttpResponse:
    if not request.user.has_perm("governance.review_retention"):
        raise PermissionDenied
    groups = queue.retention_queue(user=request.user)
    forms = []
    for group in groups:
        form = bound if bound is not None and bound.prefix == group.key else None
        forms.append(
            (
                group,
                form
                or DecisionForm(
                    prefix=group.key, ids=[r.id for r in group.rows], can_anonymise=group.can_anonymise
                ),
            )
        )
    context = {
        "groups": forms,
        "waiting": _labelled(list(queue.decisions_waiting(user=request.user)[:100])),
        "run": queue.latest_run(),
        "has_errors": bound is not None,
        "failed_state": DecisionState.FAILED,
        "no_organisation": queue.scope_of(request.user) is None,
    }
    return render(request, "governance/retention_queue.html", context, status=status)


@login_required
def retention_queue(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def retention_decide(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("governance.review_retention"):
        raise PermissionDenied
    key = request.POST.get("record_type", "")
    group = next((g for g in queue.retention_queue(user=request.user) if g.key == key), None)
    if group is None:
        return HttpResponse(
            "Choose a kind of record that is reviewed.", status=400, content_type="text/plain"
        )
    form = DecisionForm(
        request.POST, prefix=key, ids=[r.id for r in group.rows], can_anonymise=group.can_anonymise
    )
    if form.is_valid():
        try:
            made = services.retention_decide(
                user=request.user,
                record_type=key,
                ids=form.cleaned_data["ids"],
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                review_on=form.cleaned_data["review_on"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            action = RetentionAction(form.cleaned_data["action"])
            messages.success(request, SAID[action] % {"count": len(made), "records": group.record_type.label})
            return redirect("retention:queue")
    return _page(request, bound=form, status=400)


@login_required
@require_POST
def retention_retry(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("governance.review_retention"):
        raise PermissionDenied
    decision = get_or_404(queue.decisions_waiting(user=request.user), pk)
    try:
        services.retention_retry(user=request.user, decision=decision)
    except (ValidationError, TransitionConflict) as error:
        text = error.message if isinstance(error, TransitionConflict) else " ".join(error.messages)
        return HttpResponse(
            text, status=409 if isinstance(error, TransitionConflict) else 400, content_type="text/plain"
        )
    messages.success(request, gettext("The decision will be tried again."))
    return redirect("retention:queue")
