"""A record's history in plain words (governance/history.py): statuses by their labels, a
change by what changed in words, an app's own shapes by its sentences; never stored values,
field names or the words people wrote."""

import re

import pytest

from governance.history import Vocabulary, describe, history_lines
from governance.models import AuditAction, AuditEvent
from governance.services import audit_record
from organisations.tests.factories import UserFactory

WORDS = Vocabulary(
    fields={"title": "title", "venue": "venue", "is_published": "whether it is on the public website"},
    states={"open": "Open", "closed": "Closed", "feedback_given": "Feedback given"},
    values={"done": "Done", "not_done": "Not done"},
    sentences=[
        (
            re.compile(r"checklist point (\d+)"),
            lambda found, change, words: (
                f"Checklist point {found[1]} answered: {words.value_words(change[1]['answer']).lower()}"
            ),
        )
    ],
)


def _event(action, changes):
    return AuditEvent(action=action, actor_label="officer", object_type="x.y", changes=changes)


@pytest.mark.parametrize(
    ("action", "changes", "words"),
    [
        (
            AuditAction.TRANSITION,
            {"status": ["open", "closed"], "note": "Dave Smith"},
            "Status changed from Open to Closed",
        ),
        (
            AuditAction.TRANSITION,
            {"status": ["open", "nonsense"]},
            "Status changed from Open to another status",
        ),
        (
            AuditAction.UPDATE,
            {"checklist point 5": [{}, {"answer": "done", "note": "x"}]},
            "Checklist point 5 answered: done",
        ),
        (AuditAction.UPDATE, {"title": ["Old", "New"], "venue": ["A", "B"]}, "Changed: title, venue"),
        (AuditAction.UPDATE, {"is_published": [False, True]}, "Changed: whether it is on the public website"),
        (AuditAction.UPDATE, {"short_window_reason": ["", "x"]}, "Changed: short window reason"),
        (AuditAction.CREATE, {"title": "A title"}, "Created"),
        (AuditAction.EXPORT, {"format": "csv"}, "Exported"),
    ],
)
def test_events_in_plain_words(action, changes, words):
    assert describe(_event(action, changes), WORDS) == words


def test_no_stored_value_or_written_word_is_repeated():
    text = describe(_event(AuditAction.UPDATE, {"title": ["Dave Smith's street", "14 Elm Street"]}), WORDS)
    assert "Elm" not in text and "Dave" not in text


@pytest.mark.django_db
def test_lines_name_people_by_their_names(police):
    user = UserFactory(organisation=police, first_name="Priya", last_name="Shah")
    audit_record(
        actor=user,
        action=AuditAction.TRANSITION,
        object_type="x.y",
        object_id="1",
        changes={"status": ["open", "closed"]},
    )
    audit_record(
        actor=None, action=AuditAction.UPDATE, object_type="x.y", object_id="1", changes={"venue": ["a", "b"]}
    )
    lines = history_lines(AuditEvent.objects.filter(object_type="x.y").select_related("actor"), WORDS)
    assert [(line.who, line.text) for line in lines] == [
        ("Heard", "Changed: venue"),
        ("Priya Shah", "Status changed from Open to Closed"),
    ]
