"""Broader or finer themes for a finished analysis, at once: the run grouped its answers at five
levels when it embedded them (`CodedAnswer.levels`, heard_text/granularity.py), so changing level
only rebuilds the themes from those groups. Nothing is embedded and no task is needed.

What an analyst did is kept:

- A theme holding mostly the same answers as a group of the new level (Jaccard ≥ 0.5) becomes
  that group's theme: same record, same name if an analyst named it (or reviewed it), same
  reviewed mark.
- A theme a neighbourhood priority or a finding ("You said") was drawn from stays as it is, with
  its answers, at every level: what was published keeps its evidence.
- The names and reviewed marks of the level being left are remembered by group
  (`AnalysisRun.level_names`): going back to a level brings them back.
- Answers an analyst moved by hand, answers kept in a reviewed theme of the previous analysis
  and empty answers were not grouped by this run (or the analyst overruled the grouping): they
  stay in their theme at every level, and that theme stays too.

Any other theme is removed. A name an analyst gave to a theme no group of the level being left
holds (made by a merge, say) is not kept: the page and the audit entry say so.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from . import text
from .models import AnalysisRun, CodedAnswer, Priority, Theme
from .themes import may_change, refresh_sizes, relabel, renumber_quotes

LEVEL_NAMES = text.LEVEL_NAMES
STANDARD_LEVEL = text.STANDARD_LEVEL
SAME_THEME = 0.5  # the Jaccard overlap from which a theme and a group are the same theme
NO_LEVELS = gettext_lazy(
    "This analysis was made before themes could be made broader or finer: run the analysis again "
    "to choose how broad its themes are."
)


def level_name(level: int | None) -> str:
    return LEVEL_NAMES[level] if level is not None and 0 <= level < len(LEVEL_NAMES) else ""


def _valid_level(level: object) -> int:
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level < len(LEVEL_NAMES):
        raise ValidationError(
            {
                "level": gettext("Choose a level from 0 (%(broadest)s) to %(last)s (%(finest)s).")
                % {"broadest": LEVEL_NAMES[0], "last": len(LEVEL_NAMES) - 1, "finest": LEVEL_NAMES[-1]}
            }
        )
    return level


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _matches(themes: dict[int, set[int]], groups: dict[int, set[int]]) -> dict[int, int]:
    """Group → theme for the pairs holding mostly the same answers, best overlap first."""
    pairs = sorted(
        (
            (-_jaccard(members, groups[g]), theme_id, g)
            for theme_id, members in themes.items()
            for g in {group for group, m in groups.items() if m & members}
        ),
    )
    out: dict[int, int] = {}
    for score, theme_id, group in pairs:
        if -score >= SAME_THEME and group not in out and theme_id not in out.values():
            out[group] = theme_id
    return out


def _group(coded: CodedAnswer, level: int) -> int:
    return int((coded.levels or [])[level])


@dataclass
class _Answers:
    """The run's coded answers: those its levels regroup and the theme each other one holds."""

    levelled: list[CodedAnswer] = field(default_factory=list)
    fixed_themes: set[int] = field(default_factory=set)

    def groups(self, level: int) -> dict[int, set[int]]:
        out: dict[int, set[int]] = {}
        for coded in self.levelled:
            out.setdefault(_group(coded, level), set()).add(coded.pk)
        return out

    def themes(self) -> dict[int, set[int]]:
        out: dict[int, set[int]] = {}
        for coded in self.levelled:
            if coded.theme_id is not None:
                out.setdefault(coded.theme_id, set()).add(coded.pk)
        return out


def _pinned(run: AnalysisRun) -> set[int]:
    """The run's themes a priority or a finding ("You said") was drawn from."""
    priorities = Priority.private_objects.filter(theme__run=run).values_list("theme_id", flat=True)
    findings = run.themes.filter(loop_findings__isnull=False).values_list("pk", flat=True)
    return {*priorities, *findings}


def _answers(run: AnalysisRun) -> _Answers:
    out = _Answers()
    pinned = _pinned(run)
    for coded in run.coded_answers.order_by("id"):
        if coded.theme_id not in pinned and (
            isinstance(coded.levels, list)
            and len(coded.levels) == len(LEVEL_NAMES)
            and not coded.moved_by_analyst
        ):
            out.levelled.append(coded)
        elif coded.theme_id is not None:
            out.fixed_themes.add(coded.theme_id)
    return out


def _remember(run: AnalysisRun, old: int, answers: _Answers, themes: dict[int, Theme]) -> None:
    """Keep the analyst's names and reviewed marks of the level being left, by group."""
    matched = _matches(answers.themes(), answers.groups(old))
    kept = {}
    for group, theme_id in matched.items():
        theme = themes[theme_id]
        if theme.named_by_analyst or theme.reviewed:
            kept[str(group)] = {
                "label": theme.label,
                "named": theme.named_by_analyst,
                "reviewed": theme.reviewed,
            }
    run.level_names = {**run.level_names, str(old): kept}


@dataclass(frozen=True)
class LevelChange:
    run: AnalysisRun
    set_aside: list[str]  # names analysts gave that fit no theme here: they come back with their level
    lost: list[str]  # names analysts gave to themes no level holds (after a merge, say): not kept


def _regroup(run: AnalysisRun, old: int, level: int) -> tuple[list[str], list[str]]:
    """Rebuild the run's themes from its groups at `level`; the analysts' names set aside and lost."""
    answers = _answers(run)
    themes = {t.pk: t for t in run.themes.all()}
    _remember(run, old, answers, themes)
    groups = answers.groups(level)
    current = answers.themes()
    matched = _matches(current, groups)
    remembered = run.level_names.get(str(level), {})
    target: dict[int, Theme] = {}
    for group in sorted(groups):
        if group in matched:
            target[group] = themes[matched[group]]
            continue
        memory = remembered.get(str(group), {})
        target[group] = Theme.objects.create(
            run=run,
            marking=run.marking,
            label=memory.get("label", "")[:200] or f"Theme {group}",
            named_by_analyst=bool(memory.get("named")),
            reviewed=bool(memory.get("reviewed")),
        )
    for coded in answers.levelled:
        coded.theme = target[_group(coded, level)]
        coded.quote_position = (coded.level_quotes or [None] * len(LEVEL_NAMES))[level]
    CodedAnswer.objects.bulk_update(answers.levelled, ["theme", "quote_position"], batch_size=2000)
    gone = [t for pk, t in themes.items() if pk not in matched.values() and pk not in answers.fixed_themes]
    set_aside, lost = _names_gone(run, old, gone)
    Theme.objects.filter(pk__in=[t.pk for t in gone]).delete()
    changed = [t for pk, t in themes.items() if pk in answers.fixed_themes and current.get(pk)]
    for theme in changed:
        if theme.pk not in matched.values():  # it lost the answers it was reviewed with
            theme.reviewed = False
            theme.save(update_fields=["reviewed"])
    _order(run, [t for pk, t in themes.items() if pk in answers.fixed_themes], list(target.values()))
    refresh_sizes(run)
    rebuilt = [*target.values(), *changed]
    renumber_quotes(rebuilt)
    rebuilt.sort(key=lambda t: not (t.named_by_analyst or t.reviewed))  # their names are taken first
    relabel(run, list(dict.fromkeys(rebuilt)))
    return set_aside, lost


def _names_gone(run: AnalysisRun, old: int, gone: list[Theme]) -> tuple[list[str], list[str]]:
    """The names analysts gave to `gone` themes: remembered with the level left, or not kept."""
    remembered = {m["label"] for m in run.level_names.get(str(old), {}).values()}
    named = [t.label for t in gone if t.named_by_analyst]
    return [n for n in named if n in remembered], [n for n in named if n not in remembered]


def _order(run: AnalysisRun, kept: list[Theme], found: list[Theme]) -> None:
    """Themes kept whatever the level first (as an analysis lists them), then the level's groups
    by size."""
    themes = [*sorted(kept, key=lambda t: (t.position, t.pk)), *found]
    for position, theme in enumerate(dict.fromkeys(themes)):
        if theme.position != position:
            theme.position = position
            theme.save(update_fields=["position"])


def analysis_run_set_level(*, user: User, run: AnalysisRun, level: int) -> AnalysisRun:
    """Make the run's themes broader or finer (level 0, much broader, to 4, much finer; 2 is as
    found), from the groups stored when it ran."""
    return analysis_run_change_level(user=user, run=run, level=level).run


def analysis_run_change_level(*, user: User, run: AnalysisRun, level: int) -> LevelChange:
    """As `analysis_run_set_level`, telling also which names analysts gave are no longer shown."""
    may_change(user, run)
    level = _valid_level(level)
    with transaction.atomic():
        run = AnalysisRun.objects.select_for_update().get(pk=run.pk)
        may_change(user, run)
        if run.level is None:
            raise ValidationError(str(NO_LEVELS))
        before = run.level
        if level == before:
            return LevelChange(run=run, set_aside=[], lost=[])
        set_aside, lost = _regroup(run, before, level)
        run.level = level
        run.full_clean()
        run.save(update_fields=["level", "level_names"])
        changes: dict[str, list[object]] = {"level": [level_name(before), level_name(level)]}
        if lost:
            changes["names not kept"] = [lost, []]
        audit_record(actor=user, action=AuditAction.UPDATE, obj=run, changes=changes)
    return LevelChange(run=run, set_aside=set_aside, lost=lost)
