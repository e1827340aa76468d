"""Writes for organisations, users and tokens."""

from collections.abc import Iterable

from django.db import transaction

from .models import Organisation, Role, User, UserRole
from .tokens import api_token_create as api_token_create  # tokens have their own module


@transaction.atomic
def user_create(
    *,
    username: str,
    organisation: Organisation | None,
    roles: Iterable[Role | str] = (),
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    job_title: str = "",
    is_superuser: bool = False,
) -> User:
    user = User(
        username=username,
        organisation=organisation,
        email=email,
        first_name=first_name,
        last_name=last_name,
        job_title=job_title,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    user_set_roles(user=user, roles=roles)
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[Role | str]) -> None:
    wanted = {Role(r).value for r in roles}
    UserRole.objects.filter(user=user).exclude(role__in=wanted).delete()
    have = set(UserRole.objects.filter(user=user).values_list("role", flat=True))
    UserRole.objects.bulk_create([UserRole(user=user, role=r) for r in sorted(wanted - have)])
    user._roles_cache = frozenset(wanted)
