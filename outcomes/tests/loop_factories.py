"""Building the feedback loop's records directly (no service, no audit) for tests that need a
trail to exist: a finding of an activity, a decision that considered it, an action, a progress
update and feedback reporting them. Shared by outcomes' tests, the URL walks and the public
website's walk."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from engagement.models import Activity
from organisations.models import Organisation
from outcomes.models import (
    Action,
    ActionUpdate,
    Decision,
    DecisionFactor,
    Factor,
    Feedback,
    FeedbackChannel,
    FeedbackState,
    Finding,
    FindingSource,
)


@dataclass
class Trail:
    finding: Finding
    decision: Decision
    action: Action
    update: ActionUpdate
    feedback: Feedback


def make_trail(
    activity: Activity,
    *,
    organisation: Organisation | None = None,
    text: str = "Speeding outside the school",
    published: bool = True,
    marking: str | None = None,
    owner: Organisation | None = None,
    themes: list[Any] | None = None,
    answers: list[Any] | None = None,
    title: str = "Speeding near the school",
) -> Trail:
    """A whole trail for `activity`, every piece of text being `text` (so a test can look for
    it), marked like the activity unless told."""
    organisation = organisation or activity.lead_organisation
    marking = marking or activity.marking
    today = timezone.localdate()
    finding = Finding.objects.create(
        organisation=organisation,
        activity=activity,
        area=activity.areas.first(),
        statement=text,
        source=FindingSource.THEME if themes else FindingSource.ACTIVITY,
        marking=marking,
    )
    finding.themes.set(themes or [])
    finding.evidence_answers.set(answers or [])
    decision = Decision.objects.create(
        organisation=organisation,
        summary=text,
        detail=text,
        decided_by_name="Chief Inspector Jo Example",
        decided_by_body="Neighbourhood tasking meeting",
        decided_on=today,
        marking=marking,
    )
    decision.findings.add(finding)
    DecisionFactor.objects.create(decision=decision, factor=Factor.COST_BENEFIT, note=text)
    action = Action.objects.create(
        decision=decision,
        title=text,
        owner_organisation=owner or organisation,
        owner_name="Neighbourhood team",
        due_on=today + timedelta(days=30),
        marking=marking,
    )
    update = ActionUpdate.objects.create(
        action=action, text=text, status=action.status, organisation=organisation
    )
    feedback = Feedback.objects.create(
        organisation=organisation,
        activity=activity,
        title=title,
        statement=text,
        marking=marking,
        state=FeedbackState.PUBLISHED if published else FeedbackState.DRAFT,
        published_on=today if published else None,
        channels=[FeedbackChannel.WEBSITE] if published else [],
    )
    feedback.decisions.add(decision)
    feedback.actions.add(action)
    return Trail(finding=finding, decision=decision, action=action, update=update, feedback=feedback)
