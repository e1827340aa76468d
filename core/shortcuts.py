""" "The visible record or a 404": the one way a page or an endpoint turns an id it was given
into a record. Ids arrive as text from URLs, forms and request bodies; anything that is not a
whole number a database column can hold is simply not found (never a 500), and a record the
user may not see is not found either, so its existence is not revealed."""

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

# The largest value of a 64-bit signed integer column (BigAutoField).
MAX_ID = 2**63 - 1

M = TypeVar("M", bound=Model)


def parse_id(value: Any) -> int | None:
    """A record id from text: a whole number from 1 to MAX_ID, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not text.isascii() or not text.isdigit() or len(text) > 19:
            return None
        number = int(text)
    return number if 1 <= number <= MAX_ID else None


def get_or_404(queryset: "QuerySet[M]", pk: Any) -> M:
    """The row of `queryset` with this id, or Http404 (also for an id that cannot be one)."""
    number = parse_id(pk)
    if number is None:
        raise Http404("No such record.")
    found = queryset.filter(pk=number).first()
    if found is None:
        raise Http404("No such record.")
    return found


def get_visible_or_404(queryset: "QuerySet[M]", user: Any, pk: Any) -> M:
    """The record with this id among those `user` may see (the queryset's `visible_to`), or
    Http404. `queryset` may already be narrowed or carry select_related."""
    visible_to = getattr(queryset, "visible_to", None)
    if visible_to is None:
        raise TypeError(f"{queryset.model.__name__} has no visible_to(user): it cannot be scoped.")
    return get_or_404(visible_to(user), pk)
