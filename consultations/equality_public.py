"""The equality-monitoring questions and categories as the public reads them, in the reader's
language. The values stored stay the Census 2021 categories in English (equality.py); only what
the form shows is translated here."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import equality

QUESTION_TEXT: dict[str, Promise] = {
    "age_band": _("What is your age?"),
    "sex": _("What is your sex?"),
    "ethnicity": _("What is your ethnic group?"),
    "religion": _("What is your religion?"),
    "disability": _(
        "Are your day-to-day activities limited because of a health problem or disability which has "
        "lasted, or is expected to last, at least 12 months?"
    ),
    "sexual_orientation": _("Which of the following best describes your sexual orientation?"),
}

# Census category (as stored) -> what the form shows. Age bands are shown as they are.
CATEGORY_LABELS: dict[str, Promise] = {
    equality.PREFER_NOT_TO_SAY: _("Prefer not to say"),
    "Female": _("Female"),
    "Male": _("Male"),
    "Asian, Asian British or Asian Welsh: Bangladeshi": _("Asian, Asian British or Asian Welsh: Bangladeshi"),
    "Asian, Asian British or Asian Welsh: Chinese": _("Asian, Asian British or Asian Welsh: Chinese"),
    "Asian, Asian British or Asian Welsh: Indian": _("Asian, Asian British or Asian Welsh: Indian"),
    "Asian, Asian British or Asian Welsh: Pakistani": _("Asian, Asian British or Asian Welsh: Pakistani"),
    "Asian, Asian British or Asian Welsh: Other Asian": _("Asian, Asian British or Asian Welsh: Other Asian"),
    "Black, Black British, Black Welsh, Caribbean or African: African": _(
        "Black, Black British, Black Welsh, Caribbean or African: African"
    ),
    "Black, Black British, Black Welsh, Caribbean or African: Caribbean": _(
        "Black, Black British, Black Welsh, Caribbean or African: Caribbean"
    ),
    "Black, Black British, Black Welsh, Caribbean or African: Other Black": _(
        "Black, Black British, Black Welsh, Caribbean or African: Other Black"
    ),
    "Mixed or Multiple ethnic groups: White and Asian": _("Mixed or Multiple ethnic groups: White and Asian"),
    "Mixed or Multiple ethnic groups: White and Black African": _(
        "Mixed or Multiple ethnic groups: White and Black African"
    ),
    "Mixed or Multiple ethnic groups: White and Black Caribbean": _(
        "Mixed or Multiple ethnic groups: White and Black Caribbean"
    ),
    "Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups": _(
        "Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups"
    ),
    "White: English, Welsh, Scottish, Northern Irish or British": _(
        "White: English, Welsh, Scottish, Northern Irish or British"
    ),
    "White: Irish": _("White: Irish"),
    "White: Gypsy or Irish Traveller": _("White: Gypsy or Irish Traveller"),
    "White: Roma": _("White: Roma"),
    "White: Other White": _("White: Other White"),
    "Other ethnic group: Arab": _("Other ethnic group: Arab"),
    "Other ethnic group: Any other ethnic group": _("Other ethnic group: Any other ethnic group"),
    "No religion": _("No religion"),
    "Christian": _("Christian"),
    "Buddhist": _("Buddhist"),
    "Hindu": _("Hindu"),
    "Jewish": _("Jewish"),
    "Muslim": _("Muslim"),
    "Sikh": _("Sikh"),
    "Other religion": _("Other religion"),
    "Disabled": _("Yes, limited a little or a lot"),
    "Not disabled": pgettext_lazy("not limited by a health problem or disability", "No"),
    "Straight or Heterosexual": _("Straight or Heterosexual"),
    "Gay or Lesbian": _("Gay or Lesbian"),
    "Bisexual": _("Bisexual"),
    "Other sexual orientation": _("Other sexual orientation"),
}


def public_question(name: str) -> Promise:
    return QUESTION_TEXT[name]


def public_choices(name: str) -> list[tuple[str, str | Promise]]:
    """equality.choices_for(name), each label in the reader's language (the value unchanged)."""
    return [(value, CATEGORY_LABELS.get(value, label)) for value, label in equality.choices_for(name)]
