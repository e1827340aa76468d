"""Staff pages for Results-Based Accountability measures, report cards and the evidence register:
thin adapters over measures_selectors.py / measures_evidence.py (what a page shows) and
measures_services.py (what it changes), the same ones the API uses."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from consultations.forms import apply_service_error
from core.permissions import require
from organisations.http import StaffRequest

from . import measures_evidence as evidence
from . import measures_selectors as selectors
from . import measures_services as services
from .measures_documents import report_card_download
from .measures_evidence import area_evidence
from .measures_forms import AreaEvidenceForm, EvidenceSourceForm, ImportForm, MeasureForm, MeasureValueForm
from .measures_periods import plan_year_of
from .models import EvidenceKind, EvidenceSource, Measure, Quadrant

MEASURE_TEMPLATES = "outcomes/measures/"


def form_page(
    request: StaffRequest, form: Form, save: Callable[[], str], template: str, context: dict[str, Any]
) -> HttpResponse:
    """Show the form; on a valid POST call `save` (which returns where to go next), showing the
    service's ValidationError on the form. 400 when a posted form has errors."""
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(save())
        except ValidationError as exc:
            apply_service_error(form, exc)
    status = 400 if request.method == "POST" else 200
    return render(request, MEASURE_TEMPLATES + template, {"form": form, **context}, status=status)


@login_required
def measure_list(request: StaffRequest) -> HttpResponse:
    """The report cards of the user's partnerships and every measure they may see."""
    measures = selectors.measure_rows(user=request.user, quadrant=request.GET.get("quadrant", ""))
    return render(
        request,
        MEASURE_TEMPLATES + "index.html",
        {
            "partnerships": selectors.partnerships_for(user=request.user),
            "measures": measures,
            "quadrants": Quadrant.choices,
            "quadrant": request.GET.get("quadrant", ""),
            "can_add": request.user.has_perm("outcomes.add_measure"),
        },
    )


def _measure_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in data.items() if k not in ("partnership", "partners")}
    for name in ("description", "unit", "story", "other_partners", "what_works", "next_steps"):
        fields[name] = fields.get(name) or ""
    return fields


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request: StaffRequest) -> HttpResponse:
    require(request.user, "outcomes.add_measure")
    form = MeasureForm(
        request.POST or None,
        partnerships=selectors.partnerships_for(user=request.user),
        initial={"direction": "higher", "frequency": "quarter"},
    )

    def save() -> str:
        data = form.cleaned_data
        measure = services.measure_create(
            user=request.user,
            partnership=data["partnership"],
            partners=data["partners"],
            **_measure_fields(data),
        )
        messages.success(request, gettext("“%(name)s” added.") % {"name": measure.name})
        return reverse("measures:measure_detail", kwargs={"pk": measure.pk})

    return form_page(request, form, save, "measure_form.html", {"measure": None})


def _initial(measure: Measure) -> dict[str, Any]:
    names = [*services.MEASURE_FIELDS, "partnership"]
    return {**{n: getattr(measure, n) for n in names}, "partners": list(measure.partners.all())}


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: StaffRequest, pk: int) -> HttpResponse:
    measure = selectors.measure_for_change(user=request.user, pk=pk)
    form = MeasureForm(
        request.POST or None,
        partnerships=selectors.partnerships_for(user=request.user),
        initial=_initial(measure),
    )

    def save() -> str:
        data = form.cleaned_data
        services.measure_update(
            user=request.user,
            measure=measure,
            partnership=data["partnership"],
            partners=data["partners"],
            **_measure_fields(data),
        )
        messages.success(request, gettext("Changes saved."))
        return reverse("measures:measure_detail", kwargs={"pk": measure.pk})

    return form_page(request, form, save, "measure_form.html", {"measure": measure})


@login_required
def measure_detail(request: StaffRequest, pk: int) -> HttpResponse:
    measure = selectors.measure_get(user=request.user, pk=pk)
    view = selectors.measure_view(user=request.user, measure=measure)
    return render(request, MEASURE_TEMPLATES + "measure_detail.html", {"measure": measure, "view": view})


@login_required
@require_http_methods(["GET", "POST"])
def measure_values(request: StaffRequest, pk: int) -> HttpResponse:
    """Enter (or replace) the value of a period; `remove` takes one away."""
    measure = selectors.measure_get(user=request.user, pk=pk)
    require(request.user, "outcomes.change_measure", measure)
    back = reverse("measures:measure_detail", kwargs={"pk": measure.pk})
    if request.method == "POST" and "remove" in request.POST:
        value = selectors.measure_value_get(measure=measure, pk=request.POST["remove"])
        services.measure_value_remove(user=request.user, measure=measure, value=value)
        messages.success(
            request, gettext("The figure for %(period)s was removed.") % {"period": value.period_label}
        )
        return redirect(back)
    form = MeasureValueForm(request.POST or None, frequency=measure.frequency)

    def save() -> str:
        data = form.cleaned_data
        row, created = services.measure_value_set(
            user=request.user,
            measure=measure,
            period_start=data["period"],
            value=data["value"],
            note=data["note"],
        )
        messages.success(
            request,
            (
                gettext("The figure for %(period)s was added.")
                if created
                else gettext("The figure for %(period)s was replaced.")
            )
            % {"period": row.period_label},
        )
        return back

    return form_page(request, form, save, "value_form.html", {"measure": measure})


def _import_page(
    request: StaffRequest, record: Measure | EvidenceSource, run: Callable[[bytes, str], str], back: str
) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)

    def save() -> str:
        upload = form.cleaned_data["file"]
        messages.success(request, run(upload.read(), upload.name or ""))
        return back

    is_measure = isinstance(record, Measure)
    return form_page(
        request, form, save, "import_form.html", {"record": record, "is_measure": is_measure, "back": back}
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_import(request: StaffRequest, pk: int) -> HttpResponse:
    measure = selectors.measure_get(user=request.user, pk=pk)
    require(request.user, "outcomes.change_measure", measure)

    def run(data: bytes, name: str) -> str:
        return services.measure_values_import(
            user=request.user, measure=measure, data=data, filename=name
        ).message

    return _import_page(request, measure, run, reverse("measures:measure_detail", kwargs={"pk": measure.pk}))


@login_required
def report_card(request: StaffRequest, pk: int) -> HttpResponse:
    partnership = selectors.partnership_get(user=request.user, pk=pk)
    card = selectors.report_card(user=request.user, partnership=partnership)
    return render(request, MEASURE_TEMPLATES + "report_card.html", {"card": card, "partnership": partnership})


@login_required
def report_card_pdf(request: StaffRequest, pk: int) -> HttpResponse:
    partnership = selectors.partnership_get(user=request.user, pk=pk)
    card = selectors.report_card(user=request.user, partnership=partnership)
    return report_card_download(user=request.user, card=card)


# The evidence register


@login_required
def evidence_list(request: StaffRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in EvidenceKind.values else ""
    return render(
        request,
        MEASURE_TEMPLATES + "evidence_list.html",
        {
            "sources": evidence.evidence_source_list(user=request.user, kind=kind),
            "kinds": EvidenceKind.choices,
            "kind": kind,
            "area_form": AreaEvidenceForm(initial={"year": plan_year_of(timezone.localdate())}),
            "can_add": request.user.has_perm("outcomes.add_evidence"),
        },
    )


def _source_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in data.items() if k != "partnership"}
    fields["description"], fields["unit"] = fields.get("description") or "", fields.get("unit") or ""
    return fields


@login_required
@require_http_methods(["GET", "POST"])
def evidence_create(request: StaffRequest) -> HttpResponse:
    require(request.user, "outcomes.add_evidence")
    form = EvidenceSourceForm(
        request.POST or None,
        partnerships=selectors.partnerships_for(user=request.user),
        initial={"direction": "higher", "frequency": "quarter"},
    )

    def save() -> str:
        data = form.cleaned_data
        source = services.evidence_source_create(
            user=request.user, partnership=data["partnership"], **_source_fields(data)
        )
        messages.success(
            request, gettext("“%(name)s” added to the evidence register.") % {"name": source.name}
        )
        return reverse("measures:evidence_detail", kwargs={"pk": source.pk})

    return form_page(request, form, save, "evidence_form.html", {"source": None})


@login_required
@require_http_methods(["GET", "POST"])
def evidence_edit(request: StaffRequest, pk: int) -> HttpResponse:
    source = evidence.evidence_source_for_change(user=request.user, pk=pk)
    names = [*services.SOURCE_FIELDS, "partnership"]
    form = EvidenceSourceForm(
        request.POST or None,
        partnerships=selectors.partnerships_for(user=request.user),
        initial={n: getattr(source, n) for n in names},
    )

    def save() -> str:
        data = form.cleaned_data
        services.evidence_source_update(
            user=request.user, source=source, partnership=data["partnership"], **_source_fields(data)
        )
        messages.success(request, gettext("Changes saved."))
        return reverse("measures:evidence_detail", kwargs={"pk": source.pk})

    return form_page(request, form, save, "evidence_form.html", {"source": source})


@login_required
def evidence_detail(request: StaffRequest, pk: int) -> HttpResponse:
    source = evidence.evidence_source_get(user=request.user, pk=pk)
    view = evidence.evidence_source_view(
        user=request.user, source=source, area_code=request.GET.get("area", "")
    )
    return render(request, MEASURE_TEMPLATES + "evidence_detail.html", {"source": source, "view": view})


@login_required
@require_http_methods(["GET", "POST"])
def evidence_import(request: StaffRequest, pk: int) -> HttpResponse:
    source = evidence.evidence_source_get(user=request.user, pk=pk)
    require(request.user, "outcomes.change_evidence", source)

    def run(data: bytes, name: str) -> str:
        return services.evidence_values_import(
            user=request.user, source=source, data=data, filename=name
        ).message

    return _import_page(request, source, run, reverse("measures:evidence_detail", kwargs={"pk": source.pk}))


@login_required
def evidence_area(request: StaffRequest) -> HttpResponse:
    """An area's evidence for a year beside what engagement found there."""
    require(request.user, "outcomes.view_evidence")
    form = AreaEvidenceForm(request.GET if "area" in request.GET else None)
    page = None
    if form.is_bound and form.is_valid():
        page = area_evidence(
            user=request.user, area=form.cleaned_data["area"], year=form.cleaned_data["year"]
        )
    return render(
        request,
        MEASURE_TEMPLATES + "area_evidence.html",
        {"form": form, "page": page},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
