"""Models of outcomes: the feedback loop. What people said (`Finding`, "You said"), what was
decided about it and on what grounds (`Decision`, `DecisionFactor`), what is being done
(`Action`, `ActionUpdate`), and telling people (`Feedback`, "We did", with the personal
e-mails of `UpdateDispatch` and `PersonalUpdate`).

Seed 001 asks for an organisation that "consults, communicates and makes changes as a result",
whose decisions weigh engagement findings against six other factors (`Factor`); seed 003 for
"ongoing feedback to the community about how their input has impacted on local policing";
seed 002 points 19, 24 and 25 for telling people what will happen to their input, giving
feedback, and evaluating.

Scoping: every record is owned by an organisation. Its own staff see it; others see it only
when it is OFFICIAL and they may see its activity (or, for an action, when it is theirs to do).
Protective marking follows governance's rules (governance/marking.py, `LoopMarked`): each
record is marked at least as its sources are (a finding its activity, the activities it cites
and the themes and analyses it is drawn from; a decision the findings it considered; an action
its decision; feedback its activity and the decisions and actions it reports), a lowering below
them is refused, and hooks_marking.py carries a raise down. Reports read the records by area
(`in_area`), period (`in_period`) and activity (`for_activity`), and the public pages only
through `public_objects`.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from consultations.models import Answer
from engagement.models import Activity
from insight.models import Priority, Theme
from organisations.models import Organisation
from places.models import Area

from .loop_choices import (
    ActionStatus,
    DeliveryState,
    DispatchState,
    Factor,
    FeedbackChannel,
    FeedbackState,
    FindingSource,
    Rag,
    UpdateKind,
)
from .loop_marked import LoopMarked
from .loop_querysets import (
    ActionQuerySet,
    ActionUpdateQuerySet,
    DecisionQuerySet,
    FeedbackQuerySet,
    FindingQuerySet,
    PublicActionManager,
    PublicDecisionManager,
    PublicFeedbackManager,
    PublicFindingManager,
)

__all__ = [
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "Decision",
    "DecisionFactor",
    "DeliveryState",
    "DispatchState",
    "Factor",
    "Feedback",
    "FeedbackChannel",
    "FeedbackState",
    "Finding",
    "FindingSource",
    "PersonalUpdate",
    "Rag",
    "UpdateDispatch",
    "UpdateKind",
]


class Finding(LoopMarked):
    """ "You said": a statement of what people said, drawn from themes, priorities, reach
    results or activities, with links to the evidence."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.PROTECT, related_name="loop_findings"
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", help_text=gettext_lazy("Where it was said.")
    )
    statement = models.TextField("What people said")
    source = models.CharField(max_length=20, choices=FindingSource.choices)
    source_note = models.TextField("More about where it comes from", blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="loop_findings")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="+")
    evidence_answers = models.ManyToManyField(Answer, blank=True, related_name="+")
    evidence_activities = models.ManyToManyField(Activity, blank=True, related_name="+")
    found_on = models.DateField(default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    marking_sources = ("activity",)
    marking_links = ("themes", "evidence_activities")
    marking_link_related = {"themes": "run"}

    objects = FindingQuerySet.as_manager()
    public_objects = PublicFindingManager()

    class Meta:
        ordering = ["-found_on", "-id"]

    def __str__(self) -> str:
        return f"Finding {self.pk}"

    def linked_sources(self) -> list[Any]:
        """The themes' analyses are sources too (a theme is never below its analysis, but says so)."""
        records = super().linked_sources()
        return records + [record.run for record in records if isinstance(record, Theme)]


class Decision(LoopMarked):
    """What was decided, by whom (a person and a body), when, which findings it considered and
    what else it weighed (`factors`)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    summary = models.CharField("What was decided", max_length=300)
    detail = models.TextField("More detail", blank=True)
    decided_by_name = models.CharField("Who decided", max_length=200)
    decided_by_body = models.CharField("Which body", max_length=200)
    decided_on = models.DateField()
    findings = models.ManyToManyField(Finding, related_name="considered_by")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    marking_links = ("findings",)

    objects = DecisionQuerySet.as_manager()
    public_objects = PublicDecisionManager()

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"Decision {self.pk}"


class DecisionFactor(models.Model):
    """One of seed 001's other factors, weighed in a decision, with a note of how."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="factors")
    factor = models.CharField(max_length=30, choices=Factor.choices)
    note = models.TextField()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["decision", "factor"], name="decision_factor_once")]

    def __str__(self) -> str:
        return self.get_factor_display()


class Action(LoopMarked):
    """Something a decision says will be done: by an organisation and a person, by a date."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField("What will be done", max_length=300)
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    owner_name = models.CharField("Who is doing it", max_length=200)
    due_on = models.DateField("Due by")
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    done_on = models.DateField(null=True, blank=True)
    result = models.TextField("What happened", blank=True)
    rag_override = models.CharField("RAG set by hand", max_length=5, choices=Rag.choices, blank=True)
    rag_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    marking_sources = ("decision",)

    objects = ActionQuerySet.as_manager()
    public_objects = PublicActionManager()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Action {self.pk}"


class ActionUpdate(models.Model):
    """One line of an action's progress, in the words of whoever gave it."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    organisation = models.ForeignKey(Organisation, null=True, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = ActionUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Update {self.pk} of action {self.action_id}"


class Feedback(LoopMarked):
    """ "We did": a public statement about an activity, for one of its neighbourhoods or all of
    them, reporting decisions and actions. Published with a date and the channels used."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="loop_feedback")
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=gettext_lazy("One neighbourhood of the activity; empty for all of them."),
    )
    title = models.CharField(max_length=200)
    statement = models.TextField("What we did")
    decisions = models.ManyToManyField(Decision, blank=True, related_name="reported_in")
    actions = models.ManyToManyField(Action, blank=True, related_name="reported_in")
    state = models.CharField(max_length=20, choices=FeedbackState.choices, default=FeedbackState.DRAFT)
    published_on = models.DateField(null=True, blank=True)
    channels = models.JSONField(default=list, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    marking_sources = ("activity",)
    marking_links = ("decisions", "actions")

    objects = FeedbackQuerySet.as_manager()
    public_objects = PublicFeedbackManager()

    class Meta:
        ordering = ["-published_on", "-created_at", "-id"]
        verbose_name_plural = gettext_lazy("feedback")

    def __str__(self) -> str:
        return self.title

    def channel_labels(self) -> list[str]:
        labels = dict(FeedbackChannel.choices)
        return [str(labels.get(value, value)) for value in self.channels]


from .loop_mail import PersonalUpdate, UpdateDispatch  # noqa: E402  (they refer to Feedback)
