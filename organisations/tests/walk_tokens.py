"""API tokens' part of the URL walks (heard/tests/walks.py): each walked activity's organisation
has an officer with a token, which a user of another organisation can neither see, rotate nor
revoke. Tokens hold no residents' words."""

from collections.abc import Callable
from typing import Any

from organisations.models import Role
from organisations.tests.factories import UserFactory
from organisations.tokens import api_token_create

Record = dict[str, Any]


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    owner = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    record["api_token"] = api_token_create(user=owner, name="TOKEN-SECRET")[0]


def _page(r: Record) -> dict[str, Any]:
    return {"pk": r["api_token"].pk}


def _api(r: Record) -> dict[str, Any]:
    return {"token_id": r["api_token"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "tokens:rotate": _page,
    "tokens:revoke": _page,
    "api:rotate_token": _api,
    "api:revoke_token": _api,
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "tokens:list": {},
    "tokens:create": {},
    "api:list_tokens": {},
    "api:create_token": {},
}
NO_TEXT: dict[str, str] = dict.fromkeys(
    (*OBJECT_URLS, *COLLECTION_URLS), "a person's own API tokens: names they gave and dates"
)
