"""Areas, population profiles and audiences over HTTP. Area data is public Census data, so
it is not scoped by organisation; like every staff endpoint it needs a staff member."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from organisations.predicates import is_staff_member
from places.models import Area, AreaBoundary, AreaLevel, Audience
from places.profiles import area_profile

router = Router(tags=["places"])


def _staff(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


class AreaRef(Schema):
    code: str
    name: str
    level: str


class AreaOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None = Field(None, description="Code of the area this one sits in.")
    has_boundary: bool

    @staticmethod
    def resolve_parent(obj: Area) -> str | None:
        return obj.parent.code if obj.parent else None

    @staticmethod
    def resolve_has_boundary(obj: Area) -> bool:
        annotated = getattr(obj, "has_boundary", None)  # the list annotates it: no query per row
        return bool(annotated) if annotated is not None else hasattr(obj, "boundary")


class AreaDetailOut(AreaOut):
    msoa: str | None = Field(None, description="For an LSOA: the MSOA it sits in.")
    ancestors: list[AreaRef] = Field(description="From the top of the tree down to the parent.")
    children: list[AreaRef]
    boundary: dict[str, Any] | None = Field(None, description="GeoJSON geometry (WGS84).")

    @staticmethod
    def resolve_boundary(obj: Area) -> dict[str, Any] | None:
        boundary = getattr(obj, "boundary", None)
        return boundary.geometry if boundary is not None else None

    @staticmethod
    def resolve_msoa(obj: Area) -> str | None:
        return obj.msoa.code if obj.msoa else None

    @staticmethod
    def resolve_ancestors(obj: Area) -> list[Area]:
        codes = obj.path.strip("/").split("/")[:-1]
        found = {a.code: a for a in Area.objects.filter(code__in=codes).only("code", "name", "level")}
        return [found[c] for c in codes if c in found]

    @staticmethod
    def resolve_children(obj: Area) -> list[Area]:
        return list(obj.children.only("code", "name", "level").order_by("name"))


class ProfileOut(Schema):
    code: str
    name: str
    population: int | None
    dimensions: dict[str, dict[str, int]] = Field(
        description="Counts per category of each dimension the data has (age bands in order)."
    )


class AudienceOut(Schema):
    slug: str
    name: str
    kind: str
    description: str
    dimension: str
    categories: list[str]


class AreaFilters(Schema):
    level: AreaLevel | None = None
    parent: str | None = Field(None, description="Code of the parent area: its direct children.")
    q: str | None = Field(None, description="Part of the name or code.")


@router.get("/areas", response=list[AreaOut])
@paginate(PageNumberPagination)
def list_areas(request: HttpRequest, filters: Query[AreaFilters]) -> Any:
    _staff(request)
    areas = Area.objects.select_related("parent").annotate(
        has_boundary=Exists(AreaBoundary.objects.filter(area=OuterRef("pk")))
    )
    if filters.level:
        areas = areas.filter(level=filters.level)
    if filters.parent:
        areas = areas.filter(parent__code=filters.parent.strip().upper())
    if filters.q:
        term = filters.q.strip()
        areas = areas.filter(Q(name__icontains=term) | Q(code__iexact=term))
    return areas.order_by("name", "code")


def _area(code: str) -> Area:
    found = (
        Area.objects.select_related("parent", "msoa", "boundary").filter(code=code.strip().upper()).first()
    )
    if found is None:
        raise Http404("No such area.")
    return found


@router.get("/areas/{code}", response=AreaDetailOut)
def get_area(request: HttpRequest, code: str) -> Any:
    _staff(request)
    return _area(code)


@router.get("/areas/{code}/profile", response=ProfileOut)
def get_area_profile(request: HttpRequest, code: str) -> Any:
    _staff(request)
    return area_profile(_area(code))


@router.get("/audiences", response=list[AudienceOut])
def list_audiences(request: HttpRequest) -> Any:
    _staff(request)
    return Audience.objects.filter(is_active=True)
