"""The one permission guard that views, API routers and services share."""

from typing import Any

from django.core.exceptions import PermissionDenied


def require(user: Any, perm: str, obj: Any = None) -> None:
    """PermissionDenied unless `user` has `perm` (on `obj`, with the apps' `rules` predicates).
    `user` may be anonymous: the predicates say no for them."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
