"""Background task of an export: it takes the job's id and calls the service."""

from django_tasks import task

from .export_running import export_job_execute


@task()
def run_export_job(job_id: int) -> None:
    export_job_execute(job_id=job_id)
