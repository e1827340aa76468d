"""Running an analysis, in a background task: the answers are read, themed and checked for
possible intelligence in memory, then everything the run produced is written at once, in one
transaction with the move to "done". A failure, or a worker killed part-way, therefore leaves
no half-written run: the run is marked failed (here, or by `analysis_runs_fail_stale` when the
worker died) and holds no themes.

While it runs, a heartbeat thread stamps the run every few seconds, so that a run whose worker
died is recognisable as such (its heartbeat stops) rather than "running" for ever.

Themes are built from the answers' redacted text: names, summaries and key terms never carry a
name, an address or a phone number, and quotes are marks on coded answers, not copies of their
text.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.heartbeat import Heartbeat
from core.lifecycle import TransitionConflict
from governance.models import AuditAction
from governance.services import audit_record

from . import text
from .embedding_cache import AnswerVectorStore
from .lifecycles import RUN
from .models import AnalysisRun, CodedAnswer, IntelligenceFlag, RunState, Theme
from .scope import run_answers
from .themes import QUOTES_PER_THEME, refresh_sizes

logger = logging.getLogger(__name__)
NOT_REVIEWED = "\x00not reviewed"  # a training label no theme can have
STOPPED = (
    "The analysis stopped part-way because the process running it ended. Nothing from it was kept: "
    "start the analysis again."
)


def stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "HEARD_ANALYSIS_STALE_SECONDS", 120)))


@dataclass
class PlannedTheme:
    label: str
    key_terms: list[str]
    summary: str = ""
    members: list[tuple[int, float]] = field(default_factory=list)  # (answer id, confidence)
    quotes: list[int] = field(default_factory=list)  # answer ids, in order
    reviewed: bool = False
    named_by_analyst: bool = False


@dataclass
class Plan:
    answer_count: int = 0
    themes: list[PlannedTheme] = field(default_factory=list)
    empty: list[int] = field(default_factory=list)  # answer ids
    flags: list[tuple[int, float, list[str]]] = field(default_factory=list)
    embedder: str = ""  # the embedding model the new themes came from
    # answer id → its group and quote place at each level (insight/granularity.py), for the
    # answers themed afresh; answers kept in reviewed themes and empty ones have none
    levels: dict[int, tuple[list[int], list[int | None]]] = field(default_factory=dict)


def _set_progress(run: AnalysisRun, progress: int) -> None:
    run.progress = progress
    AnalysisRun.objects.filter(pk=run.pk).update(progress=progress, heartbeat_at=timezone.now())


def within(run: AnalysisRun, low: int, high: int) -> Callable[[float, str], None]:
    """A progress callback for one step of the run: its share (0 to 1) of `low`..`high` per cent,
    stored when it moves by a whole per cent."""

    def report(share: float, stage: str) -> None:
        progress = low + int((high - low) * min(max(share, 0.0), 1.0))
        if progress > run.progress:
            _set_progress(run, progress)

    return report


def analysis_run_execute(*, run_id: int) -> AnalysisRun:
    """Theme the answers, keeping the reviewed themes of the previous run and assigning new
    answers to them; then flag possible intelligence. A failure is recorded on the run."""
    run = AnalysisRun.objects.select_related("question").get(pk=run_id)
    if run.state != RunState.QUEUED:
        return run

    def started(locked: AnalysisRun) -> list[str]:
        locked.progress, locked.heartbeat_at = 5, timezone.now()
        locked.started_at = locked.heartbeat_at
        return ["progress", "heartbeat_at", "started_at"]

    try:
        run = RUN.advance(run, RunState.RUNNING, update=started)
    except TransitionConflict:  # another worker took it
        return run
    try:
        with Heartbeat(AnalysisRun.objects.filter(pk=run.pk, state=RunState.RUNNING), f"analysis-{run.pk}"):
            plan = _plan(run)
            _write(run, plan)
    except Exception as exc:  # the run must not stay "running" for ever
        logger.exception("Analysis %s failed", run.pk)
        _fail(run.pk, str(exc)[:1000] or exc.__class__.__name__)
    run.refresh_from_db()
    return run


def _fail(run_id: int, message: str) -> None:
    with transaction.atomic():
        run = AnalysisRun.objects.select_for_update().get(pk=run_id)
        before = run.state
        if before not in (RunState.QUEUED, RunState.RUNNING):
            return
        run.coded_answers.all().delete()
        run.themes.all().delete()

        def failed(locked: AnalysisRun) -> list[str]:
            locked.error, locked.finished_at = message, timezone.now()
            return ["error", "finished_at"]

        RUN.advance(run, RunState.FAILED, update=failed)
        audit_record(
            actor=None, action=AuditAction.TRANSITION, obj=run, changes={"state": [before, "failed"]}
        )


def analysis_runs_fail_stale(*, now: Any = None) -> int:
    """Mark failed every run still "running" whose heartbeat stopped (its worker died): the page
    then says so instead of waiting for ever. Returns how many."""
    now = now or timezone.now()
    cutoff = now - stale_after()
    stale = AnalysisRun.objects.filter(state=RunState.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    )
    ids = list(stale.values_list("pk", flat=True))
    for run_id in ids:
        _fail(run_id, STOPPED)
    return len(ids)


def _previous_run(run: AnalysisRun) -> AnalysisRun | None:
    same = (
        Q(question=run.question)
        if run.question_id
        else Q(question=None, organisation_id=run.organisation_id, filters=run.filters)
    )
    return (
        AnalysisRun.objects.filter(same, state=RunState.DONE, created_at__lte=run.created_at)
        .exclude(pk=run.pk)
        .order_by("-created_at", "-id")
        .first()
    )


@dataclass
class _Kept:
    """What a re-run keeps from the previous run: its reviewed themes with the answers (still
    there) they hold, and what the analyst left unreviewed, as training for the assigner."""

    themes: dict[str, PlannedTheme] = field(default_factory=dict)
    train_texts: list[str] = field(default_factory=list)
    train_labels: list[str] = field(default_factory=list)
    done: set[int] = field(default_factory=set)


def _keep_reviewed(previous: AnalysisRun | None, redacted: dict[int, str]) -> _Kept:
    kept = _Kept()
    if previous is None:
        return kept
    for old in previous.themes.filter(reviewed=True):
        planned = PlannedTheme(
            label=old.label,
            key_terms=list(old.key_terms),
            summary=old.summary,
            reviewed=True,
            named_by_analyst=old.named_by_analyst,
        )
        kept.themes[old.label] = planned
        coded = old.coded.filter(answer_id__in=redacted.keys()).order_by("id")
        for row in coded:
            planned.members.append((row.answer_id, row.confidence))
            kept.done.add(row.answer_id)
            kept.train_texts.append(redacted[row.answer_id])
            kept.train_labels.append(old.label)
        planned.quotes = [
            row.answer_id for row in coded.exclude(quote_position=None).order_by("quote_position")
        ][:QUOTES_PER_THEME]
    if kept.themes:
        for row in previous.coded_answers.filter(
            answer_id__in=redacted.keys(), is_empty_bucket=False, theme__reviewed=False
        ):
            kept.train_texts.append(redacted[row.answer_id])
            kept.train_labels.append(NOT_REVIEWED)
    return kept


def _plan(run: AnalysisRun) -> Plan:
    rows = list(run_answers(run).order_by("id").values_list("id", "text", "response__language"))
    answers = [(pk, value) for pk, value, _ in rows]
    language = {pk: code for pk, _, code in rows}  # the language each answer was given in
    raw = dict(answers)
    redacted = {pk: text.redact(value) for pk, value in answers}
    plan = Plan(answer_count=len(answers))
    kept = _keep_reviewed(_previous_run(run), redacted)
    plan.themes.extend(kept.themes.values())
    _set_progress(run, 20)
    rest = [pk for pk, _ in answers if pk not in kept.done]
    plan.empty = [pk for pk in rest if text.is_empty(raw[pk])]
    rest = [pk for pk in rest if not text.is_empty(raw[pk])]
    if kept.themes and rest and kept.train_texts:
        leftover = []
        choices = text.assign(
            kept.train_texts,
            kept.train_labels,
            [redacted[pk] for pk in rest],
            languages=[language[pk] for pk in rest],
        )
        for pk, (label, confidence) in zip(rest, choices, strict=True):
            if label is None or label == NOT_REVIEWED:
                leftover.append(pk)
            else:
                kept.themes[label].members.append((pk, confidence))
        rest = leftover
    _set_progress(run, 40)
    found = text.find_themes(
        [redacted[pk] for pk in rest],
        languages=[language[pk] for pk in rest],
        store=AnswerVectorStore(organisation_id=run.organisation_id, texts={pk: redacted[pk] for pk in rest}),
        progress=within(run, 40, 70),
        levels=True,
    )
    plan.embedder = found.model
    plan.levels = {
        pk: ([lv.groups[i] for lv in found.levels], [lv.quotes[i] for lv in found.levels])
        for i, pk in enumerate(rest)
        if found.levels and found.levels[0].groups[i]
    }
    logger.info("analysis %s: themes from %s answers with %s", run.pk, len(rest), found.model or "no model")
    for item in found.themes:
        plan.themes.append(
            PlannedTheme(
                label=_distinct(item.label[:200], plan),
                key_terms=item.key_terms,
                summary=item.summary,
                members=[(rest[i], 1.0) for i in item.members],
                quotes=[rest[i] for i in item.quote_members][:QUOTES_PER_THEME],
            )
        )
    plan.empty += [rest[i] for i in found.empty]
    _set_progress(run, 70)
    texts = [(pk, raw[pk]) for pk, _ in answers if not text.is_empty(raw[pk])]
    flags = text.detect_intelligence([t for _, t in texts], languages=[language[pk] for pk, _ in texts])
    for (pk, _), result in zip(texts, flags, strict=True):
        if result.flagged:
            plan.flags.append((pk, result.score, result.reasons))
    _set_progress(run, 90)
    return plan


def _distinct(label: str, plan: Plan) -> str:
    """A found theme's name told apart from a kept theme's (or another's) of the same name."""
    taken = {p.label.lower() for p in plan.themes}
    name, number = label, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = label[: 200 - len(suffix)] + suffix, number + 1
    return name


def _write(run: AnalysisRun, plan: Plan) -> None:
    """Everything the run found, in bulk and in one transaction with the move to "done"."""
    with transaction.atomic():
        themes = Theme.objects.bulk_create(
            Theme(
                run=run,
                marking=run.marking,
                label=p.label,
                key_terms=p.key_terms,
                summary=p.summary,
                reviewed=p.reviewed,
                named_by_analyst=p.named_by_analyst,
                position=position,
            )
            for position, p in enumerate(plan.themes)
        )
        rows = [CodedAnswer(run=run, answer_id=pk, is_empty_bucket=True) for pk in plan.empty]
        for theme, planned in zip(themes, plan.themes, strict=True):
            quotes = {pk: i for i, pk in enumerate(planned.quotes)}
            rows += [
                CodedAnswer(
                    run=run,
                    answer_id=pk,
                    theme=theme,
                    confidence=c,
                    quote_position=quotes.get(pk),
                    levels=plan.levels[pk][0] if pk in plan.levels else None,
                    level_quotes=plan.levels[pk][1] if pk in plan.levels else None,
                )
                for pk, c in planned.members
            ]
        CodedAnswer.objects.bulk_create(rows, batch_size=2000)
        refresh_sizes(run)
        flagged = set(
            IntelligenceFlag.objects.filter(answer_id__in=[pk for pk, _, _ in plan.flags]).values_list(
                "answer_id", flat=True
            )
        )
        IntelligenceFlag.objects.bulk_create(
            IntelligenceFlag(
                answer_id=pk,
                run=run,
                organisation_id=run.organisation_id,
                score=score,
                reasons=reasons,
                marking=run.marking,
            )
            for pk, score, reasons in plan.flags
            if pk not in flagged
        )

        def done(locked: AnalysisRun) -> list[str]:
            locked.progress, locked.finished_at, locked.answer_count = 100, timezone.now(), plan.answer_count
            locked.embedder, locked.level = plan.embedder[:64], text.STANDARD_LEVEL
            return ["progress", "finished_at", "answer_count", "embedder", "level"]

        RUN.advance(run, RunState.DONE, update=done)
        audit_record(
            actor=None, action=AuditAction.TRANSITION, obj=run, changes={"state": ["running", "done"]}
        )
