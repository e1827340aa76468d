"""Sending a publication's personal updates, in the background task (tasks_loop.py).

Each address gets one message per publication, even when the task runs twice or two workers
run it at once: before sending, the task claims the address's responses for the publication
(`PersonalUpdate`, unique per publication and response); a response already claimed or sent is
skipped. A message that fails is marked so, and a later run tries it again; a message claimed by
a worker that died before it could say whether it was sent is not sent again (better one update
missed than two sent). No address is stored outside the response; a withdrawn response takes its
records with it.

The run's progress (how many addresses, how many personal and general updates, failures) is
kept on `UpdateDispatch`, which the feedback page shows.
"""

import logging
import smtplib
from collections import Counter
from typing import Any

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultations.models import Response
from core.lifecycle import TransitionConflict

from .loop_emails import Recipient, links_for, recipients, update_message
from .loop_lifecycles import DELIVERY, DISPATCH
from .loop_public import PublicFeedback, sends_updates, trail
from .models import (
    DeliveryState,
    DispatchState,
    Feedback,
    FeedbackState,
    PersonalUpdate,
    UpdateDispatch,
    UpdateKind,
)

logger = logging.getLogger(__name__)
SENT, SKIPPED, FAILED = "sent", "skipped", "failed"
STOPPED = "Sending stopped part-way. Those not yet written to can be sent their update again."


def _claim(feedback: Feedback, recipient: Recipient, kind: str) -> list[PersonalUpdate] | None:
    """The address's records for this publication, claimed for sending; None when another run
    has claimed or sent them."""
    ids = recipient.response_ids
    with transaction.atomic():
        rows = list(PersonalUpdate.objects.select_for_update().filter(feedback=feedback, response_id__in=ids))
        if any(row.state != DeliveryState.FAILED for row in rows):
            return None
        for row in rows:
            DELIVERY.advance(row, DeliveryState.CLAIMED)
        have = {row.response_id for row in rows}
        try:
            with transaction.atomic():
                for response_id in ids:
                    if response_id not in have:
                        rows.append(
                            PersonalUpdate.objects.create(
                                feedback=feedback, response_id=response_id, kind=kind
                            )
                        )
        except IntegrityError:  # another run claimed them meanwhile
            return None
    return rows


def _still_wanted(recipient: Recipient) -> bool:
    """Not withdrawn nor unsubscribed since the run began."""
    return (
        Response.objects.filter(pk__in=recipient.response_ids, wants_updates=True).exclude(email="").exists()
    )


def _finish(rows: list[PersonalUpdate], state: str) -> None:
    def stamp(locked: PersonalUpdate) -> list[str]:
        locked.sent_at = timezone.now() if state == DeliveryState.SENT else None
        return ["sent_at"]

    for row in rows:
        DELIVERY.advance(row, state, update=stamp)


def _deliver(
    feedback: Feedback, recipient: Recipient, shaped: PublicFeedback, site_url: str, connection: Any
) -> tuple[str, str]:
    """Send one address its update. Returns (outcome, kind)."""
    links = links_for(recipient, shaped)
    kind = UpdateKind.PERSONAL if links else UpdateKind.GENERAL
    if not _still_wanted(recipient):
        return SKIPPED, kind
    rows = _claim(feedback, recipient, kind)
    if rows is None:
        return SKIPPED, kind
    message = update_message(
        recipient=recipient, feedback=feedback, shaped=shaped, links=links, site_url=site_url
    )
    message.connection = connection
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError):
        logger.warning("A personal update for feedback %s could not be sent", feedback.pk, exc_info=True)
        _finish(rows, DeliveryState.FAILED)
        return FAILED, kind
    _finish(rows, DeliveryState.SENT)
    return SENT, kind


def _start(feedback_id: int) -> tuple[Feedback, UpdateDispatch] | None:
    feedback = (
        Feedback.objects.select_related("activity", "area")
        .filter(pk=feedback_id, state=FeedbackState.PUBLISHED)
        .first()
    )
    dispatch = UpdateDispatch.objects.filter(feedback_id=feedback_id).first()
    if feedback is None or dispatch is None or not sends_updates(feedback):
        return None
    try:
        DISPATCH.advance(dispatch, DispatchState.SENDING)
    except (TransitionConflict, ValidationError):  # another run has it, or it has finished
        return None
    return feedback, dispatch


def _progress(dispatch: UpdateDispatch, counts: Counter[str], done: int, total: int) -> None:
    UpdateDispatch.objects.filter(pk=dispatch.pk).update(
        progress=round(100 * done / total) if total else 100,
        personal=counts[UpdateKind.PERSONAL],
        general=counts[UpdateKind.GENERAL],
        failed=counts[FAILED],
    )


def personal_updates_send(
    *, feedback_id: int, site_url: str, connection: Any = None
) -> UpdateDispatch | None:
    """Send the updates of one publication (see the module docstring) through `connection`
    (Django's configured e-mail backend unless given). None when there is nothing to do: not
    published, OFFICIAL-SENSITIVE, or another run is sending them."""
    started = _start(feedback_id)
    if started is None:
        return None
    feedback, dispatch = started
    # A run after one that stopped or failed adds to what that one sent; failures are this run's.
    counts: Counter[str] = Counter(
        {UpdateKind.PERSONAL: dispatch.personal, UpdateKind.GENERAL: dispatch.general}
    )
    try:
        shaped = trail(feedback, public=False)
        people = recipients(feedback)
        UpdateDispatch.objects.filter(pk=dispatch.pk).update(addresses=len(people))
        with connection or mail.get_connection() as opened:
            for done, person in enumerate(people, start=1):
                outcome, kind = _deliver(feedback, person, shaped, site_url, opened)
                counts[outcome] += 1
                if outcome == SENT:
                    counts[kind] += 1
                _progress(dispatch, counts, done, len(people))
    except Exception:
        logger.exception("Sending the personal updates of feedback %s stopped", feedback_id)
        _end(dispatch, DispatchState.FAILED, STOPPED)
        raise
    _end(dispatch, DispatchState.DONE, "")
    dispatch.refresh_from_db()
    return dispatch


def _end(dispatch: UpdateDispatch, state: str, error: str) -> None:
    def stamp(locked: UpdateDispatch) -> list[str]:
        locked.error, locked.finished_at = error, timezone.now()
        if state == DispatchState.DONE:
            locked.progress = 100
        return ["error", "finished_at", "progress"]

    DISPATCH.advance(dispatch, state, update=stamp)
