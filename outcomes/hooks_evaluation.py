"""The evaluation's registrations with the extension points (core/extensions.py): the staff menu
item "Evaluation", the "Evaluation" section of an activity's page, the link from checklist point
25 to the evaluation, and the condition that an activity is only marked evaluated once its
evaluation is complete. Imported when the app is ready (core.apps_hooks.load_hooks), which also
loads the evaluation's permissions."""

from django.urls import reverse

from core.extensions import MenuItem, Panel, activity_panels, checklist_links, staff_menu, transition_checks
from engagement.checklist import EVALUATION_POINT
from engagement.models import Activity, Status
from organisations.models import User

from . import evaluation_rules as evaluation_rules
from .evaluation_selectors import evaluation_panel
from .models import Evaluation, EvaluationState

staff_menu.register(
    "evaluation",
    MenuItem(
        "Evaluation",
        "evaluation:overview",
        perm="outcomes.view_evaluation_overview",
        namespace="evaluation",
    ),
    order=70,
)


def panel(user: User, activity: Activity) -> Panel | None:
    summary = evaluation_panel(user=user, activity=activity)
    if summary is None:
        return None
    return Panel("outcomes/evaluation/_panel.html", {"summary": summary, "activity": activity})


def point_link(user: User, activity: Activity, point: int) -> tuple[str, str] | None:
    if point != EVALUATION_POINT or not user.has_perm("outcomes.view_evaluation", activity):
        return None
    return ("Evaluate it in Heard", reverse("evaluation:detail", kwargs={"pk": activity.pk}))


def needs_complete_evaluation(activity: Activity, target: str) -> str:
    if target != Status.EVALUATED:
        return ""
    if Evaluation.objects.filter(activity_id=activity.pk, state=EvaluationState.COMPLETE).exists():
        return ""
    return "Complete the activity's evaluation first: rate each aim, then select Complete the evaluation."


activity_panels.register("evaluation", panel, order=60)
checklist_links.register("evaluation", point_link)
transition_checks.register("evaluation", needs_complete_evaluation)
