"""The retention run's background task: it takes the run's id and calls the service, so that
nothing about the records sits in the task queue."""

from django_tasks import task

from .retention_running import retention_carry_out


@task()
def carry_out_retention(run_id: int) -> int:
    """Carry out the pending retention decisions; returns how many records were changed."""
    run = retention_carry_out(run_id=run_id)
    if run is None:
        return 0
    return sum(sum(by_action.values()) for by_action in run.counts.values())
