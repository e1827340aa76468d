"""E-mail to people who responded online and asked for it.

The confirmation says that a response arrived and how to withdraw it. It never contains the
answers, the equality answers or the receipt code (shown once, on screen, and stored only
hashed). It goes through Django's e-mail API (SMTP in production) from a task queued after
the response is committed; the task takes the response's id and reads the address the
respondent gave, so nothing personal sits in the task queue."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from core.content_languages import content_in
from core.text import clean_line

from .content_translation import answering_language
from .models import Response

logger = logging.getLogger(__name__)


def message_language(response: Response) -> str:
    """The site language closest to the one the response was given in (English otherwise)."""
    try:
        return translation.get_supported_language_variant(response.language or settings.LANGUAGE_CODE)
    except LookupError:
        return str(settings.LANGUAGE_CODE)


def confirmation_message(response: Response, *, site_url: str) -> EmailMessage:
    """The confirmation, in the language the person answered in (the questionnaire's title in
    it too when the questionnaire could be answered in it)."""
    language = message_language(response)
    with translation.override(language), content_in(answering_language(response.questionnaire, language)):
        return _confirmation_message(response, site_url=site_url)


def _confirmation_message(response: Response, *, site_url: str) -> EmailMessage:
    questionnaire = response.questionnaire
    activity = questionnaire.activity
    context = {
        "questionnaire": questionnaire,
        "activity": activity,
        "received_on": timezone.localtime(response.submitted_at),
        "withdraw_url": site_url.rstrip("/") + reverse("consult:withdraw"),
        "consultation_url": site_url.rstrip("/") + reverse("consult:start", kwargs={"pk": questionnaire.pk}),
        "force_name": getattr(settings, "HEARD_FORCE_NAME", "Heard"),
    }
    body = render_to_string("consultations/public/email/confirmation.txt", context)
    return EmailMessage(
        # A header is one line: a line break in a title would stop the e-mail being sent.
        subject=_("We received your response: %(title)s") % {"title": clean_line(questionnaire.title)},
        body=body,
        from_email=None,  # DEFAULT_FROM_EMAIL
        to=[response.email],
        reply_to=[activity.contact_email] if activity.contact_email else None,
    )


@task()
def send_response_confirmation(response_id: int, site_url: str) -> bool:
    """Send the confirmation for one online response. False (and nothing sent) when the
    response has gone (withdrawn in the meantime) or has no address to send to."""
    response = (
        Response.objects.select_related("questionnaire__activity")
        .filter(pk=response_id, wants_updates=True)
        .exclude(email="")
        .first()
    )
    if response is None:
        return False
    sent = confirmation_message(response, site_url=site_url).send(fail_silently=False)
    logger.info("Sent a response confirmation for questionnaire %s", response.questionnaire_id)
    return bool(sent)
