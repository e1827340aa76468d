"""The request and response bodies of the feedback loop's API (api/outcomes.py).

Request bodies take every field as optional, so that a body is always read and the record looked
up first: a record out of reach is a 404 whatever the body, and a missing value is then a 422
naming it."""

from datetime import date, datetime

from ninja import Field, Schema


class Message(Schema):
    detail: str


class FindingOut(Schema):
    id: int
    statement: str
    source: str
    source_note: str
    area: str = Field(description="The area code")
    area_name: str
    activity: int | None
    activity_title: str
    found_on: date
    organisation: str
    official_sensitive: bool
    marking: str = Field(description="Protective marking: official or official_sensitive")
    themes: list[int]
    priorities: list[str]
    quoted_answers: list[str]
    decisions: list[int]


class FindingIn(Schema):
    statement: str | None = None
    area: str | None = Field(None, max_length=12, description="Area code")
    source: str | None = Field(None, description="theme, priority, reach or activity")
    source_note: str | None = None
    activity: int | None = None
    themes: list[int] | None = None
    priorities: list[int] | None = None
    answers: list[int] | None = Field(None, description="Answers quoted as evidence (at most five)")
    activities: list[int] | None = None
    found_on: date | None = None
    marking: str | None = None


class FactorOut(Schema):
    factor: str
    label: str
    note: str


class DecisionOut(Schema):
    id: int
    summary: str
    detail: str
    decided_by_name: str
    decided_by_body: str
    decided_on: date
    organisation: str
    official_sensitive: bool
    marking: str = Field(description="Protective marking: official or official_sensitive")
    findings: list[int]
    factors: list[FactorOut]
    actions: list[int]


class DecisionIn(Schema):
    summary: str | None = None
    detail: str | None = None
    decided_by_name: str | None = None
    decided_by_body: str | None = None
    decided_on: date | None = None
    findings: list[int] | None = None
    factors: dict[str, str] | None = Field(
        None,
        description="Seed 001's other factors, each with a note: government_policy, statutory_requirements, "
        "cost_benefit, equality_impact, partners_views, best_practice",
    )
    marking: str | None = None


class RagOut(Schema):
    colour: str
    label: str
    set_by_hand: bool
    why: str


class UpdateOut(Schema):
    at: datetime
    who: str
    organisation: str
    status_label: str
    text: str


class ActionOut(Schema):
    id: int
    decision: int
    title: str
    owner_organisation: str = Field(description="Organisation slug")
    owner_organisation_name: str
    owner_name: str
    due_on: date
    done_on: date | None
    status: str
    result: str
    rag: RagOut
    official_sensitive: bool
    marking: str = Field(description="Protective marking: official or official_sensitive")
    updates: list[UpdateOut]


class ActionIn(Schema):
    title: str | None = None
    owner_organisation: str | None = Field(None, description="Organisation slug")
    owner_name: str | None = None
    due_on: date | None = None
    result: str | None = None


class MoveIn(Schema):
    to: str = Field("", description="not_started, in_progress, done or dropped")
    from_status: str | None = Field(
        None,
        description="The status you last saw; if the action has moved on since, a 409 gives its status now.",
    )
    note: str = Field("", max_length=1000)


class ProgressIn(Schema):
    text: str = ""


class RagIn(Schema):
    rag: str = Field("", description="red, amber or green; empty to work it out from the status and due date")
    reason: str = ""


class DispatchOut(Schema):
    state: str
    progress: int
    addresses: int
    personal: int
    general: int
    failed: int


class FeedbackOut(Schema):
    id: int
    activity: int
    activity_title: str
    area: str
    title: str
    statement: str
    state: str
    published_on: date | None
    channels: list[str]
    official_sensitive: bool
    marking: str = Field(description="Protective marking: official or official_sensitive")
    decisions: list[int]
    actions: list[int]
    on_website: bool
    updates: DispatchOut | None


class FeedbackIn(Schema):
    title: str | None = None
    statement: str | None = None
    area: str | None = Field(
        None, max_length=12, description="Area code of one of the activity's neighbourhoods"
    )
    decisions: list[int] | None = None
    actions: list[int] | None = None
    marking: str | None = None


class PublishIn(Schema):
    channels: list[str] = Field(
        default_factory=list, description="meeting, leaflet, social_media, email, website"
    )
    published_on: date | None = None
    from_state: str | None = Field(None, description="The state you last saw (draft)")
