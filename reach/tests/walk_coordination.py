"""Coordination's part of the URL walks (heard/tests/walks.py).

For the scoping walk each record gets a partner activity of the outsider's own organisation in
the same place at the same time (so that the report and an activity's matches would show the
record's activity to the outsider if they let it through) and a proposal from the record's
activity to a third organisation (so that the outsider has no reason to see it). For the
redaction matrix a proposal from the police's activity to the council carries the planted
words in its message: the police read them as written, the council redacted."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from engagement.tests.factories import ActivityFactory
from organisations.tests.factories import OrganisationFactory
from reach.models import JointProposal

Record = dict[str, Any]


def _proposal(r: Record) -> dict[str, Any]:
    return {"pk": r["joint_proposal"].pk}


def _api_proposal(r: Record) -> dict[str, Any]:
    return {"proposal_id": r["joint_proposal"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "coordination:activity": lambda r: {"pk": r["activity"].pk},
    "coordination:propose": lambda r: {"pk": r["activity"].pk, "other_pk": r["coordination_partner"].pk},
    "coordination:proposal_detail": _proposal,
    "coordination:proposal_answer": _proposal,
    "api:list_activity_matches": lambda r: {"activity_id": r["activity"].pk},
    "api:get_proposal": _api_proposal,
    "api:accept_proposal": _api_proposal,
    "api:decline_proposal": _api_proposal,
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "coordination:report": {},
    "coordination:report_export": {"file_format": "csv"},
    "coordination:proposal_list": {},
    "api:list_duplicates": {},
    "api:export_duplicates": {},
    "api:list_proposals": {},
    "api:create_proposal": {},
}


def _alongside(activity: Any, lead: Any, title: str) -> Any:
    """An activity of `lead` in the same places, for the same people, two days later."""
    return ActivityFactory(
        lead_organisation=lead,
        title=title,
        purpose=activity.purpose,
        method=activity.method,
        areas=list(activity.areas.all()),
        audiences=list(activity.audiences.all()),
        starts_at=activity.starts_at + timedelta(days=2),
    )


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    activity = record["activity"]
    record["coordination_partner"] = _alongside(activity, outsider.organisation, f"Partner of {activity.pk}")
    third = OrganisationFactory(name="Coordination third party")
    record["joint_proposal"] = JointProposal.objects.create(
        activity=activity,
        other_activity=_alongside(activity, third, f"Third party of {activity.pk}"),
        proposing_organisation=police,
        receiving_organisation=third,
        message="PROPOSAL-SECRET",
    )


SHOWS_TEXT: dict[str, tuple[Callable[[Record], dict[str, Any]], str]] = {
    "coordination:proposal_detail": (_proposal, ""),
    "coordination:proposal_list": (lambda s: {}, ""),
    "api:get_proposal": (_api_proposal, ""),
    "api:list_proposals": (lambda s: {}, ""),
}
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "coordination:report": lambda s: {},
    "coordination:report_export": lambda s: {"file_format": "csv"},
    "coordination:activity": lambda s: {"pk": s["activity"].pk},
    "coordination:propose": lambda s: {"pk": s["activity"].pk, "other_pk": s["coordination_partner"].pk},
    "api:list_activity_matches": lambda s: {"activity_id": s["activity"].pk},
    "api:list_duplicates": lambda s: {},
    "api:export_duplicates": lambda s: {},
}
NO_TEXT: dict[str, str] = {
    "coordination:proposal_answer": "a form post answering with a redirect, or on a mistake with the page "
    "coordination:proposal_detail shows (the same selector and door)",
    "api:create_proposal": "returns the proposal the caller wrote",
    "api:accept_proposal": "returns the proposal as api:get_proposal does (its message through the reader's door)",
    "api:decline_proposal": "returns the proposal as api:get_proposal does (its message through the reader's door)",
}


def add_matrix_records(scene: Record) -> None:
    from heard.tests.test_redaction_matrix import NOTES

    activity = scene["activity"]
    scene["coordination_partner"] = _alongside(activity, scene["council"], "MATRIX-PARTNER-ACTIVITY")
    scene["joint_proposal"] = JointProposal.objects.create(
        activity=activity,
        other_activity=scene["coordination_partner"],
        proposing_organisation=scene["police"],
        receiving_organisation=scene["council"],
        message=NOTES,
    )


# api/tests/test_write_schemas.py
SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    f"/api/coordination/proposals/{{proposal_id}}/{verb}": (lambda r: {"proposal_id": r["joint_proposal"].pk})
    for verb in ("accept", "decline")
}
