import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client


def test_create_api_token_prints_a_working_token(officer):
    out = io.StringIO()
    call_command("create_api_token", "officer", "crm sync", stdout=out)
    token = out.getvalue().strip()
    assert Client().get("/api/activities", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_create_api_token_unknown_user(db):
    with pytest.raises(CommandError, match="No user called 'ghost'"):
        call_command("create_api_token", "ghost", "x")
