"""Colleagues' two-factor sign-in over HTTP, for an organisation's admins: who has it set up,
and a reset (organisations/two_factor_admin.py). Same rules as the pages: an admin resets the
people of their own organisation, a superuser anyone's; never one's own."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema

from core.shortcuts import get_or_404
from organisations.models import User
from organisations.two_factor_admin import colleague_row, colleague_rows, colleagues_of, two_factor_reset

router = Router(tags=["two-factor sign-in"])


class ColleagueOut(Schema):
    id: int
    username: str
    name: str
    organisation: str
    has_app: bool = Field(..., description="An authenticator app is set up")
    must_set_up: bool = Field(..., description="Reset by an admin: sets up a new app at the next sign-in")


class ResetIn(Schema):
    confirmed: bool = Field(False, description="Must be true: their app and recovery codes stop working")


def _admin(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    return user


@router.get("/colleagues/two-factor", response=list[ColleagueOut], summary="Colleagues' two-factor sign-in")
def list_colleagues_two_factor(request: HttpRequest) -> Any:
    return [row.__dict__ for row in colleague_rows(_admin(request))]


@router.post(
    "/colleagues/{int:user_id}/two-factor/reset",
    response=ColleagueOut,
    summary="Reset a colleague's two-factor sign-in; they set it up again at their next sign-in",
)
def reset_colleague_two_factor(request: HttpRequest, user_id: int, body: ResetIn) -> Any:
    """Send `"confirmed": true`; without it nothing happens (422). Someone who has not set up
    two-factor sign-in cannot be reset (422)."""
    admin = _admin(request)
    colleague = get_or_404(colleagues_of(admin), user_id)
    if not body.confirmed:
        raise ValidationError({"confirmed": "Send confirmed: true to reset their two-factor sign-in."})
    two_factor_reset(actor=admin, user=colleague)
    return colleague_row(admin, colleague).__dict__
