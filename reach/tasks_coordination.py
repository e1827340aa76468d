"""Background tasks of coordination: they take ids and call a service; and the receiver that
queues the wards' neighbours to be worked out again when a boundary changes."""

from typing import Any

from django.db import transaction
from django_tasks import task

from places.models import AreaBoundary

from .coordination_emails import proposal_notice_send
from .coordination_neighbours import area_neighbours_refresh


@task()
def refresh_area_neighbours() -> int:
    return area_neighbours_refresh()


@task()
def send_proposal_notice(proposal_id: int, event: str, site_url: str) -> int:
    """E-mail the other side of a joint-working proposal that it was made, accepted or declined."""
    return proposal_notice_send(proposal_id=proposal_id, event=event, site_url=site_url)


def _enqueue_refresh() -> None:
    refresh_area_neighbours.enqueue()


def schedule_refresh() -> None:
    """Queue one refresh for when the current transaction commits (at once outside one): the
    first boundary changed in a transaction queues it, the others find it queued."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is _enqueue_refresh for entry in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_refresh)


def on_boundary_changed(sender: Any, instance: AreaBoundary, **kwargs: Any) -> None:
    """Receiver for AreaBoundary's post_save and post_delete."""
    if kwargs.get("raw"):
        return
    schedule_refresh()
