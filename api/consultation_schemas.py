"""Request and response schemas of the consultations API (api/consultations.py, api/capture.py).
Responses are read from what `consultations.selectors` returns."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from ninja import Field, Schema

from consultations.models import DEFAULT_PRIVACY_STATEMENT, Channel, Question, QuestionKind, Questionnaire
from consultations.questions import QuestionInput


class ChoiceOut(Schema):
    id: int
    label: str


class QuestionOut(Schema):
    id: int
    position: int
    kind: str
    text: str
    hint: str
    required: bool
    max_length: int
    choices: list[ChoiceOut]
    show_if_question: int | None = Field(None, description="Id of the earlier question this depends on")
    show_if_choices: list[int] = Field(..., description="Ids of that question's choices that show this one")

    @staticmethod
    def resolve_choices(obj: Question) -> list[dict[str, Any]]:
        return [{"id": c.pk, "label": c.label} for c in obj.choices.all()]

    @staticmethod
    def resolve_show_if_question(obj: Question) -> int | None:
        return obj.show_if_question_id

    @staticmethod
    def resolve_show_if_choices(obj: Question) -> list[int]:
        return [c.pk for c in obj.show_if_choices.all()]


class QuestionnaireOut(Schema):
    id: int
    activity: int
    title: str
    introduction: str
    privacy_statement: str
    privacy_statement_version: str
    equality_monitoring: bool
    state: str
    version: int
    previous: int | None
    accepting_responses: bool
    response_count: int
    questions: list[QuestionOut]
    marking: str = Field("official", description="Protective marking: official or official_sensitive")

    @staticmethod
    def resolve_activity(obj: Questionnaire) -> int:
        return obj.activity_id

    @staticmethod
    def resolve_privacy_statement(obj: Questionnaire) -> str:
        return obj.privacy_statement.text

    @staticmethod
    def resolve_privacy_statement_version(obj: Questionnaire) -> str:
        return obj.privacy_statement.version

    @staticmethod
    def resolve_previous(obj: Questionnaire) -> int | None:
        return obj.previous_id

    @staticmethod
    def resolve_accepting_responses(obj: Questionnaire) -> bool:
        return obj.is_accepting_responses()

    @staticmethod
    def resolve_response_count(obj: Questionnaire) -> int:
        return obj.responses.count()

    @staticmethod
    def resolve_questions(obj: Questionnaire) -> list[Question]:
        return list(obj.questions.prefetch_related("choices", "show_if_choices").order_by("position", "id"))


class QuestionIn(Schema):
    kind: QuestionKind
    text: str = Field(..., min_length=1, max_length=500)
    hint: str = Field("", max_length=500)
    required: bool = False
    max_length: int = Field(2000, ge=1, le=10000)
    choices: list[str] = Field(default_factory=list, description="Option labels, in order")
    show_if_question: int | None = Field(None, description="0-based position of an earlier question")
    show_if_choices: list[str] = Field(default_factory=list, description="Labels of that question's options")

    def to_input(self) -> QuestionInput:
        return QuestionInput(**self.dict())


class QuestionnaireIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    introduction: str = ""
    privacy_text: str = Field(DEFAULT_PRIVACY_STATEMENT, min_length=1)
    equality_monitoring: bool = True
    questions: list[QuestionIn] = Field(default_factory=list)


class QuestionnairePatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    introduction: str | None = None
    privacy_text: str | None = Field(None, min_length=1)
    equality_monitoring: bool | None = None


class QuestionsIn(Schema):
    questions: list[QuestionIn]


class ResponseIn(Schema):
    channel: Channel = Field(..., description="paper, event or phone")
    answers: dict[int, list[str | int] | str | int] = Field(
        default_factory=dict,
        description="Question id → choice ids (in order of preference for ranking), or the text",
    )
    equality: dict[str, str] = Field(default_factory=dict, description="Equality field → category")
    received_on: date | None = None
    language: str = Field(
        "en", max_length=12, description="Code of the language it was written in (GET /api/languages)"
    )


class ResponseCreated(Schema):
    id: int
    receipt_code: str


class AttendanceIn(Schema):
    held_on: date = Field(default_factory=timezone.localdate)
    head_count: int = Field(..., ge=0, le=1_000_000)
    is_estimate: bool = False
    notes: str = ""
    counts: dict[str, int] = Field(default_factory=dict, description="Audience slug → people")


class AttendanceOut(Schema):
    id: int
    activity: int
    held_on: date
    head_count: int
    is_estimate: bool
    notes: str = Field(..., description="Redacted for readers outside the organisation leading the activity")
    counts: dict[str, int] = Field(..., description="Audience slug → people")


class EqualityFormIn(Schema):
    channel: str = Field(..., description="paper, event or phone")
    recorded_on: date | None = None
    answers: dict[str, str] = Field(default_factory=dict)


class EqualityFormCreated(Schema):
    forms_for_activity: int


class EqualityCellOut(Schema):
    label: str
    count: int | None = Field(
        ..., description="null when hidden: from 1 to 4, or a cell that would let such a count be worked out"
    )
    shown: str
    percent: float | None


class EqualityTableOut(Schema):
    field: str
    question: str
    cells: list[EqualityCellOut]


class EqualityOut(Schema):
    total: int
    suppressed_below: int
    tables: list[EqualityTableOut]


class OptionOut(Schema):
    label: str
    count: int
    percent: float
    first: int
    mean_rank: float | None


class QuestionResultOut(Schema):
    id: int
    number: int
    kind: str
    text: str
    asked: int
    answered: int
    skipped: int
    not_asked: int
    options: list[OptionOut]


class ResultsOut(Schema):
    answers_readable: bool = Field(..., description="Whether the caller may read the written answers")
    responses: int
    total_responses: int
    by_channel: dict[str, int]
    by_language: dict[str, int] = Field(
        ..., description="Responses matching the filters per language code they were answered in"
    )
    questions: list[QuestionResultOut]
    equality: EqualityOut


class ResultFiltersIn(Schema):
    area: str | None = Field(None, description="Area code; includes the areas inside it")
    channel: Channel | None = None
    language: str | None = Field(
        None, max_length=12, description="Language code the responses were answered in (GET /api/languages)"
    )
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = Field(
        None,
        max_length=200,
        description="Search the written answers (staff of the organisation leading the activity only)",
    )


class TextAnswerOut(Schema):
    question: int
    response: int = Field(..., description="The response's id (GET /api/responses/{id})")
    text: str = Field(..., description="Redacted for readers outside the organisation leading the activity")
    submitted_at: datetime
    channel: str
    area: str | None


class TextAnswersOut(Schema):
    items: list[TextAnswerOut]
    count: int


class ResponseAnswerOut(Schema):
    number: int
    question: int
    kind: str
    values: list[str] = Field(
        ...,
        description="The options chosen (ranking: in order of preference) or the words, redacted for "
        "readers outside the organisation leading the activity; empty when not answered",
    )


class ResponseOut(Schema):
    id: int
    questionnaire: int
    submitted_at: datetime
    channel: str
    language: str = Field("en", description="Code of the language it was written in (GET /api/languages)")
    area: str | None = Field(None, description="Code of the neighbourhood the respondent lives in")
    marking: str = Field(..., description="Protective marking: official or official_sensitive")
    redacted: bool
    answers: list[ResponseAnswerOut]
    previous: int | None = Field(None, description="Id of the response received just before")
    next: int | None = Field(None, description="Id of the response received just after")

    @staticmethod
    def resolve_questionnaire(obj: Any) -> int:
        return int(obj.questionnaire.pk)

    @staticmethod
    def resolve_previous(obj: Any) -> int | None:
        return obj.previous.id if obj.previous else None

    @staticmethod
    def resolve_next(obj: Any) -> int | None:
        return obj.next.id if obj.next else None


class ImportRowError(Schema):
    line: int
    problems: list[str]


class ImportRejectedOut(Schema):
    detail: str
    problems: list[str]
    line_word: str
    errors: list[ImportRowError]


class Message(Schema):
    detail: str
