"""The shapes of api/audit.py's answers."""

from datetime import date, datetime

from ninja import Field, Schema


class ReportFilters(Schema):
    partnership: int | None = Field(
        None, description="A partnership of yours: its members' activities. Omitted: every organisation's."
    )
    area: str | None = Field(None, description="ONS code of an area (by default the partnership's).")
    since: date | None = Field(None, description="From this day (by default a year ago).")
    until: date | None = Field(None, description="To this day (by default six months ahead).")


class ActivityLineOut(Schema):
    id: int
    title: str
    organisation: str
    police: bool
    method: str
    purpose: str
    audiences: list[str] = Field(description="The audiences it targets; empty: the whole community.")
    whole_community: bool
    areas: list[str]
    starts: date
    ends: date | None
    venue: str
    cost: float | None = Field(description="Its budget in pounds, when given.")
    contact: str


class TargetingOut(Schema):
    organisation: str
    police: bool
    specific: int = Field(description="Activities aimed at specific audiences.")
    whole_community: int


class GapOut(Schema):
    audience: str
    areas: list[str] = Field(description="The wards partners reach it in and no police activity does.")
    partner_activities: list[int] = Field(description="The partner activities that reach them there.")


class PiggybackOut(Schema):
    police_activity: int
    partner_activity: int
    reason: str
    advice: str
    score: float
    police_cost: float | None
    partner_cost: float | None
    proposal: str = Field(description="What was proposed between the two, in words (empty: nothing yet).")


class SharedOut(Schema):
    what: str
    organisations: list[str]
    areas: list[str]
    activities: list[int]


class AreaOut(Schema):
    code: str
    name: str


class AuditReportOut(Schema):
    partnership: str | None
    area: AreaOut
    since: date
    until: date
    police: list[str]
    partners: list[str]
    activities: list[ActivityLineOut]
    targeting: list[TargetingOut]
    gaps: list[GapOut]
    piggybacks: list[PiggybackOut]
    shared_methods: list[SharedOut]
    shared_venues: list[SharedOut]
    shared_audiences: list[SharedOut]


class ColumnOut(Schema):
    header: str = Field(description="The file's header.")
    column: str = Field(description="The template's column it is read as.")


class PreviewOut(Schema):
    rows: int
    columns: list[ColumnOut]
    ignored_columns: list[str]
    problems: list[str]
    mapping: dict[str, dict[str, str]] = Field(
        description="For organisations, methods and audiences: each wording of the file and the slug it is "
        'taken to be ("" where you must choose; "-" leaves an audience out).'
    )


class RowErrorOut(Schema):
    line: int
    problems: list[str]


class ImportRejectedOut(Schema):
    detail: str
    problems: list[str]
    line_word: str
    errors: list[RowErrorOut]


class ImportedActivityOut(Schema):
    id: int
    title: str
    led_by: str


class ImportOut(Schema):
    id: int
    partnership: str
    organisation: str | None
    imported_by: str
    file_name: str
    imported_at: datetime
    state: str
    rows: int
    created: int
    skipped: int = Field(description="Rows already in the register, left out.")
    activities: list[ImportedActivityOut]
    activities_not_shown: int
    undone_at: datetime | None
    can_undo: bool
    cannot_undo: list[str]


class FigureOut(Schema):
    key: str
    label: str
    value: int
    detail: str
    url: str = Field(description="The staff page behind the number.")


class QuarterOut(Schema):
    starts: date
    ends: date


class UnderOut(Schema):
    dimension: str
    groups: list[str]


class DashboardOut(Schema):
    organisation: str | None
    partnerships: list[str]
    area: AreaOut | None
    quarter: QuarterOut
    figures: list[FigureOut]
    under_represented: list[UnderOut]
