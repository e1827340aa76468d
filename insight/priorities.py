"""Writes for neighbourhood priorities: entered at a PACT meeting, drawn from an analysis theme or
from a ranking question's results. Each checks permission, runs in one transaction and is
audited. Only the organisations responsible for an area publish its priorities on the public
page (`insight.publish_priority`). Reads: selectors.py."""

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext

from consultations.models import Answer, Question, QuestionKind, Questionnaire
from core import quarters
from core.permissions import require
from core.text import clean_line
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User
from organisations.privacy import REDACTED
from places.models import Area

from .models import Priority, PrioritySource, Theme


def checked_quarter(quarter: str) -> str:
    try:
        return quarters.normalise(quarter)
    except ValidationError as error:
        raise ValidationError({"quarter": error.messages}) from None


def _may_publish(user: User, area: Area, is_public: bool) -> None:
    if is_public and not user.has_perm("insight.publish_priority", area):
        raise ValidationError(
            {
                "is_public": gettext(
                    "Only the organisations responsible for %(name)s can show priorities on its public page. "
                    "Record it without showing it publicly, or ask them."
                )
                % {"name": area.name}
            }
        )


def priority_create(
    *,
    user: User,
    area: Area,
    quarter: str,
    label: str,
    rank: int,
    source: str = PrioritySource.PACT,
    is_public: bool = False,
    theme: Theme | None = None,
) -> Priority:
    """Record a neighbourhood priority for a quarter, for the user's organisation."""
    require(user, "insight.add_priority", None)
    if not user.organisation_id:
        raise ValidationError(gettext("Only members of an organisation record priorities."))
    if theme is not None:
        require(user, "insight.change_run", theme.run)
    quarter = checked_quarter(quarter)
    _may_publish(user, area, is_public)
    with transaction.atomic():
        priority = Priority(
            area=area,
            quarter=quarter,
            label=clean_line(label),
            rank=rank,
            source=source,
            is_public=is_public,
            theme=theme,
            organisation_id=user.organisation_id,
            created_by=user,
        )
        priority.full_clean()
        priority.save()
        audit_record(actor=user, action=AuditAction.CREATE, obj=priority)
    return priority


def _area_of_activity(questionnaire: Any, area: Area) -> None:
    areas = questionnaire.activity.areas.all()
    if not areas.filter(pk=area.pk).exists():
        names = ", ".join(a.name for a in areas.order_by("name")) or "none"
        raise ValidationError(
            {"area": gettext("Choose one of the activity's areas (%(names)s).") % {"names": names}}
        )


def priority_create_from_theme(
    *, user: User, theme: Theme, area: Area, quarter: str, rank: int, is_public: bool = False
) -> Priority:
    """Make a theme a priority for one of the analysed activity's areas."""
    run = theme.run
    require(user, "insight.change_run", run)
    if run.questionnaire is None:
        across = "An analysis across activities has no neighbourhoods of its own"
        raise ValidationError(
            {"theme": gettext("%(across)s: add the priority on the priorities page.") % {"across": across}}
        )
    _area_of_activity(run.questionnaire, area)
    return priority_create(
        user=user,
        area=area,
        quarter=quarter,
        label=REDACTED(theme.label),
        rank=rank,
        source=PrioritySource.THEME,
        is_public=is_public,
        theme=theme,
    )


@dataclass(frozen=True)
class RankedOption:
    """An option of a ranking question and how people ranked it."""

    choice_id: int
    label: str
    mean_rank: Fraction  # the exact average position, 1 being the top
    first: int  # how many put it first
    count: int  # how many ranked it at all

    @property
    def average(self) -> float:
        return round(float(self.mean_rank), 2)


def _ranking_answers(question: Question, residents_of: Area | None) -> Any:
    answers = Answer.objects.filter(question=question, choice__isnull=False, rank__isnull=False)
    if residents_of is not None:
        answers = answers.filter(response__area__path__startswith=residents_of.path)
    return answers


def ranking_order(question: Question, *, residents_of: Area | None = None) -> list[RankedOption]:
    """The options of a ranking question, best first: by average position (as the results page
    shows it, but compared exactly), then by how many put it first, then by label. Options
    nobody ranked have no position and are left out. `residents_of`: only responses from
    people who gave a postcode in that area (or an area inside it)."""
    rows = (
        _ranking_answers(question, residents_of)
        .values("choice_id", "choice__label")
        .annotate(n=Count("id"), total=Sum("rank"), first=Count("id", filter=Q(rank=1)))
        .order_by()
    )
    options = [
        RankedOption(
            choice_id=row["choice_id"],
            label=row["choice__label"],
            mean_rank=Fraction(int(row["total"]), row["n"]),
            first=row["first"],
            count=row["n"],
        )
        for row in rows
    ]
    options.sort(key=lambda o: (o.mean_rank, -o.first, o.label.casefold(), o.choice_id))
    return options


def ranking_respondents(question: Question, *, residents_of: Area | None = None) -> int:
    """How many responses ranked at least one option."""
    return int(_ranking_answers(question, residents_of).values("response_id").distinct().count())


PRIORITIES_FROM_RANKING_MAX = 99  # the lowest rank a priority can have


def _fit_label(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= 200 else label[:199] + "…"


def priority_create_from_ranking(
    *,
    user: User,
    question: Question,
    area: Area,
    quarter: str,
    is_public: bool = False,
    top: int = 3,
    residents_only: bool = False,
    replace: bool = False,
) -> list[Priority]:
    """Make the `top` best-placed options of a ranking question the area's priorities for the
    quarter, ranked 1, 2, 3… in the order of `ranking_order`. Every response counts, or with
    `residents_only` only those of people living in the area. An area keeps one list from a
    ranking question per quarter: `replace` swaps the earlier list for the new one."""
    require(user, "insight.add_priority", None)
    if not user.organisation_id:
        raise ValidationError(gettext("Only members of an organisation record priorities."))
    questionnaire = question.questionnaire
    visible = Questionnaire.private_objects.visible_to(user).filter(pk=questionnaire.pk).exists()
    if not visible or not user.has_perm("insight.add_priority_from_results", questionnaire):
        raise ValidationError({"question": gettext("You cannot see the results of that question.")})
    if question.kind != QuestionKind.RANKING:
        raise ValidationError(
            {"question": gettext("Only the results of a ranking question can become priorities.")}
        )
    if not 1 <= top <= PRIORITIES_FROM_RANKING_MAX:
        raise ValidationError(
            {
                "top": gettext("Choose how many priorities to make, from 1 to %(most)s.")
                % {"most": PRIORITIES_FROM_RANKING_MAX}
            }
        )
    _area_of_activity(questionnaire, area)
    quarter = checked_quarter(quarter)
    _may_publish(user, area, is_public)
    residents_of = area if residents_only else None
    options = ranking_order(question, residents_of=residents_of)
    if not options:
        who = f"Nobody living in {area.name}" if residents_only else "Nobody"
        raise ValidationError(
            {
                "question": gettext("%(who)s has answered “%(text)s” yet.")
                % {"who": who, "text": question.text}
            }
        )
    earlier = Priority.private_objects.filter(
        organisation_id=user.organisation_id, area=area, quarter=quarter, source=PrioritySource.RANKING
    )
    if earlier.exists() and not replace:
        raise ValidationError(
            {
                "replace": gettext(
                    "%(name)s already has priorities from a ranking question for %(quarter)s. Choose to "
                    "replace them, or choose another quarter."
                )
                % {"name": area.name, "quarter": quarters.label(quarter)}
            }
        )
    respondents = ranking_respondents(question, residents_of=residents_of)
    created = []
    with transaction.atomic():
        for old in earlier.select_for_update():
            audit_record(
                actor=user,
                action=AuditAction.DELETE,
                obj=old,
                changes={"replaced_by_question": question.pk},
            )
            old.delete()
        for rank, option in enumerate(options[:top], start=1):
            priority = Priority(
                area=area,
                quarter=quarter,
                label=_fit_label(option.label),
                rank=rank,
                source=PrioritySource.RANKING,
                is_public=is_public,
                question=question,
                organisation_id=user.organisation_id,
                created_by=user,
            )
            priority.full_clean()
            priority.save()
            audit_record(
                actor=user,
                action=AuditAction.CREATE,
                obj=priority,
                changes={
                    "question": question.pk,
                    "average_position": option.average,
                    "ranked_first_by": option.first,
                    "ranked_by": option.count,
                    "responses": respondents,
                    "residents_only": residents_only,
                },
            )
            created.append(priority)
    return created


def priority_trend(priorities: Any) -> tuple[list[str], list[tuple[str, list[int | None]]]]:
    """Quarters (oldest first) and, per label, its rank in each quarter (None when absent)."""
    quarters = sorted({p.quarter for p in priorities})
    ranks: dict[str, dict[str, int]] = {}
    for p in priorities:
        best = ranks.setdefault(p.label, {})
        best[p.quarter] = min(best.get(p.quarter, p.rank), p.rank)
    rows = [(label, [by_quarter.get(q) for q in quarters]) for label, by_quarter in ranks.items()]
    rows.sort(key=lambda row: (min(r for r in row[1] if r is not None), row[0]))
    return quarters, rows
