"""Schemathesis sends every operation of the OpenAPI schema requests drawn from the schema
itself (a bounded number each, from a fixed seed, so that a run is repeatable and quick),
through the WSGI application as a signed-in engagement officer with a bearer token. No
answer may be a server error: bad input gets a 4xx with a message."""

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, seed, settings
from schemathesis.generation import GenerationMode

from organisations.models import Role
from organisations.tests.factories import UserFactory
from organisations.tokens import api_token_create

# Examples per operation and kind: requests the schema allows, and requests it does not (which
# must be refused with a 4xx). Enough to reach each operation's refusals of bad input, few
# enough for the whole schema in about a minute and a half on one core.
EXAMPLES = {GenerationMode.POSITIVE: 4, GenerationMode.NEGATIVE: 3}
# Operations that would stop the run rather than test anything (the token of the run itself).
SKIPPED = {("POST", "/api/tokens/{token_id}/rotate"), ("POST", "/api/tokens/{token_id}/revoke")}


@pytest.fixture
def wsgi_schema(db: Any) -> Any:
    """The schema, and the application it came from. As Django's own test client does, the
    requests leave the test's database connection open (it holds the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _server_errors(operation: Any, headers: dict[str, str], mode: GenerationMode) -> list[str]:
    found: list[str] = []

    @seed(20261205)
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def send(case: Any) -> None:
        response = case.call(headers=headers)
        if response.status_code >= 500:
            found.append(f"{case.method} {case.formatted_path} -> {response.status_code}: {case.body!r}")

    send()
    return found


def test_no_operation_answers_with_a_server_error(wsgi_schema, police):
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER, Role.ANALYST, Role.ADMIN])
    _, key = api_token_create(user=officer, name="schemathesis")
    headers = {"Authorization": f"Bearer {key}"}
    failures: list[str] = []
    walked = 0
    for result in wsgi_schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue
        walked += 1
        for mode in EXAMPLES:
            failures += _server_errors(operation, headers, mode)
    assert walked > 100
    assert not failures, "\n".join(failures)
