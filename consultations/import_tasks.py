"""Background task of a response import: it takes the import's id and calls the service."""

from django_tasks import task

from .import_running import response_import_execute


@task()
def run_response_import(import_id: int) -> None:
    response_import_execute(import_id=import_id)
