"""Reference-data imports' part of the URL walks (heard/tests/walks.py).

Only superusers start or see imports (places/rules.py): every user of an organisation, whatever
their role, gets a 403 from the pages and the API. The imports hold Census and ONS reference data,
never residents' words."""

from collections.abc import Callable
from typing import Any

from places.models import ReferenceImport, ReferenceImportState, ReferenceKind

Record = dict[str, Any]


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    record["reference_import"] = ReferenceImport.objects.create(
        kind=ReferenceKind.CENSUS,
        file_name="census.csv",
        state=ReferenceImportState.DONE,
        progress=100,
        summary="Census import: 2 rows read; 2 created, 0 updated, 0 unchanged.",
    )


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "reference:import_detail": lambda r: {"pk": r["reference_import"].pk},
    "api:get_reference_import": lambda r: {"import_id": r["reference_import"].pk},
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "reference:import_list": {},
    "reference:import_upload": {},
    "api:list_reference_imports": {},
    "api:start_reference_import": {},
}
NO_TEXT: dict[str, str] = dict.fromkeys(
    (*OBJECT_URLS, *COLLECTION_URLS), "Census and ONS reference data, for superusers only"
)
