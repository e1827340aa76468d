"""An analysis's themes or coded answers as a CSV or XLSX file, for the staff page and the API
alike: the rows come from the reading door (through the reader's text door), and the export is
recorded in the audit log. A large one is made in the background (insight/hooks_exports.py)."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext

from core.permissions import require
from governance.exports import FORMATS, ExportPlan, Later, Sheet, export_plan_response
from organisations.models import User

from .models import AnalysisRun, Theme
from .selectors import CODED_HEADERS, EXPORT_PARTS, THEME_HEADERS, run_export


def run_export_plan(*, user: User, run: AnalysisRun, part: str, file_format: str) -> ExportPlan:
    """The export of `run_export`'s sheet, its rows counted now and read when written."""
    require(user, "insight.export_run", run)
    if part not in EXPORT_PARTS or file_format not in FORMATS:
        raise ValidationError(gettext("Choose themes or answers, as csv or xlsx."))
    themes = Theme.objects.visible_to(user).filter(run=run)
    if part == "themes":
        title, headers, count = "themes", THEME_HEADERS, themes.count()
    else:
        coded = run.coded_answers.filter(Q(theme=None) | Q(theme__in=themes.values("pk")))
        title, headers, count = "answers", CODED_HEADERS, coded.count()
    return ExportPlan(
        file_format=file_format,
        filename=f"analysis-{run.pk}-{part}",
        sheets=[Sheet(title, headers, Later(lambda: run_export(user=user, run=run, part=part).rows))],
        rows=count,
        obj=run,
        changes={"part": part},
    )


def run_download(
    *, user: User, run: AnalysisRun, part: str, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    return export_plan_response(
        user=user, plan=run_export_plan(user=user, run=run, part=part, file_format=file_format)
    )
