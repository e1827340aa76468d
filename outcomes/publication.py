"""The publication scheme: what the force publishes of its engagement under the Freedom of
Information Act 2000 (s.19, a publication scheme; seed 002's header asks of every document
"Publication Scheme Y/N", and seed 004 asks for "awareness of confidentiality issues … with
particular regard to the Freedom of Information Act"). An FOI officer takes one dated bundle
(publication_files.py) and puts it on the force's website.

What a bundle holds, for a period and optionally an area:

- activities marked "suitable for the publication scheme" (`Activity.publication_scheme`) that
  are published, OFFICIAL and were held (reports_scope.py's `period_activities`: what the maker
  may see, whole activities held at least partly in the period, in the area);
- their questionnaires that went live and are OFFICIAL: the questions and the choices offered,
  never an answer; and, once the activity has closed, how many chose each answer, small numbers
  suppressed (publication_results.py);
- the published "You said, we did" feedback of those activities (`Feedback.public_objects`)
  and the decisions it reports (`Decision.public_objects`), with what people said (findings),
  what was weighed and what is being done, as the public trail shows them (loop_public.py).

Every word staff wrote passes through the public door (`PUBLISHED`): it may quote a resident.
OFFICIAL-SENSITIVE never appears: each record's own marking and its activity's are both read.

Why here and not in governance: the bundle reads engagement, consultations and outcomes, and
outcomes, the highest of them, already holds the publication rules of the published reports
(reports_scope.py) that it reuses. A registry in governance filled by the apps would add an
indirection for one consumer, and would still need these rules from outcomes."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from consultations.models import Questionnaire, QuestionnaireState
from consultations.results import questions_of
from engagement.models import Activity, Status
from governance.marking import official_only
from organisations.models import User

from .loop_public import progress_words
from .models import Action, Decision, Feedback, Finding
from .publication_columns import Table, tables
from .publication_results import published_results
from .reports_scope import PUBLISHED, Period, period_activities

# An activity's results are published once people can no longer answer.
CLOSED = (Status.CLOSED, Status.ANALYSED, Status.FEEDBACK_GIVEN, Status.EVALUATED)


@dataclass(frozen=True)
class Bundle:
    period: Period
    made_on: date
    tables: list[Table]


def scheme_activities(user: User, period: Period) -> QuerySet[Activity]:
    """The activities of the bundle, oldest first."""
    return (
        period_activities(user, period)
        .filter(is_published=True, publication_scheme=True)
        .select_related("method", "lead_organisation")
        .prefetch_related("areas", "partners")
        .order_by("starts_at", "pk")
    )


def _day(value: datetime | date | None) -> str:
    """A day as YYYY-MM-DD (a moment: its day in UK time); "" for none."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date().isoformat()
    return value.isoformat() if value else ""


def activity_rows(activities: Iterable[Activity]) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk,
            "title": a.title,
            "summary": PUBLISHED(a.summary),
            "purpose": a.get_purpose_display(),
            "method": a.method.name,
            "level": a.get_level_display(),
            "areas": [f"{area.name} ({area.code})" for area in sorted(a.areas.all(), key=lambda x: x.code)],
            "lead_organisation": a.lead_organisation.name,
            "partners": sorted(p.name for p in a.partners.all()),
            "starts": _day(a.starts_at),
            "ends": _day(a.ends_at),
            "responses_open": _day(a.response_opens),
            "responses_close": _day(a.response_closes),
            "status": a.get_status_display(),
            "venue": PUBLISHED(a.venue),
        }
        for a in activities
    ]


def scheme_questionnaires(activities: QuerySet[Activity]) -> list[Questionnaire]:
    rows = Questionnaire.private_objects.filter(activity__in=activities.values("pk")).exclude(
        state=QuestionnaireState.DRAFT
    )
    return list(
        rows.filter(official_only())
        .select_related("activity")
        .order_by("activity__starts_at", "activity_id", "version", "pk")
    )


def questionnaire_tables(questionnaires: Iterable[Questionnaire]) -> tuple[list[dict[str, Any]], ...]:
    """(questionnaires, questions, results) rows."""
    listed, questions, results = [], [], []
    for q in questionnaires:
        closed = q.activity.status in CLOSED
        figures = published_results(q) if closed else None
        listed.append(
            {
                "id": q.pk,
                "activity_id": q.activity_id,
                "activity": q.activity.title,
                "title": q.title,
                "version": q.version,
                "introduction": PUBLISHED(q.introduction),
                "responses": figures.responses_shown if figures else "",
                "results": "Published" if figures and figures.rows else _why_no_results(closed, figures),
            }
        )
        for number, question in enumerate(questions_of(q), start=1):
            questions.append(
                {
                    "questionnaire_id": q.pk,
                    "question_number": number,
                    "kind": question.get_kind_display(),
                    "question": question.text,
                    "hint": question.hint,
                    "choices": [c.label for c in question.choices.all()],
                }
            )
        results.extend(figures.rows if figures else [])
    return listed, questions, results


def _why_no_results(closed: bool, figures: Any) -> str:
    if not closed:
        return "Not yet: the consultation has not closed"
    if figures is not None and figures.responses is None:
        return f"Not published: {figures.responses_shown} responses"
    return "No answers to count"


def scheme_feedback(user: User, period: Period, activities: QuerySet[Activity]) -> list[Feedback]:
    rows = Feedback.public_objects.visible_to(user).filter(
        activity__in=activities.values("pk"), published_on__lte=period.last
    )
    return list(
        rows.select_related("activity", "area")
        .prefetch_related("decisions", "actions")
        .order_by("published_on", "pk")
    )


def feedback_rows(feedback: Iterable[Feedback], decision_ids: dict[int, list[int]]) -> list[dict[str, Any]]:
    return [
        {
            "id": f.pk,
            "activity_id": f.activity_id,
            "activity": f.activity.title,
            "area": f.area.name if f.area else "Every area of the activity",
            "title": PUBLISHED(f.title),
            "we_did": PUBLISHED(f.statement),
            "published_on": _day(f.published_on),
            "channels": f.channel_labels(),
            "decision_ids": decision_ids.get(f.pk, []),
        }
        for f in feedback
    ]


def reported_decisions(feedback: Iterable[Feedback]) -> dict[int, list[int]]:
    """Per feedback, the decisions it reports, directly or through one of their actions."""
    return {
        f.pk: sorted({d.pk for d in f.decisions.all()} | {a.decision_id for a in f.actions.all()})
        for f in feedback
    }


def decision_rows(user: User, period: Period, reported: dict[int, list[int]]) -> list[dict[str, Any]]:
    by_decision: dict[int, list[int]] = {}
    for feedback_id, ids in sorted(reported.items()):
        for decision_id in ids:
            by_decision.setdefault(decision_id, []).append(feedback_id)
    decisions = (
        Decision.public_objects.visible_to(user)
        .filter(pk__in=by_decision, decided_on__lte=period.last)
        .prefetch_related("factors")
        .order_by("decided_on", "pk")
    )
    return [_decision_row(d, by_decision[d.pk]) for d in decisions]


def _decision_row(decision: Decision, feedback_ids: list[int]) -> dict[str, Any]:
    said = Finding.public_objects.filter(considered_by=decision).order_by("found_on", "pk")
    steps = (
        Action.public_objects.filter(decision=decision)
        .select_related("owner_organisation")
        .order_by("due_on", "pk")
    )
    return {
        "id": decision.pk,
        "decided_on": _day(decision.decided_on),
        "decided_by": PUBLISHED(decision.decided_by_body),
        "you_said": [PUBLISHED(f.statement) for f in said],
        "decision": PUBLISHED(decision.summary),
        "detail": PUBLISHED(decision.detail),
        "weighed": [f"{f.get_factor_display()}: {PUBLISHED(f.note)}" for f in decision.factors.all()],
        "actions": [
            f"{PUBLISHED(a.title)} ({a.owner_organisation.name}): {progress_words(a)}"
            for a in steps.distinct()
        ],
        "feedback_ids": feedback_ids,
    }


def publication_bundle(*, user: User, period: Period, made_on: date) -> Bundle:
    """Everything a bundle holds, as `user` may see it, through the publication rules."""
    activities = scheme_activities(user, period)
    listed, questions, results = questionnaire_tables(scheme_questionnaires(activities))
    feedback = scheme_feedback(user, period, activities)
    reported = reported_decisions(feedback)
    decisions = decision_rows(user, period, reported)
    published = {row["id"] for row in decisions}  # a sensitive decision's id is not named either
    shown = {pk: [d for d in ids if d in published] for pk, ids in reported.items()}
    return Bundle(
        period=period,
        made_on=made_on,
        tables=tables(
            activities=activity_rows(activities),
            questionnaires=listed,
            questions=questions,
            results=results,
            decisions=decisions,
            feedback=feedback_rows(feedback, shown),
        ),
    )
