"""The trail of published feedback as people outside the organisation read it: what people
said (findings), what was decided and why, what is being done and how it went, in plain words
and with every piece of text through the public door (`REDACTED`: names, addresses, postcodes,
phone numbers and e-mail addresses taken out, since a finding may quote an answer).

The public website's door (website/feedback_selectors.py) passes feedback it read through
`Feedback.public_objects`, and the trail is then read through the other models'
`public_objects` (`public=True`). The personal e-mails read the trail of feedback that may not
be on the website (an activity the website does not list), OFFICIAL records only
(`public=False`); OFFICIAL-SENSITIVE records are in neither.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.content_languages import ContentText, as_content, content
from engagement.models import Status
from governance.models import Marking
from organisations.privacy import REDACTED

from .models import Action, ActionStatus, Decision, DecisionFactor, Factor, Feedback, Finding

# The factors a decision weighs, as residents read them (the staff pages keep Factor's labels).
FACTOR_WORDS: dict[str, str | Promise] = {
    Factor.GOVERNMENT_POLICY: _("Government policy"),
    Factor.STATUTORY: _("Statutory requirements"),
    Factor.COST_BENEFIT: _("Cost, benefit and effectiveness"),
    Factor.EQUALITY: _("Equality impact assessment"),
    Factor.PARTNERS: _("The views of partners and stakeholders"),
    Factor.BEST_PRACTICE: _("Best practice"),
}


@dataclass(frozen=True)
class PublicAction:
    title: str
    organisation: str
    status: str
    result: str
    due_on: date | None = None
    done_on: date | None = None

    @property
    def progress(self) -> str:
        """In plain words, in the language being shown: "Done on 3 March 2026", "In progress,
        due by 1 May 2026" (worked out when read, so one trail serves e-mails in several languages)."""
        return _progress(self.status, self.due_on, self.done_on)


@dataclass(frozen=True)
class PublicFinding:
    statement: str
    theme_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PublicDecision:
    summary: str
    detail: str
    decided_on: date
    body: str
    said: list[PublicFinding] = field(default_factory=list)
    weighed: list[tuple[str | Promise, str]] = field(default_factory=list)  # (factor, note)
    steps: list[PublicAction] = field(default_factory=list)


@dataclass(frozen=True)
class PublicFeedback:
    pk: int
    title: str
    statement: str
    published_on: date | None
    channels: list[str]
    activity_pk: int
    activity_title: str
    area_name: str
    decisions: list[PublicDecision] = field(default_factory=list)

    @property
    def steps_total(self) -> int:
        return sum(len(d.steps) for d in self.decisions)

    @property
    def steps_done(self) -> int:
        return sum(1 for d in self.decisions for s in d.steps if s.status == ActionStatus.DONE)


def is_for_the_website(feedback: Feedback) -> bool:
    """Whether the public website will show it once published."""
    activity = feedback.activity
    public = (
        activity.is_published and activity.marking == Marking.OFFICIAL and activity.status != Status.DRAFT
    )
    return public and feedback.marking == Marking.OFFICIAL


def sends_updates(feedback: Feedback) -> bool:
    return feedback.marking == Marking.OFFICIAL and feedback.activity.marking == Marking.OFFICIAL


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def _progress(status: str, due_on: date | None, done_on: date | None) -> str:
    if status == ActionStatus.DONE:
        return gettext("Done on %(day)s") % {"day": _day(done_on)} if done_on else gettext("Done")
    if status == ActionStatus.DROPPED:
        return gettext("Dropped: it will not go ahead")
    if status == ActionStatus.IN_PROGRESS:
        return gettext("In progress, due by %(day)s") % {"day": _day(due_on)}
    return gettext("Not started yet, due by %(day)s") % {"day": _day(due_on)}


def _public(record: Action | Decision | DecisionFactor | Feedback | Finding, field: str) -> str:
    """The field through the public door, in the language it is shown in (kept for ``lang``)."""
    shown: ContentText = content(record, field)
    return as_content(REDACTED(shown), shown)


def progress_words(action: Action) -> str:
    """How the action is going, in plain words in the active language."""
    return _progress(action.status, action.due_on, action.done_on)


def _public_action(action: Action) -> PublicAction:
    return PublicAction(
        title=_public(action, "title"),
        organisation=action.owner_organisation.name,
        status=action.status,
        result=_public(action, "result"),
        due_on=action.due_on,
        done_on=action.done_on,
    )


def _records(feedback: Feedback, *, public: bool) -> tuple[QuerySet[Decision], QuerySet[Action]]:
    if public:
        decisions = Decision.public_objects.filter(pk__in=_reported_decisions(feedback))
        return decisions, Action.public_objects.filter(reported_in=feedback)
    official = Marking.OFFICIAL
    decisions = Decision.objects.filter(pk__in=_reported_decisions(feedback), marking=official)
    return decisions, Action.objects.filter(reported_in=feedback, marking=official)


def _reported_decisions(feedback: Feedback) -> set[int]:
    direct = set(feedback.decisions.values_list("pk", flat=True))
    return direct | set(feedback.actions.values_list("decision_id", flat=True))


def _findings(decision: Decision, *, public: bool) -> QuerySet[Finding]:
    if public:
        return Finding.public_objects.filter(considered_by=decision)
    return Finding.objects.filter(considered_by=decision, marking=Marking.OFFICIAL)


def trail(feedback: Feedback, *, public: bool) -> PublicFeedback:
    """One feedback's trail: finding > decision > action > result."""
    decisions, actions = _records(feedback, public=public)
    steps: dict[int, list[PublicAction]] = {}
    for action in actions.select_related("owner_organisation"):
        steps.setdefault(action.decision_id, []).append(_public_action(action))
    shaped = []
    for decision in decisions.prefetch_related("factors").order_by("decided_on", "pk"):
        said = [
            PublicFinding(
                statement=_public(finding, "statement"),
                theme_ids=frozenset(finding.themes.values_list("pk", flat=True)),
            )
            for finding in _findings(decision, public=public).order_by("found_on", "pk")
        ]
        shaped.append(
            PublicDecision(
                summary=_public(decision, "summary"),
                detail=_public(decision, "detail"),
                decided_on=decision.decided_on,
                body=REDACTED(decision.decided_by_body),
                said=said,
                weighed=[
                    (FACTOR_WORDS.get(f.factor, f.get_factor_display()), _public(f, "note"))
                    for f in decision.factors.all()
                ],
                steps=steps.get(decision.pk, []),
            )
        )
    return PublicFeedback(
        pk=feedback.pk,
        title=_public(feedback, "title"),
        statement=_public(feedback, "statement"),
        published_on=feedback.published_on,
        channels=feedback.channel_labels(),
        activity_pk=feedback.activity_id,
        activity_title=content(feedback.activity, "title"),
        area_name=feedback.area.name if feedback.area else "",
        decisions=shaped,
    )


def trails(feedbacks: Iterable[Feedback], *, public: bool) -> list[PublicFeedback]:
    return [trail(feedback, public=public) for feedback in feedbacks]
