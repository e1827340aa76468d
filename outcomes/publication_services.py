"""Asking for a publication-scheme bundle: the period checked, the request recorded and audited,
and the background task (tasks_publication.py → publication_making.py) that makes it queued once
the transaction commits."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User
from places.models import Area

from .models import PublicationBundle
from .publication_making import publication_bundles_fail_stale
from .reports_scope import period_for
from .tasks_publication import make_publication_bundle

__all__ = ["publication_bundle_request", "publication_bundles_fail_stale"]


@transaction.atomic
def publication_bundle_request(
    *, user: User, start: date, end: date, area: Area | None = None
) -> PublicationBundle:
    """Queue the bundle of a period and area (every area: None)."""
    require(user, "outcomes.add_publication_bundle")
    if user.organisation_id is None:  # the rule says so too: a bundle is an organisation's
        raise PermissionDenied("Only members of an organisation make bundles.")
    period_for(start=start, end=end, area=area)
    bundle = PublicationBundle(
        start=start, end=end, area=area, requested_by=user, organisation_id=user.organisation_id
    )
    bundle.full_clean()
    bundle.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=bundle,
        changes={"period": bundle.period, "area": bundle.place},
    )
    bundle_id = bundle.pk
    transaction.on_commit(lambda: make_publication_bundle.enqueue(bundle_id))
    return bundle
