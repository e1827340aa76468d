"""Who sees the records of measures and plans: those an organisation owns are its own staff's,
and those it puts in a partnership's name are also the staff's of every member organisation
(a community safety partnership's report card, action plan and annual plan are the
partnership's, whoever typed them in). Superusers see everything."""

from typing import Any, Self

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q

from organisations.models import Partnership, User


def member_partnerships(user: "User | AnonymousUser") -> models.QuerySet[Partnership]:
    """The partnerships the user's organisation is a member of (all of them for a superuser)."""
    if not isinstance(user, User) or not user.is_active:
        return Partnership.objects.none()
    if user.is_superuser:
        return Partnership.objects.all()
    if user.organisation_id is None:
        return Partnership.objects.none()
    return Partnership.objects.filter(members__id=user.organisation_id)


def shared_with(user: "User | AnonymousUser", *, prefix: str = "") -> Q | None:
    """Rows owned by the user's organisation or in the name of a partnership it is a member
    of; None for a superuser (everything). `prefix` reaches the owning record from a child row
    ("measure__")."""
    if not isinstance(user, User) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    org = user.organisation_id
    if org is None:
        return Q(pk__in=[])
    member_of = Partnership.members.through.objects.filter(organisation_id=org)
    return Q(**{f"{prefix}organisation_id": org}) | Q(
        **{f"{prefix}partnership_id__in": member_of.values("partnership_id")}
    )


class SharedQuerySet(models.QuerySet[Any]):
    """`visible_to(user)` for records owned by an organisation and shared with a partnership;
    subclasses for child rows say how to reach the owning record (`owner_prefix`)."""

    owner_prefix = ""

    def visible_to(self, user: "User | AnonymousUser") -> Self:
        condition = shared_with(user, prefix=self.owner_prefix)
        return self.all() if condition is None else self.filter(condition)
