"""What every import shares: the summary it returns, the failure it raises, the rank of
each area level, progress bars, chunked look-ups by area code, area creation and the
audit record."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from tqdm import tqdm

from governance.models import AuditAction
from governance.services import audit_record
from places.models import Area, AreaLevel
from places.services import area_get_or_create

CHUNK = 900  # below every database's limit on query parameters

# Finer levels first: a child's level always ranks below its parent's.
LEVEL_RANK = {
    AreaLevel.LSOA: 0,
    AreaLevel.MSOA: 1,
    AreaLevel.NEIGHBOURHOOD: 2,
    AreaLevel.DISTRICT: 3,
    AreaLevel.FORCE: 4,
    AreaLevel.REGION: 5,
    AreaLevel.COUNTRY: 6,
}


class ImportFailed(Exception):
    """A file could not be imported and nothing was written. The message is for people."""


@dataclass
class ImportSummary:
    """What an import did. `created`/`updated`/`unchanged` count the import's own records
    (population counts, area links, boundaries, postcodes); `extra` holds side effects."""

    what: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: int = 0
    areas_created: int = 0
    extra: dict[str, int] = field(default_factory=dict)
    unit: str = "rows"

    def counts(self) -> dict[str, int]:
        return {
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "skipped": self.skipped,
            "areas_created": self.areas_created,
            **self.extra,
        }

    def __str__(self) -> str:
        text = (
            f"{self.what}: {self.read:,} {self.unit} read; {self.created:,} created, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged"
        )
        for label, value in (
            ("deleted", self.deleted),
            ("skipped", self.skipped),
            ("areas created", self.areas_created),
            *self.extra.items(),
        ):
            if value:
                text += f", {value:,} {label}"
        return text + "."


def _bar(enabled: bool, desc: str, total: int | None = None) -> tqdm[Any]:
    """A progress bar on stderr; tqdm hides it by itself when stderr is not a terminal."""
    return tqdm(
        total=total, desc=desc, unit=" rows", file=sys.stderr, disable=None if enabled else True, leave=False
    )


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _areas_by_code(codes: Iterable[str]) -> dict[str, Area]:
    codes = list(dict.fromkeys(codes))
    found: dict[str, Area] = {}
    for chunk in _chunks(codes):
        found.update({a.code: a for a in Area.objects.filter(code__in=chunk)})
    return found


def _messages(exc: ValidationError) -> str:
    return "; ".join(exc.messages)


def _create_area(code: str, name: str, level: str, where: str) -> Area:
    try:
        area, _ = area_get_or_create(code=code, name=name or code, level=level)
    except ValidationError as exc:
        raise ImportFailed(f"{where}: cannot create area {code!r}: {_messages(exc)}") from None
    return area


def _audit(summary: ImportSummary, object_type: str, files: Sequence[Path], actor: Any) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type=object_type,
        object_repr=f"{summary.what}: " + ", ".join(p.name for p in files),
        changes={"files": [p.name for p in files], **summary.counts()},
    )
