"""Coding written answers to the policing codeframe, and analysts' corrections.

Every free-text answer to an organisation's activities gets the codes of its codeframe that fit
(several may), beside the themes an analysis finds. Coding reads the answers' redacted text and
learns from the codeframe's descriptions and examples and from the answers and meeting notes the
organisation's analysts corrected, so corrections improve later coding for that organisation only.
The notes of the meetings and events it leads are coded and corrected the same way.

Coding runs in a background task (`tasks.code_answers`) after an analysis finishes, and when an
analyst asks for everything to be coded again. Each batch of answers is written in one
transaction, replacing their automatic codes; an analyst's corrections always win. Coding the
same answers twice gives the same result, so a job whose worker died is marked failed (by the
worker's sweep) and started again, with nothing half-written to clean up."""

import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from consultations.models import Answer, Attendance, QuestionKind
from core.heartbeat import Heartbeat
from core.page_cache import bump_generation
from core.permissions import require
from core.task_recovery import stale_job_ids
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from . import text
from .codeframes import codeframe_current
from .coding_models import (
    AnswerCode,
    CodeCorrection,
    CodeframeVersion,
    CodeSource,
    CodingJob,
    CorrectionAction,
    NoteCode,
    NoteCodeCorrection,
)
from .embedding_cache import AnswerVectorStore

logger = logging.getLogger(__name__)
BATCH = 500
State = CodingJob.State


def organisation_answers(organisation_id: int) -> QuerySet[Answer]:
    """The written answers an organisation codes: those to the activities it leads."""
    return Answer.objects.filter(
        question__kind=QuestionKind.TEXT,
        question__questionnaire__activity__lead_organisation_id=organisation_id,
    ).exclude(text="")


def organisation_notes(organisation_id: int) -> QuerySet[Attendance]:
    """The meeting notes an organisation codes: those of the meetings and events it leads."""
    return Attendance.objects.filter(activity__lead_organisation_id=organisation_id).exclude(notes="")


def _examples(
    corrected: set[int], given: list[tuple[int, str]], texts: dict[int, str]
) -> tuple[list[str], list[list[str]]]:
    """Corrected texts (redacted) with their codes as they now stand; those left with no code
    or no text teach nothing."""
    codes: dict[int, list[str]] = defaultdict(list)
    for pk, code in given:
        codes[pk].append(code)
    ids = sorted(pk for pk in corrected if codes.get(pk) and texts.get(pk))
    return [text.redact(texts[pk]) for pk in ids], [codes[pk] for pk in ids]


def _training(organisation_id: int) -> tuple[list[str], list[list[str]]]:
    """The answers and meeting notes the organisation's analysts corrected, with their codes as
    they now stand."""
    mine = {"organisation_id": organisation_id}
    answers = set(CodeCorrection.objects.filter(**mine).values_list("answer_id", flat=True))
    answer_texts, answer_codes = _examples(
        answers,
        list(AnswerCode.objects.filter(**mine, answer_id__in=answers).values_list("answer_id", "code")),
        dict(Answer.objects.filter(pk__in=answers).values_list("pk", "text")),
    )
    notes = set(NoteCodeCorrection.objects.filter(**mine).values_list("attendance_id", flat=True))
    note_texts, note_codes = _examples(
        notes,
        list(NoteCode.objects.filter(**mine, attendance_id__in=notes).values_list("attendance_id", "code")),
        dict(Attendance.objects.filter(pk__in=notes).values_list("pk", "notes")),
    )
    return answer_texts + note_texts, answer_codes + note_codes


def answers_code(*, organisation_id: int, answer_ids: list[int] | None = None, progress=None) -> int:  # type: ignore[no-untyped-def]
    """Code the organisation's answers (all, or those of `answer_ids`) with its newest codeframe.
    Returns how many answers were coded. `progress(percent)` is called after each batch."""
    version = codeframe_current(organisation_id)
    codes = version.active_codes
    active = {c["id"] for c in codes}
    answers = organisation_answers(organisation_id)
    if answer_ids is not None:
        answers = answers.filter(pk__in=answer_ids)
    rows = list(answers.order_by("pk").values_list("pk", "text"))
    if not rows:
        return 0
    train_texts, train_codes = _training(organisation_id)
    train_codes = [[c for c in group if c in active] for group in train_codes]
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        redacted = {pk: text.redact(t) for pk, t in batch}
        store = AnswerVectorStore(organisation_id=organisation_id, texts=redacted)
        found = text.assign_codes(codes, train_texts, train_codes, list(redacted.values()), store=store)
        _write(organisation_id, version.number, [pk for pk, _ in batch], found)
        if progress:
            progress(min(99, round(100 * (start + len(batch)) / len(rows))))
    return len(rows)


def notes_code(*, organisation_id: int) -> int:
    """Code the notes of the meetings and events the organisation leads (all at once: there are
    few), replacing their automatic codes; an analyst's corrections always win. Returns how many
    notes were coded."""
    version = codeframe_current(organisation_id)
    notes = list(organisation_notes(organisation_id).order_by("pk").values_list("pk", "notes"))
    if not notes:
        return 0
    train_texts, train_codes = _training(organisation_id)
    active = {c["id"] for c in version.active_codes}
    train_codes = [[c for c in group if c in active] for group in train_codes]
    found = text.assign_codes(
        version.active_codes, train_texts, train_codes, [text.redact(n) for _, n in notes]
    )
    _write_notes(organisation_id, version.number, [pk for pk, _ in notes], found)
    return len(notes)


def _write_notes(
    organisation_id: int, version: int, ids: list[int], found: list[list[tuple[str, float]]]
) -> None:
    removed = set(
        NoteCodeCorrection.objects.filter(
            organisation_id=organisation_id, attendance_id__in=ids, action=CorrectionAction.REMOVE
        ).values_list("attendance_id", "code")
    )
    with transaction.atomic():
        mine = NoteCode.objects.filter(organisation_id=organisation_id, attendance_id__in=ids)
        mine.filter(source=CodeSource.AUTO).delete()
        kept = set(mine.values_list("attendance_id", "code"))
        NoteCode.objects.bulk_create(
            NoteCode(
                organisation_id=organisation_id,
                attendance_id=pk,
                code=code,
                confidence=round(score, 4),
                version=version,
            )
            for pk, codes in zip(ids, found, strict=True)
            for code, score in codes
            if (pk, code) not in removed and (pk, code) not in kept
        )


def _write(organisation_id: int, version: int, ids: list[int], found: list[list[tuple[str, float]]]) -> None:
    removed = set(
        CodeCorrection.objects.filter(
            organisation_id=organisation_id, answer_id__in=ids, action=CorrectionAction.REMOVE
        ).values_list("answer_id", "code")
    )
    with transaction.atomic():
        mine = AnswerCode.objects.filter(organisation_id=organisation_id, answer_id__in=ids)
        mine.filter(source=CodeSource.AUTO).delete()
        bump_generation()  # the public neighbourhood pages count codes
        kept = set(mine.values_list("answer_id", "code"))
        now = timezone.now()
        AnswerCode.objects.bulk_create(
            [
                AnswerCode(
                    organisation_id=organisation_id,
                    answer_id=pk,
                    code=code,
                    confidence=round(score, 4),
                    version=version,
                    coded_at=now,
                )
                for pk, codes in zip(ids, found, strict=True)
                for code, score in codes
                if (pk, code) not in removed and (pk, code) not in kept
            ],
            batch_size=2000,
        )


def coding_job_new(*, organisation_id: int, answer_ids: list[int], user: User | None = None) -> CodingJob:
    """A queued job's row; `coding_jobs.coding_job_create` (or the analysis task) queues its task."""
    job = CodingJob(organisation_id=organisation_id, answer_ids=sorted(answer_ids), created_by=user)
    job.full_clean()
    job.save()
    return job


def coding_job_execute(*, job_id: int) -> CodingJob:
    """Run a queued job; a failure is recorded on it. A job another worker took is left alone."""
    claimed = CodingJob.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING, heartbeat_at=timezone.now(), progress=1
    )
    job = CodingJob.objects.get(pk=job_id)
    if not claimed:
        return job
    rows = CodingJob.objects.filter(pk=job_id, state=State.RUNNING)

    def progress(percent: int) -> None:
        rows.update(progress=percent, heartbeat_at=timezone.now())

    try:
        with Heartbeat(rows, f"coding-{job_id}"):
            count = answers_code(
                organisation_id=job.organisation_id, answer_ids=job.answer_ids or None, progress=progress
            )
            notes_code(organisation_id=job.organisation_id)  # few, so all of them each time
        rows.update(state=State.DONE, progress=100, answer_count=count, finished_at=timezone.now())
    except Exception as exc:  # the job must not stay "running" for ever
        logger.exception("Coding job %s failed", job_id)
        rows.update(
            state=State.FAILED, error=str(exc)[:1000] or exc.__class__.__name__, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job


STOPPED = "Coding stopped part-way because the process running it ended. Code the answers again."


def coding_jobs_fail_stale() -> int:
    """Mark failed the jobs whose worker died (core/task_recovery.py runs this)."""
    ids = stale_job_ids(CodingJob.objects.all(), running=State.RUNNING, queued=State.QUEUED)
    return CodingJob.objects.filter(pk__in=ids, state__in=[State.RUNNING, State.QUEUED]).update(
        state=State.FAILED, error=STOPPED, finished_at=timezone.now()
    )


def _correctable(organisation_id: int, code: str, action: str) -> CodeframeVersion:
    """The codeframe a correction is made with, once the correction is known to make sense: a
    code may be removed if any version of the codeframe had it, added only if it is in use."""
    version = codeframe_current(organisation_id)
    if action not in CorrectionAction.values:
        raise ValidationError({"action": gettext("Choose to add or to remove the code.")})
    known = (
        {c["id"] for c in version.codes}
        if action == CorrectionAction.REMOVE
        else {c["id"] for c in version.active_codes}
    )
    if code not in known:
        raise ValidationError({"code": gettext("Choose a code of your organisation's codeframe.")})
    return version


def answer_code_correct(*, user: User, answer: Answer, code: str, action: str) -> AnswerCode | None:
    """An analyst adds a code to an answer or removes one. The correction is kept through later
    coding and teaches it. Returns the code added (None for a removal)."""
    require(user, "insight.correct_code", answer)
    organisation_id = user.organisation_id or 0
    version = _correctable(organisation_id, code, action)
    with transaction.atomic():
        CodeCorrection.objects.update_or_create(
            organisation_id=organisation_id,
            answer=answer,
            code=code,
            defaults={"action": action, "created_by": user, "created_at": timezone.now()},
        )
        rows = AnswerCode.objects.filter(organisation_id=organisation_id, answer=answer, code=code)
        added = None
        if action == CorrectionAction.ADD:
            rows.delete()
            added = AnswerCode.objects.create(
                organisation_id=organisation_id,
                answer=answer,
                code=code,
                source=CodeSource.ANALYST,
                version=version.number,
            )
        else:
            rows.delete()
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=answer,
            changes={"policing code": [code, action]},
            owner_organisation_id=organisation_id,
        )
    return added


def note_code_correct(*, user: User, attendance: Attendance, code: str, action: str) -> NoteCode | None:
    """An analyst adds a code to a meeting's notes or removes one, as for an answer: kept through
    later coding, and teaching it. Returns the code added (None for a removal)."""
    require(user, "insight.correct_note_code", attendance)
    organisation_id = user.organisation_id or 0
    version = _correctable(organisation_id, code, action)
    if not attendance.notes.strip():
        raise ValidationError({"attendance": gettext("These notes are empty: there is nothing to code.")})
    with transaction.atomic():
        correction = NoteCodeCorrection.objects.filter(
            organisation_id=organisation_id, attendance=attendance, code=code
        ).first() or NoteCodeCorrection(organisation_id=organisation_id, attendance=attendance, code=code)
        correction.action, correction.created_by, correction.created_at = action, user, timezone.now()
        correction.full_clean()
        correction.save()
        NoteCode.objects.filter(organisation_id=organisation_id, attendance=attendance, code=code).delete()
        added = None
        if action == CorrectionAction.ADD:
            added = NoteCode(
                organisation_id=organisation_id,
                attendance=attendance,
                code=code,
                source=CodeSource.ANALYST,
                version=version.number,
            )
            added.full_clean()
            added.save()
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=attendance,
            changes={"policing code": [code, action]},
            owner_organisation_id=organisation_id,
        )
    return added
