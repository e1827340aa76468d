"""What every import shares: the summary it returns, the failure it raises, the rank of
each area level, progress bars (which also report to a callback, such as a background job's
progress), chunked look-ups by area code, area creation and the audit record."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
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

# Told how much of an import is done, from 0.0 to 1.0 (places/import_running.py shows it as a
# percentage on the import's page).
OnProgress = Callable[[float], None]

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


class _Bar:
    """A progress bar on stderr (tqdm hides it by itself when stderr is not a terminal) that also
    tells `on_progress` how far the import is: `span` is this stage's share of the whole import,
    so an import in stages (read, then store) reports one steady rise from 0 to 1."""

    def __init__(
        self,
        enabled: bool,
        desc: str,
        total: int | None,
        on_progress: OnProgress | None,
        span: tuple[float, float],
    ) -> None:
        self.tqdm: tqdm[Any] = tqdm(
            total=total,
            desc=desc,
            unit=" rows",
            file=sys.stderr,
            disable=None if enabled else True,
            leave=False,
        )
        self.total, self.done = total, 0
        self.on_progress, self.span = on_progress, span

    def update(self, n: int = 1) -> None:
        self.tqdm.update(n)
        self.done += n
        if self.on_progress is not None and self.total:
            start, end = self.span
            self.on_progress(start + (end - start) * min(self.done / self.total, 1.0))

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.tqdm.close()
        if self.on_progress is not None and exc[0] is None:
            self.on_progress(self.span[1])


def _bar(
    enabled: bool,
    desc: str,
    total: int | None = None,
    on_progress: OnProgress | None = None,
    span: tuple[float, float] = (0.0, 1.0),
) -> _Bar:
    return _Bar(enabled, desc, total, on_progress, span)


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
