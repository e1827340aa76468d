"""The reading door of the snapshot audit's imports: what the pages and the API show of a batch,
shaped once. A batch is seen by its importing organisation and its partnership's members
(AuditImport.objects.visible_to); its activities are listed only as far as the reader may see
them; an id the reader may not see is a 404."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from core.permissions import require
from core.shortcuts import get_visible_or_404
from engagement.models import Activity
from organisations.models import User

from .audit_undo import worked_on
from .models import AuditImport, ImportState


def import_list(*, user: User) -> QuerySet[AuditImport]:
    require(user, "reach.view_audit_import")
    return AuditImport.objects.visible_to(user).select_related("partnership", "organisation")


def import_get(*, user: User, pk: Any) -> AuditImport:
    batch = get_visible_or_404(AuditImport.objects.select_related("partnership", "organisation"), user, pk)
    require(user, "reach.view_audit_import", batch)
    return batch


@dataclass(frozen=True)
class ImportDetail:
    batch: AuditImport
    activities: list[Activity]  # those of its activities the reader may see
    hidden: int  # its activities the reader may not see
    can_undo: bool
    cannot_undo: list[str]  # why it can no longer be undone, for those who could otherwise

    def as_json(self) -> dict[str, Any]:
        batch = self.batch
        return {
            "id": batch.pk,
            "partnership": batch.partnership.name,
            "organisation": batch.organisation.name if batch.organisation else None,
            "imported_by": batch.imported_by_name,
            "file_name": batch.file_name,
            "imported_at": batch.created_at,
            "state": batch.state,
            "rows": batch.rows,
            "created": batch.created,
            "skipped": batch.skipped,
            "activities": [
                {"id": a.pk, "title": a.title, "led_by": a.lead_organisation.name} for a in self.activities
            ],
            "activities_not_shown": self.hidden,
            "undone_at": batch.undone_at,
            "can_undo": self.can_undo,
            "cannot_undo": self.cannot_undo,
        }


def import_detail(*, user: User, batch: AuditImport) -> ImportDetail:
    require(user, "reach.view_audit_import", batch)
    ids = list(batch.activities.values_list("pk", flat=True))
    shown = list(
        Activity.private_objects.visible_to(user)
        .filter(pk__in=ids)
        .select_related("lead_organisation", "method")
        .order_by("starts_at", "pk")
    )
    may_undo = user.has_perm("reach.undo_audit_import", batch)
    reasons = worked_on(batch) if may_undo else []
    return ImportDetail(
        batch=batch,
        activities=shown,
        hidden=len(ids) - len(shown),
        can_undo=may_undo and not reasons,
        cannot_undo=reasons,
    )


def is_imported(batch: AuditImport) -> bool:
    return batch.state == ImportState.IMPORTED
