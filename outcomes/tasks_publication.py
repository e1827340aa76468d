"""The publication scheme's background task: it takes the bundle's id and calls the making
service, so that nothing but an id sits in the task queue."""

from django_tasks import task

from .publication_making import publication_bundle_execute


@task()
def make_publication_bundle(bundle_id: int) -> str:
    """Make a queued bundle; returns the state it ended in."""
    return str(publication_bundle_execute(bundle_id=bundle_id).state)
