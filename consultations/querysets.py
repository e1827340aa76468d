"""The query sets of the consultation models: who may see which rows (each reaches its activity,
and outside the activity's lead organisation its own protective marking too), and what the public
website may show."""

from typing import Any, ClassVar, Self

from django.db import models
from django.db.models import Q

from engagement.models import Activity, ActivityScopedQuerySet
from governance.marking import official_only


class QuestionnaireState(models.TextChoices):
    DRAFT = "draft", "Draft"
    LIVE = "live", "Live"
    SUPERSEDED = "superseded", "Replaced by a newer version"


class MarkedScopedQuerySet(ActivityScopedQuerySet):
    """As `ActivityScopedQuerySet`, and outside the activity's lead organisation only rows whose
    own protective marking (the record at `marking_path`) is OFFICIAL (governance/marking.py)."""

    marking_path: ClassVar[str] = ""

    def visible_to(self, user: Any) -> Self:
        rows = super().visible_to(user)
        if getattr(user, "is_superuser", False):
            return rows
        org = getattr(user, "organisation_id", None) or 0
        own = Q(**{f"{self.activity_path}__lead_organisation_id": org})
        return rows.filter(own | official_only(self.marking_path))


class QuestionnaireQuerySet(MarkedScopedQuerySet):
    def public(self) -> "QuestionnaireQuerySet":
        """Questionnaires the public may see: live, OFFICIAL, on a public activity."""
        return self.filter(
            official_only(), state=QuestionnaireState.LIVE, activity__in=Activity.public_objects.values("pk")
        )


class PublicQuestionnaireManager(models.Manager.from_queryset(QuestionnaireQuerySet)):  # type: ignore[misc]
    """`Questionnaire.public_objects`: only what the public website may show."""

    def get_queryset(self) -> QuestionnaireQuerySet:
        return QuestionnaireQuerySet(self.model, using=self._db).public()


class QuestionQuerySet(MarkedScopedQuerySet):
    activity_path = "questionnaire__activity"
    marking_path = "questionnaire__"


class ChoiceQuerySet(MarkedScopedQuerySet):
    activity_path = "question__questionnaire__activity"
    marking_path = "question__questionnaire__"


class ResponseQuerySet(MarkedScopedQuerySet):
    activity_path = "questionnaire__activity"


class AnswerQuerySet(MarkedScopedQuerySet):
    activity_path = "response__questionnaire__activity"
    marking_path = "response__"


class AttendanceCountQuerySet(ActivityScopedQuerySet):
    activity_path = "attendance__activity"
