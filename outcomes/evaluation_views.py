"""Staff pages of the evaluation: adapters over evaluation_selectors / evaluation_trend (reads)
and the evaluation services (writes), the same ones api/evaluation.py uses."""

from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.lifecycle import TransitionConflict
from core.permissions import require
from organisations.http import StaffRequest
from organisations.privacy import text_door
from places.models import Area

from . import evaluation_selectors as selectors
from . import evaluation_trend as trend
from .evaluation_assessments import (
    ScoreInput,
    check_year,
    standards_assess_activity,
    standards_assess_partnership,
)
from .evaluation_charts import standards_chart
from .evaluation_forms import (
    EvaluationForm,
    LinkForm,
    PaperForm,
    StandardsForm,
    TrendForm,
    apply_service_error,
)
from .evaluation_participants import (
    default_window,
    paper_forms_entered,
    participant_evaluation_enter,
    participant_link_open,
)
from .evaluation_pdf import PAPER_LANGUAGES, paper_form_pdf, paper_language
from .evaluation_services import evaluation_save, evaluation_transition
from .models import EvaluationState, ParticipantEvaluationLink, StandardsAssessment

TEMPLATES = "outcomes/evaluation/"
LAST_SAVED = "outcomes:evaluation:last_saved"


def _posted(request: StaffRequest) -> QueryDict | None:
    """What was sent (an empty form too: it is refused with its errors, not shown blank)."""
    return request.POST if request.method == "POST" else None


def _area(code: str) -> Area | None:
    return Area.objects.engagement_levels().filter(code=code).first() if code else None


@login_required
def overview(request: StaffRequest) -> HttpResponse:
    """Every activity that has happened with its evaluation, and the National Standards trend."""
    require(request.user, "outcomes.view_evaluation_overview")
    filters = TrendForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    area = _area(data.get("area") or "")
    by = data.get("by") or "quarter"
    rows = selectors.evaluation_overview(user=request.user, area=area)
    page = Paginator(rows, settings.HEARD_PAGE_SIZE).get_page(request.GET.get("page"))
    standards = trend.standards_trend(user=request.user, area=area, by=by)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        TEMPLATES + "overview.html",
        {
            "page_obj": page,
            "query": query.urlencode(),
            "areas": Area.objects.engagement_levels().order_by("path"),
            "area": area,
            "by": standards.by,
            "periods": trend.PERIODS,
            "trend": standards,
            "chart": standards_chart(standards),
            "partnership_years": trend.partnership_years(user=request.user),
            "partnerships": trend.partnerships_for(request.user),
            "years": [timezone.localdate().year - offset for offset in range(2)],
        },
    )


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    return render(
        request,
        TEMPLATES + "detail.html",
        {
            "activity": activity,
            "detail": selectors.evaluation_detail(user=request.user, activity=activity),
            "standards": trend.activity_assessment(user=request.user, activity=activity),
            "can_assess": request.user.has_perm("outcomes.assess_standards", activity),
            "can_open_link": request.user.has_perm("outcomes.open_participant_link", activity),
            "paper_languages": PAPER_LANGUAGES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "outcomes.change_evaluation", activity)
    detail = selectors.evaluation_detail(user=request.user, activity=activity)
    evaluation = selectors.evaluation_of(activity)
    initial = {
        "target_participants": evaluation.target_participants if evaluation else None,
        "lessons_learned": detail.lessons_learned,
    }
    form = EvaluationForm(
        _posted(request),
        aims=list(activity.aims.all()),
        rows=detail.aims,
        lock_text=detail.redacted,
        initial=initial if evaluation else {},
    )
    if request.method == "POST" and form.is_valid():
        lessons, ratings = form.cleaned_data["lessons_learned"] or "", form.ratings()
        if detail.redacted and evaluation is not None:  # keep the words as written, not as read
            evidence = {r.aim_id: r.evidence for r in evaluation.aim_ratings.all() if r.aim_id}
            lessons = evaluation.lessons_learned
            ratings = [replace(r, evidence=evidence.get(r.aim_id, "")) for r in ratings]
        try:
            evaluation_save(
                user=request.user,
                activity=activity,
                target_participants=form.cleaned_data["target_participants"],
                lessons_learned=lessons,
                ratings=ratings,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, gettext("Evaluation saved."))
            return redirect("evaluation:detail", pk=activity.pk)
    return render(
        request,
        TEMPLATES + "edit.html",
        {"activity": activity, "form": form, "detail": detail},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def transition(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "outcomes.change_evaluation", activity)
    evaluation = selectors.evaluation_of(activity)
    if evaluation is None:
        messages.error(request, gettext("Start the evaluation first."))
        return redirect("evaluation:detail", pk=activity.pk)
    try:
        evaluation_transition(
            user=request.user,
            evaluation=evaluation,
            to=request.POST.get("to", ""),
            seen=request.POST.get("from") or None,
        )
    except TransitionConflict as conflict:
        messages.error(request, conflict.message + " Check it, then choose again.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = evaluation.state == EvaluationState.COMPLETE
        messages.success(
            request,
            "Evaluation complete: checklist point 25 is answered as done."
            if done
            else "The evaluation is a draft again: correct it, then complete it.",
        )
    return redirect("evaluation:detail", pk=activity.pk)


@login_required
@require_http_methods(["GET", "POST"])
def link(request: StaffRequest, pk: int) -> HttpResponse:
    """Open the online form for a set period, or change its days."""
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "outcomes.open_participant_link", activity)
    current = ParticipantEvaluationLink.objects.filter(activity=activity).first()
    opens, closes = (current.opens_on, current.closes_on) if current else default_window(activity)
    form = LinkForm(_posted(request), initial={"opens_on": opens, "closes_on": closes})
    if request.method == "POST" and form.is_valid():
        try:
            participant_link_open(user=request.user, activity=activity, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, gettext("The online form's days are saved."))
            return redirect("evaluation:detail", pk=activity.pk)
    return render(
        request,
        TEMPLATES + "link.html",
        {"activity": activity, "form": form, "link": selectors.link_info(activity)},
        status=400 if form.is_bound else 200,
    )


@login_required
def paper_pdf(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    try:
        language = paper_language(request.GET.get("lang"))
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages), content_type="text/plain; charset=utf-8")
    pdf = paper_form_pdf(
        activity=activity,
        site_url=request.build_absolute_uri("/"),
        language=language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="evaluation-form-{activity.pk}-{language}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request: StaffRequest, pk: int) -> HttpResponse:
    """Type in paper forms, one after another. They are never listed one by one."""
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "outcomes.enter_participant_evaluations", activity)
    form = PaperForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            participant_evaluation_enter(
                user=request.user,
                activity=activity,
                answers=form.answers(),
                received_on=form.cleaned_data.get("received_on"),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            entered = paper_forms_entered(activity)
            saved = ngettext(
                "Form saved: %(count)s paper form typed in for this activity.",
                "Form saved: %(count)s paper forms typed in for this activity.",
                entered,
            ) % {"count": entered}
            if "another" in request.POST:
                request.session[LAST_SAVED] = saved
                return redirect("evaluation:paper_entry", pk=activity.pk)
            messages.success(request, saved)
            return redirect("evaluation:detail", pk=activity.pk)
    return render(
        request,
        TEMPLATES + "paper_entry.html",
        {
            "activity": activity,
            "form": form,
            "entered": paper_forms_entered(activity),
            "last_saved": request.session.pop(LAST_SAVED, "") if request.method == "GET" else "",
        },
        status=400 if form.is_bound else 200,
    )


def _kept_notes(
    scores: list[ScoreInput], stored: StandardsAssessment | None, locked: bool
) -> list[ScoreInput]:
    """For an editor who reads the notes redacted, the notes as written stay."""
    if not locked:
        return scores
    notes = {s.standard.slug: s.note for s in stored.scores.select_related("standard")} if stored else {}
    return [replace(s, note=notes.get(s.standard, "")) for s in scores]


@login_required
@require_http_methods(["GET", "POST"])
def standards(request: StaffRequest, pk: int) -> HttpResponse:
    """The activity's National Standards self-assessment."""
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "outcomes.assess_standards", activity)
    detail = trend.activity_assessment(user=request.user, activity=activity)
    locked = text_door(request.user, activity.lead_organisation_id).redacts
    form = StandardsForm(_posted(request), detail=detail, lock_text=locked)
    if request.method == "POST" and form.is_valid():
        scores = _kept_notes(
            form.scores(), StandardsAssessment.objects.filter(activity=activity).first(), locked
        )
        try:
            standards_assess_activity(user=request.user, activity=activity, scores=scores)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, gettext("National Standards self-assessment saved."))
            return redirect("evaluation:detail", pk=activity.pk)
    back = reverse("evaluation:detail", kwargs={"pk": activity.pk})
    context = {"subject": activity.title, "form": form, "back_url": back, "detail": detail}
    return render(request, TEMPLATES + "standards.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_standards(request: StaffRequest, pk: int, year: int) -> HttpResponse:
    """A partnership's self-assessment of its year; its members' engagement officers write it."""
    partnership = trend.partnership_get(user=request.user, pk=pk)
    try:
        year = check_year(year)
    except ValidationError as error:
        raise Http404("No such year.") from error
    detail = trend.partnership_assessment(user=request.user, partnership=partnership, year=year)
    can_assess = request.user.has_perm("outcomes.assess_partnership_standards", partnership)
    if request.method == "POST" and not can_assess:
        require(request.user, "outcomes.assess_partnership_standards", partnership)
    locked = trend.partnership_door(request.user, partnership).redacts
    form = StandardsForm(_posted(request), detail=detail, lock_text=locked) if can_assess else None
    if form is not None and request.method == "POST" and form.is_valid():
        stored = StandardsAssessment.objects.filter(partnership=partnership, year=year).first()
        scores = _kept_notes(form.scores(), stored, locked)
        try:
            standards_assess_partnership(user=request.user, partnership=partnership, year=year, scores=scores)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                gettext("%(name)s's self-assessment for %(year)s is saved.")
                % {"name": partnership.name, "year": year},
            )
            return redirect("evaluation:overview")
    context = {
        "subject": f"{partnership.name}, {year}",
        "form": form,
        "back_url": reverse("evaluation:overview"),
        "detail": detail,
    }
    status = 400 if form is not None and form.is_bound else 200
    return render(request, TEMPLATES + "standards.html", context, status=status)
