"""E-mail about joint-working proposals, sent by a background task once the proposal or its
answer has committed.

A new proposal goes to the other activity's named contact and to the other organisation's
engagement officers; an answer goes to whoever proposed and to the proposing activity's named
contact. One message per address, so that nobody sees another's address. The message or reply
crosses from one organisation to another, so it goes out redacted (as the other organisation
reads it in Heard); the reply-to address is the sending side's activity contact."""

import logging

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from core.text import clean_line
from organisations.models import Role, User
from organisations.privacy import REDACTED

from .models import JointProposal

logger = logging.getLogger(__name__)
EVENTS = ("proposed", "accepted", "declined")


def _addresses(*candidates: str) -> list[str]:
    seen: dict[str, str] = {}
    for address in candidates:
        if address and address.strip().lower() not in seen:
            seen[address.strip().lower()] = address.strip()
    return list(seen.values())


def recipients(proposal: JointProposal, event: str) -> list[str]:
    if event == "proposed":
        officers = User.objects.filter(
            organisation_id=proposal.receiving_organisation_id,
            is_active=True,
            role_grants__role=Role.ENGAGEMENT_OFFICER,
        ).exclude(email="")
        return _addresses(proposal.other_activity.contact_email, *officers.values_list("email", flat=True))
    proposer = proposal.proposed_by
    proposer_email = proposer.email if proposer and proposer.is_active else ""
    return _addresses(proposer_email, proposal.activity.contact_email)


def messages_for(proposal: JointProposal, event: str, *, site_url: str) -> list[EmailMessage]:
    if event not in EVENTS:
        raise ValueError(f"Unknown event {event!r}")
    asked, asking = proposal.other_activity, proposal.activity
    context = {
        "proposal": proposal,
        "event": event,
        "asking": asking,
        "asked": asked,
        "message": REDACTED(proposal.message),
        "reply": REDACTED(proposal.reply),
        "url": site_url.rstrip("/") + reverse("coordination:proposal_detail", kwargs={"pk": proposal.pk}),
    }
    body = render_to_string("reach/coordination/email/proposal.txt", context)
    if event == "proposed":
        subject = f"{proposal.proposing_organisation.name} proposes joint working on {asked.title}"
        reply_to = asking.contact_email
    else:
        subject = f"{proposal.receiving_organisation.name} {event} your proposal about {asking.title}"
        reply_to = asked.contact_email
    return [
        EmailMessage(
            # A header is one line: a line break in a title would stop the e-mail being sent.
            subject=clean_line(subject)[:200],
            body=body,
            from_email=None,  # DEFAULT_FROM_EMAIL
            to=[address],
            reply_to=[reply_to] if reply_to else None,
        )
        for address in recipients(proposal, event)
    ]


def proposal_notice_send(*, proposal_id: int, event: str, site_url: str) -> int:
    """Send the notices of `event` for one proposal; how many were sent (none when it has gone)."""
    proposal = (
        JointProposal.objects.select_related(
            "activity", "other_activity", "proposing_organisation", "receiving_organisation", "proposed_by"
        )
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        return 0
    messages = messages_for(proposal, event, site_url=site_url)
    sent = get_connection().send_messages(messages) if messages else 0
    logger.info("Sent %s notices of proposal %s being %s", sent, proposal_id, event)
    return int(sent or 0)
