"""Background tasks: they take ids and call the pipeline or the coding."""

from django.conf import settings
from django_tasks import task

from .coding import coding_job_execute, coding_job_new
from .models import CodingJob, RunState
from .pipeline import analysis_run_execute
from .scope import run_answers


@task()
def run_analysis(run_id: int) -> None:
    """The analysis; then, unless `HEARD_CODE_AFTER_ANALYSIS` is off, coding its answers to the
    policing codeframe."""
    run = analysis_run_execute(run_id=run_id)
    if run.state != RunState.DONE or not getattr(settings, "HEARD_CODE_AFTER_ANALYSIS", True):
        return
    answer_ids = list(run_answers(run).values_list("pk", flat=True))
    if answer_ids:
        job = coding_job_new(organisation_id=run.organisation_id, answer_ids=answer_ids)
        enqueue_coding(job.pk)


@task()
def code_answers(job_id: int) -> None:
    coding_job_execute(job_id=job_id)


def enqueue_coding(job_id: int) -> None:
    """Queue a coding job's task, keeping its id so the worker's sweep can tell a lost one."""
    result = code_answers.enqueue(job_id)
    CodingJob.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id))
