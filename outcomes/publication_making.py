"""Making publication-scheme bundles (publication.py, publication_files.py), in the background
task (tasks_publication.py; publication_services.py queues it): `publication_bundle_execute`, which reads the records as the person who asked may see them,
writes the files and stores the zip, its manifest and the move to "ready" in one transaction,
so a bundle is either ready with its file or not ready at all. A heartbeat stamps it while it is
made, so that one whose worker died is marked failed (`publication_bundles_fail_stale`) rather
than "being made" for ever: these moves are core's (core/background_jobs.py), watched as
reports are (reports_making.py).

Every bundle made, here or by `manage.py publication_bundle`, and every download of one, is
recorded in the audit log as an export."""

import json
import logging
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from core.background_jobs import JobRunner, job_lifecycle
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from .models import BundleState, PublicationBundle
from .publication import publication_bundle
from .publication_files import bundle_name, to_zip, with_manifest
from .reports_making import stale_after
from .reports_scope import Period

logger = logging.getLogger(__name__)
STOPPED = (
    "The bundle stopped part-way because the process making it ended. Nothing was kept: ask for it again."
)
NO_LONGER = "The person who asked for it can no longer make bundles, so it was not made."

BUNDLES = JobRunner(
    job_lifecycle(PublicationBundle, BundleState, noun="bundle"),
    name="publication",
    cleared_on_failure={"manifest": {}, "content": b""},
    stale_after=stale_after,
)


def record_export(*, actor: User | None, obj: Model | None, manifest: dict[str, Any], **changes: Any) -> None:
    """One audit entry for a bundle made or downloaded."""
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=obj,
        object_type="" if obj is not None else "outcomes.publicationbundle",
        object_repr="" if obj is not None else str(manifest.get("name", "publication scheme bundle")),
        changes={
            "what": "publication scheme bundle",
            "name": manifest.get("name", ""),
            "period": manifest.get("period", {}).get("words", ""),
            "area": (manifest.get("period", {}).get("area") or {}).get("code", ""),
            "files": len(manifest.get("files", [])),
            **changes,
        },
    )


def build(
    row: PublicationBundle, user: User, progress: Callable[[int], None]
) -> tuple[str, dict[str, Any], bytes]:
    """(file name, manifest, zip) of the bundle, as `user` may see the records."""
    made_on = timezone.localtime(row.created_at).date()
    period = Period(start=row.start, end=row.end, area=row.area, as_at=min(row.end, made_on))
    bundle = publication_bundle(user=user, period=period, made_on=made_on)
    progress(60)
    files = with_manifest(bundle, timezone.now())
    progress(80)
    name = bundle_name(bundle)
    return f"{name}.zip", json.loads(files["manifest.json"]), to_zip(name, files, made_on)


def publication_bundle_execute(*, bundle_id: int, heartbeat: bool = True) -> PublicationBundle:
    """Make a queued bundle; a failure is recorded on it (never left "being made")."""
    row = PublicationBundle.objects.select_related("area", "requested_by").get(pk=bundle_id)
    running = BUNDLES.start(row, progress=5)
    if running is None:  # another worker took it
        return row
    row, user = running, running.requested_by
    try:
        if user is None or not user.is_active or not user.has_perm("outcomes.add_publication_bundle"):
            raise ValidationError(NO_LONGER)
        with BUNDLES.heartbeat(row.pk) if heartbeat else nullcontext():
            filename, manifest, content = build(row, user, BUNDLES.progress_setter(row.pk))
            _finish(row, user, filename, manifest, content)
    except Exception as exc:  # the bundle must not stay "being made" for ever
        logger.exception("Publication bundle %s failed", row.pk)
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else "Something went wrong."
        _fail(row.pk, message)
    row.refresh_from_db()
    return row


def _finish(
    row: PublicationBundle, user: User, filename: str, manifest: dict[str, Any], content: bytes
) -> None:
    with transaction.atomic():
        if BUNDLES.end(row.pk, BundleState.DONE, filename=filename, manifest=manifest, content=content):
            record_export(actor=user, obj=row, manifest=manifest, made=True)


def _fail(bundle_id: int, message: str) -> bool:
    with transaction.atomic():
        before = BUNDLES.end(bundle_id, BundleState.FAILED, error=message)
        if before:
            row = PublicationBundle.objects.defer("content").get(pk=bundle_id)
            audit_record(
                actor=None, action=AuditAction.TRANSITION, obj=row, changes={"state": [before, "failed"]}
            )
    return bool(before)


def publication_bundles_fail_stale(*, now: Any = None) -> int:
    """Mark failed every bundle still "being made" whose heartbeat stopped. Returns how many."""
    return BUNDLES.fail_stale(message=STOPPED, now=now, fail=_fail)
