import pytest
from django.db import DatabaseError, connection, transaction

from governance.models import AppendOnlyError, AuditAction, AuditEvent
from governance.services import audit_record, diff
from organisations.tests.factories import OrganisationFactory


def test_records_actor_object_and_changes(officer):
    org = OrganisationFactory(name="Trafford Housing Trust")
    event = audit_record(actor=officer, action=AuditAction.UPDATE, obj=org, changes={"name": ["a", "b"]})
    assert (event.actor, event.actor_label, event.object_type, event.object_id) == (
        officer,
        "officer",
        "organisations.organisation",
        str(org.pk),
    )
    assert event.at.tzinfo is not None and event.at.utcoffset().total_seconds() == 0


def test_system_actor_for_imports(db):
    event = audit_record(actor=None, action=AuditAction.IMPORT, object_type="places.area", object_repr="x")
    assert event.actor is None and event.actor_label == "system"


def test_append_only_in_python(officer):
    event = audit_record(actor=officer, action=AuditAction.EXPORT, object_type="x")
    event.object_repr = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(object_repr="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().object_repr == ""


@pytest.mark.postgres
def test_append_only_in_the_database(officer):
    audit_record(actor=officer, action=AuditAction.EXPORT, object_type="x")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE governance_auditevent SET object_repr = 'rewritten'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM governance_auditevent")
    assert AuditEvent.objects.count() == 1


def test_diff_keeps_only_changed_fields():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": [2, 3], "c": [None, 4]}
