"""The sentences of the Translations and "Send for translation" pages that name the item, whole
for each kind: a translator gets "Back to the questionnaire", never "Back to the %(kind)s" (a
word dropped into a sentence cannot take the gender, mutation or case another language needs).
`TranslatableItem.kind` stays the untranslated slug the templates test against."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class KindSentences:
    type_in: str | Promise  # the Translations page's opening sentence
    back: str | Promise  # the link back to the item
    download: str | Promise  # the "Send for translation" page's opening sentence
    belongs: str | Promise  # the first check made of an uploaded file


SENTENCES: dict[str, KindSentences] = {
    "questionnaire": KindSentences(
        type_in=_("Type in what this questionnaire says in each language, with the English beside each box."),
        back=_("Back to the questionnaire"),
        download=_(
            "Download the words of this questionnaire as a file for a translator who works in their own "
            "tool, then upload the file they send back."
        ),
        belongs=_(
            "it belongs to this questionnaire, and its English has not changed since the file was made;"
        ),
    ),
    "activity": KindSentences(
        type_in=_("Type in what this activity says in each language, with the English beside each box."),
        back=_("Back to the activity"),
        download=_(
            "Download the words of this activity as a file for a translator who works in their own tool, "
            "then upload the file they send back."
        ),
        belongs=_("it belongs to this activity, and its English has not changed since the file was made;"),
    ),
    "feedback": KindSentences(
        type_in=_("Type in what this feedback says in each language, with the English beside each box."),
        back=_("Back to the feedback"),
        download=_(
            "Download the words of this feedback as a file for a translator who works in their own tool, "
            "then upload the file they send back."
        ),
        belongs=_("it belongs to this feedback, and its English has not changed since the file was made;"),
    ),
    "priority list": KindSentences(
        type_in=_("Type in what this priority list says in each language, with the English beside each box."),
        back=_("Back to the priority list"),
        download=_(
            "Download the words of this priority list as a file for a translator who works in their own "
            "tool, then upload the file they send back."
        ),
        belongs=_(
            "it belongs to this priority list, and its English has not changed since the file was made;"
        ),
    ),
}
#: for a kind without sentences of its own
OTHER = KindSentences(
    type_in=_("Type in what this says in each language, with the English beside each box."),
    back=_("Back"),
    download=_(
        "Download these words as a file for a translator who works in their own tool, then upload the "
        "file they send back."
    ),
    belongs=_("it belongs here, and its English has not changed since the file was made;"),
)


def kind_sentences(kind: str) -> KindSentences:
    return SENTENCES.get(kind, OTHER)
