"""Writing many rows fast: PostgreSQL's COPY (psycopg 3) for the big tables, `executemany` on
SQLite, both inside the caller's transaction. Rows are tuples in the order of `columns`, with
values the database takes as they are (see `Values`)."""

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from django.db import connection
from django.db.models import Model

BATCH = 20_000


class Values:
    """Turns Python values into what the current database stores, once per value: SQLite keeps
    datetimes as naive UTC text and booleans as 0/1 (as Django writes them)."""

    def __init__(self) -> None:
        self.sqlite = connection.vendor == "sqlite"

    def moment(self, value: datetime) -> Any:
        if not self.sqlite:
            return value
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")

    def day(self, value: date) -> Any:
        return value.isoformat() if self.sqlite else value

    def flag(self, value: bool) -> Any:
        return int(value) if self.sqlite else value


def table(model: type[Model]) -> str:
    return model._meta.db_table


def write_rows(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert `rows` into `model`'s table; returns how many."""
    name = connection.ops.quote_name(table(model))
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
            return written
        marks = ", ".join("%s" for _ in columns)
        sql = f"INSERT INTO {name} ({names}) VALUES ({marks})"  # noqa: S608 - quoted model names
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


def next_id(model: type[Model]) -> int:
    found = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return int(found or 0) + 1


def reset_sequences(models: Sequence[type[Model]]) -> None:
    """After rows were written with their own ids, PostgreSQL's sequences must move past them
    (SQLite's AUTOINCREMENT follows by itself)."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)
