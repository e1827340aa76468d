""" "You said, we did" as one translatable item (governance/translatable.py): a feedback with the
findings, decisions and actions it reports, in the order its public page shows them (README
"Translating what staff write"). They are published together, so they are translated together,
on one Translations page, through one API and in one translator file.

Translated by those who may write and publish the feedback (`outcomes.translate_feedback`),
before or after it is published. It carries only what residents may read (OFFICIAL records) and
only what is the feedback's organisation's own: a decision another organisation made keeps the
translation its own staff give it (and its words stay out of this organisation's files, where
they would be read as written rather than through the redacting door).
"""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from core.permissions import require
from core.translation_exchange import Text, texts_of
from governance.models import Marking
from governance.translatable import TranslatableItem

from . import loop_selectors_work as selectors
from .loop_rules import require_own_words
from .models import Action, Decision, DecisionFactor, Feedback, Finding

PERM = "outcomes.translate_feedback"


def _decisions(feedback: Feedback) -> QuerySet[Decision]:
    reported = set(feedback.decisions.values_list("pk", flat=True))
    reported |= set(feedback.actions.values_list("decision_id", flat=True))
    return Decision.objects.filter(
        pk__in=reported, marking=Marking.OFFICIAL, organisation_id=feedback.organisation_id
    ).order_by("decided_on", "pk")


def feedback_texts(feedback: Feedback) -> list[Text]:
    """The feedback's title and statement, then each decision with what people said that led to
    it and the actions reported under it, as its public page reads."""
    found = texts_of(feedback, "Feedback", {"statement": "what we did"})
    for number, decision in enumerate(_decisions(feedback), 1):
        findings = Finding.objects.filter(
            considered_by=decision, marking=Marking.OFFICIAL, organisation_id=feedback.organisation_id
        ).order_by("found_on", "pk")
        for said, finding in enumerate(findings, 1):
            found += texts_of(finding, f"Decision {number}, what people said {said}", {"statement": ""})
        found += texts_of(
            decision, f"Decision {number}", {"summary": "what was decided", "detail": "more detail"}
        )
        for factor in decision.factors.all():
            found += texts_of(factor, f"Decision {number}, what else was weighed: {factor}", {"note": ""})
        actions = Action.objects.filter(reported_in=feedback, decision=decision, marking=Marking.OFFICIAL)
        for step, action in enumerate(actions.order_by("due_on", "pk"), 1):
            found += texts_of(
                action,
                f"Decision {number}, action {step}",
                {"title": "what will be done", "result": "what happened"},
            )
    once: dict[str, Text] = {}
    for text in found:  # a finding two decisions considered is translated once
        once.setdefault(text.id, text)
    return list(once.values())


def in_feedback(record: Any, feedback: Feedback) -> bool:
    """Whether the record is part of the feedback's translatable words (those `feedback_texts`
    lists), asked of the database for this one record: saving a translation asks it of every
    record, and listing every text each time made a save quadratic in the feedback's length."""
    if isinstance(record, Feedback):
        return bool(record.pk == feedback.pk)
    decisions = _decisions(feedback)
    if isinstance(record, Decision):
        return decisions.filter(pk=record.pk).exists()
    if isinstance(record, DecisionFactor):
        return decisions.filter(pk=record.decision_id).exists()
    official = {"marking": Marking.OFFICIAL, "organisation_id": feedback.organisation_id}
    if isinstance(record, Finding):
        return Finding.objects.filter(pk=record.pk, considered_by__in=decisions, **official).exists()
    if isinstance(record, Action):
        return Action.objects.filter(
            pk=record.pk, reported_in=feedback, decision__in=decisions, marking=Marking.OFFICIAL
        ).exists()
    return False


def feedback_item(user: Any, pk: int) -> TranslatableItem:
    """The feedback, for those who may write it (404 if they cannot see it)."""
    feedback = selectors.feedback_get(user=user, pk=pk)
    require(user, PERM, feedback)
    require_own_words(user, feedback.organisation_id)  # a superuser reads them redacted
    return TranslatableItem(
        kind="feedback",
        obj=feedback,
        permission=PERM,
        texts=feedback_texts,
        made_for=f"heard-feedback-{feedback.pk}",
        caption=gettext("You said, we did · %(title)s") % {"title": feedback.title},
        url_name="outcomes:feedback",
        url_key=feedback.pk,
        back_url=reverse("outcomes:feedback_detail", args=[feedback.pk]),
        breadcrumbs="outcomes/loop/_translation_breadcrumbs.html",
        context={"feedback": feedback},
    )
