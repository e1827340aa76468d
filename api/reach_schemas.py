"""The shapes of api/reach.py's answers."""

from datetime import date
from typing import Any

from ninja import Field, Schema


class ReachFilters(Schema):
    area: str | None = Field(None, description="ONS code of an area: it and every area inside it.")
    audience: str | None = Field(None, description="Slug of an audience: the activities aimed at it.")
    activity: int | None = Field(None, description="One activity.")
    since: date | None = Field(None, description="Activities held (at least partly) from this day.")
    until: date | None = Field(None, description="Activities held up to this day.")
    target: int | None = Field(None, description="A target profile to compare with instead of the Census.")


class ReachCellOut(Schema):
    participants: int | str = Field(
        description='People who took part in the group, or "fewer than 10" (or "withheld") when hidden.'
    )
    share: float | None = Field(description="Of the participants who answered; null when hidden.")
    population_share: float
    ratio: float | None = Field(description="share / population_share.")
    low: float | None = Field(description="Lower end of the 95% Wilson score interval of the share.")
    high: float | None = Field(description="Upper end of the interval.")
    flag: str = Field(description="under, over or ok: whether the whole interval is below or above.")


ReachShape = dict[str, dict[str, ReachCellOut]]


class DimensionOut(Schema):
    dimension: str
    label: str
    not_answered: int | str = Field(
        description='Did not answer or preferred not to say (or "fewer than 10").'
    )
    categories: dict[str, ReachCellOut]


class ReachReportOut(Schema):
    title: str
    compared_with: str
    population: int | None
    activities: int | None
    equality_forms: int | str
    people_reached: int | None = Field(
        description="Responses, plus head counts at events (or paper forms, if more)."
    )
    suppressed_below: int = Field(description="Counts under this are hidden from this reader (0: none are).")
    summary: str = Field(description="How the participants differ from the population, in a sentence.")
    dimensions: list[DimensionOut]


class WeightedOptionOut(Schema):
    label: str
    count: int
    percent: float
    weighted_percent: float | None


class WeightedQuestionOut(Schema):
    number: int
    text: str
    kind: str
    answered: int
    options: list[WeightedOptionOut]


class MarginOut(Schema):
    dimension: str
    groups: list[str]
    nobody: list[str] = Field(description="Groups of the population nobody answered from: not represented.")
    not_weighted: list[str]


class WeightedOut(Schema):
    questionnaire: int
    responses: int
    weighted: bool
    reason: str = Field(description="Why the results could not be weighted, if they could not.")
    cap: float = Field(description="No weight is above cap times the average, nor below 1/cap times it.")
    effective_sample_size: float | None = Field(
        description="Kish: (sum of weights)^2 / sum of squared weights."
    )
    converged: bool | None
    margins: list[MarginOut]
    summary: str
    questions: list[WeightedQuestionOut]


class ReacherOut(Schema):
    kind: str
    name: str
    detail: str
    url: str


class GapOut(Schema):
    title: str
    dimension: str
    groups: list[str]
    audience: str | None = Field(description="Slug of the audience the groups belong to.")
    ways_to_reach: list[str]
    reached_by: list[ReacherOut]


class UnheardOut(Schema):
    area: str
    since: date
    until: date
    summary: str
    gaps: list[GapOut]


class TargetShareOut(Schema):
    dimension: str
    category: str
    amount: float


class TargetOut(Schema):
    id: int
    name: str
    description: str
    source: str
    given_as: str = Field(description="share or count")
    organisation: str
    is_shared: bool
    shares: list[TargetShareOut] = Field(default_factory=list)


def target_out(profile: Any, *, shares: bool = False) -> dict[str, Any]:
    return {
        "id": profile.pk,
        "name": profile.name,
        "description": profile.description,
        "source": profile.source,
        "given_as": profile.given_as,
        "organisation": profile.organisation.name,
        "is_shared": profile.is_shared,
        "shares": [
            {"dimension": s.dimension, "category": s.category, "amount": s.amount}
            for s in profile.shares.all()
        ]
        if shares
        else [],
    }
