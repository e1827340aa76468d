"""Colleagues' two-factor sign-in's part of the URL walks (heard/tests/walks.py): each walked
activity's organisation has a member of staff with an authenticator app, whom an admin of
another organisation can neither see nor reset. The pages show names and whether two-factor
sign-in is set up, never residents' words."""

from collections.abc import Callable
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import Role
from organisations.tests.factories import UserFactory

Record = dict[str, Any]


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    colleague = UserFactory(organisation=police, roles=[Role.ANALYST])
    TOTPDevice.objects.create(user=colleague, name="Authenticator app", confirmed=True)
    record["two_factor_colleague"] = colleague


def _page(r: Record) -> dict[str, Any]:
    return {"pk": r["two_factor_colleague"].pk}


def _api(r: Record) -> dict[str, Any]:
    return {"user_id": r["two_factor_colleague"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "colleagues:reset": _page,
    "api:reset_colleague_two_factor": _api,
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "colleagues:list": {},
    "api:list_colleagues_two_factor": {},
}
NO_TEXT: dict[str, str] = dict.fromkeys(
    (*OBJECT_URLS, *COLLECTION_URLS), "colleagues' names and whether two-factor sign-in is set up"
)
# api/tests/test_write_schemas.py
SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "/api/colleagues/{user_id}/two-factor/reset": _api,
}
