"""Background task of a reference-data import: it takes the import's id and calls the service."""

from django_tasks import task

from .import_running import reference_import_execute


@task()
def run_reference_import(import_id: int) -> None:
    reference_import_execute(import_id=import_id)
