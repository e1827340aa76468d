"""The demo's large export (issue 11, "Long work is background work with progress"): the
engagement officer's "Your exports" page shows the activity register as an Excel file made in
the background, ready to download. Made through the same services as the export link, so its
download is audited like any other export."""

from django.http import QueryDict

from engagement.exports import activities_export_plan
from engagement.hooks_exports import ACTIVITIES
from governance.export_jobs import export_job_start
from governance.export_kinds import export_parameters
from governance.export_models import ExportJob
from governance.export_running import export_job_execute
from organisations.models import User


def demo_load_exports(*, officer: User) -> int:
    """The officer's finished export of the register, made once. Returns how many were made now."""
    if ExportJob.objects.filter(requested_by=officer, kind=ACTIVITIES).exists():
        return 0
    plan = activities_export_plan(user=officer, data=QueryDict(""), file_format="xlsx")
    job = export_job_start(
        user=officer, kind=ACTIVITIES, parameters=export_parameters(file_format="xlsx"), plan=plan
    )
    export_job_execute(job_id=job.pk)  # made now: the task queued with it finds it done
    return 1
