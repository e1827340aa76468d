"""Who sees which records of the feedback loop, which the public pages may show, and the
narrowing by area, period and activity the reports read (outcomes/models/loop.py)."""

from datetime import date
from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Exists, OuterRef, Q

from engagement.models import Activity
from governance.models import Marking
from organisations.models import User
from places.models import Area

from .loop_choices import FeedbackState

if TYPE_CHECKING:
    from .loop import Action, ActionUpdate, Decision, Feedback, Finding  # noqa: F401

Reader = User | AnonymousUser
_M = TypeVar("_M", bound=models.Model)


def _model(name: str) -> Any:
    """A model of loop.py, which imports this module (so it cannot be imported here)."""
    return apps.get_model("outcomes", name)


def _org(user: Reader) -> int | None:
    return user.organisation_id if isinstance(user, User) else None


def _visible_activities(user: Reader) -> Any:
    return Activity.private_objects.visible_to(user).values("pk")


class _Scoped(models.QuerySet[_M]):
    """`visible_to` of every record of the loop: nothing for visitors and staff of no
    organisation, everything for superusers, else the owning organisation's records and what
    `_shared` lets other organisations see."""

    owner = "organisation_id"

    def visible_to(self, user: Reader) -> Self:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        org = _org(user)
        if org is None:
            return self.none()
        return self.filter(Q(**{self.owner: org}) | self._shared(user, org))

    def _shared(self, user: Reader, org: int) -> Q:
        raise NotImplementedError


class FindingQuerySet(_Scoped["Finding"]):
    def _shared(self, user: Reader, org: int) -> Q:
        """Others' when OFFICIAL and of an activity the user may see."""
        return Q(marking=Marking.OFFICIAL, activity__in=_visible_activities(user))

    def in_area(self, area: Area) -> "FindingQuerySet":
        return self.filter(area__path__startswith=area.path)

    def in_period(self, start: date | None, end: date | None) -> "FindingQuerySet":
        return _period(self, "found_on", start, end)

    def for_activity(self, activity: Activity) -> "FindingQuerySet":
        return self.filter(Q(activity=activity) | Q(evidence_activities=activity)).distinct()

    def public(self) -> "FindingQuerySet":
        """Findings a public page may show: OFFICIAL, of no activity or a public one, and
        considered by a decision the public may see."""
        considered = _model("Decision").public_objects.filter(findings=OuterRef("pk"))
        public_activity = Q(activity__isnull=True) | Q(activity__in=Activity.public_objects.values("pk"))
        return self.filter(public_activity, Exists(considered), marking=Marking.OFFICIAL)


class DecisionQuerySet(_Scoped["Decision"]):
    def _shared(self, user: Reader, org: int) -> Q:
        """Others' when OFFICIAL and they may see a finding it considered, or one of its
        actions is theirs to do."""
        seen = _model("Finding").objects.visible_to(user).filter(considered_by=OuterRef("pk"))
        theirs = _model("Action").objects.filter(decision=OuterRef("pk"), owner_organisation_id=org)
        return Q(Exists(seen) | Exists(theirs), marking=Marking.OFFICIAL)

    def in_area(self, area: Area) -> "DecisionQuerySet":
        inside = _model("Finding").objects.in_area(area).filter(considered_by=OuterRef("pk"))
        return self.filter(Exists(inside))

    def in_period(self, start: date | None, end: date | None) -> "DecisionQuerySet":
        return _period(self, "decided_on", start, end)

    def for_activity(self, activity: Activity) -> "DecisionQuerySet":
        return self.filter(
            findings__in=_model("Finding").objects.for_activity(activity).values("pk")
        ).distinct()

    def public(self) -> "DecisionQuerySet":
        """OFFICIAL decisions that published public feedback reports, or whose action it reports."""
        public = _model("Feedback").public_objects
        reported = public.filter(decisions=OuterRef("pk"))
        through_action = public.filter(actions__decision=OuterRef("pk"))
        return self.filter(Exists(reported) | Exists(through_action), marking=Marking.OFFICIAL)


class ActionQuerySet(_Scoped["Action"]):
    owner = "decision__organisation_id"

    def _shared(self, user: Reader, org: int) -> Q:
        """Others' (the deciding organisation owns it) when OFFICIAL and theirs to do, or when
        they may see the decision."""
        decisions = _model("Decision").objects.visible_to(user).values("pk")
        return Q(marking=Marking.OFFICIAL) & (Q(owner_organisation_id=org) | Q(decision__in=decisions))

    def in_area(self, area: Area) -> "ActionQuerySet":
        return self.filter(decision__in=_model("Decision").objects.in_area(area).values("pk"))

    def in_period(self, start: date | None, end: date | None) -> "ActionQuerySet":
        return _period(self, "due_on", start, end)

    def for_activity(self, activity: Activity) -> "ActionQuerySet":
        return self.filter(decision__in=_model("Decision").objects.for_activity(activity).values("pk"))

    def public(self) -> "ActionQuerySet":
        """OFFICIAL actions that published public feedback reports."""
        reported = _model("Feedback").public_objects.filter(actions=OuterRef("pk"))
        return self.filter(Exists(reported), marking=Marking.OFFICIAL)


class FeedbackQuerySet(_Scoped["Feedback"]):
    def _shared(self, user: Reader, org: int) -> Q:
        """Others' when OFFICIAL and of an activity the user may see."""
        return Q(marking=Marking.OFFICIAL, activity__in=_visible_activities(user))

    def in_area(self, area: Area) -> "FeedbackQuerySet":
        """Feedback for a neighbourhood in `area`, or, without one, for an activity held there."""
        held = Activity.areas.through.objects.filter(
            activity_id=OuterRef("activity_id"), area__path__startswith=area.path
        )
        return self.filter(Q(area__path__startswith=area.path) | Q(Exists(held), area__isnull=True))

    def in_period(self, start: date | None, end: date | None) -> "FeedbackQuerySet":
        return _period(self, "published_on", start, end)

    def for_activity(self, activity: Activity) -> "FeedbackQuerySet":
        return self.filter(activity=activity)

    def public(self) -> "FeedbackQuerySet":
        """THE public feedback: published, OFFICIAL, of a public activity."""
        return self.filter(
            state=FeedbackState.PUBLISHED,
            marking=Marking.OFFICIAL,
            activity__in=Activity.public_objects.values("pk"),
        )


def _period(queryset: Any, field: str, start: date | None, end: date | None) -> Any:
    if start is not None:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{field}__lte": end})
    return queryset


class PublicFindingManager(models.Manager.from_queryset(FindingQuerySet)):  # type: ignore[misc]
    """`Finding.public_objects`: only what the public website may show (like Activity's)."""

    def get_queryset(self) -> FindingQuerySet:
        return FindingQuerySet(self.model, using=self._db).public()


class PublicDecisionManager(models.Manager.from_queryset(DecisionQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> DecisionQuerySet:
        return DecisionQuerySet(self.model, using=self._db).public()


class PublicActionManager(models.Manager.from_queryset(ActionQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> ActionQuerySet:
        return ActionQuerySet(self.model, using=self._db).public()


class PublicFeedbackManager(models.Manager.from_queryset(FeedbackQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> FeedbackQuerySet:
        return FeedbackQuerySet(self.model, using=self._db).public()


class ActionUpdateQuerySet(models.QuerySet["ActionUpdate"]):
    def visible_to(self, user: Reader) -> "ActionUpdateQuerySet":
        return self.filter(action__in=_model("Action").objects.visible_to(user).values("pk"))
