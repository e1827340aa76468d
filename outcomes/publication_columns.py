"""The record types of a publication-scheme bundle: for each, its file name, its title and what it
holds in plain words (for the bundle's index page) and its columns, in the order the CSV file
and the index show them. The JSON file holds the same rows with the same keys."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Table:
    """One record type: a CSV file and a JSON file of the same rows. `columns`: (key, heading)."""

    name: str
    title: str
    description: str
    columns: list[tuple[str, str]]
    rows: list[dict[str, Any]]


KINDS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "activities",
        "Engagement activities",
        "Meetings, events, surveys and consultations held in the period.",
        [
            ("id", "Reference"),
            ("title", "Title"),
            ("summary", "Summary"),
            ("purpose", "Purpose"),
            ("method", "Method"),
            ("level", "Level"),
            ("areas", "Areas"),
            ("lead_organisation", "Led by"),
            ("partners", "Partners"),
            ("starts", "Starts"),
            ("ends", "Ends"),
            ("responses_open", "Responses open"),
            ("responses_close", "Responses close"),
            ("status", "Status"),
            ("venue", "Venue"),
        ],
    ),
    (
        "questionnaires",
        "Questionnaires",
        "The questionnaires of those activities, and how many people answered each.",
        [
            ("id", "Reference"),
            ("activity_id", "Activity reference"),
            ("activity", "Activity"),
            ("title", "Title"),
            ("version", "Version"),
            ("introduction", "Introduction"),
            ("responses", "Responses"),
            ("results", "Results"),
        ],
    ),
    (
        "questions",
        "Questions",
        "Each question asked and the answers people could choose. What people wrote is not included.",
        [
            ("questionnaire_id", "Questionnaire reference"),
            ("question_number", "Question"),
            ("kind", "Kind of question"),
            ("question", "Question text"),
            ("hint", "Hint"),
            ("choices", "Answers offered"),
        ],
    ),
    (
        "results",
        "Results",
        "How many people chose each answer, once a consultation has closed. Numbers under the "
        "threshold are not shown, and nor is another number that would let them be worked out.",
        [
            ("questionnaire_id", "Questionnaire reference"),
            ("question_number", "Question"),
            ("question", "Question text"),
            ("answer_number", "Answer"),
            ("answer", "Answer text"),
            ("count", "Number (blank when not shown)"),
            ("shown", "Number shown"),
        ],
    ),
    (
        "decisions",
        "Decisions",
        "What was decided after listening to people, what else was weighed, and what is being done.",
        [
            ("id", "Reference"),
            ("decided_on", "Decided on"),
            ("decided_by", "Decided by"),
            ("you_said", "You said"),
            ("decision", "Decision"),
            ("detail", "More detail"),
            ("weighed", "Also weighed"),
            ("actions", "What is being done"),
            ("feedback_ids", "Feedback references"),
        ],
    ),
    (
        "feedback",
        "You said, we did",
        "What we told people about what happened as a result of what they said.",
        [
            ("id", "Reference"),
            ("activity_id", "Activity reference"),
            ("activity", "Activity"),
            ("area", "Area"),
            ("title", "Title"),
            ("we_did", "We did"),
            ("published_on", "Published on"),
            ("channels", "Shared by"),
            ("decision_ids", "Decision references"),
        ],
    ),
]

NAMES = [name for name, *_ in KINDS]


def tables(**rows: list[dict[str, Any]]) -> list[Table]:
    """The tables in their fixed order, from the rows of each record type (by its name)."""
    return [
        Table(name=name, title=title, description=description, columns=columns, rows=rows[name])
        for name, title, description, columns in KINDS
    ]
