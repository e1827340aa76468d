"""The URL walks (test_url_scoping, test_redaction_matrix) take every app's own part from
`<app>/tests/walk*.py` when it has any, so that an app adds its URLs, the records they name and
how they must behave beside its own code. A walk module may define:

- `OBJECT_URLS`, `COLLECTION_URLS`, `PUBLIC_URLS`, `PUBLIC_OBJECT_URLS`, `UNSCOPED_OBJECT_URLS`:
  as in test_url_scoping;
- `add_records(record, *, police, outsider)`: adds to one activity's `record` dict the app's
  records the scoping walk's URLs name (the walk runs it for an unshared activity and for an
  OFFICIAL-SENSITIVE one the outsider is a partner in);
- `SHOWS_TEXT`, `OTHER_GETS`, `TEXT_WRITES`, `NO_TEXT`: as in test_redaction_matrix;
- `SCHEMA_PATHS`: OpenAPI path of a write operation → the ids in its path, from an
  `add_records` record (api/tests/test_write_schemas.py);
- `add_matrix_records(scene)`: adds to the redaction matrix's scene the app's records, with the
  matrix's planted words (`PLANTED`, `ANSWER`) where they carry residents' words.
"""

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings


def walk_modules() -> list[ModuleType]:
    """Every `<app>/tests/walk*.py` (an app in several parts may have one per part)."""
    found = []
    for app in settings.HEARD_APPS:
        tests = Path(apps.get_app_config(app.rpartition(".")[2]).path) / "tests"
        for path in sorted(tests.glob("walk*.py")):
            found.append(importlib.import_module(f"{app}.tests.{path.stem}"))
    return found


def merged(name: str) -> Any:
    """The union of every walk module's dict or set called `name`."""
    out: Any = None
    for module in walk_modules():
        part = getattr(module, name, None)
        if part is None:
            continue
        if out is None:
            out = type(part)()
        out.update(part)
    return out if out is not None else {}


def hooks(name: str) -> list[Any]:
    return [getattr(m, name) for m in walk_modules() if hasattr(m, name)]
