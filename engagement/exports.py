"""The activity register as a CSV or XLSX file, for the staff page and the API alike."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from core.permissions import require
from governance.exports import FORMATS, Sheet, export_response
from organisations.models import User

from .selectors import EXPORT_HEADERS, activity_export_rows


def activities_export(
    *, user: User, data: Mapping[str, Any] | None, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    """The register as `user` sees it, narrowed by the filters in `data`, as a file; the export
    is recorded in the audit log with the filters used and the number of rows.
    ValidationError for an unknown format or filters that are not valid."""
    require(user, "engagement.export_activity")
    if file_format not in FORMATS:
        raise ValidationError({"format": "Choose csv or xlsx."})
    rows = activity_export_rows(user=user, data=data)
    used = {name: str(value) for name, value in (data or {}).items() if value not in (None, "")}
    return export_response(
        user=user,
        file_format=file_format,
        filename=f"heard-activities-{timezone.localtime().strftime('%Y%m%d-%H%M')}",
        sheets=[Sheet("Activities", EXPORT_HEADERS, rows)],
        object_type="engagement.activity",
        object_repr=f"{len(rows)} activities as {file_format}",
        changes={"filter": urlencode(sorted(used.items())), "count": len(rows)},
    )
