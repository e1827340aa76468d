"""What the feedback loop's API modules share: the caller, and an area, an organisation or the
fields a body needs, read from a request with a clear 400 when they are wrong."""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.text import slugify
from django.utils.translation import gettext

from organisations.models import Organisation, User
from places.models import Area


def caller(request: HttpRequest) -> User:
    return cast(User, request.user)


def area_arg(code: str | None, *, required: bool) -> Area | None:
    code = (code or "").strip()
    if not code:
        if required:
            raise ValidationError({"area": "Give the area code, like E05000820."})
        return None
    found = Area.objects.filter(code=code[:12]).first() if code.isalnum() else None
    if found is None:
        raise ValidationError({"area": gettext("No area has the code “%(code)s”.") % {"code": code}})
    return found


def organisation_arg(slug: str | None) -> Organisation:
    slug = (slug or "").strip()
    found = Organisation.objects.filter(slug=slug, is_active=True).first() if slug == slugify(slug) else None
    if found is None:
        raise ValidationError({"owner_organisation": "Give the slug of an active organisation."})
    return found


def need(data: dict[str, Any], *names: str) -> None:
    missing = {name: "This is needed." for name in names if data.get(name) in (None, "", [])}
    if missing:
        raise ValidationError(missing)
