"""Findings, decisions, actions and feedback in governance's protective-marking rules
(governance/marking.py).

`SOURCES` says what each record of the loop comes from (models/loop.py names the same fields as
`marking_sources` and `marking_links`); `UPSTREAM` what those records come from in turn. Every
path from an ancestor to a record of the loop is registered with `register_descendant`, so that
raising an activity, questionnaire, analysis or theme raises the findings drawn from it, the
decisions that considered them, their actions and the feedback reporting them, and raising a
finding or decision raises what comes after it. The shared "raise the marking" page and
`POST /api/marking/{kind}/{id}/raise` reach them through the loop's reading doors.
"""

from collections.abc import Iterator

from django.db import models
from django.urls import reverse

from consultations.models import Questionnaire
from engagement.models import Activity
from governance.marking import MarkedKind, register_descendant, register_marked
from insight.models import AnalysisRun, Theme

from .models import Action, Decision, Feedback, Finding

Link = tuple[type[models.Model], str]

UPSTREAM: dict[type[models.Model], list[Link]] = {
    Theme: [(AnalysisRun, "run")],
    AnalysisRun: [(Questionnaire, "questionnaire")],
    Questionnaire: [(Activity, "activity")],
}
SOURCES: dict[type[models.Model], list[Link]] = {
    Finding: [(Activity, "activity"), (Activity, "evidence_activities"), (Theme, "themes")],
    Decision: [(Finding, "findings")],
    Action: [(Decision, "decision")],
    Feedback: [(Activity, "activity"), (Decision, "decisions"), (Action, "actions")],
}


def ancestors(model: type[models.Model]) -> Iterator[Link]:
    """Every record `model` comes from, directly or not, with the path from `model` to it."""
    for parent, path in SOURCES.get(model, []) + UPSTREAM.get(model, []):
        yield parent, path
        for grandparent, further in ancestors(parent):
            yield grandparent, f"{path}__{further}"


for child in SOURCES:
    for parent, path in ancestors(child):
        register_descendant(parent, child, path)  # type: ignore[arg-type]

WRITERS = ("admin", "engagement_officer", "analyst")

register_marked(
    MarkedKind(
        model=Finding,
        visible=lambda user: Finding.objects.visible_to(user),
        owner_id=lambda finding: finding.organisation_id,
        url=lambda finding: reverse("outcomes:finding_detail", args=[finding.pk]),
        roles=WRITERS,
    )
)
register_marked(
    MarkedKind(
        model=Decision,
        visible=lambda user: Decision.objects.visible_to(user),
        owner_id=lambda decision: decision.organisation_id,
        url=lambda decision: reverse("outcomes:decision_detail", args=[decision.pk]),
        roles=(*WRITERS, "authority_member"),  # they sit on the bodies that decide
    )
)
register_marked(
    MarkedKind(
        model=Action,
        visible=lambda user: Action.objects.visible_to(user).select_related("decision"),
        owner_id=lambda action: action.decision.organisation_id,
        url=lambda action: reverse("outcomes:action_detail", args=[action.pk]),
        roles=(*WRITERS, "authority_member"),
    )
)
register_marked(
    MarkedKind(
        model=Feedback,
        visible=lambda user: Feedback.objects.visible_to(user),
        owner_id=lambda feedback: feedback.organisation_id,
        url=lambda feedback: reverse("outcomes:feedback_detail", args=[feedback.pk]),
    )
)
