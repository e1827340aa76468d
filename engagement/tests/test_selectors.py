"""What the register's pages and API read: one selector per thing shown."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from engagement import selectors, services
from engagement.models import Answer, Status
from engagement.tests.factories import ActivityFactory
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory


@pytest.mark.parametrize("pk", ["abc", "", "-1", "0", "1.5", str(2**63), str(2**64), 2**70, None, "\u0661"])
def test_an_id_that_cannot_be_one_is_not_found(officer, pk):
    ActivityFactory(lead_organisation=officer.organisation)
    with pytest.raises(Http404):
        selectors.activity_get(user=officer, pk=pk)


def test_an_activity_out_of_sight_is_not_found_and_one_in_sight_is(officer, outsider):
    mine = ActivityFactory(lead_organisation=officer.organisation)
    with pytest.raises(Http404):
        selectors.activity_get(user=outsider, pk=mine.pk)
    assert selectors.activity_get(user=officer, pk=str(mine.pk)) == mine


def test_someone_without_an_organisation_may_not_read_the_register(db):
    with pytest.raises(PermissionDenied):
        selectors.activity_get(user=UserFactory(organisation=None), pk=1)


def test_the_list_is_scoped_and_bad_filters_are_named(officer, outsider):
    mine = ActivityFactory(lead_organisation=officer.organisation, status=Status.OPEN)
    ActivityFactory(lead_organisation=outsider.organisation, status=Status.OPEN)
    assert list(selectors.activity_list(user=officer, data={"status": "open"})) == [mine]
    assert list(selectors.activity_list(user=officer, data=None)) == [mine]
    with pytest.raises(ValidationError) as error:
        selectors.activity_list(user=officer, data={"status": "bogus", "starts_from": "soon"})
    assert set(error.value.message_dict) == {"status", "starts_from"}


def test_checklist_rows_and_progress(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation, checklist_scope="policy")
    services.checklist_answer_set(user=officer, activity=activity, point=1, answer=Answer.DONE, note="ok")
    services.checklist_answer_set(user=officer, activity=activity, point=14, answer=Answer.NOT_DONE)
    rows = selectors.checklist_rows(user=officer, activity=activity)
    assert [r.number for r in rows] == list(range(1, 26))
    assert [r.number for r in rows if not r.applies] == [20, 21]
    assert (rows[0].answer, rows[0].note, rows[0].answered_by) == ("done", "ok", "officer")
    progress = selectors.checklist_progress(rows=rows)
    assert [(p.stage.value, p.total, p.answered, p.done) for p in progress] == [
        ("before", 13, 1, 1),
        ("during", 6, 1, 0),
        ("after", 4, 0, 0),
    ]


def test_checklist_notes_reach_other_organisations_redacted(police, outsider, officer):
    """A partner organisation's user reads the notes with contact details taken out."""
    activity = ActivityFactory(lead_organisation=police)
    DataSharingAgreementFactory(owner=police, recipient=outsider.organisation)
    services.checklist_answer_set(
        user=officer, activity=activity, point=2, answer=Answer.DONE, note="Call Jo on 07700 900123"
    )
    own = selectors.checklist_rows(user=officer, activity=activity)[1].note
    theirs = selectors.checklist_rows(user=outsider, activity=activity)[1].note
    assert own == "Call Jo on 07700 900123"
    assert "07700 900123" not in theirs


def test_detail_gives_moves_and_history_only_to_those_who_may_change(police, officer):
    activity = ActivityFactory(lead_organisation=police, status=Status.PLANNED)
    services.checklist_answer_set(user=officer, activity=activity, point=1, answer=Answer.DONE)
    mine = selectors.activity_detail(user=officer, pk=activity.pk)
    assert [status for status, _ in mine.moves] == ["draft", "open", "cancelled"]
    assert [label for _, label in mine.moves] == ["Return to draft", "Open", "Cancel activity"]
    assert mine.can_change and mine.history and not mine.can_delete
    reader = UserFactory(organisation=police, roles=[Role.ANALYST])
    theirs = selectors.activity_detail(user=reader, pk=activity.pk)
    assert theirs.moves == [] and theirs.history == [] and not theirs.can_change
    assert theirs.progress[0].answered == 1


def test_partner_users_may_not_cancel(police):
    partner_user = UserFactory(organisation=police, roles=[Role.PARTNER_USER])
    activity = ActivityFactory(lead_organisation=police, status=Status.PLANNED)
    detail = selectors.activity_detail(user=partner_user, pk=activity.pk)
    assert [status for status, _ in detail.moves] == ["draft", "open"]


def test_history_reads_in_plain_words(police, officer):
    """governance/history.py with the activity's words: statuses, checklist answers and the names
    of what changed, never field names or stored values."""
    activity = ActivityFactory(lead_organisation=police, status=Status.PLANNED, starts_at=timezone.now())
    services.checklist_answer_set(user=officer, activity=activity, point=5, answer=Answer.DONE)
    services.activity_update(
        user=officer, activity=activity, title="Renamed", venue="The library", is_published=True
    )
    services.activity_transition(user=officer, activity=activity, to=Status.OPEN, confirmed=True)
    lines = [line.text for line in selectors.activity_detail(user=officer, pk=activity.pk).history]
    assert lines == [
        "Status changed from Planned to Open",
        "Changed: title, venue, whether it is on the public website",
        "Checklist point 5 answered: done",
    ]
