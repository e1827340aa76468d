"""Permissions per role and per organisation."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from engagement.models import Activity, Status
from engagement.tests.factories import ActivityFactory
from governance.models import Marking
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory

RECORDERS = [Role.ENGAGEMENT_OFFICER, Role.ADMIN, Role.PARTNER_USER]
READERS = [Role.ANALYST, Role.INTELLIGENCE_OFFICER, Role.AUTHORITY_MEMBER]


@pytest.fixture
def activity(police):
    return ActivityFactory(lead_organisation=police)


@pytest.mark.parametrize("role", RECORDERS + READERS)
def test_own_organisation_sees_its_activities(police, activity, role):
    user = UserFactory(organisation=police, roles=[role])
    assert user.has_perm("engagement.view_activity", activity)
    assert list(Activity.private_objects.visible_to(user)) == [activity]


@pytest.mark.parametrize("role", RECORDERS)
def test_recorders_change_their_organisations_activities(police, activity, role):
    user = UserFactory(organisation=police, roles=[role])
    assert user.has_perm("engagement.add_activity")
    assert user.has_perm("engagement.change_activity", activity)
    assert user.has_perm("engagement.delete_activity", activity)


@pytest.mark.parametrize("role", READERS)
def test_readers_only_read(police, activity, role):
    user = UserFactory(organisation=police, roles=[role])
    assert not user.has_perm("engagement.add_activity")
    assert not user.has_perm("engagement.change_activity", activity)
    assert not user.has_perm("engagement.delete_activity", activity)
    assert user.has_perm("engagement.export_activity")


def test_delete_is_only_for_drafts(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED)
    assert not officer.has_perm("engagement.delete_activity", activity)


@pytest.mark.parametrize("role", RECORDERS + READERS)
def test_another_organisation_sees_nothing_unshared(activity, council, role):
    user = UserFactory(organisation=council, roles=[role])
    assert not user.has_perm("engagement.view_activity", activity)
    assert not user.has_perm("engagement.change_activity", activity)
    assert not Activity.private_objects.visible_to(user).exists()


def test_partner_organisation_sees_but_does_not_change(police, outsider):
    activity = ActivityFactory(lead_organisation=police, partners=[outsider.organisation])
    assert outsider.has_perm("engagement.view_activity", activity)
    assert not outsider.has_perm("engagement.change_activity", activity)


def test_sensitive_records_stay_in_the_owning_organisation(police, outsider):
    activity = ActivityFactory(
        lead_organisation=police, partners=[outsider.organisation], marking=Marking.OFFICIAL_SENSITIVE
    )
    DataSharingAgreementFactory(owner=police, recipient=outsider.organisation)
    assert not outsider.has_perm("engagement.view_activity", activity)
    assert not Activity.private_objects.visible_to(outsider).exists()


def test_data_sharing_agreement_shares_official_activities(police, outsider):
    activity = ActivityFactory(lead_organisation=police)
    assert not outsider.has_perm("engagement.view_activity", activity)
    DataSharingAgreementFactory(owner=police, recipient=outsider.organisation)
    assert outsider.has_perm("engagement.view_activity", activity)
    assert not outsider.has_perm("engagement.change_activity", activity)


def test_expired_or_reverse_agreement_shares_nothing(police, outsider):
    activity = ActivityFactory(lead_organisation=police)
    DataSharingAgreementFactory(
        owner=police,
        recipient=outsider.organisation,
        starts=datetime.date(2020, 1, 1),
        ends=datetime.date(2021, 1, 1),
    )
    DataSharingAgreementFactory(owner=outsider.organisation, recipient=police)
    assert not Activity.private_objects.visible_to(outsider).filter(pk=activity.pk).exists()


def test_user_without_organisation_and_anonymous_see_nothing(activity, db):
    orphan = UserFactory(organisation=None)
    assert not Activity.private_objects.visible_to(orphan).exists()
    assert not Activity.private_objects.visible_to(AnonymousUser()).exists()
    assert not orphan.has_perm("engagement.view_activity")


def test_superuser_sees_everything(activity):
    boss = UserFactory(organisation=OrganisationFactory(), is_superuser=True)
    assert list(Activity.private_objects.visible_to(boss)) == [activity]
