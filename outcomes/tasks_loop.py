"""The feedback loop's background task: it takes ids and calls the sending service, so that no
address or words sit in the task queue (the task reads them when it runs)."""

from django_tasks import task

from .loop_dispatch import personal_updates_send


@task()
def send_personal_updates(feedback_id: int, site_url: str) -> int:
    """Send the personal updates of a publication; returns how many messages went."""
    dispatch = personal_updates_send(feedback_id=feedback_id, site_url=site_url)
    return dispatch.personal + dispatch.general if dispatch else 0
