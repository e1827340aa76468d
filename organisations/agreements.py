"""Writing data-sharing agreements: recording, changing and ending them, and their signatories
(issue 11 "Marking and sharing"; seed 004 "agreed principles on sharing data"). Every change is
written to the audit log with what changed, which is the agreement's record of changes. An
agreement only ever lets the recipient see OFFICIAL records: OFFICIAL-SENSITIVE stays with its
organisation whatever the scopes say (the apps' reading doors)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record, diff, snapshot

from .models import AgreementScope, AgreementSignatory, DataSharingAgreement, Organisation, SharingScope, User

AGREEMENT_FIELDS = ("title", "owner", "recipient", "starts", "ends", "notes")


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str
    organisation: Organisation
    signed_on: date


def shares(*, owner_id: int | None, recipient_id: int | None, scope: str) -> bool:
    """Does `owner_id` share `scope` with `recipient_id` under an agreement active today?"""
    if not owner_id or not recipient_id:
        return False
    return (
        DataSharingAgreement.objects.active()
        .covering(scope)
        .filter(owner_id=owner_id, recipient_id=recipient_id)
        .exists()
    )


def _clean_scopes(scopes: Iterable[str]) -> list[str]:
    chosen = sorted(set(scopes))
    if not chosen:
        raise ValidationError({"scopes": gettext("Choose at least one thing the agreement shares.")})
    unknown = [s for s in chosen if s not in SharingScope.values]
    if unknown:
        raise ValidationError(
            {
                "scopes": gettext("Not something an agreement can share: %(values)s.")
                % {"values": ", ".join(unknown)}
            }
        )
    return chosen


def _state(agreement: DataSharingAgreement) -> dict[str, Any]:
    state = snapshot(agreement, AGREEMENT_FIELDS)
    state["scopes"] = sorted(agreement.scopes.values_list("scope", flat=True)) if agreement.pk else []
    state["signatories"] = [str(s) for s in agreement.signatories.all()] if agreement.pk else []
    return state


def _check_party(user: User, agreement: DataSharingAgreement) -> None:
    if user.is_superuser:
        return
    if user.organisation_id not in (agreement.owner_id, agreement.recipient_id):
        raise PermissionDenied(gettext("You can only record agreements your organisation is a party to."))


def _add_signatories(
    agreement: DataSharingAgreement, signatories: Sequence[Signatory]
) -> list[AgreementSignatory]:
    rows = []
    for person in signatories:
        row = AgreementSignatory(agreement=agreement, **person.__dict__)
        row.full_clean()
        row.save()
        rows.append(row)
    return rows


def agreement_create(
    *,
    user: User,
    title: str,
    owner: Organisation,
    recipient: Organisation,
    scopes: Iterable[str],
    starts: date | None = None,
    ends: date | None = None,
    notes: str = "",
    signatories: Sequence[Signatory] = (),
) -> DataSharingAgreement:
    require(user, "organisations.add_agreement")
    agreement = DataSharingAgreement(
        title=title,
        owner=owner,
        recipient=recipient,
        starts=starts or timezone.localdate(),
        ends=ends,
        notes=notes,
    )
    _check_party(user, agreement)
    chosen = _clean_scopes(scopes)
    agreement.full_clean()
    with transaction.atomic():
        agreement.save()
        AgreementScope.objects.bulk_create(AgreementScope(agreement=agreement, scope=s) for s in chosen)
        _add_signatories(agreement, signatories)
        audit_record(
            actor=user, action=AuditAction.CREATE, obj=agreement, changes=diff({}, _state(agreement))
        )
    return agreement


def agreement_update(
    *, user: User, agreement: DataSharingAgreement, scopes: Iterable[str] | None = None, **fields: Any
) -> DataSharingAgreement:
    """Change the agreement's fields (any of AGREEMENT_FIELDS) and, given, its scopes."""
    require(user, "organisations.change_agreement", agreement)
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError(
            gettext("Not a field of an agreement: %(values)s.") % {"values": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        locked = DataSharingAgreement.objects.select_for_update().get(pk=agreement.pk)
        before = _state(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        _check_party(user, locked)
        chosen = _clean_scopes(scopes) if scopes is not None else None
        locked.full_clean()
        locked.save()
        if chosen is not None:
            locked.scopes.exclude(scope__in=chosen).delete()
            have = set(locked.scopes.values_list("scope", flat=True))
            AgreementScope.objects.bulk_create(
                AgreementScope(agreement=locked, scope=s) for s in chosen if s not in have
            )
        changes = diff(before, _state(locked))
        if changes:
            audit_record(actor=user, action=AuditAction.UPDATE, obj=locked, changes=changes)
    return locked


def agreement_end(
    *, user: User, agreement: DataSharingAgreement, on: date | None = None
) -> DataSharingAgreement:
    """End the agreement on `on` (today by default): nothing is shared under it after that day."""
    on = on or timezone.localdate()
    if agreement.ends is not None and agreement.ends <= on:
        raise ValidationError({"ends": gettext("The agreement has already ended.")})
    if on < agreement.starts:
        raise ValidationError({"ends": gettext("The agreement cannot end before it starts.")})
    return agreement_update(user=user, agreement=agreement, ends=on)


def agreement_signatory_add(
    *, user: User, agreement: DataSharingAgreement, signatory: Signatory
) -> AgreementSignatory:
    require(user, "organisations.change_agreement", agreement)
    with transaction.atomic():
        locked = DataSharingAgreement.objects.select_for_update().get(pk=agreement.pk)
        before = _state(locked)
        (row,) = _add_signatories(locked, [signatory])
        audit_record(actor=user, action=AuditAction.UPDATE, obj=locked, changes=diff(before, _state(locked)))
    return row


def agreement_signatory_remove(*, user: User, agreement: DataSharingAgreement, signatory_id: int) -> None:
    require(user, "organisations.change_agreement", agreement)
    with transaction.atomic():
        locked = DataSharingAgreement.objects.select_for_update().get(pk=agreement.pk)
        row = locked.signatories.filter(pk=signatory_id).first()
        if row is None:
            raise ValidationError({"signatory": gettext("That person has not signed this agreement.")})
        before = _state(locked)
        row.delete()
        audit_record(actor=user, action=AuditAction.UPDATE, obj=locked, changes=diff(before, _state(locked)))
