"""A background task's pulse: while a long task runs, a thread of its own stamps the row that
tracks it (`heartbeat_at`) every few seconds. The stamps stop when the process stops — a worker
killed mid-task leaves a row whose stamp goes stale, and whoever reads it next can mark it failed
instead of showing "running" for ever. Shared by every task that tracks its progress in a row
(analyses, reports)."""

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.utils import timezone

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5


class Heartbeat:
    """`with Heartbeat(rows, name):` stamps `rows` (a queryset, e.g. the one running row) every
    `HEARTBEAT_SECONDS` while the block runs. `fields()`, if given, is written with each stamp:
    progress made inside a transaction, which other connections cannot see until it ends."""

    def __init__(
        self, rows: QuerySet[Any], name: str, fields: Callable[[], dict[str, Any]] | None = None
    ) -> None:
        self.rows = rows
        self.name = name
        self.fields = fields
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"{name}-heartbeat", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=HEARTBEAT_SECONDS * 2)

    def _beat(self) -> None:
        try:
            while not self.stop.wait(HEARTBEAT_SECONDS):
                self.rows.update(heartbeat_at=timezone.now(), **(self.fields() if self.fields else {}))
        except DatabaseError:  # e.g. an in-memory test database this thread cannot see
            logger.debug("Heartbeat of %s stopped", self.name, exc_info=True)
        finally:
            connection.close()
