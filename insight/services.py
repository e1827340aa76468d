"""Writes for analyses: starting and running one, and the analyst's corrections. Each checks
permission, runs in one transaction and is audited. Intelligence triage is in triage.py,
exports in exports.py, neighbourhood priorities in priorities.py."""

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q

from consultations.models import Answer, Question, QuestionKind
from engagement.models import Activity
from governance.models import AuditAction
from governance.services import audit_record
from places.models import Area

from . import text
from .models import (
    AnalysisRun,
    CodedAnswer,
    IntelligenceFlag,
    RunState,
    Theme,
)
from .rules import require

logger = logging.getLogger(__name__)


def analysis_run_create(*, user: Any, question: Question) -> AnalysisRun:
    """Queue an analysis of the written answers to `question`; it runs after the commit."""
    questionnaire = question.questionnaire
    require(user, "insight.change_run", questionnaire)
    if question.kind != QuestionKind.TEXT:
        raise ValidationError({"question": "Only free-text questions can be analysed."})
    with transaction.atomic():
        run = AnalysisRun(
            questionnaire=questionnaire,
            question=question,
            organisation_id=questionnaire.activity.lead_organisation_id,
            created_by=user,
        )
        run.full_clean()
        run.save()
        audit_record(actor=user, action=AuditAction.CREATE, obj=run)
        from .tasks import run_analysis

        run_id = run.pk
        transaction.on_commit(lambda: run_analysis.enqueue(run_id))
    return run


NOT_REVIEWED = "\x00not reviewed"  # a training label no theme can have


@dataclass(frozen=True)
class AcrossFilters:
    """Which written answers an analysis across activities covers: those to the free-text
    questions of the organisation's own activities, narrowed by area, audience, method and the
    period in which the responses came in."""

    area: str = ""  # an area code: the area and everything inside it
    audience: str = ""  # slug
    method: str = ""  # slug
    start: date | None = None
    end: date | None = None

    def as_json(self) -> dict[str, str]:
        data = {"area": self.area, "audience": self.audience, "method": self.method}
        data |= {
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
        }
        return {k: v for k, v in data.items() if v}


def analysis_run_create_across(*, user: Any, filters: AcrossFilters) -> AnalysisRun:
    """Queue an analysis of the written answers across the user's organisation's activities."""
    require(user, "insight.add_run_across", None)
    if not user.organisation_id:
        raise ValidationError("Only members of an organisation analyse across its activities.")
    if filters.start and filters.end and filters.start > filters.end:
        raise ValidationError({"end": "The end of the period must be after its start."})
    if filters.area and not Area.objects.filter(code=filters.area).exists():
        raise ValidationError({"area": "No such area."})
    with transaction.atomic():
        run = AnalysisRun(organisation_id=user.organisation_id, filters=filters.as_json(), created_by=user)
        run.full_clean()
        run.save()
        audit_record(actor=user, action=AuditAction.CREATE, obj=run, changes={"filters": run.filters})
        from .tasks import run_analysis

        run_id = run.pk
        transaction.on_commit(lambda: run_analysis.enqueue(run_id))
    return run


def run_answers(run: AnalysisRun) -> Any:
    """The answers a run covers: its question's, or the filtered free-text answers of its
    organisation's activities."""
    if run.question_id:
        return Answer.objects.filter(question_id=run.question_id)
    activities = Activity.private_objects.filter(lead_organisation_id=run.organisation_id)
    f = run.filters
    if f.get("area"):
        area = Area.objects.filter(code=f["area"]).first()
        activities = activities.in_area(area) if area else activities.none()
    if f.get("audience"):
        activities = activities.filter(audiences__slug=f["audience"])
    if f.get("method"):
        activities = activities.filter(method__slug=f["method"])
    answers = Answer.objects.filter(
        question__kind=QuestionKind.TEXT, question__questionnaire__activity__in=activities.values("pk")
    )
    if f.get("from"):
        answers = answers.filter(response__submitted_at__date__gte=f["from"])
    if f.get("to"):
        answers = answers.filter(response__submitted_at__date__lte=f["to"])
    return answers


def _set_progress(run: AnalysisRun, progress: int) -> None:
    run.progress = progress
    AnalysisRun.objects.filter(pk=run.pk).update(progress=progress)


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


def analysis_run_execute(*, run_id: int) -> AnalysisRun:
    """Theme the answers, keeping the reviewed themes of the previous run and assigning new
    answers to them; then flag possible intelligence. A failure is recorded on the run."""
    run = AnalysisRun.objects.select_related("question").get(pk=run_id)
    if run.state != RunState.QUEUED:
        return run
    run.move_to(RunState.RUNNING)
    run.progress = 5
    run.save(update_fields=["state", "progress"])
    # Not one transaction: the progress must be visible to the page while it runs.
    try:
        _execute(run)
        with transaction.atomic():
            run.move_to(RunState.DONE)
            run.progress = 100
            run.save(update_fields=["state", "progress", "finished_at", "answer_count"])
            audit_record(
                actor=None, action=AuditAction.TRANSITION, obj=run, changes={"state": ["running", "done"]}
            )
    except Exception as exc:  # the run must not stay "running" for ever
        logger.exception("Analysis %s failed", run.pk)
        run.coded_answers.all().delete()
        run.themes.all().delete()
        run.refresh_from_db()
        run.move_to(RunState.FAILED)
        run.error = str(exc)[:1000] or exc.__class__.__name__
        run.save(update_fields=["state", "error", "finished_at"])
    return run


def _execute(run: AnalysisRun) -> None:
    answers = list(run_answers(run).order_by("id").only("id", "text"))
    run.answer_count = len(answers)
    by_id = {a.pk: a for a in answers}
    done: set[int] = set()
    position = 0
    # 1. Reviewed themes of the previous run stay, with their answers that still exist.
    previous = _previous_run(run)
    kept: dict[str, Theme] = {}
    train_texts: list[str] = []
    train_labels: list[str] = []
    if previous is not None:
        for old in previous.themes.filter(reviewed=True):
            theme = Theme.objects.create(
                run=run,
                label=old.label,
                key_terms=old.key_terms,
                quotes=old.quotes,
                reviewed=True,
                position=position,
            )
            position += 1
            kept[theme.label] = theme
            for coded in old.coded.filter(answer_id__in=by_id.keys()):
                CodedAnswer.objects.create(
                    run=run, answer_id=coded.answer_id, theme=theme, confidence=coded.confidence
                )
                done.add(coded.answer_id)
                train_texts.append(by_id[coded.answer_id].text)
                train_labels.append(theme.label)
        if kept:
            # What the analyst left unreviewed teaches the assigner what fits none of the kept themes.
            for coded in previous.coded_answers.filter(
                answer_id__in=by_id.keys(), is_empty_bucket=False, theme__reviewed=False
            ):
                train_texts.append(by_id[coded.answer_id].text)
                train_labels.append(NOT_REVIEWED)
    _set_progress(run, 20)
    rest = [a for a in answers if a.pk not in done]
    empty = [a for a in rest if text.is_empty(a.text)]
    for answer in empty:
        CodedAnswer.objects.create(run=run, answer=answer, is_empty_bucket=True)
    rest = [a for a in rest if not text.is_empty(a.text)]
    # 2. New answers go to the reviewed themes they fit.
    if kept and rest and train_texts:
        leftover = []
        for answer, (label, confidence) in zip(
            rest, text.assign(train_texts, train_labels, [a.text for a in rest]), strict=True
        ):
            if label is None or label == NOT_REVIEWED:
                leftover.append(answer)
            else:
                CodedAnswer.objects.create(run=run, answer=answer, theme=kept[label], confidence=confidence)
        rest = leftover
    _set_progress(run, 40)
    # 3. The others are themed afresh.
    found = text.find_themes([a.text for a in rest])
    for item in found.themes:
        theme = Theme.objects.create(
            run=run, label=item.label[:200], key_terms=item.key_terms, quotes=item.quotes, position=position
        )
        position += 1
        CodedAnswer.objects.bulk_create(
            CodedAnswer(run=run, answer=rest[i], theme=theme) for i in item.members
        )
    for i in found.empty:
        CodedAnswer.objects.create(run=run, answer=rest[i], is_empty_bucket=True)
    _refresh_sizes(run)
    _set_progress(run, 70)
    # 4. Possible community intelligence, for the intelligence officers only.
    texts = [a for a in answers if not text.is_empty(a.text)]
    for answer, result in zip(texts, text.detect_intelligence([a.text for a in texts]), strict=True):
        if result.flagged:
            IntelligenceFlag.objects.get_or_create(
                answer=answer,
                defaults={
                    "run": run,
                    "organisation_id": run.organisation_id,
                    "score": result.score,
                    "reasons": result.reasons,
                },
            )
    _set_progress(run, 95)


def _refresh_sizes(run: AnalysisRun) -> None:
    sizes = dict(
        run.coded_answers.exclude(theme=None).values_list("theme").annotate(n=Count("id")).order_by()
    )
    for theme in run.themes.all():
        if theme.size != sizes.get(theme.pk, 0):
            theme.size = sizes.get(theme.pk, 0)
            theme.save(update_fields=["size"])


# The analyst's corrections ------------------------------------------------------------------


def _theme_of(run: AnalysisRun, theme: Theme) -> None:
    if theme.run_id != run.pk:
        raise ValidationError("That theme is not part of this analysis.")


def _done(run: AnalysisRun) -> None:
    if run.state != RunState.DONE:
        raise ValidationError("Themes can be changed once the analysis has finished.")


def theme_rename(*, user: Any, theme: Theme, label: str) -> Theme:
    run = theme.run
    require(user, "insight.change_run", run)
    _done(run)
    label = label.strip()
    if not label:
        raise ValidationError({"label": "Enter a name for the theme."})
    with transaction.atomic():
        before = theme.label
        theme.label = label
        theme.full_clean()
        theme.save(update_fields=["label"])
        audit_record(actor=user, action=AuditAction.UPDATE, obj=theme, changes={"label": [before, label]})
    return theme


def theme_set_reviewed(*, user: Any, theme: Theme, reviewed: bool = True) -> Theme:
    run = theme.run
    require(user, "insight.change_run", run)
    _done(run)
    with transaction.atomic():
        before = theme.reviewed
        theme.reviewed = reviewed
        theme.save(update_fields=["reviewed"])
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=theme, changes={"reviewed": [before, reviewed]}
        )
    return theme


def theme_merge_check(*, user: Any, theme: Theme, into: Theme) -> None:
    """Raise what would stop the merge, so that the page says so before asking to confirm."""
    run = into.run
    require(user, "insight.change_run", run)
    _done(run)
    _theme_of(run, theme)
    if theme.pk == into.pk:
        raise ValidationError("Choose a different theme to merge with.")


def theme_merge(*, user: Any, theme: Theme, into: Theme) -> Theme:
    """Move every answer of `theme` into `into` and remove `theme`."""
    theme_merge_check(user=user, theme=theme, into=into)
    run = into.run
    with transaction.atomic():
        theme.coded.update(theme=into)
        into.key_terms = list(dict.fromkeys([*into.key_terms, *theme.key_terms]))[:10]
        into.quotes = [*into.quotes, *theme.quotes][:5]
        into.save(update_fields=["key_terms", "quotes"])
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=into,
            changes={"merged": [theme.label, into.label]},
        )
        theme.delete()
        _refresh_sizes(run)
    into.refresh_from_db()
    return into


def theme_split_check(*, user: Any, theme: Theme) -> None:
    """Raise what would stop the split, so that the page says so before asking to confirm."""
    require(user, "insight.change_run", theme.run)
    _done(theme.run)
    if theme.coded.count() < 2:
        raise ValidationError("A theme needs at least two answers to be split.")


def theme_split(*, user: Any, theme: Theme) -> list[Theme]:
    """Re-cluster the theme's answers into two themes (the original and a new one)."""
    theme_split_check(user=user, theme=theme)
    run = theme.run
    coded = list(theme.coded.select_related("answer").order_by("id"))
    if len(coded) < 2:  # moved away since the check
        raise ValidationError("A theme needs at least two answers to be split.")
    found = text.find_themes([c.answer.text for c in coded], seed=0)
    parts = [t for t in found.themes if t.members]
    items: list[text.FoundTheme | None]
    if len(parts) < 2:
        half = len(coded) // 2
        groups = [list(range(half)), list(range(half, len(coded)))]
        items = [None, None]
    else:
        groups = [parts[0].members, [i for t in parts[1:] for i in t.members]]
        items = [parts[0], parts[1]]
    with transaction.atomic():
        new = Theme.objects.create(
            run=run,
            label=(items[1].label if items[1] else f"{theme.label} (2)")[:200],
            key_terms=items[1].key_terms if items[1] else theme.key_terms,
            quotes=items[1].quotes if items[1] else [],
            position=(run.themes.order_by("-position").values_list("position", flat=True).first() or 0) + 1,
        )
        CodedAnswer.objects.filter(pk__in=[coded[i].pk for i in groups[1]]).update(theme=new)
        if items[0] is not None:
            theme.key_terms = items[0].key_terms
            theme.quotes = items[0].quotes
        else:
            theme.quotes = [q for q in theme.quotes if q in {coded[i].answer.text for i in groups[0]}]
        theme.reviewed = False
        theme.save(update_fields=["key_terms", "quotes", "reviewed"])
        _refresh_sizes(run)
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=theme, changes={"split": [theme.label, new.label]}
        )
    theme.refresh_from_db()
    return [theme, new]


def coded_answer_move(*, user: Any, coded: CodedAnswer, theme: Theme) -> CodedAnswer:
    run = coded.run
    require(user, "insight.change_run", run)
    _done(run)
    _theme_of(run, theme)
    with transaction.atomic():
        before = coded.theme
        coded.theme = theme
        coded.is_empty_bucket = False
        coded.confidence = 1.0
        coded.save(update_fields=["theme", "is_empty_bucket", "confidence"])
        if before is not None:
            answer_text = coded.answer.text
            if answer_text in before.quotes:
                before.quotes = [q for q in before.quotes if q != answer_text]
                before.save(update_fields=["quotes"])
        _refresh_sizes(run)
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=coded,
            changes={"theme": [str(before) if before else None, theme.label]},
        )
    return coded
