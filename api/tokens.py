"""Your API tokens over HTTP: list, create, rotate and revoke (organisations/tokens.py).
Authenticated like every endpoint, by session or by a token; a key is in the answer only when
it is made."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from core.shortcuts import get_visible_or_404
from organisations.models import ApiToken, User
from organisations.tokens import api_token_create, api_token_revoke, api_token_rotate, tokens_of

router = Router(tags=["API tokens"])


class TokenOut(Schema):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    state: str = Field(..., description="active, expired or revoked")


class TokenMade(TokenOut):
    key: str = Field(..., description="The bearer key. Shown only in this answer: store it now.")


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100, description="What the token is for")
    days: int | None = Field(
        None, ge=1, description=f"Lifetime in days, at most {settings.HEARD_API_TOKEN_DAYS} (the default)"
    )


def _made(token: ApiToken, key: str) -> TokenMade:
    return TokenMade(**TokenOut.model_validate(token).model_dump(), key=key)


def _token(request: HttpRequest, token_id: int) -> ApiToken:
    return get_visible_or_404(ApiToken.objects.select_related("user"), request.user, token_id)


@router.get("/tokens", response=list[TokenOut], summary="Your API tokens, newest first")
def list_tokens(request: HttpRequest) -> Any:
    return tokens_of(request.user)


@router.post("/tokens", response={201: TokenMade}, summary="Make a token (its key is shown once)")
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    user: User = request.user  # type: ignore[assignment]
    token, key = api_token_create(user=user, name=payload.name, days=payload.days)
    return Reply(201, _made(token, key))


@router.post(
    "/tokens/{int:token_id}/rotate",
    response={201: TokenMade},
    summary="A new key for the token; the old key stops working at once",
)
def rotate_token(request: HttpRequest, token_id: int) -> Any:
    user: User = request.user  # type: ignore[assignment]
    token, key = api_token_rotate(user=user, token=_token(request, token_id))
    return Reply(201, _made(token, key))


@router.post("/tokens/{int:token_id}/revoke", response=TokenOut, summary="Stop the token working")
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    user: User = request.user  # type: ignore[assignment]
    return api_token_revoke(user=user, token=_token(request, token_id))
