"""The participant evaluation form on paper: an A4 PDF (core/pdf.py) the activity's team prints
and hands out at the end, with the same questions as the online form, the code for answering
online instead, and no space for anybody's name."""

from django.utils import timezone

from core.pdf import Document
from engagement.models import Activity

from .evaluation_figures import QUESTIONS
from .models import ParticipantAnswer, ParticipantEvaluationLink

COMMENT_LINES = 8


def paper_form_pdf(*, activity: Activity, link: ParticipantEvaluationLink | None, site_url: str) -> bytes:
    when = timezone.localtime(activity.starts_at)
    doc = Document("Tell us what you thought", subtitle=f"{activity.title}, {when:%-d %B %Y}")
    doc.paragraph(
        "Thank you for taking part. Your answers help us find out how well this went and what to do better. "
        "The form is anonymous: do not write your name or anything else that could identify you. We only "
        "ever report the answers as totals."
    )
    doc.paragraph(
        "Tick one box for each question. You can leave out any question you would rather not answer."
    )
    answers = [str(answer.label) for answer in ParticipantAnswer]
    for number, (_, question, _) in enumerate(QUESTIONS, start=1):
        doc.heading(f"{number}. {question}", level=2)
        doc.table(answers, [["[      ]"] * len(answers)])
    doc.heading(f"{len(QUESTIONS) + 1}. Is there anything else you would like to tell us?", level=2)
    doc.table(["Write here (please no names or contact details)"], [[""] for _ in range(COMMENT_LINES)])
    if link is not None:
        doc.paragraph(
            f"You can answer online instead: go to {site_url.rstrip('/')}/evaluate/ and enter the code "
            f"{link.shown_code} (until {link.closes_on:%-d %B %Y})."
        )
    doc.paragraph(
        f"Please hand this form back to {activity.contact_name} or a member of the team.", small=True
    )
    return doc.render()
