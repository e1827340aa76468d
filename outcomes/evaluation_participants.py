"""The participant evaluation form: "as well as those who took part" (seed 002 point 25).

The activity's team opens the online form for a set period after the activity, and shares its
short code (a flyer, the last slide, a text message); people who took part answer at
/evaluate/<code>/ without signing in. Paper forms are typed in by the team. Either way the form
asks no personal data; its answers are only ever shown as totals and its comments are read
through the owning organisation's text door. Online, the integrity measures of consultations
apply (consultations/integrity.py): one form per browser, a honeypot, a minimum fill time and
rate limits; the database constraint `one_participant_evaluation_per_browser` does the real work.
"""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from consultations.services import RECEIPT_ALPHABET
from core.permissions import require
from engagement.models import Activity, Status
from governance.models import AuditAction
from governance.services import audit_record, diff, snapshot
from organisations.models import User

from .models import ParticipantChannel, ParticipantEvaluation, ParticipantEvaluationLink

CODE_LENGTH = 8
DEFAULT_FORM_DAYS = 28  # setting HEARD_EVALUATION_FORM_DAYS
MAX_WINDOW_DAYS = 366
# Paper forms can be typed in from when the activity is taking place.
ENTERED_FROM = frozenset(
    {Status.OPEN, Status.CLOSED, Status.ANALYSED, Status.FEEDBACK_GIVEN, Status.EVALUATED}
)


class AlreadyAnswered(Exception):
    """This browser has already filled in this activity's form."""


class FormClosed(Exception):
    """The online form is not taking answers: `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ParticipantAnswers:
    satisfied: str = ""
    listened_to: str = ""
    understood_use: str = ""
    comments: str = ""


def normalise_code(text: str) -> str:
    """What people type ("k7m2-qx4p ") as stored ("K7M2QX4P")."""
    return "".join(ch for ch in str(text or "").upper() if ch.isascii() and ch.isalnum())[:20]


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(CODE_LENGTH))
        if not ParticipantEvaluationLink.objects.filter(code=code).exists():
            return code


def form_days() -> int:
    return int(getattr(settings, "HEARD_EVALUATION_FORM_DAYS", DEFAULT_FORM_DAYS))


def _local_day(activity: Activity, *, end: bool = False) -> date:
    when = (activity.ends_at or activity.starts_at) if end else activity.starts_at
    return timezone.localdate(when)


def default_window(activity: Activity) -> tuple[date, date]:
    """From the day the activity starts to `form_days()` after it ends."""
    return _local_day(activity), _local_day(activity, end=True) + timedelta(days=form_days())


def closed_reason(link: ParticipantEvaluationLink, today: date | None = None) -> str:
    """Why the online form is not taking answers, in words ("" when it is)."""
    today = today or timezone.localdate()
    if link.activity.status == Status.CANCELLED:
        return gettext("This activity was cancelled, so the form is closed.")
    if today < link.opens_on:
        return gettext("This form opens on %(day)s. Come back then to tell us what you thought.") % {
            "day": date_format(link.opens_on, "j F Y")
        }
    if today > link.closes_on:
        return gettext("This form closed on %(day)s. Thank you for your interest.") % {
            "day": date_format(link.closes_on, "j F Y")
        }
    return ""


def _window_errors(activity: Activity, opens_on: date, closes_on: date) -> dict[str, str]:
    errors = {}
    starts = _local_day(activity)
    if opens_on < starts:
        errors["opens_on"] = (
            f"The form can open on the day the activity starts ({starts:%-d %B %Y}) or later."
        )
    if closes_on < opens_on:
        errors["closes_on"] = "The form must close on or after the day it opens."
    elif (closes_on - opens_on).days > MAX_WINDOW_DAYS:
        errors["closes_on"] = "Keep the form open for a year at most."
    return errors


@transaction.atomic
def participant_link_open(
    *, user: User, activity: Activity, opens_on: date, closes_on: date
) -> ParticipantEvaluationLink:
    """Open the online form for `activity` between the two days (or change the days). Only an
    activity shown on the public website can have one: the form's page names it."""
    require(user, "outcomes.open_participant_link", activity)
    activity = Activity.private_objects.select_for_update().get(pk=activity.pk)
    if activity.status in (Status.DRAFT, Status.CANCELLED):
        raise ValidationError(gettext("The online form is for activities that are planned or further along."))
    if not Activity.public_objects.filter(pk=activity.pk).exists():
        raise ValidationError(
            gettext(
                "Only an activity shown on the public website can have an online form: use the paper "
                "form, or show the activity on the website first."
            )
        )
    errors = _window_errors(activity, opens_on, closes_on)
    if errors:
        raise ValidationError(errors)
    link = ParticipantEvaluationLink.objects.filter(activity=activity).first()
    before = snapshot(link, ["opens_on", "closes_on"]) if link else {}
    if link is None:
        link = ParticipantEvaluationLink(activity=activity, code=new_code(), created_by=user)
    link.opens_on, link.closes_on = opens_on, closes_on
    link.full_clean()
    link.save()
    changes = diff(before, snapshot(link, ["opens_on", "closes_on"]))
    if changes:
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=activity, changes={"online evaluation form": changes}
        )
    return link


def _new_form(activity: Activity, answers: ParticipantAnswers, **extra: object) -> ParticipantEvaluation:
    row = ParticipantEvaluation(
        activity=activity,
        satisfied=answers.satisfied,
        listened_to=answers.listened_to,
        understood_use=answers.understood_use,
        comments=answers.comments.strip(),
        **extra,
    )
    row.full_clean(validate_constraints=False)
    return row


def already_answered(link: ParticipantEvaluationLink, token: str) -> bool:
    return ParticipantEvaluation.objects.filter(activity_id=link.activity_id, browser_token=token).exists()


def participant_evaluation_submit(
    *, link: ParticipantEvaluationLink, answers: ParticipantAnswers, browser_token: str
) -> ParticipantEvaluation:
    """Store one online form (no user: the public). FormClosed outside the window,
    AlreadyAnswered for a browser that has answered, ValidationError for bad answers."""
    if not browser_token:
        raise ValidationError(gettext("A browser token is needed to answer online."))
    reason = closed_reason(link)
    if reason:
        raise FormClosed(reason)
    if already_answered(link, browser_token):
        raise AlreadyAnswered
    row = _new_form(link.activity, answers, channel=ParticipantChannel.ONLINE, browser_token=browser_token)
    try:
        with transaction.atomic():
            row.save()
            audit_record(actor=None, action=AuditAction.CREATE, obj=row, changes={"channel": "online"})
    except IntegrityError as error:
        raise AlreadyAnswered from error
    return row


@transaction.atomic
def participant_evaluation_enter(
    *, user: User, activity: Activity, answers: ParticipantAnswers, received_on: date | None = None
) -> ParticipantEvaluation:
    """Type in one paper form. Never audited with its answers."""
    require(user, "outcomes.enter_participant_evaluations", activity)
    if activity.status not in ENTERED_FROM:
        raise ValidationError(gettext("Paper forms can be typed in once the activity has taken place."))
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": gettext("Enter a day that has happened.")})
    if received_on < _local_day(activity):
        raise ValidationError({"received_on": gettext("Enter a day on or after the activity started.")})
    row = _new_form(
        activity, answers, channel=ParticipantChannel.PAPER, received_on=received_on, entered_by=user
    )
    row.save()
    audit_record(actor=user, action=AuditAction.CREATE, obj=row, changes={"channel": "paper"})
    return row


def paper_forms_entered(activity: Activity) -> int:
    return ParticipantEvaluation.objects.filter(activity=activity, channel=ParticipantChannel.PAPER).count()


def forms_entered(activity: Activity) -> int:
    """Every participant evaluation form of the activity, online and on paper."""
    return ParticipantEvaluation.objects.filter(activity=activity).count()
