"""The personal update e-mail sent to each person who asked for news when they answered (seed
003: "provide ongoing feedback to the community about how their input has impacted on local
policing"; seed 002 point 24).

One message per address and publication, whatever number of responses the address gave. It
links what they said — the themes their written answers were coded to — to the findings drawn
from those themes, the decisions that considered them and the state of each action. Those whose
answers fed no decision get a general update: what was decided overall.

It never holds their answers. An e-mail is read where Heard cannot follow it: a mailbox shared
by a family or an office, a forwarded copy, a phone left unlocked; the answer may name a
neighbour, and once sent it is a copy that a later withdrawal cannot reach. The themes, findings
and decisions are the public wording, through the public door (loop_public.py).

Every message has a plain-text and an HTML part, and a one-click unsubscribe (RFC 8058:
List-Unsubscribe with an https link, and List-Unsubscribe-Post) that clears the address. It is
written in the language the person answered in (`Response.language`, their latest response's)
when Heard's interface speaks it, else in English (settings.LANGUAGE_CODE); the staff's words in
it (titles, findings, decisions) stay as they wrote them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from consultations.models import Response
from consultations.updates import unsubscribe_token
from core.text import clean_line
from insight.models import CodedAnswer
from insight.text import words_for_residents
from organisations.privacy import REDACTED

from .loop_public import PublicDecision, PublicFeedback, PublicFinding, is_for_the_website
from .models import Feedback, UpdateKind


@dataclass
class Recipient:
    """One address and the responses it gave to the activity (oldest first)."""

    address: str
    responses: list[Response] = field(default_factory=list)

    @property
    def response_ids(self) -> list[int]:
        return [r.pk for r in self.responses]


@dataclass(frozen=True)
class Link:
    """What one person said (a theme), and where it led."""

    theme: str
    finding: PublicFinding
    decision: PublicDecision


def recipients(feedback: Feedback) -> list[Recipient]:
    """Everyone who asked for updates when they answered the activity (for feedback on one
    neighbourhood: those who live there, or did not say where), grouped by address."""
    responses = (
        Response.objects.filter(questionnaire__activity=feedback.activity_id, wants_updates=True)
        .exclude(email="")
        .select_related("questionnaire")
        .order_by("submitted_at", "pk")
    )
    if feedback.area is not None:
        responses = responses.filter(Q(area__path__startswith=feedback.area.path) | Q(area__isnull=True))
    grouped: dict[str, Recipient] = {}
    for response in responses:
        address = response.email.strip()
        grouped.setdefault(address.lower(), Recipient(address)).responses.append(response)
    return list(grouped.values())


def links_for(recipient: Recipient, shaped: PublicFeedback) -> list[Link]:
    """The findings of the feedback's decisions drawn from a theme the person's answers were
    coded to, each once."""
    coded = CodedAnswer.objects.filter(answer__response__in=recipient.response_ids, theme__isnull=False)
    labels: dict[int, str] = {
        pk: words_for_residents(label, named_by_analyst=named, key_terms=terms)
        for pk, label, named, terms in coded.values_list(
            "theme_id", "theme__label", "theme__named_by_analyst", "theme__key_terms"
        )
    }
    found: list[Link] = []
    seen: set[tuple[str, str]] = set()
    for decision in shaped.decisions:
        for finding in decision.said:
            themes = finding.theme_ids & labels.keys()
            key = (finding.statement, decision.summary)
            if themes and key not in seen:
                seen.add(key)
                theme = REDACTED(labels[min(themes)])
                found.append(Link(theme=theme, finding=finding, decision=decision))
    return found


def _by_decision(links: list[Link]) -> list[tuple[PublicDecision, list[Link]]]:
    grouped: dict[int, list[Link]] = defaultdict(list)
    order: dict[int, PublicDecision] = {}
    for link in links:
        grouped[id(link.decision)].append(link)
        order.setdefault(id(link.decision), link.decision)
    return [(order[key], grouped[key]) for key in order]


def language_of(recipient: Recipient) -> str:
    """The interface language to write to this person in: that of their latest response when
    Heard speaks it ("cy", "en" -> "en-gb"), otherwise the site's default."""
    code = recipient.responses[-1].language if recipient.responses else ""
    try:
        return translation.get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def unsubscribe_url(recipient: Recipient, site_url: str) -> str:
    path = reverse("public:updates_unsubscribe", kwargs={"token": unsubscribe_token(recipient.response_ids)})
    return site_url.rstrip("/") + path


def _sentence_parts(recipient: Recipient, contact_email: str, stop_url: str) -> dict[str, str]:
    """The links and titles that sit inside the e-mails' translated sentences, made here so that
    the translations carry no markup."""
    titles = sorted({r.questionnaire.title for r in recipient.responses})
    return {
        "questionnaires_text": ", ".join(f'"{title}"' for title in titles),
        "questionnaires_html": format_html_join(", ", "“{}”", ((title,) for title in titles)),
        "contact_link": format_html('<a href="mailto:{0}">{0}</a>', contact_email) if contact_email else "",
        "unsubscribe_start": format_html('<a href="{}">', stop_url),
    }


def update_message(
    *, recipient: Recipient, feedback: Feedback, shaped: PublicFeedback, links: list[Link], site_url: str
) -> EmailMultiAlternatives:
    """The message for one address, in the person's language (`language_of`)."""
    with translation.override(language_of(recipient)):
        return _message(recipient=recipient, feedback=feedback, shaped=shaped, links=links, site_url=site_url)


def _message(
    *, recipient: Recipient, feedback: Feedback, shaped: PublicFeedback, links: list[Link], site_url: str
) -> EmailMultiAlternatives:
    activity = feedback.activity
    page = (
        reverse("public:feedback_event", kwargs={"pk": activity.pk}) if is_for_the_website(feedback) else ""
    )
    stop_url = unsubscribe_url(recipient, site_url)
    context = {
        "feedback": shaped,
        "activity_title": activity.title,
        "took_part_on": timezone.localtime(recipient.responses[0].submitted_at),
        "questionnaires": sorted({r.questionnaire.title for r in recipient.responses}),
        "kind": UpdateKind.PERSONAL if links else UpdateKind.GENERAL,
        "by_decision": _by_decision(links),
        "page_url": site_url.rstrip("/") + page if page else "",
        "unsubscribe_url": stop_url,
        "contact_name": activity.contact_name,
        "contact_email": activity.contact_email,
        **_sentence_parts(recipient, activity.contact_email, stop_url),
        "force_name": getattr(settings, "HEARD_FORCE_NAME", "Heard"),
    }
    message = EmailMultiAlternatives(
        # A header is one line: a line break in a title would stop the e-mail being sent.
        subject=gettext("What happened after you took part: %(title)s")
        % {"title": clean_line(activity.title)},
        body=render_to_string("outcomes/loop/email/update.txt", context),
        from_email=None,  # DEFAULT_FROM_EMAIL
        to=[recipient.address],
        reply_to=[activity.contact_email] if activity.contact_email else None,
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("outcomes/loop/email/update.html", context), "text/html")
    return message
