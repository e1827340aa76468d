"""The activity register as a CSV or XLSX file, for the staff page and the API alike."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from governance.exports import FORMATS, ExportPlan, Later, Sheet, export_plan_response
from organisations.models import User

from .selectors import EXPORT_HEADERS, activity_export_rows, activity_list


def activities_export_plan(*, user: User, data: Mapping[str, Any] | None, file_format: str) -> ExportPlan:
    """The register as `user` sees it, narrowed by the filters in `data`, as an export (sent
    at once, or made in the background when large: engagement/hooks_exports.py). It is
    recorded in the audit log with the filters used and the number of rows.
    ValidationError for an unknown format or filters that are not valid."""
    require(user, "engagement.export_activity")
    if file_format not in FORMATS:
        raise ValidationError({"format": "Choose csv or xlsx."})
    count = activity_list(user=user, data=data).count()
    used = {name: str(value) for name, value in (data or {}).items() if value not in (None, "")}
    return ExportPlan(
        file_format=file_format,
        filename=f"heard-activities-{timezone.localtime().strftime('%Y%m%d-%H%M')}",
        sheets=[
            Sheet(
                gettext("Activities"),
                EXPORT_HEADERS,
                Later(lambda: activity_export_rows(user=user, data=data)),
            )
        ],
        rows=count,
        object_type="engagement.activity",
        object_repr=f"{count} activities as {file_format}",
        changes={"filter": urlencode(sorted(used.items())), "count": count},
    )


def activities_export(
    *, user: User, data: Mapping[str, Any] | None, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    """The export of `activities_export_plan`, sent at once."""
    return export_plan_response(
        user=user, plan=activities_export_plan(user=user, data=data, file_format=file_format)
    )
