"""The feedback loop's registrations with the extension points (core/extensions.py), imported
when the app is ready:

- the staff menu item "Outcomes";
- the "You said, we did" section of an activity's page, and the link from checklist point 24;
- conditions on an activity's lifecycle: "analysed" needs an analysis or a finding, "feedback
  given" needs published feedback, and nothing is closed or evaluated before it has happened
  (the evaluation part adds "evaluated needs an evaluation" itself);
- the findings of an area, for the evidence register's page (outcomes/extensions.py);
- keeping the loop in step with what happens below it: a withdrawn response takes its
  personal-update records with it, and any finding, decision, action or feedback that quoted its
  answer word for word loses the quote (an activity marked OFFICIAL-SENSITIVE carries the marking
  down the loop through hooks_marking.py).
"""

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone

from consultations.models import Answer
from consultations.signals import response_withdrawing
from core.extensions import MenuItem, Panel, activity_panels, checklist_links, staff_menu, transition_checks
from engagement.models import Activity, Status
from governance.models import AuditAction
from governance.services import audit_record
from insight.models import AnalysisRun, RunState

from . import loop_rules  # noqa: F401  (the permissions)
from .extensions import AreaEvidence, EvidenceItem, area_evidence
from .loop_feedback import FEEDBACK_POINT
from .loop_selectors import finding_rows, findings_visible
from .loop_selectors_work import activity_loop, feedback_visible
from .models import (
    Action,
    ActionUpdate,
    Decision,
    DecisionFactor,
    Feedback,
    FeedbackState,
    Finding,
    PersonalUpdate,
)

# A withdrawn answer shorter than this is not looked for in the loop's words (it would match
# ordinary text: "nothing", "speeding").
QUOTE_MIN_CHARACTERS = 20
WITHDRAWN = "(words from a response that was withdrawn)"
QUOTING_FIELDS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (Finding, ("statement", "source_note")),
    (Decision, ("summary", "detail")),
    (DecisionFactor, ("note",)),
    (Action, ("title", "result", "rag_reason")),
    (ActionUpdate, ("text",)),
    (Feedback, ("title", "statement")),
)


def loop_condition(activity: Activity, target: str) -> str:
    """Why `activity` may not move to `target` yet, or ""."""
    if target in (Status.CLOSED, Status.EVALUATED) and activity.starts_at > timezone.now():
        when = timezone.localtime(activity.starts_at)
        return f"It has not happened yet: it starts on {when:%-d %B %Y}."
    if target == Status.ANALYSED:
        analysed = AnalysisRun.objects.filter(questionnaire__activity=activity, state=RunState.DONE).exists()
        if not analysed and not Finding.objects.filter(activity=activity).exists():
            return "Analyse the answers it collected, or record a finding (“You said”) from it, first."
    published = Feedback.objects.filter(activity=activity, state=FeedbackState.PUBLISHED)
    if target == Status.FEEDBACK_GIVEN and not published.exists():
        return "Publish its feedback (“You said, we did”) first."
    return ""


def you_said_we_did(user: Any, activity: Activity) -> Panel | None:
    if not user.has_perm("outcomes.view_loop"):
        return None
    return Panel("outcomes/loop/_activity_panel.html", {"loop": activity_loop(user=user, activity=activity)})


def feedback_link(user: Any, activity: Activity, point: int) -> tuple[str, str] | None:
    if point != FEEDBACK_POINT or not user.has_perm("outcomes.view_loop"):
        return None
    latest = feedback_visible(user=user).filter(activity=activity).first()
    if latest is not None:
        return "See the feedback (“You said, we did”)", reverse(
            "outcomes:feedback_detail", kwargs={"pk": latest.pk}
        )
    if user.has_perm("outcomes.add_feedback", activity):
        return "Write the feedback (“You said, we did”)", reverse(
            "outcomes:feedback_create", kwargs={"pk": activity.pk}
        )
    return None


def findings_evidence(user: Any, area: Any, start: date, end: date) -> list[AreaEvidence]:
    if not user.has_perm("outcomes.view_loop"):
        return []
    found = findings_visible(user=user, area=area).filter(found_on__range=(start, end))
    items = [
        EvidenceItem(
            text=row.statement,
            detail=f"{row.found_on:%-d %B %Y}" + (f" · {row.activity_title}" if row.activity_title else ""),
            url=reverse("outcomes:finding_detail", kwargs={"pk": row.pk}),
        )
        for row in finding_rows(user=user, findings=found[:50])
    ]
    return [AreaEvidence(title="What people told us (findings)", items=items)]


def on_response_withdrawing(sender: Any, response: Any, answer_ids: list[int], **kwargs: Any) -> None:
    """Inside the withdrawal's transaction, before the response goes (consultations/signals.py)."""
    PersonalUpdate.objects.filter(response=response).delete()
    texts = {
        text.strip()
        for text in Answer.objects.filter(pk__in=answer_ids).values_list("text", flat=True)
        if len(text.strip()) >= QUOTE_MIN_CHARACTERS
    }
    scrubbed = 0
    for model, fields in QUOTING_FIELDS:
        for name in fields:
            for text in texts:
                for row in model.objects.filter(**{f"{name}__contains": text}):
                    limit = model._meta.get_field(name).max_length
                    value = getattr(row, name).replace(text, WITHDRAWN)
                    setattr(row, name, value[:limit] if limit else value)
                    row.save(update_fields=[name])
                    scrubbed += 1
    if scrubbed:
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            object_type="outcomes.loop",
            object_repr="Quotes of a withdrawn response",
            changes={"quotes removed": scrubbed},
        )


staff_menu.register(
    "outcomes",
    MenuItem("Outcomes", "outcomes:home", perm="outcomes.view_loop", namespace="outcomes"),
    order=64,
)
activity_panels.register("you_said_we_did", you_said_we_did, order=20)
checklist_links.register("feedback", feedback_link)
transition_checks.register("feedback_loop", loop_condition)
area_evidence.register("findings", findings_evidence, order=10)
response_withdrawing.connect(on_response_withdrawing, dispatch_uid="outcomes.loop.withdrawal")
