"""The reports' background task: it takes the report's id and calls the making service, so that
nothing but an id sits in the task queue."""

from django_tasks import task

from .reports_making import report_execute


@task()
def make_report(report_id: int) -> str:
    """Make a queued report; returns the state it ended in."""
    return str(report_execute(report_id=report_id).state)
