"""Writes to the contacts register: validated, permitted, audited without an individual's details."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory
from reach import contacts_services as services
from reach.models import CommunityContact, ContactKind

from .contacts_helpers import *  # noqa: F403  (the fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]


def _create(user, ward, **overrides):
    values = {
        "user": user,
        "kind": ContactKind.PERSON,
        "name": "Margaret Hughes",
        "areas": [ward],
        "consent_given_on": timezone.localdate(),
        "consent_to_contact": True,
        "phone": "07700 900214",
    }
    return services.contact_create(**{**values, **overrides})


def test_create_holds_it_for_the_users_organisation_with_a_review_a_year_on(officer, ward):
    contact = _create(officer, ward)
    assert contact.organisation == officer.organisation and contact.added_by == officer
    assert (contact.review_on - contact.consent_given_on).days in (365, 366)
    event = AuditEvent.objects.for_object(contact).get()
    assert event.action == AuditAction.CREATE
    assert "Margaret" not in event.object_repr and "07700" not in str(event.changes)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent_to_contact": False}, "consent_to_contact"),
        ({"phone": ""}, "email"),
        ({"consent_given_on": timezone.localdate() + timedelta(days=1)}, "consent_given_on"),
        ({"review_on": timezone.localdate() - timedelta(days=1)}, "review_on"),
        ({"areas": []}, "areas"),
        ({"email": "not an address"}, "email"),
    ],
)
def test_create_refuses_bad_input_and_stores_nothing(officer, ward, overrides, field):
    with pytest.raises(ValidationError) as error:
        _create(officer, ward, **overrides)
    assert field in error.value.message_dict
    assert not CommunityContact.objects.exists()
    assert not AuditEvent.objects.exists()


def test_met_at_must_be_an_activity_the_user_can_see(officer, outsider, ward):
    hidden = ActivityFactory(lead_organisation=outsider.organisation)
    with pytest.raises(ValidationError) as error:
        _create(officer, ward, met_at=hidden)
    assert "met_at" in error.value.message_dict


def test_analysts_cannot_add_contacts(police, ward):
    with pytest.raises(PermissionDenied):
        _create(UserFactory(organisation=police, roles=[Role.ANALYST]), ward)


def test_update_audits_which_fields_changed_not_their_values(officer, ward):
    contact = _create(officer, ward)
    services.contact_update(user=officer, contact=contact, phone="07700 900999", role="Organiser")
    contact.refresh_from_db()
    assert contact.phone == "07700 900999"
    event = AuditEvent.objects.for_object(contact).filter(action=AuditAction.UPDATE).get()
    assert event.changes == {"fields": ["phone", "role"]}


def test_update_of_a_group_keeps_the_values(officer, ward):
    contact = _create(officer, ward, kind=ContactKind.GROUP, name="Age UK Trafford")
    services.contact_update(user=officer, contact=contact, name="Age UK Trafford and Sale")
    event = AuditEvent.objects.for_object(contact).filter(action=AuditAction.UPDATE).get()
    assert event.changes["name"] == ["Age UK Trafford", "Age UK Trafford and Sale"]


def test_update_refuses_other_organisations(officer, outsider, ward):
    contact = _create(officer, ward)
    with pytest.raises(PermissionDenied):
        services.contact_update(user=outsider, contact=contact, name="Taken")


def test_renew_moves_the_review_date_on_and_records_consent_today(officer, ward):
    old = timezone.localdate() - timedelta(days=400)
    contact = _create(officer, ward, consent_given_on=old, review_on=old + timedelta(days=365))
    assert contact.is_due_for_review
    services.contact_renew(user=officer, contact=contact)
    contact.refresh_from_db()
    assert contact.consent_given_on == timezone.localdate() and not contact.is_due_for_review
    with pytest.raises(ValidationError):
        services.contact_renew(user=officer, contact=contact, review_on=timezone.localdate())


def test_delete_removes_them_and_the_log_keeps_no_name(officer, ward):
    contact = _create(officer, ward)
    pk = contact.pk
    services.contact_delete(user=officer, contact=contact, reason="consent withdrawn")
    assert not CommunityContact.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_id=str(pk))
    assert event.object_repr == f"Individual contact {pk}"
    assert event.changes["reason"] == "consent withdrawn"
    assert not AuditEvent.objects.filter(object_repr__icontains="Margaret").exists()
