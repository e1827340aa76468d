"""Background tasks: they take ids and call the pipeline."""

from django_tasks import task

from .pipeline import analysis_run_execute


@task()
def run_analysis(run_id: int) -> None:
    analysis_run_execute(run_id=run_id)
