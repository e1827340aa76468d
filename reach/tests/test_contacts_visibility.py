"""Who sees which community contacts: groups like activities, individuals only by the
organisation holding their consent unless they agreed to be shared."""

import pytest

from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from reach import rules_contacts  # noqa: F401  (the permissions)
from reach.models import CommunityContact, ContactKind

from .contacts_helpers import *  # noqa: F403  (the fixtures)
from .contacts_helpers import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts(police, ward):
    return {
        "group": make_contact(police, name="Group", areas=[ward]),
        "person": make_contact(police, kind=ContactKind.PERSON, name="Person", areas=[ward]),
        "shared": make_contact(
            police, kind=ContactKind.PERSON, name="Shared person", areas=[ward], consent_to_share=True
        ),
    }


def _names(user):
    return set(CommunityContact.objects.visible_to(user).values_list("name", flat=True))


@pytest.mark.parametrize("role", list(Role))
def test_the_holding_organisation_sees_all_its_contacts(contacts, police, role):
    assert _names(UserFactory(organisation=police, roles=[role])) == {"Group", "Person", "Shared person"}


@pytest.mark.parametrize("role", list(Role))
def test_a_partner_under_an_agreement_sees_groups_and_shared_individuals(contacts, council, sharing, role):
    assert _names(UserFactory(organisation=council, roles=[role])) == {"Group", "Shared person"}


def test_without_an_agreement_another_organisation_sees_nothing(contacts, outsider):
    assert _names(outsider) == set()


def test_an_agreement_the_other_way_round_gives_nothing(contacts, police, council):
    from organisations.tests.factories import DataSharingAgreementFactory

    DataSharingAgreementFactory(owner=council, recipient=police)
    assert _names(UserFactory(organisation=council)) == set()


def test_an_ended_agreement_gives_nothing(contacts, police, council):
    from datetime import date

    from organisations.tests.factories import DataSharingAgreementFactory

    DataSharingAgreementFactory(
        owner=police, recipient=council, starts=date(2020, 1, 1), ends=date(2021, 1, 1)
    )
    assert _names(UserFactory(organisation=council)) == set()


def test_a_superuser_of_no_organisation_never_sees_unshared_individuals(contacts):
    admin = UserFactory(organisation=None, is_superuser=True, roles=[])
    assert _names(admin) == {"Group", "Shared person"}


def test_inactive_and_anonymous_users_see_nothing(contacts, police):
    from django.contrib.auth.models import AnonymousUser

    assert _names(AnonymousUser()) == set()
    assert _names(UserFactory(organisation=police, is_active=False)) == set()


def test_only_the_holding_organisation_may_change_a_contact(contacts, police, council, sharing):
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    partner = UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER])
    group = contacts["group"]
    assert officer.has_perm("reach.change_contact", group)
    assert not analyst.has_perm("reach.change_contact", group)
    assert partner.has_perm("reach.view_contact", group)
    assert not partner.has_perm("reach.change_contact", group)
    assert not partner.has_perm("reach.view_contact", contacts["person"])
    assert partner.has_perm("reach.add_contact")


def test_a_superuser_of_no_organisation_cannot_hold_consent(contacts, ward):
    from datetime import date

    from django.core.exceptions import PermissionDenied

    from reach.contacts_services import contact_create

    admin = UserFactory(organisation=None, is_superuser=True, roles=[])
    with pytest.raises(PermissionDenied):
        contact_create(
            user=admin,
            kind=ContactKind.GROUP,
            name="Nobody's",
            areas=[ward],
            consent_given_on=date(2026, 1, 1),
            consent_to_contact=True,
            email="a@example.org",
        )
    assert not CommunityContact.objects.filter(name="Nobody's").exists()


def test_reaching_includes_areas_inside(police, district, ward):
    inside = make_contact(police, name="In the ward", areas=[ward])
    other = OrganisationFactory(name="Elsewhere")
    make_contact(other, name="Not ours", areas=[ward])
    assert list(CommunityContact.objects.filter(organisation=police).reaching(area=district)) == [inside]
