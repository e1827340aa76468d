"""Which written answers an analysis covers: those to its question, or, for an analysis across
activities, the free-text answers to its organisation's own activities, narrowed by area,
audience, method and the period in which the responses came in."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from consultations.models import Answer, QuestionKind
from engagement.models import Activity
from places.models import Area

from .models import AnalysisRun


@dataclass(frozen=True)
class AcrossFilters:
    area: str = ""  # an area code: the area and everything inside it
    audience: str = ""  # slug
    method: str = ""  # slug
    start: date | None = None
    end: date | None = None

    def as_json(self) -> dict[str, str]:
        data = {"area": self.area, "audience": self.audience, "method": self.method}
        data |= {
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
        }
        return {k: v for k, v in data.items() if v}


def run_answers(run: AnalysisRun) -> Any:
    """The answers a run covers."""
    if run.question_id:
        return Answer.objects.filter(question_id=run.question_id)
    activities = Activity.private_objects.filter(lead_organisation_id=run.organisation_id)
    f = run.filters
    if f.get("area"):
        area = Area.objects.filter(code=f["area"]).first()
        activities = activities.in_area(area) if area else activities.none()
    if f.get("audience"):
        activities = activities.filter(audiences__slug=f["audience"])
    if f.get("method"):
        activities = activities.filter(method__slug=f["method"])
    answers = Answer.objects.filter(
        question__kind=QuestionKind.TEXT, question__questionnaire__activity__in=activities.values("pk")
    )
    if f.get("from"):
        answers = answers.filter(response__submitted_at__date__gte=f["from"])
    if f.get("to"):
        answers = answers.filter(response__submitted_at__date__lte=f["to"])
    return answers
