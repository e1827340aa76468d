"""Resetting a colleague's two-factor sign-in, for an organisation's admins (organisations/
two_factor_rules.py): when someone has lost both their phone and their recovery codes. Their
authenticator app and recovery codes go, and they must set up a new app before any other page,
at their next sign-in or on their next page if signed in (`User.must_set_up_two_factor`,
organisations/two_factor.py). The reset is in the audit log of their organisation.
`manage.py two_factor_reset` does the same from the command line."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import AuditAction
from governance.services import audit_record

from . import two_factor_rules  # noqa: F401  (its permission)
from .models import User, UserQuerySet
from .two_factor import second_factor_remove

PERMISSION = "organisations.reset_two_factor"


@dataclass(frozen=True)
class Colleague:
    id: int
    username: str
    name: str
    organisation: str
    has_app: bool
    must_set_up: bool


def colleagues_of(user: User) -> UserQuerySet:
    """The people whose second factor the user may reset: their organisation's active users
    other than themselves and superusers; every organisation's for a superuser."""
    if not user.has_perm(PERMISSION):
        raise PermissionDenied
    found = User.objects.visible_to(user).filter(is_active=True).exclude(pk=user.pk)
    if not user.is_superuser:
        found = found.exclude(is_superuser=True)
    has_app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        found.select_related("organisation")
        .annotate(has_app=Exists(has_app))
        .order_by("organisation__name", "last_name", "first_name", "username")
    )


def _row(found: User) -> Colleague:
    return Colleague(
        id=found.pk,
        username=found.username,
        name=found.get_full_name(),
        organisation=found.organisation.name if found.organisation else "",
        has_app=bool(getattr(found, "has_app", False)),
        must_set_up=found.must_set_up_two_factor,
    )


def colleague_rows(user: User) -> list[Colleague]:
    return [_row(found) for found in colleagues_of(user)]


def colleague_row(user: User, colleague: User) -> Colleague:
    return _row(colleagues_of(user).get(pk=colleague.pk))


def two_factor_reset(*, actor: User, user: User) -> User:
    """Turn off `user`'s second factor and make them set up a new one; audited."""
    if not actor.has_perm(PERMISSION, user):
        raise PermissionDenied
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not TOTPDevice.objects.filter(user=locked, confirmed=True).exists():
            raise ValidationError(
                gettext("%(username)s has not set up two-factor sign-in: there is nothing to reset.")
                % {"username": locked.get_username()}
            )
        second_factor_remove(user=locked, actor=actor)
        locked.must_set_up_two_factor = True
        locked.save(update_fields=["must_set_up_two_factor"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            object_repr=f"Two-factor sign-in reset for {locked.get_username()}",
            changes={"must_set_up_two_factor": [False, True]},
        )
    return locked
