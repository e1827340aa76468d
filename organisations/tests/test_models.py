import datetime

import pytest
from django.core.exceptions import ValidationError

from organisations.models import ApiToken, DataSharingAgreement, Role, hash_token
from organisations.services import api_token_create, user_create, user_set_roles
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory


def test_user_create_validates_and_sets_roles(police):
    user = user_create(username="ana", organisation=police, roles=[Role.ANALYST, Role.ENGAGEMENT_OFFICER])
    user.refresh_from_db()
    assert user.roles == {"analyst", "engagement_officer"}
    assert user.has_role("analyst") and not user.has_role("admin")
    user_set_roles(user=user, roles=[Role.ADMIN])
    user.refresh_from_db()
    assert user.roles == {"admin"}


def test_staff_user_needs_an_organisation(db):
    with pytest.raises(ValidationError):
        user_create(username="nobody", organisation=None)
    assert user_create(username="root", organisation=None, is_superuser=True).is_superuser


def test_unknown_role_is_refused(police):
    with pytest.raises(ValueError):
        user_create(username="x", organisation=police, roles=["chief_wizard"])


def test_agreement_active_window(db):
    today = datetime.date(2026, 6, 1)
    current = DataSharingAgreementFactory(starts=datetime.date(2026, 1, 1), ends=None)
    DataSharingAgreementFactory(starts=datetime.date(2025, 1, 1), ends=datetime.date(2025, 12, 31))
    DataSharingAgreementFactory(starts=datetime.date(2026, 7, 1))
    assert list(DataSharingAgreement.objects.active(today)) == [current]


def test_agreement_with_itself_or_ending_before_start_is_invalid(db):
    org = OrganisationFactory()
    with pytest.raises(ValidationError):
        DataSharingAgreement(title="x", owner=org, recipient=org).full_clean()
    other = OrganisationFactory()
    with pytest.raises(ValidationError):
        DataSharingAgreement(
            title="x",
            owner=org,
            recipient=other,
            starts=datetime.date(2026, 2, 1),
            ends=datetime.date(2026, 1, 1),
        ).full_clean()


def test_api_token_stores_only_a_hash(officer):
    token, raw = api_token_create(user=officer, name="ci")
    assert raw.startswith("heard_") and raw not in token.key_hash
    assert ApiToken.objects.get(key_hash=hash_token(raw)) == token
