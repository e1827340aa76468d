"""The choices an activity is described with: its purpose and level, its state, and the kinds of
consultation with their minimum windows."""

from django.db import models


class Purpose(models.TextChoices):
    """Seed 004's continuum of community engagement, minimum to maximum involvement."""

    GIVING_INFORMATION = "giving_information", "Giving information"
    GETTING_INFORMATION = "getting_information", "Getting information"
    FORUMS_FOR_DEBATE = "forums_for_debate", "Forums for debate"
    PARTICIPATION = "participation", "Participation"
    PARTNERSHIP = "partnership", "Partnership"
    EMPOWERMENT = "empowerment", "Empowerment"


class Level(models.TextChoices):
    """Seed 001's four levels of engagement."""

    STRATEGIC = "strategic", "Strategic (force / pan-county)"
    DISTRICT = "district", "District"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"
    THEME = "theme", "Theme or issue"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PLANNED = "planned", "Planned"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    ANALYSED = "analysed", "Analysed"
    FEEDBACK_GIVEN = "feedback_given", "Feedback given"
    EVALUATED = "evaluated", "Evaluated"
    CANCELLED = "cancelled", "Cancelled"


class ConsultationKind(models.TextChoices):
    FOCUSED = "focused", "Focused consultation event"
    DRAFTS = "drafts", "Consulting on a draft"
    DOCUMENT = "document", "Consulting on a document"


# Seed 002 point 16: "allow 13 weeks for consulting on draft versions of documents – but the
# absolute minimum is four weeks for focused consultation events, and six for consulting on
# drafts."
MINIMUM_WINDOW_WEEKS: dict[str, int] = {
    ConsultationKind.FOCUSED: 4,
    ConsultationKind.DRAFTS: 6,
    ConsultationKind.DOCUMENT: 13,
}
