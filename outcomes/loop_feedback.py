"""Writes of the feedback loop's feedback ("We did"): writing it for an activity (and one of its
neighbourhoods, or all), and publishing it.

Publishing (seed 002 point 24: "Give feedback to the people who took part. Tell them how their
input has affected the way we police"; seed 003) moves it from draft to published under a row
lock, records the date and the channels used, answers the activity's checklist point 24 as the
publishing user, and queues the personal e-mail updates (tasks_loop.py) once the transaction
commits. Heard publishes every published OFFICIAL feedback of a public activity on the public
website, so "Website" is always among its channels; feedback of an OFFICIAL-SENSITIVE or
unpublished activity is published through the other channels only, and OFFICIAL-SENSITIVE
feedback sends no e-mails.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from engagement.models import Activity
from engagement.models import Answer as ChecklistAnswer
from engagement.services import checklist_answer_set
from governance.models import AuditAction, Marking
from governance.services import audit_record
from organisations.models import User
from places.models import Area

from .loop_lifecycles import DISPATCH, FEEDBACK
from .loop_public import is_for_the_website, sends_updates
from .loop_rules import require_own_words
from .loop_services import marking_change, owner_of
from .models import Action, Decision, DispatchState, Feedback, FeedbackChannel, FeedbackState, UpdateDispatch
from .tasks_loop import send_personal_updates

FEEDBACK_POINT = 24  # seed 002: "Give feedback to the people who took part"


def _check_area(activity: Activity, area: Area | None) -> None:
    if area is None:
        return
    paths = [a.path for a in activity.areas.all()]
    if not any(area.path.startswith(p) for p in paths):
        raise ValidationError(
            {"area": gettext("Choose one of the activity's neighbourhoods, or none for all of them.")}
        )


def _check_reported(user: User, decisions: Sequence[Decision], actions: Sequence[Action]) -> None:
    for field, model, chosen in (("decisions", Decision, decisions), ("actions", Action, actions)):
        ids = {record.pk for record in chosen}
        if ids and model.objects.visible_to(user).filter(pk__in=ids).count() != len(ids):
            raise ValidationError({field: gettext("Choose %(field)s you can see.") % {"field": field}})


def _save(
    user: User,
    feedback: Feedback,
    decisions: Sequence[Decision],
    actions: Sequence[Action],
    audit: AuditAction,
    changed: list[str],
) -> Feedback:
    _check_area(feedback.activity, feedback.area)
    _check_reported(user, decisions, actions)
    before = feedback._stored_marking
    feedback.link_sources(decisions=decisions, actions=actions)
    feedback.full_clean()  # marked at least as its activity and what it reports (governance/marking.py)
    feedback.save()
    feedback.decisions.set(decisions)
    feedback.actions.set(actions)
    changes = {"fields": changed, "decisions": len(decisions), "actions": len(actions)}
    audit_record(
        actor=user,
        action=audit,
        obj=feedback,
        changes={**changes, **marking_change(before, feedback.marking)},
    )
    return feedback


@transaction.atomic
def feedback_create(
    *,
    user: User,
    activity: Activity,
    title: str,
    statement: str,
    area: Area | None = None,
    decisions: Sequence[Decision] = (),
    actions: Sequence[Action] = (),
    marking: Marking | str = Marking.OFFICIAL,
) -> Feedback:
    """Write (a draft of) the feedback on an activity, reporting decisions and actions."""
    require(user, "outcomes.add_feedback", activity)
    feedback = Feedback(
        organisation=owner_of(user),
        activity=activity,
        area=area,
        title=title.strip(),
        statement=statement.strip(),
        marking=marking,
        created_by=user,
    )
    return _save(user, feedback, decisions, actions, AuditAction.CREATE, ["title", "statement"])


FEEDBACK_FIELDS = ("title", "statement", "area", "marking")


@transaction.atomic
def feedback_update(
    *,
    user: User,
    feedback: Feedback,
    decisions: Sequence[Decision] | None = None,
    actions: Sequence[Action] | None = None,
    **fields: Any,
) -> Feedback:
    """Change a draft (published feedback stays as residents were told it)."""
    unknown = set(fields) - set(FEEDBACK_FIELDS)
    if unknown:
        raise ValidationError(
            gettext("These cannot be changed here: %(values)s.") % {"values": ", ".join(sorted(unknown))}
        )
    require(user, "outcomes.change_feedback", feedback)
    require_own_words(user, feedback.organisation_id)
    feedback = Feedback.objects.select_related("activity").select_for_update().get(pk=feedback.pk)
    if feedback.state != FeedbackState.DRAFT:
        raise ValidationError(gettext("Published feedback cannot be changed."))
    changed = [name for name, value in fields.items() if getattr(feedback, name) != value]
    for name, value in fields.items():
        setattr(feedback, name, value.strip() if isinstance(value, str) else value)
    decisions = list(feedback.decisions.all()) if decisions is None else decisions
    actions = list(feedback.actions.all()) if actions is None else actions
    return _save(user, feedback, decisions, actions, AuditAction.UPDATE, changed)


def _channels(feedback: Feedback, channels: Sequence[str]) -> list[str]:
    unknown = [c for c in channels if c not in FeedbackChannel.values]
    if unknown:
        raise ValidationError({"channels": gettext("Choose the channels from the list.")})
    chosen = set(channels)
    if is_for_the_website(feedback):
        chosen.add(FeedbackChannel.WEBSITE)
    elif FeedbackChannel.WEBSITE in chosen:
        raise ValidationError(
            {
                "channels": gettext(
                    "This activity is not on the public website, so its feedback cannot be either."
                )
            }
        )
    if not sends_updates(feedback) and FeedbackChannel.EMAIL in chosen:
        raise ValidationError({"channels": gettext("OFFICIAL-SENSITIVE feedback is not sent by e-mail.")})
    if not chosen:
        raise ValidationError({"channels": gettext("Say how the feedback was given.")})
    return [c for c in FeedbackChannel.values if c in chosen]


def _check_publishable(feedback: Feedback, published_on: date) -> None:
    if not feedback.statement.strip():
        raise ValidationError({"statement": gettext("Say what was done before publishing.")})
    if not feedback.decisions.exists() and not feedback.actions.exists():
        raise ValidationError(
            {"decisions": gettext("Report at least one decision or action before publishing.")}
        )
    if published_on > timezone.localdate():
        raise ValidationError({"published_on": gettext("The date cannot be in the future.")})


@transaction.atomic
def feedback_publish(
    *,
    user: User,
    feedback: Feedback,
    channels: Sequence[str],
    site_url: str,
    published_on: date | None = None,
    seen: str | None = None,
) -> Feedback:
    """Publish feedback (see the module docstring). `seen` is the state the person last saw:
    when somebody else published it meanwhile, TransitionConflict and nothing changes."""
    if seen:
        if seen not in FeedbackState.values:
            raise ValidationError(
                {"state": gettext("Reload the page: the state it showed is not one Heard knows.")}
            )
        feedback.state = seen
    published_on = published_on or timezone.localdate()
    _check_publishable(feedback, published_on)
    chosen = _channels(feedback, channels)

    def stamp(locked: Feedback) -> list[str]:
        locked.published_on, locked.channels, locked.published_by = published_on, chosen, user
        return ["published_on", "channels", "published_by", "updated_at"]

    FEEDBACK.advance(feedback, FeedbackState.PUBLISHED, user=user, update=stamp)
    audit_record(
        actor=user,
        action=AuditAction.TRANSITION,
        obj=feedback,
        changes={"state": [FeedbackState.DRAFT, FeedbackState.PUBLISHED], "channels": chosen},
    )
    labels = ", ".join(feedback.channel_labels()).lower()
    checklist_answer_set(
        user=user,
        activity=feedback.activity,
        point=FEEDBACK_POINT,
        answer=ChecklistAnswer.DONE,
        note=f"Feedback published on {published_on:%-d %B %Y} ({labels}).",
    )
    if sends_updates(feedback):
        updates_queue(feedback=feedback, site_url=site_url)
    return feedback


@transaction.atomic
def updates_resend(*, user: User, feedback: Feedback, site_url: str) -> UpdateDispatch:
    """Send the updates again to those a stopped or failed run did not reach (nobody gets two)."""
    require(user, "outcomes.resend_updates", feedback)
    if not sends_updates(feedback):
        raise ValidationError(gettext("OFFICIAL-SENSITIVE feedback is not sent by e-mail."))
    return updates_queue(feedback=feedback, site_url=site_url)


def updates_queue(*, feedback: Feedback, site_url: str) -> UpdateDispatch:
    """Queue the personal updates of a publication, to be sent once the transaction commits;
    again (a run that stopped part-way) only when the last sending has finished."""
    dispatch, created = UpdateDispatch.objects.get_or_create(feedback=feedback)
    if not created:
        if dispatch.is_active:
            raise ValidationError(gettext("The updates are already being sent."))
        DISPATCH.advance(dispatch, DispatchState.QUEUED)
        UpdateDispatch.objects.filter(pk=dispatch.pk).update(progress=0, error="", queued_at=timezone.now())
    feedback_id = feedback.pk
    transaction.on_commit(lambda: send_personal_updates.enqueue(feedback_id, site_url))
    return dispatch
