"""Results-Based Accountability measures, the evidence register, the strategy action plan and the annual plan over HTTP: thin adapters over the app's selectors and services.

The same reading doors and services as the staff pages: a user sees their organisation's
records and their partnerships'; imports are all or nothing (422 listing every problem by line);
a RAG status or a plan's agreement that somebody else changed meanwhile is a 409."""

from datetime import date
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import File, Router
from ninja.files import UploadedFile
from ninja.responses import Status as Reply

from organisations.models import Organisation, Partnership, User
from outcomes import measures_evidence as evidence
from outcomes import measures_selectors as selectors
from outcomes import measures_services as services
from outcomes.measures_documents import report_card_download
from outcomes.measures_evidence import area_evidence
from places.models import Area

from .measures_plans import router as plans_router
from .measures_schemas import (
    AreaEvidenceOut,
    ImportOut,
    ImportRejectedOut,
    MeasureIn,
    MeasureOut,
    MeasurePatch,
    ReportCardOut,
    SourceDetailOut,
    SourceIn,
    SourceOut,
    SourcePatch,
    ValueIn,
)

router = Router(tags=["measures"])
router.add_router("", plans_router)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _area(code: str | None) -> Area | None:
    if not code:
        return None
    found = Area.objects.filter(code=code.strip().upper()).first()
    if found is None:
        raise ValidationError({"area": gettext("No area has the code “%(code)s”.") % {"code": code}})
    return found


def _organisations(slugs: list[str], name: str) -> list[Organisation]:
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise ValidationError(
            {name: gettext("Unknown organisations: %(values)s.") % {"values": ", ".join(missing)}}
        )
    return [found[s] for s in slugs]


def _partnership(user: User, pk: int | None) -> Partnership | None:
    if pk is None:
        return None
    return selectors.partnership_get(user=user, pk=pk)


def _file(file: UploadedFile | None) -> tuple[bytes, str]:
    if file is None:
        raise ValidationError({"file": "Attach the CSV file as `file` (multipart/form-data)."})
    return file.read(), file.name or ""


# Measures and report cards


@router.get("/measures", response=list[MeasureOut], summary="The measures you may see")
def list_measures(
    request: HttpRequest,
    partnership: int | None = None,
    area: str = "",
    start: date | None = None,
    end: date | None = None,
) -> Any:
    """Narrowed to a partnership's, an area's (and the areas inside it); values in the period."""
    user = _user(request)
    return selectors.measure_views(
        user=user, partnership=_partnership(user, partnership), area=_area(area), start=start, end=end
    )


def _measure_kwargs(user: User, payload: MeasurePatch, *, partial: bool) -> dict[str, Any]:
    data = payload.dict(exclude_unset=partial)
    if "area" in data:
        data["area"] = _area(data["area"])
    if "partnership" in data:
        data["partnership"] = _partnership(user, data["partnership"])
    if "partners" in data:
        data["partners"] = _organisations(data["partners"] or [], "partners")
    for name in ("description", "unit", "story", "other_partners", "what_works", "next_steps"):
        if name in data and data[name] is None:
            data[name] = ""
    return {
        k: v
        for k, v in data.items()
        if not (v is None and k in ("name", "quadrant", "direction", "frequency"))
    }


@router.post("/measures", response={201: MeasureOut}, summary="Add a measure of your organisation")
def create_measure(request: HttpRequest, payload: MeasureIn) -> Any:
    user = _user(request)
    found = services.measure_create(user=user, **_measure_kwargs(user, payload, partial=False))
    return Reply(
        201, selectors.measure_view(user=user, measure=selectors.measure_get(user=user, pk=found.pk))
    )


@router.get("/measures/{int:measure_id}", response=MeasureOut)
def get_measure(
    request: HttpRequest, measure_id: int, start: date | None = None, end: date | None = None
) -> Any:
    user = _user(request)
    found = selectors.measure_get(user=user, pk=measure_id)
    return selectors.measure_view(user=user, measure=found, start=start, end=end)


@router.patch("/measures/{int:measure_id}", response=MeasureOut)
def update_measure(request: HttpRequest, measure_id: int, payload: MeasurePatch) -> Any:
    user = _user(request)
    found = selectors.measure_get(user=user, pk=measure_id)
    data = _measure_kwargs(user, payload, partial=True)
    data.setdefault("partnership", found.partnership)
    services.measure_update(user=user, measure=found, **data)
    return selectors.measure_view(user=user, measure=selectors.measure_get(user=user, pk=found.pk))


@router.post(
    "/measures/{int:measure_id}/values", response=MeasureOut, summary="Enter or replace a period's value"
)
def set_measure_value(request: HttpRequest, measure_id: int, payload: ValueIn) -> Any:
    user = _user(request)
    found = selectors.measure_get(user=user, pk=measure_id)
    if payload.period_start is None or payload.value is None:
        raise ValidationError({"value": "Give the period's first day as `period_start` and the `value`."})
    services.measure_value_set(
        user=user, measure=found, period_start=payload.period_start, value=payload.value, note=payload.note
    )
    return selectors.measure_view(user=user, measure=found)


@router.delete("/measures/{int:measure_id}/values/{int:value_id}", response={204: None})
def delete_measure_value(request: HttpRequest, measure_id: int, value_id: int) -> Any:
    user = _user(request)
    found = selectors.measure_get(user=user, pk=measure_id)
    value = selectors.measure_value_get(measure=found, pk=value_id)
    services.measure_value_remove(user=user, measure=found, value=value)
    return Reply(204, None)


def _imported(run: Any) -> Any:
    try:
        summary = run()
    except ValidationError as error:
        return Reply(422, {"detail": "Nothing was imported.", "errors": error.message_dict})
    return Reply(201, {"added": summary.added, "replaced": summary.replaced, "message": summary.message})


@router.post(
    "/measures/{int:measure_id}/import",
    response={201: ImportOut, 422: ImportRejectedOut},
    summary="Import a measure's values from CSV, all or nothing",
)
def import_measure_values(
    request: HttpRequest, measure_id: int, file: File[UploadedFile | None] = None
) -> Any:
    """Columns: `period` (the first day of the period), `value`, and optionally `note`. If any line
    has a problem nothing is stored, and the 422 lists every problem with its line number."""
    user = _user(request)
    found = selectors.measure_get(user=user, pk=measure_id)
    data, name = _file(file)
    return _imported(
        lambda: services.measure_values_import(user=user, measure=found, data=data, filename=name)
    )


@router.get(
    "/report-cards/{int:partnership_id}", response=ReportCardOut, summary="A partnership's report card"
)
def get_report_card(
    request: HttpRequest, partnership_id: int, start: date | None = None, end: date | None = None
) -> Any:
    user = _user(request)
    partnership = selectors.partnership_get(user=user, pk=partnership_id)
    return selectors.report_card(user=user, partnership=partnership, start=start, end=end)


@router.get("/report-cards/{int:partnership_id}/pdf", response={200: None}, summary="A report card as a PDF")
def get_report_card_pdf(
    request: HttpRequest, partnership_id: int, start: date | None = None, end: date | None = None
) -> HttpResponse:
    user = _user(request)
    partnership = selectors.partnership_get(user=user, pk=partnership_id)
    card = selectors.report_card(user=user, partnership=partnership, start=start, end=end)
    return report_card_download(user=user, card=card)


# The evidence register


@router.get("/evidence-sources", response=list[SourceOut], summary="The evidence register's data sources")
def list_evidence_sources(request: HttpRequest, kind: str = "", partnership: int | None = None) -> Any:
    user = _user(request)
    return evidence.evidence_source_list(user=user, kind=kind, partnership=_partnership(user, partnership))


@router.post("/evidence-sources", response={201: SourceOut}, summary="Add a data source of your organisation")
def create_evidence_source(request: HttpRequest, payload: SourceIn) -> Any:
    user = _user(request)
    data = payload.dict()
    data["partnership"] = _partnership(user, data["partnership"])
    source = services.evidence_source_create(user=user, **data)
    return Reply(201, evidence.evidence_source_get(user=user, pk=source.pk))


@router.get("/evidence-sources/{int:source_id}", response=SourceDetailOut)
def get_evidence_source(
    request: HttpRequest, source_id: int, start: date | None = None, end: date | None = None
) -> Any:
    """The source's figures, area by area (in the period, when one is given)."""
    user = _user(request)
    source = evidence.evidence_source_get(user=user, pk=source_id)
    return evidence.evidence_source_view(user=user, source=source, start=start, end=end)


@router.patch("/evidence-sources/{int:source_id}", response=SourceOut)
def update_evidence_source(request: HttpRequest, source_id: int, payload: SourcePatch) -> Any:
    user = _user(request)
    source = evidence.evidence_source_get(user=user, pk=source_id)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k == "partnership"}
    data["partnership"] = (
        _partnership(user, data["partnership"]) if "partnership" in data else source.partnership
    )
    services.evidence_source_update(user=user, source=source, **data)
    return evidence.evidence_source_get(user=user, pk=source.pk)


@router.post(
    "/evidence-sources/{int:source_id}/import",
    response={201: ImportOut, 422: ImportRejectedOut},
    summary="Import a data source's figures from CSV, all or nothing",
)
def import_evidence_values(
    request: HttpRequest, source_id: int, file: File[UploadedFile | None] = None
) -> Any:
    """Columns: `area` (its code or name), `period` (the first day of the period), `value`, and
    optionally `respondents`. If any line has a problem nothing is stored, and the 422 lists every
    problem with its line number."""
    user = _user(request)
    source = evidence.evidence_source_get(user=user, pk=source_id)
    data, name = _file(file)
    return _imported(
        lambda: services.evidence_values_import(user=user, source=source, data=data, filename=name)
    )


@router.get("/evidence/area", response=AreaEvidenceOut, summary="An area's evidence beside its engagement")
def get_area_evidence(request: HttpRequest, area: str, year: int) -> Any:
    """The data sources' figures for the area in the year from April of `year`, beside the
    activities held there, the neighbourhood priorities and what people told us."""
    found = _area(area)
    if found is None:
        raise ValidationError({"area": "Give the area's code."})
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": "Give a year from 2000 to 2100."})
    return area_evidence(user=_user(request), area=found, year=year)
