"""What every staff consultation page needs: the records the user may see, or a 404."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from engagement.models import Activity
from organisations.http import StaffRequest

from ..models import Attendance, Question, Questionnaire, QuestionnaireState


def require(request: StaffRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def visible_activity(request: StaffRequest, pk: int) -> Activity:
    """404 for an activity the user may not see, so its existence is not revealed."""
    require(request, "engagement.view_activity")
    return get_object_or_404(Activity.private_objects.visible_to(request.user).with_related(), pk=pk)


def visible_questionnaire(request: StaffRequest, pk: int) -> Questionnaire:
    require(request, "engagement.view_activity")
    return get_object_or_404(
        Questionnaire.private_objects.visible_to(request.user).select_related(
            "activity", "activity__lead_organisation", "privacy_statement", "previous"
        ),
        pk=pk,
    )


def visible_question(request: StaffRequest, pk: int) -> Question:
    require(request, "engagement.view_activity")
    return get_object_or_404(
        Question.objects.filter(
            questionnaire__in=Questionnaire.private_objects.visible_to(request.user).values("pk")
        ).select_related("questionnaire__activity", "questionnaire__privacy_statement"),
        pk=pk,
    )


def visible_attendance(request: StaffRequest, pk: int) -> Attendance:
    require(request, "engagement.view_activity")
    return get_object_or_404(
        Attendance.objects.filter(
            activity__in=Activity.private_objects.visible_to(request.user).values("pk")
        ).select_related("activity"),
        pk=pk,
    )


def questions_of(questionnaire: Questionnaire) -> list[Question]:
    return list(
        questionnaire.questions.prefetch_related("choices", "show_if_choices").order_by("position", "id")
    )


def condition_text(question: Question, numbers: dict[int, int]) -> str:
    if not question.show_if_question_id:
        return ""
    labels = " or ".join(f"“{c.label}”" for c in question.show_if_choices.all())
    return f"Only asked when question {numbers.get(question.show_if_question_id, '?')} is answered {labels}."


def window_status(questionnaire: Questionnaire) -> str:
    """In words: whether (and why not) the questionnaire takes responses online."""
    activity = questionnaire.activity
    if questionnaire.state == QuestionnaireState.DRAFT:
        return "Not taking responses: publish it when it is ready."
    if questionnaire.state == QuestionnaireState.SUPERSEDED:
        return (
            "Replaced by a newer version: not taking responses online. Paper responses to this version can "
            "still be typed in."
        )
    opens, closes = activity.response_opens, activity.response_closes
    window = ""
    if opens or closes:
        window = (
            f" The activity's response window is {opens:%d %B %Y}"
            if opens
            else " The response window is open"
        )
        window += f" to {closes:%d %B %Y}." if closes else " with no closing date."
    if questionnaire.is_accepting_responses():
        return "Live and taking responses online." + window
    today = timezone.localdate()
    if activity.status != "open":
        reason = f"the activity is {activity.get_status_display().lower()}; responses are taken only while it is open"
    elif opens and today < opens:
        reason = "the response window has not opened yet"
    else:
        reason = "the response window has closed"
    return f"Live, but not taking responses online: {reason}." + window


def download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
