"""How much of an activity an organisation that does not lead it sees (issue 11 "Marking and
sharing"). A named partner of the activity works on it and sees its results, written answers
(redacted), themes and reach, as it always has. An organisation that sees the activity only
through a data-sharing agreement sees what the agreement's scopes say: results in aggregate,
redacted answers, themes, reach. OFFICIAL-SENSITIVE records never reach either (the reading
doors filter on every record's own marking)."""

from typing import Any

from organisations.agreements import shares

from .models import Activity


def activity_shares(user: Any, activity: Activity | None, scope: str) -> bool:
    """May `user` see `scope` of `activity` (which they can already see)?"""
    if activity is None or getattr(user, "is_superuser", False):
        return True
    org = getattr(user, "organisation_id", None)
    if not org:
        return False
    if activity.lead_organisation_id == org or activity.partners.filter(pk=org).exists():
        return True
    return shares(owner_id=activity.lead_organisation_id, recipient_id=org, scope=scope)
