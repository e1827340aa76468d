"""Request and response schemas of the measures and plans API (api/measures.py). Responses are
read from the views the reading doors return (outcomes.measures_selectors,
outcomes.measures_plan_selectors, outcomes.measures_evidence): what a page shows, the API shows."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from outcomes.measures_periods import Frequency
from outcomes.models import Direction, EvidenceKind, Quadrant, StrategyRag


class ValueOut(Schema):
    id: int = Field(..., alias="pk")
    period_start: date = Field(..., description="The first day of the period")
    period: str = Field(..., alias="period_label", description="The period in words")
    value: Decimal
    text: str = Field(..., description="The value as the pages show it, with its unit")
    note: str
    respondents: int | None


class MeasureOut(Schema):
    id: int = Field(..., alias="measure.pk")
    name: str = Field(..., alias="measure.name")
    quadrant: str = Field(..., alias="measure.quadrant")
    organisation: str = Field(..., alias="owner")
    partnership: str
    area: str
    description: str
    unit: str = Field(..., alias="measure.unit")
    direction: str = Field(..., alias="measure.direction")
    frequency: str = Field(..., alias="measure.frequency")
    baseline: str = Field(..., description="In words, with its period")
    target: str = Field(..., description="In words, with its period")
    story: str = Field(..., description="The story behind the curve")
    partners: list[str]
    what_works: str
    next_steps: str
    trend: str
    against_target: str
    values: list[ValueOut]


class MeasurePatch(Schema):
    name: str | None = Field(None, max_length=200)
    quadrant: Quadrant | None = None
    description: str | None = None
    partnership: int | None = Field(None, description="A partnership your organisation is a member of")
    area: str | None = Field(None, max_length=12, description="An area code")
    unit: str | None = Field(None, max_length=40)
    direction: Direction | None = None
    frequency: Frequency | None = None
    baseline: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    baseline_period: date | None = None
    target: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    target_period: date | None = None
    story: str | None = None
    partners: list[str] | None = Field(None, description="Organisation slugs")
    other_partners: str | None = Field(None, max_length=300)
    what_works: str | None = None
    next_steps: str | None = None


class MeasureIn(MeasurePatch):
    name: str = Field(..., max_length=200)
    quadrant: Quadrant


class ValueIn(Schema):
    period_start: date | None = Field(None, description="The first day of the period (required)")
    value: Decimal | None = Field(None, max_digits=14, decimal_places=2, description="Required")
    note: str = Field("", max_length=300)


class ImportOut(Schema):
    added: int
    replaced: int
    message: str


class ImportRejectedOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class QuadrantOut(Schema):
    quadrant: str
    title: str
    measures: list[MeasureOut]


class ReportCardOut(Schema):
    partnership: str = Field(..., alias="partnership.name")
    members: list[str]
    objectives: list[str]
    quadrants: list[QuadrantOut] = Field(..., alias="groups")


class SourceOut(Schema):
    id: int
    name: str
    kind: str
    organisation: str = Field(..., alias="organisation.name")
    partnership: int | None = Field(None, alias="partnership_id")
    unit: str
    direction: str
    frequency: str


class AreaSeriesOut(Schema):
    area: str = Field(..., alias="area.code")
    area_name: str = Field(..., alias="area.name")
    values: list[ValueOut] = Field(..., alias="rows")


class SourceDetailOut(Schema):
    source: SourceOut
    description: str
    areas: list[AreaSeriesOut] = Field(..., alias="series")


class SourceIn(Schema):
    name: str = Field(..., max_length=200)
    kind: EvidenceKind
    description: str = ""
    partnership: int | None = None
    unit: str = Field("", max_length=40)
    direction: Direction = Direction.HIGHER
    frequency: Frequency = Frequency.QUARTER


class SourcePatch(Schema):
    name: str | None = Field(None, max_length=200)
    kind: EvidenceKind | None = None
    description: str | None = None
    partnership: int | None = None
    unit: str | None = Field(None, max_length=40)
    direction: Direction | None = None
    frequency: Frequency | None = None


class SourceForAreaOut(Schema):
    source: SourceOut
    values: list[ValueOut] = Field(..., alias="series.rows")


class ActivityBriefOut(Schema):
    id: int
    title: str
    starts_at: datetime
    status: str


class PriorityBriefOut(Schema):
    label: str
    rank: int
    area: str = Field(..., alias="area.code")
    quarter: str


class EvidenceItemOut(Schema):
    text: str
    detail: str
    url: str


class EvidenceSectionOut(Schema):
    title: str
    items: list[EvidenceItemOut]


class AreaEvidenceOut(Schema):
    area: str = Field(..., alias="area.code")
    area_name: str = Field(..., alias="area.name")
    year: int
    start: date
    end: date
    sources: list[SourceForAreaOut]
    activities: list[ActivityBriefOut]
    priorities: list[PriorityBriefOut]
    findings: list[EvidenceSectionOut] = Field(..., alias="sections")


class ActionOut(Schema):
    id: int = Field(..., alias="action.pk")
    partnership: int = Field(..., alias="action.partnership_id")
    action: str = Field(..., alias="text")
    lead_agencies: list[str]
    progress: str
    risks: str
    next_steps: str
    timescale: str
    due: date | None
    rag: str
    rag_reason: str
    rag_set_by: str
    rag_set_at: datetime
    updated_at: datetime


class UpdateOut(Schema):
    at: datetime
    by: str
    rag_before: str
    rag: str
    reason: str
    changed: list[str]
    progress: str
    risks: str
    next_steps: str
    timescale: str


class ActionDetailOut(Schema):
    action: ActionOut
    history: list[UpdateOut]


class ActionIn(Schema):
    """`action`, `rag` and `rag_reason` are required (checked after the partnership is found)."""

    action: str = Field("", max_length=500)
    lead_agencies: list[str] = Field([], description="Organisation slugs")
    other_leads: str = Field("", max_length=300)
    progress: str = ""
    risks: str = ""
    next_steps: str = ""
    timescale: str = Field("", max_length=200)
    due: date | None = None
    rag: StrategyRag | None = None
    rag_reason: str = Field("", description="Why the action has this status")


class ActionPatch(Schema):
    action: str | None = Field(None, max_length=500)
    lead_agencies: list[str] | None = Field(None, description="Organisation slugs")
    other_leads: str | None = Field(None, max_length=300)
    due: date | None = None


class ActionUpdateIn(Schema):
    progress: str | None = Field(None, description="Left out: kept as it is")
    risks: str | None = None
    next_steps: str | None = None
    timescale: str | None = Field(None, max_length=200)
    rag: StrategyRag | None = Field(None, description="Left out: kept as it is")
    rag_reason: str = Field("", description="Needed when the status changes")
    from_rag: StrategyRag | None = Field(
        None,
        description="The status you last saw. If somebody has set another since, nothing changes and the "
        "answer is a 409 giving the status now.",
    )


class PlanItemOut(Schema):
    id: int = Field(..., alias="item.pk")
    activity: int = Field(..., alias="activity.pk")
    title: str = Field(..., alias="activity.title")
    starts_at: datetime = Field(..., alias="starts")
    quarter: str
    areas: str
    lead: str
    note: str


class PlanChangeOut(Schema):
    at: datetime
    by: str
    kind: str
    activity: str
    reason: str


class PlanOut(Schema):
    id: int = Field(..., alias="plan.pk")
    partnership: int = Field(..., alias="plan.partnership_id")
    partnership_name: str = Field(..., alias="plan.partnership.name")
    year: int = Field(..., alias="plan.year")
    year_words: str
    state: str = Field(..., alias="plan.state")
    agreed_by: str = Field(..., alias="plan.agreed_by_name")
    agreed_at: datetime | None = Field(None, alias="plan.agreed_at")
    agreed_where: str = Field(..., alias="plan.agreed_where")
    introduction: str
    activities: list[PlanItemOut] = Field(..., alias="items")
    not_shared: int = Field(..., alias="hidden", description="Activities in the plan not shared with you")
    changes: list[PlanChangeOut]


class PlanSummaryOut(Schema):
    id: int
    partnership: int = Field(..., alias="partnership_id")
    year: int
    state: str
    agreed_at: datetime | None


class PlanIn(Schema):
    partnership: int
    year: int = Field(..., description="The calendar year the plan's year starts in (April)")
    introduction: str = ""


class PlanActivityIn(Schema):
    activity: int | None = Field(None, description="The activity's id (required)")
    note: str = Field("", max_length=300)
    reason: str = Field("", description="Needed once the plan is agreed")


class PlanRemoveIn(Schema):
    reason: str = Field("", description="Needed once the plan is agreed")


class PlanAgreeIn(Schema):
    agreed_where: str = Field("", max_length=200, description="Where the partnership agreed it (required)")
    from_state: str | None = Field(
        None, description="The state you last saw: a 409 when somebody else has agreed it since"
    )


class Message(Schema):
    detail: str
