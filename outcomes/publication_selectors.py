"""The reading door of the publication scheme: what its page, its API operations and its command
read. A period asked for is checked (the twelve months up to today unless given; an area by its
ONS code); made bundles are their organisation's (`visible_to`); a download is sent and recorded
in the audit log as an export. Ids that name nothing the reader may see are a 404."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone

from core.permissions import require
from core.shortcuts import get_visible_or_404
from governance.exports import safe_filename
from organisations.models import User
from places.models import Area

from .models import BundleState, PublicationBundle
from .publication_making import record_export
from .reports_scope import Period, area_by_code, period_for
from .reports_selectors import year_before

ZIP_MIME = "application/zip"


def bundle_period(
    *, start: date | None = None, end: date | None = None, area: Any = None, today: date | None = None
) -> Period:
    """The period and area asked for, checked: the twelve months up to today unless given, an area
    by its code (every area without one). ValidationError otherwise."""
    today = today or timezone.localdate()
    end = end or today
    start = start or year_before(end)
    chosen: Area | None = area if isinstance(area, Area) else area_by_code(area)
    return period_for(start=start, end=end, area=chosen, today=today)


def bundle_list(*, user: User) -> QuerySet[PublicationBundle]:
    require(user, "outcomes.view_publication_bundles")
    return PublicationBundle.objects.visible_to(user).select_related("area", "requested_by").defer("content")


def bundle_get(*, user: User, pk: Any) -> PublicationBundle:
    require(user, "outcomes.view_publication_bundles")
    bundle = get_visible_or_404(
        PublicationBundle.objects.select_related("area", "requested_by").defer("content"), user, pk
    )
    require(user, "outcomes.view_publication_bundle", bundle)
    return bundle


def bundle_download(*, user: User, bundle: PublicationBundle) -> HttpResponse:
    """A ready bundle's zip, as it was made; Http404 until it is ready."""
    require(user, "outcomes.view_publication_bundle", bundle)
    if bundle.state != BundleState.DONE:
        raise Http404("The bundle is not ready yet.")
    content = PublicationBundle.objects.values_list("content", flat=True).get(pk=bundle.pk)
    record_export(actor=user, obj=bundle, manifest=bundle.manifest, downloaded=True)
    response = HttpResponse(bytes(content), content_type=ZIP_MIME)
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(bundle.filename)}"'
    return response
