"""The admin reads organisations' people, agreements and tokens through their visible_to."""

from django.contrib.auth.models import Permission
from django.test import Client

from organisations.models import Role
from organisations.services import api_token_create
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory


def _admin_of(organisation):
    user = UserFactory(organisation=organisation, roles=[Role.ADMIN], is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="organisations"))
    client = Client()
    client.force_login(user)
    return user, client


def test_an_organisations_admin_sees_its_own_people_agreements_and_tokens(police, council):
    elsewhere = OrganisationFactory(name="Elsewhere Trust")
    stranger = UserFactory(organisation=elsewhere, username="stranger")
    DataSharingAgreementFactory(owner=elsewhere, recipient=council, title="NOT-OURS")
    DataSharingAgreementFactory(owner=police, recipient=council, title="OURS")
    api_token_create(user=stranger, name="their token")
    user, client = _admin_of(police)
    api_token_create(user=user, name="my token")
    people = client.get("/admin/organisations/user/").content.decode()
    assert user.username in people and "stranger" not in people
    agreements = client.get("/admin/organisations/datasharingagreement/").content.decode()
    assert "OURS" in agreements and "NOT-OURS" not in agreements
    tokens = client.get("/admin/organisations/apitoken/").content.decode()
    assert "my token" in tokens and "their token" not in tokens
    assert client.get(f"/admin/organisations/user/{stranger.pk}/change/").status_code == 302
