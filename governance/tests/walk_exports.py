"""Exports made in the background: their part of the URL walks (heard/tests/walks.py).

Scoping: an export job is seen by the person who asked for it only, so another organisation's
staff (and anyone else) get a 404 for its page, its file and its API answers; the lists show
their own jobs only. Redaction: a job's page and the API say how it is going, never its rows;
its file is the requester's own (governance/tests/test_export_jobs.py checks that a partner's
file is redacted exactly as the direct download)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from governance.export_models import ExportJob, ExportState
from organisations.tests.factories import UserFactory

Record = dict[str, Any]


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    """A finished export of the activity, asked for by one of the police's staff."""
    title = record["activity"].title
    record["export_job"] = ExportJob.objects.create(
        kind="engagement.activities",
        label=f"Activities: {title}",
        parameters={"format": "csv", "query": "", "record": None, "part": ""},
        file_format="csv",
        requested_by=UserFactory(organisation=police),
        organisation_id=police.pk,
        state=ExportState.DONE,
        progress=100,
        expires_at=timezone.now() + timedelta(days=7),
        file_name="heard-activities.csv",
        content_type="text/csv",
        content=f"Title\n{title}\n".encode(),
    )


def _job(r: Record) -> dict[str, Any]:
    return {"pk": r["export_job"].pk}


def _api_job(r: Record) -> dict[str, Any]:
    return {"export_id": r["export_job"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "exports:detail": _job,
    "exports:download": _job,
    "api:get_export": _api_job,
    "api:download_export": _api_job,
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "exports:list": {},
    "api:list_exports": {},
    "api:list_export_kinds": {},
    "api:create_export": {},
}
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "exports:list": lambda s: {},
    "api:list_exports": lambda s: {},
    "api:list_export_kinds": lambda s: {},
}
NO_TEXT: dict[str, str] = {
    "exports:detail": "the requester's own export only, its progress and not its rows (404 for anyone else)",
    "exports:download": "the requester's own file only, made through the same doors as the direct download",
    "api:get_export": "the requester's own export only, its progress and not its rows (404 for anyone else)",
    "api:download_export": "the requester's own file only, made through the same doors as the direct download",
    "api:create_export": "returns the export's progress, not its rows",
}
