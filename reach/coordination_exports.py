"""The duplicates report as a CSV or XLSX file, for the staff page and the API alike."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from governance.exports import FORMATS, Sheet, export_response
from organisations.models import User

from .coordination_selectors import EXPORT_HEADERS, duplicates_list, export_rows


def duplicates_export(
    *, user: User, data: Mapping[str, Any] | None, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    """The report as `user` sees it, narrowed by the filters in `data`, as a file, recorded in
    the audit log with the filters used. ValidationError for an unknown format or filters that
    are not valid."""
    require(user, "reach.export_coordination")
    if file_format not in FORMATS:
        raise ValidationError({"format": "Choose csv or xlsx."})
    rows = export_rows(matches=duplicates_list(user=user, data=data))
    used = {
        name: str(value)
        for name, value in (data or {}).items()
        if value not in (None, "") and name not in ("format", "page")
    }
    return export_response(
        user=user,
        file_format=file_format,
        filename=f"heard-duplicates-{timezone.localtime().strftime('%Y%m%d-%H%M')}",
        sheets=[Sheet(gettext("Duplicates and piggybacking"), EXPORT_HEADERS, rows)],
        object_type="reach.duplicates_report",
        object_repr=f"{len(rows)} pairs of partner activities as {file_format}",
        changes={"filter": urlencode(sorted(used.items())), "count": len(rows)},
    )
