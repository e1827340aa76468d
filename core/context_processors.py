"""Context for every page."""

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from .extensions import staff_menu as registered


def staff_menu(request: HttpRequest) -> dict[str, Any]:
    """The staff menu's items this user may use, with the one for the current page marked:
    `{"staff_menu": [{"label", "url", "current"}]}`. Empty for visitors who are not signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff_menu": []}
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    items = []
    for item in registered:
        if item.perm and not user.has_perm(item.perm):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = request.path == url or bool(item.namespace and item.namespace == namespace)
        count = item.count(user) if item.count is not None else 0
        items.append(
            {
                "label": item.label,
                "url": url,
                "current": current,
                "exact": request.path == url,
                "count": count,
            }
        )
    return {"staff_menu": items}
