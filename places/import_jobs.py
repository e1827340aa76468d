"""Reference-data imports started from the web or the API. The request does what is quick
(who may, which kind, the file's name, size and level) and stores the file in the default
storage on a `ReferenceImport`; a task (import_running.py) then imports it, all or nothing,
while the import's page shows its progress."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from .import_tasks import run_reference_import
from .models import AreaLevel, ReferenceImport, ReferenceKind

MAX_BYTES = 100 * 1024 * 1024  # a force's postcode file is a few megabytes; Census tables less
EXTENSIONS = {
    ReferenceKind.CENSUS: (".csv",),
    ReferenceKind.BOUNDARIES: (".geojson", ".json"),
    ReferenceKind.POSTCODES: (".csv",),
}


def _check(kind: str, upload: UploadedFile | None, level: str) -> tuple[ReferenceKind, UploadedFile]:
    if kind not in ReferenceKind.values:
        raise ValidationError(
            {"kind": gettext("Choose what the file holds: a Census table, boundaries or postcodes.")}
        )
    what = ReferenceKind(kind)
    if upload is None:
        raise ValidationError({"file": gettext("Choose a file to upload.")})
    name = upload.name or ""
    if not name.lower().endswith(EXTENSIONS[what]):
        raise ValidationError(
            {
                "file": gettext("The file must be a %(extensions)s file for %(what)s.")
                % {
                    "extensions": " or ".join(EXTENSIONS[what]),
                    "what": what.label[0].lower() + what.label[1:],
                }
            }
        )
    if not upload.size:
        raise ValidationError({"file": gettext("The file is empty.")})
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {
                "file": gettext("The file is larger than %(most)s MB: split it into smaller files.")
                % {"most": MAX_BYTES // (1024 * 1024)}
            }
        )
    if level and (what != ReferenceKind.BOUNDARIES or level not in AreaLevel.values):
        raise ValidationError({"level": gettext("Choose one of the levels, and only for a boundaries file.")})
    return what, upload


def reference_import_start(
    *, user: Any, kind: str, upload: UploadedFile | None, level: str = ""
) -> ReferenceImport:
    """Check who and what now (PermissionDenied, ValidationError), store the file, then leave
    the import to a background task. Returns the import, whose page shows how it goes."""
    if not user.has_perm("places.import_reference_data"):
        raise PermissionDenied
    what, upload = _check(kind, upload, level)
    job = ReferenceImport(
        kind=what,
        level=level,
        file_name=(upload.name or "upload")[-250:],
        file_size=upload.size or 0,
        requested_by=user,
    )
    with transaction.atomic():
        job.file.save(job.file_name, upload, save=False)
        try:
            job.full_clean()
        except ValidationError:
            job.file.delete(save=False)
            raise
        job.save()
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue(job_id))
    return job


def _enqueue(import_id: int) -> None:
    result = run_reference_import.enqueue(import_id)
    ReferenceImport.objects.filter(pk=import_id, task_id="").update(task_id=str(result.id))
