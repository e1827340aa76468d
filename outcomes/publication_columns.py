"""The record types of a publication-scheme bundle: for each, its file name, its title and what it
holds in plain words (for the bundle's index page) and its columns, in the order the CSV file
and the index show them. The JSON file holds the same rows with the same keys."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Table:
    """One record type: a CSV file and a JSON file of the same rows. `columns`: (key, heading)."""

    name: str
    title: str
    description: str
    columns: list[tuple[str, str]]
    rows: list[dict[str, Any]]


KINDS: list[tuple[str, StrOrPromise, StrOrPromise, list[tuple[str, StrOrPromise]]]] = [
    (
        "activities",
        _("Engagement activities"),
        _("Meetings, events, surveys and consultations held in the period."),
        [
            ("id", _("Reference")),
            ("title", _("Title")),
            ("summary", _("Summary")),
            ("purpose", _("Purpose")),
            ("method", _("Method")),
            ("level", _("Level")),
            ("areas", _("Areas")),
            ("lead_organisation", _("Led by")),
            ("partners", _("Partners")),
            ("starts", _("Starts")),
            ("ends", _("Ends")),
            ("responses_open", _("Responses open")),
            ("responses_close", _("Responses close")),
            ("status", _("Status")),
            ("venue", _("Venue")),
        ],
    ),
    (
        "questionnaires",
        _("Questionnaires"),
        _("The questionnaires of those activities, and how many people answered each."),
        [
            ("id", _("Reference")),
            ("activity_id", _("Activity reference")),
            ("activity", _("Activity")),
            ("title", _("Title")),
            ("version", _("Version")),
            ("introduction", _("Introduction")),
            ("responses", _("Responses")),
            ("results", _("Results")),
        ],
    ),
    (
        "questions",
        _("Questions"),
        _("Each question asked and the answers people could choose. What people wrote is not included."),
        [
            ("questionnaire_id", _("Questionnaire reference")),
            ("question_number", _("Question")),
            ("kind", _("Kind of question")),
            ("question", _("Question text")),
            ("hint", _("Hint")),
            ("choices", _("Answers offered")),
        ],
    ),
    (
        "results",
        _("Results"),
        _(
            "How many people chose each answer, once a consultation has closed. Numbers under the "
            "threshold are not shown, and nor is another number that would let them be worked out."
        ),
        [
            ("questionnaire_id", _("Questionnaire reference")),
            ("question_number", _("Question")),
            ("question", _("Question text")),
            ("answer_number", _("Answer")),
            ("answer", _("Answer text")),
            ("count", _("Number (blank when not shown)")),
            ("shown", _("Number shown")),
        ],
    ),
    (
        "decisions",
        _("Decisions"),
        _("What was decided after listening to people, what else was weighed, and what is being done."),
        [
            ("id", _("Reference")),
            ("decided_on", _("Decided on")),
            ("decided_by", _("Decided by")),
            ("you_said", _("You said")),
            ("decision", _("Decision")),
            ("detail", _("More detail")),
            ("weighed", _("Also weighed")),
            ("actions", _("What is being done")),
            ("feedback_ids", _("Feedback references")),
        ],
    ),
    (
        "feedback",
        _("You said, we did"),
        _("What we told people about what happened as a result of what they said."),
        [
            ("id", _("Reference")),
            ("activity_id", _("Activity reference")),
            ("activity", _("Activity")),
            ("area", _("Area")),
            ("title", _("Title")),
            ("we_did", _("We did")),
            ("published_on", _("Published on")),
            ("channels", _("Shared by")),
            ("decision_ids", _("Decision references")),
        ],
    ),
]

NAMES = [name for name, *_ in KINDS]


def tables(**rows: list[dict[str, Any]]) -> list[Table]:
    """The tables in their fixed order, from the rows of each record type (by its name)."""
    return [
        Table(
            name=name,
            title=str(title),
            description=str(description),
            columns=[(key, str(heading)) for key, heading in columns],
            rows=rows[name],
        )
        for name, title, description, columns in KINDS
    ]
