"""The shapes of the reports' API (api/reports.py): a report and its progress, what asking for
one takes, and the board's numbers."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


class ReportOut(Schema):
    id: int
    kind: str = Field(..., description="annual (the annual outcome report) or evidence (an evidence pack)")
    title: str
    year: int | None
    start: date
    end: date
    area: str | None = Field(..., description="The area's ONS code; null for every area")
    state: str = Field(..., description="queued, running, done or failed")
    state_label: str
    progress: int = Field(..., description="From 0 to 100")
    error: str
    as_at: date | None = Field(..., description="The day its figures stand at, once made")
    created_at: datetime
    finished_at: datetime | None
    pdf: str = Field(..., description="Where to download its PDF, once it is done")
    html: str = Field(..., description="Where to download it as HTML, once it is done")


class AnnualReportIn(Schema):
    year: int = Field(..., description="The year, from 2000 to this year")
    area: str = Field("", max_length=12, description="An ONS area code; empty for every area")


class EvidencePackIn(Schema):
    start: date | None = Field(None, description="The first day; the twelve months up to `end` if empty")
    end: date | None = Field(None, description="The last day; today if empty")
    area: str = Field("", max_length=12, description="An ONS area code; empty for every area")
    target: int | None = Field(None, description="A target profile to compare victims of crime with")


class BoardOut(Schema):
    year: int
    area: str | None
    as_at: date
    suppressed_below: int | None
    tiles: list[dict[str, Any]]
    figures: dict[str, Any]
