"""Writes of the reach part: importing a target profile from CSV (all or nothing) and deleting
one. Each checks its permission, validates, runs in one transaction and is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core.permissions import require
from core.text import clean, clean_line
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import Organisation, User

from .models import TargetProfile, TargetShare
from .target_file import TargetFileError, read_target_file


def target_profile_import(
    *,
    user: User | None,
    name: str,
    data: bytes,
    description: str = "",
    source: str = "",
    is_shared: bool = True,
    organisation: Organisation | None = None,
) -> TargetProfile:
    """A target profile from a CSV file (see `target_file`). Any bad row refuses the whole file:
    ValidationError on `file`, one message per problem with its line. `user` None is the command
    line (whoever runs it holds the database), which names the `organisation` instead."""
    if user is not None:
        require(user, "reach.add_target_profile")
        organisation = user.organisation
    if organisation is None:
        raise ValidationError(
            {"organisation": gettext("Say which organisation the target profile belongs to.")}
        )
    try:
        parsed = read_target_file(data)
    except TargetFileError as error:
        raise ValidationError({"file": error.problems}) from error
    name = clean_line(name)
    if TargetProfile.objects.filter(organisation=organisation, name=name).exists():
        raise ValidationError(
            {
                "name": gettext("%(name)s already has a target profile with this name.")
                % {"name": organisation.name}
            }
        )
    with transaction.atomic():
        profile = TargetProfile(
            name=name,
            description=clean(description),
            source=clean_line(source),
            given_as=parsed.given_as,
            organisation=organisation,
            is_shared=is_shared,
            created_by=user,
        )
        profile.full_clean()
        profile.save()
        shares = [
            TargetShare(profile=profile, dimension=row.dimension, category=row.category, amount=row.amount)
            for row in parsed.rows
        ]
        for share in shares:
            share.full_clean(exclude=["profile"])
        TargetShare.objects.bulk_create(shares)
        audit_record(
            actor=user,
            action=AuditAction.IMPORT,
            obj=profile,
            changes={"rows": len(shares), "dimensions": sorted({s.dimension for s in shares})},
        )
    return profile


def target_profile_delete(*, user: User, profile: TargetProfile) -> None:
    require(user, "reach.delete_target_profile", profile)
    with transaction.atomic():
        audit_record(actor=user, action=AuditAction.DELETE, obj=profile)
        profile.delete()
