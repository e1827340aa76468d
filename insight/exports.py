"""An analysis's themes or coded answers as a CSV or XLSX file, for the staff page and the API
alike: the rows come from the reading door (through the reader's text door), and the export is
recorded in the audit log."""

from django.http import HttpResponse, StreamingHttpResponse

from governance.exports import export_response
from organisations.models import User

from .models import AnalysisRun
from .selectors import run_export


def run_download(
    *, user: User, run: AnalysisRun, part: str, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    return export_response(
        user=user,
        file_format=file_format,
        filename=f"analysis-{run.pk}-{part}",
        sheets=[run_export(user=user, run=run, part=part)],
        obj=run,
        changes={"part": part},
    )
