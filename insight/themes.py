"""The analyst's corrections to a finished run's themes (rename, review, merge, split, move an
answer) and keeping themes true to the answers they hold: sizes, key terms, names, summaries and
quotes.

Key terms and the names and summaries Heard gives are made from the answers' redacted text. A
theme an analyst named (or marked reviewed) keeps its name when its answers change; its key terms
and summary are always made afresh. Each correction checks permission, runs in one transaction and is audited.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils.translation import gettext

from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from . import text
from .models import AnalysisRun, CodedAnswer, RunState, Theme

QUOTES_PER_THEME = 3


def refresh_sizes(run: AnalysisRun) -> None:
    sizes = dict(
        run.coded_answers.exclude(theme=None).values_list("theme").annotate(n=Count("id")).order_by()
    )
    for theme in run.themes.all():
        if theme.size != sizes.get(theme.pk, 0):
            theme.size = sizes.get(theme.pk, 0)
            theme.save(update_fields=["size"])


def renumber_quotes(themes: Iterable[Theme]) -> None:
    """Quotes numbered 0, 1, 2 … again after some went (withdrawn, moved, merged)."""
    for theme in themes:
        quotes = list(theme.coded.exclude(quote_position=None).order_by("quote_position", "id"))
        for position, coded in enumerate(quotes):
            if position >= QUOTES_PER_THEME:
                coded.quote_position = None
            else:
                coded.quote_position = position
        CodedAnswer.objects.bulk_update(quotes, ["quote_position"])


def relabel(run: AnalysisRun, themes: Iterable[Theme]) -> None:
    """Key terms, summary (and the name, unless an analyst named or reviewed the theme) of
    `themes` made again from the redacted text of the answers the run's themes hold now."""
    chosen = {t.pk: t for t in themes}
    if not chosen:
        return
    rows = list(
        run.coded_answers.exclude(theme=None)
        .filter(is_empty_bucket=False)
        .values_list("theme_id", "answer__text")
    )
    labels = text.label_groups([text.redact(t) for _, t in rows], [theme_id for theme_id, _ in rows])
    taken = {label.lower() for label in run.themes.exclude(pk__in=chosen).values_list("label", flat=True)}
    for theme_id, theme in chosen.items():
        found = labels.get(theme_id)
        theme.key_terms = found.key_terms if found else []
        theme.summary = found.summary if found else ""
        if found and not (theme.named_by_analyst or theme.reviewed):
            theme.label = _untaken(found.label[:200], taken)
        taken.add(theme.label.lower())
        theme.save(update_fields=["key_terms", "summary", "label"])


def _untaken(label: str, taken: set[str]) -> str:
    """`label`, or `label (2)`, `label (3)` … when another theme of the run has that name."""
    name, number = label, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = label[: 200 - len(suffix)] + suffix, number + 1
    return name


def _of_run(run: AnalysisRun, theme: Theme) -> None:
    if theme.run_id != run.pk:
        raise ValidationError(gettext("That theme is not part of this analysis."))


def _finished(run: AnalysisRun) -> None:
    if run.state != RunState.DONE:
        raise ValidationError(gettext("Themes can be changed once the analysis has finished."))


def may_change(user: User, run: AnalysisRun) -> None:
    """Raise unless `user` may correct the themes of `run` now (the one rule for every correction)."""
    require(user, "insight.change_run", run)
    _finished(run)


def theme_rename(*, user: User, theme: Theme, label: str) -> Theme:
    run = theme.run
    may_change(user, run)
    label = " ".join(label.split())
    if not label:
        raise ValidationError({"label": "Enter a name for the theme."})
    with transaction.atomic():
        before = theme.label
        theme.label, theme.named_by_analyst = label, True
        theme.full_clean()
        theme.save(update_fields=["label", "named_by_analyst"])
        audit_record(actor=user, action=AuditAction.UPDATE, obj=theme, changes={"label": [before, label]})
    return theme


def theme_set_reviewed(*, user: User, theme: Theme, reviewed: bool = True) -> Theme:
    may_change(user, theme.run)
    with transaction.atomic():
        before = theme.reviewed
        theme.reviewed = reviewed
        theme.save(update_fields=["reviewed"])
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=theme, changes={"reviewed": [before, reviewed]}
        )
    return theme


def theme_merge_check(*, user: User, theme: Theme, into: Theme) -> None:
    """Raise what would stop the merge, so that the page says so before asking to confirm."""
    run = into.run
    may_change(user, run)
    _of_run(run, theme)
    if theme.pk == into.pk:
        raise ValidationError(gettext("Choose a different theme to merge with."))


def theme_merge(*, user: User, theme: Theme, into: Theme) -> Theme:
    """Move every answer of `theme` into `into` and remove `theme`."""
    theme_merge_check(user=user, theme=theme, into=into)
    run = into.run
    with transaction.atomic():
        last = into.coded.exclude(quote_position=None).count()
        theme.coded.exclude(quote_position=None).update(quote_position=F("quote_position") + last)
        theme.coded.update(theme=into)
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=into, changes={"merged": [theme.label, into.label]}
        )
        theme.delete()
        refresh_sizes(run)
        renumber_quotes([into])
        into.refresh_from_db()
        relabel(run, [into])
    into.refresh_from_db()
    return into


def theme_split_check(*, user: User, theme: Theme) -> None:
    """Raise what would stop the split, so that the page says so before asking to confirm."""
    may_change(user, theme.run)
    if theme.coded.count() < 2:
        raise ValidationError(gettext("A theme needs at least two answers to be split."))


def _split_groups(coded: list[CodedAnswer]) -> tuple[list[int], list[int], list[int]]:
    """Two groups of indexes into `coded`, and the quotes of the second, from themes found in
    the theme's own (redacted) answers; halves when they form one theme only."""
    found = text.find_themes([text.redact(c.answer.text) for c in coded], seed=0)
    parts = [t for t in found.themes if t.members]
    if len(parts) < 2:
        half = len(coded) // 2
        return list(range(half)), list(range(half, len(coded))), []
    second = [i for t in parts[1:] for i in t.members]
    return parts[0].members, second, parts[1].quote_members


def theme_split(*, user: User, theme: Theme) -> list[Theme]:
    """Re-cluster the theme's answers into two themes (the original and a new one)."""
    theme_split_check(user=user, theme=theme)
    run = theme.run
    coded = list(theme.coded.select_related("answer").order_by("id"))
    if len(coded) < 2:  # moved away since the check
        raise ValidationError(gettext("A theme needs at least two answers to be split."))
    _, second, second_quotes = _split_groups(coded)
    with transaction.atomic():
        position = run.themes.order_by("-position").values_list("position", flat=True).first() or 0
        new = Theme.objects.create(run=run, label=f"{theme.label} (2)"[:200], position=position + 1)
        moving = [coded[i].pk for i in second]
        CodedAnswer.objects.filter(pk__in=moving).update(theme=new, quote_position=None)
        for order, i in enumerate(second_quotes[:QUOTES_PER_THEME]):
            CodedAnswer.objects.filter(pk=coded[i].pk).update(quote_position=order)
        theme.reviewed = False
        theme.save(update_fields=["reviewed"])
        refresh_sizes(run)
        renumber_quotes([theme, new])
        relabel(run, [theme, new])
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=theme, changes={"split": [theme.label, new.label]}
        )
    theme.refresh_from_db()
    new.refresh_from_db()
    return [theme, new]


def coded_answer_move(*, user: User, coded: CodedAnswer, theme: Theme) -> CodedAnswer:
    run = coded.run
    may_change(user, run)
    _of_run(run, theme)
    if coded.theme_id == theme.pk:
        return coded  # already there: nothing changes
    with transaction.atomic():
        before = coded.theme
        coded.theme, coded.is_empty_bucket, coded.confidence, coded.quote_position = theme, False, 1.0, None
        coded.moved_by_analyst = True  # it stays where the analyst put it when themes get broader or finer
        coded.save(
            update_fields=["theme", "is_empty_bucket", "confidence", "quote_position", "moved_by_analyst"]
        )
        refresh_sizes(run)
        if before is not None:
            renumber_quotes([before])
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=coded,
            changes={"theme": [str(before) if before else None, theme.label]},
        )
    return coded
