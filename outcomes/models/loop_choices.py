"""The choices of the feedback loop's records (outcomes/models/loop.py)."""

from django.db import models


class FindingSource(models.TextChoices):
    THEME = "theme", "Themes from an analysis of what people wrote"
    PRIORITY = "priority", "Neighbourhood priorities"
    REACH = "reach", "Who took part and who did not (reach)"
    ACTIVITY = "activity", "What was said at activities"


class Factor(models.TextChoices):
    """Seed 001, "Evidence based decision making": what a decision weighs beside the findings."""

    GOVERNMENT_POLICY = "government_policy", "Government policy"
    STATUTORY = "statutory_requirements", "Statutory requirements"
    COST_BENEFIT = "cost_benefit", "Cost, benefit and effectiveness"
    EQUALITY = "equality_impact", "Equality impact assessment"
    PARTNERS = "partners_views", "The views of partners and stakeholders"
    BEST_PRACTICE = "best_practice", "Best practice"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class FeedbackState(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class FeedbackChannel(models.TextChoices):
    WEBSITE = "website", "Website"
    MEETING = "meeting", "Meeting"
    LEAFLET = "leaflet", "Leaflet"
    SOCIAL_MEDIA = "social_media", "Social media"
    EMAIL = "email", "E-mail"


class DispatchState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    SENDING = "sending", "Sending"
    DONE = "done", "Sent"
    FAILED = "failed", "Stopped with a problem"


class UpdateKind(models.TextChoices):
    PERSONAL = "personal", "Linked to what they said"
    GENERAL = "general", "General update"


class DeliveryState(models.TextChoices):
    CLAIMED = "claimed", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not sent"
