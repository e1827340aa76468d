"""What several staff consultation pages show in words. Records are read through
`consultations.selectors` (the visible record or a 404) and permissions checked with
`core.permissions.require`."""

from django.utils import timezone

from ..models import Question, Questionnaire, QuestionnaireState
from ..results import questions_of

__all__ = ["condition_text", "questions_of", "window_status"]


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
