"""The demo's "You said, we did" in Welsh: the first feedback the demo publishes (outcomes/
demo_loop.py), with the findings, decisions and actions it reports, translated as staff would
on its Translations page (the same service), so that a visitor who reads the site in Welsh
reads what people said, what was decided and what was done in Welsh. Loading it again changes
nothing."""

import re

from django.db import models

from core.content_languages import english
from governance.content_translation import content_translate
from organisations.models import User

from .loop_translations import feedback_texts
from .models import Feedback, FeedbackState

STATEMENT = (
    "Thank you to everyone who took part. Here is what you told us, what we decided and what we have done so far. "
    "We will report back again at the next neighbourhood meeting."
)
WELSH: dict[str, str] = {  # English as the demo writes it -> Welsh
    STATEMENT: "Diolch i bawb a gymerodd ran. Dyma beth ddywedoch chi wrthym, beth wnaethom ni ei benderfynu a "
    "beth rydym wedi’i wneud hyd yma. Byddwn yn adrodd yn ôl eto yn y cyfarfod cymdogaeth nesaf.",
    "Patrols and speed checks at the times and places people named, for the next three months": (
        "Patrolau a gwiriadau cyflymder ar yr amseroedd ac yn y mannau a enwodd pobl, am y tri mis nesaf"
    ),
    "Target the dealing people described, with the council and the housing trust": (
        "Targedu’r delio cyffuriau a ddisgrifiodd pobl, gyda’r cyngor a’r gymdeithas dai"
    ),
    "Fix the lighting people said makes them feel unsafe, and patrol those routes after dark": (
        "Trwsio’r goleuadau y dywedodd pobl eu bod yn gwneud iddynt deimlo’n anniogel, a phatrolio’r llwybrau "
        "hynny ar ôl iddi nosi"
    ),
    "Speed checks and patrols at the times people named": "Gwiriadau cyflymder a phatrolau ar yr amseroedd a enwodd pobl",
    "Ask the council to repair the street lights people named": "Gofyn i’r cyngor drwsio’r goleuadau stryd a enwodd pobl",
    "Report back at the next PACT meeting": "Adrodd yn ôl yn y cyfarfod PACT nesaf",
    "A mobile police station on the estate": "Gorsaf heddlu symudol ar yr ystad",
    "Fits within the neighbourhood team's hours; no extra cost.": (
        "Mae’n ffitio o fewn oriau’r tîm cymdogaeth; dim cost ychwanegol."
    ),
    "The council and the housing trust agreed at the partnership meeting.": (
        "Cytunodd y cyngor a’r gymdeithas dai yn y cyfarfod partneriaeth."
    ),
    "Checked: the patrol times do not single out any group.": (
        "Wedi’i wirio: nid yw amseroedd y patrolau yn targedu unrhyw grŵp."
    ),
    "Four checks held; 23 drivers stopped and spoken to.": (
        "Cynhaliwyd pedwar gwiriad; cafodd 23 o yrwyr eu stopio a buom yn siarad â nhw."
    ),
}
SAID: dict[str, str] = {  # what a finding says (outcomes/demo_loop.py SAID) -> Welsh
    "Speeding traffic worries people, near the school and on the main roads in the evening": (
        "Mae traffig sy’n goryrru yn poeni pobl, ger yr ysgol ac ar y prif ffyrdd gyda’r nos"
    ),
    "People see drug dealing near the shops, in the park and by the flats after dark": (
        "Mae pobl yn gweld delio cyffuriau ger y siopau, yn y parc ac wrth y fflatiau ar ôl iddi nosi"
    ),
    "Broken and missing street lights make footpaths, the underpass and car parks feel unsafe": (
        "Mae goleuadau stryd sydd wedi torri neu ar goll yn gwneud i lwybrau troed, y danffordd a’r meysydd "
        "parcio deimlo’n anniogel"
    ),
    "Groups gathering and shouting late at night on the estate and outside the shops": (
        "Grwpiau’n ymgasglu ac yn gweiddi’n hwyr y nos ar yr ystad a thu allan i’r siopau"
    ),
}
FINDING = re.compile(r"^(?P<said>.+) \((?P<some>\d+) of (?P<all>\d+) written answers\)\.$")
# "What we did after you had your say" (not "Beth wnaethom…": a capital "Beth" opening the title
# reads as a first name to the redaction of public text, which would hide it).
TITLE = "Yr hyn a wnaethom ar ôl i chi ddweud eich dweud"


def _welsh(field: str, text: str) -> str:
    if text in WELSH:
        return WELSH[text]
    if field == "title" and text.startswith("What we did after"):
        return TITLE
    found = FINDING.match(text)
    if found and found["said"] in SAID:
        return f"{SAID[found['said']]} ({found['some']} o {found['all']} ateb ysgrifenedig)."
    return ""


def demo_load_feedback_translations(*, officer: User) -> int:
    """Translate the demo's first published feedback into Welsh; returns how many texts changed
    (0 the second time, and 0 when the loop's demo has not run)."""
    feedback = (
        Feedback.objects.filter(organisation=officer.organisation, state=FeedbackState.PUBLISHED)
        .order_by("pk")
        .first()
    )
    if feedback is None:
        return 0
    values: dict[models.Model, dict[str, str]] = {}
    for text in feedback_texts(feedback):
        if welsh := _welsh(text.field, english(text.obj, text.field)):
            values.setdefault(text.obj, {})[text.field] = welsh
    changed = 0
    for record, fields in values.items():
        changed += len(
            content_translate(actor=officer, obj=record, language="cy", values=fields, owner=feedback)
        )
    return changed
