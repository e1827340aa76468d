"""Starting coding: the service behind **Code all answers again** (page and API). The coding itself
is in coding.py, run by the background task `tasks.code_answers`; an analysis that finishes
starts one for its answers itself (tasks.run_analysis)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from .coding import coding_job_new
from .coding_models import CodingJob
from .tasks import enqueue_coding


def coding_job_create(*, user: User, answer_ids: list[int] | None = None) -> CodingJob:
    """Queue coding of the user's organisation's answers (all of them unless `answer_ids`) and its
    meeting notes; it runs after the commit."""
    require(user, "insight.code_answers")
    if not user.organisation_id:
        raise ValidationError(gettext("Only members of an organisation code its answers."))
    with transaction.atomic():
        job = coding_job_new(organisation_id=user.organisation_id, answer_ids=answer_ids or [], user=user)
        audit_record(actor=user, action=AuditAction.CREATE, obj=job, changes={"answers": len(job.answer_ids)})
        job_id = job.pk
        transaction.on_commit(lambda: enqueue_coding(job_id))
    return job
