"""The participant evaluation form on paper: an A4 PDF (core/printed_form.py) the activity's team
prints and hands out at the end, with the same questions as the online form, the code for answering
online instead, and no space for anybody's name.

It prints in every language the public site speaks, with the online form's own translations:
English, Welsh, Polish, Urdu (right to left, in Nastaliq) and Punjabi (Gurmukhi)."""

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.printed_form import PrintedForm
from engagement.models import Activity

from .evaluation_forms import ANSWER_WORDS, QUESTION_WORDS
from .models import ParticipantEvaluationLink

COMMENT_LINES = 8
#: the languages the paper form prints in, named for staff.
PAPER_LANGUAGES = {
    "en-gb": "English",
    "cy": "Welsh (Cymraeg)",
    "pl": "Polish (Polski)",
    "ur": "Urdu (اردو)",
    "pa": "Punjabi (ਪੰਜਾਬੀ)",
}


def paper_language(code: str | None) -> str:
    """The language asked for (``?lang=``), English when none; one it cannot print is refused."""
    if not code:
        return "en-gb"
    if code not in PAPER_LANGUAGES:
        raise ValidationError(
            _("The paper form prints in English (en-gb), Welsh (cy), Polish (pl), Urdu (ur) or Punjabi (pa).")
        )
    return code


def paper_form_pdf(*, activity: Activity, site_url: str, language: str = "en-gb") -> bytes:
    """The form for an activity the caller may see (evaluation_selectors.activity_get), with its
    online code when it has one."""
    link = ParticipantEvaluationLink.objects.filter(activity=activity).first()
    language = paper_language(language)
    with translation.override(language):
        return _paper_form(activity, link, site_url, language)


def _paper_form(
    activity: Activity, link: ParticipantEvaluationLink | None, site_url: str, language: str
) -> bytes:
    when = date_format(timezone.localtime(activity.starts_at), "j F Y")
    doc = PrintedForm(_("Tell us what you thought"), subtitle=f"{activity.title}, {when}", language=language)
    doc.paragraph(
        _(
            "Thank you for taking part. Your answers help us find out how well this went and what to do "
            "better. The form is anonymous: do not write your name or anything else that could identify "
            "you. We only ever report the answers as totals."
        )
    )
    doc.paragraph(
        _("Tick one box for each question. You can leave out any question you would rather not answer.")
    )
    answers = [str(label) for _value, label in ANSWER_WORDS]
    for number, question in enumerate(QUESTION_WORDS.values(), start=1):
        doc.question(f"{number}. {question}", answers)
    doc.heading(f"{len(QUESTION_WORDS) + 1}. {_('Is there anything else you would like to tell us?')}")
    doc.write_in(_("Write here (please no names or contact details)"), lines=COMMENT_LINES)
    if link is not None:
        doc.paragraph(
            _(
                "You can answer online instead: go to %(address)s and enter the code %(code)s (until %(date)s)."
            )
            % {
                "address": f"{site_url.rstrip('/')}/evaluate/",
                "code": link.shown_code,
                "date": date_format(link.closes_on, "j F Y"),
            }
        )
    doc.paragraph(
        _("Please hand this form back to %(name)s or a member of the team.")
        % {"name": activity.contact_name},
        small=True,
    )
    return doc.render()
