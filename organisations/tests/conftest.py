"""The test OpenID Connect provider (oidc_provider/), started once per test session on the
loopback interface and shared by the single sign-on tests."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from organisations.tests.factories import OrganisationFactory

from .oidc_provider.fixture import Provider, start_provider
from .oidc_provider.people import PEOPLE


@pytest.fixture(scope="session")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    found, process = start_provider(Path(tmp_path_factory.mktemp("provider")), PEOPLE)
    try:
        yield found
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso(provider, settings, db):
    """Heard set up for single sign-on with the test provider, and the organisation it names."""
    for name, value in provider.heard_settings().items():
        setattr(settings, name, value)
    return OrganisationFactory(name="Test Police", slug="test-police")
