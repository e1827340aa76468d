"""The demo's OFFICIAL-SENSITIVE records on OFFICIAL, shared activities (issue 11 "Marking and
sharing"): one of the force's questionnaires with its responses and analyses, one of its
analyses' themes, and a community contact. Trafford Council's users still see the activity but
none of these; the force's users see them marked on their pages. Raised through the same
service as the "Mark it OFFICIAL-SENSITIVE" page, so each is in the audit log."""

from django.db.models import Model

from consultations.models import Questionnaire
from governance.marking import SENSITIVE
from governance.marking_services import marking_raise
from insight.models import Theme
from organisations.models import User
from reach.models import CommunityContact


def _raise(user: User, key: str, record: Model | None) -> int:
    if record is None:
        return 0
    record.refresh_from_db(fields=["marking"])
    if record.marking == SENSITIVE:  # type: ignore[attr-defined]
        return 0
    marking_raise(user=user, key=key, pk=record.pk)
    return 1


def demo_load_marking(*, users: dict[str, User]) -> int:
    """Mark a few of the force's records OFFICIAL-SENSITIVE (the same ones each time the demo
    loads). Returns how many were raised now."""
    officer, analyst = users["officer"], users["analyst"]
    police = officer.organisation_id or 0
    questionnaire = (
        Questionnaire.private_objects.filter(
            activity__lead_organisation_id=police, activity__marking="official"
        )
        .exclude(responses=None)
        .order_by("pk")
        .last()
    )
    theme = Theme.objects.filter(run__organisation_id=police).order_by("pk").first()
    contact = CommunityContact.objects.filter(organisation_id=police).order_by("pk").first()
    raised = _raise(officer, "consultations.questionnaire", questionnaire)
    raised += _raise(analyst, "insight.theme", theme)
    raised += _raise(officer, "reach.communitycontact", contact)
    return raised
