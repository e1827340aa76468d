"""Forms for answering a consultation online and withdrawing a response.

The question and equality forms only render the controls and collect what was sent: the
answers themselves are checked by `consultations.answers.clean_answers` and
`clean_equality`, the same rules for every channel (web, paper, event, phone, import)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from core.content_languages import content

from . import equality, equality_public
from .integrity import HONEYPOT_FIELD
from .models import Question, QuestionKind

RECEIPT_LENGTH = 12
EMAIL_FORMAT = gettext_lazy("Enter an e-mail address in the correct format, like name@example.com")
RECEIPT_AS_SHOWN = gettext_lazy("Enter your receipt code exactly as it was shown, like ABCD-EFGH-JKLM")


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd' (in English; a language without these
    endings translates each form as it writes a place in a list)."""
    if 10 <= n % 100 <= 20 or n % 10 not in (1, 2, 3):
        form = pgettext("ordinal number, like 4th", "%(number)dth")
    elif n % 10 == 1:
        form = pgettext("ordinal number, like 1st", "%(number)dst")
    elif n % 10 == 2:
        form = pgettext("ordinal number, like 2nd", "%(number)dnd")
    else:
        form = pgettext("ordinal number, like 3rd", "%(number)drd")
    return form % {"number": n}


class RawField(forms.Field):
    """Passes what was sent through untouched, for `clean_answers` to judge."""

    max_length: int | None = None  # read by the GOV.UK renderer for a character count

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class QuestionForm(forms.Form):
    """One question of a questionnaire, as one page.

    Fields: `answer` (radios for single choice and scales, checkboxes for multiple choice, a
    textarea with a character count for free text, a postcode input for "where do you live"),
    or `rank_1` … `rank_n` for ranking: one select per place, "1st priority", "2nd priority"…,
    each offering every option (works with the keyboard only and without JavaScript)."""

    def __init__(
        self, question: Question, *, data: Any = None, initial_values: list[str] | None = None
    ) -> None:
        self.question = question
        initial: dict[str, Any] = {}
        values = list(initial_values or [])
        kind = question.kind
        choices: list[tuple[str, str]] = [(str(c.pk), content(c, "label")) for c in question.choices.all()]
        self.rank_count = len(choices) if kind == QuestionKind.RANKING else 0
        if kind == QuestionKind.RANKING:
            for i in range(self.rank_count):
                initial[f"rank_{i + 1}"] = values[i] if i < len(values) else ""
        elif kind == QuestionKind.MULTIPLE:
            initial["answer"] = values
        else:
            initial["answer"] = values[0] if values else ""
        super().__init__(data=data, initial=initial, auto_id="id_%s")
        # "(optional)" is said once, in the page heading; not on each rank.
        self.govuk_mark_optional = False
        label = content(question, "text")
        help_text = content(question, "hint")
        if kind in (QuestionKind.SINGLE, QuestionKind.SCALE):
            self.fields["answer"] = RawField(
                label=label, help_text=help_text, widget=forms.RadioSelect(choices=choices)
            )
        elif kind == QuestionKind.MULTIPLE:
            self.fields["answer"] = RawField(
                label=label,
                help_text=help_text or _("Select all that apply."),
                widget=forms.CheckboxSelectMultiple(choices=choices),
            )
        elif kind == QuestionKind.TEXT:
            field = RawField(label=label, help_text=help_text, widget=forms.Textarea(attrs={"rows": 6}))
            field.max_length = question.max_length
            self.fields["answer"] = field
        elif kind == QuestionKind.WHERE:
            self.fields["answer"] = RawField(
                label=label,
                help_text=help_text
                or _("For example, M33 7ZA. We use it only to see which neighbourhood answers come from."),
                widget=forms.TextInput(
                    attrs={
                        "class": "govuk-input--width-10",
                        "autocomplete": "postal-code",
                        "spellcheck": "false",
                        "autocapitalize": "characters",
                    }
                ),
            )
        else:  # ranking
            blank = [("", _("Choose an option"))]
            for i in range(self.rank_count):
                self.fields[f"rank_{i + 1}"] = RawField(
                    label=_("%(ordinal)s priority") % {"ordinal": ordinal(i + 1)},
                    widget=forms.Select(choices=blank + choices),
                )

    @property
    def is_ranking(self) -> bool:
        return self.question.kind == QuestionKind.RANKING

    def values(self) -> tuple[list[str], str]:
        """What was sent, in the shape `clean_answers` takes, and a problem with its shape
        (several values where one belongs) or ""."""
        if self.is_ranking:
            ranked = []
            for i in range(self.rank_count):
                place = self._sent(f"rank_{i + 1}")
                if len(place) > 1:
                    return [], _("Choose one option for each priority.")
                if place and place[0]:
                    ranked.append(place[0])
            return ranked, ""
        sent = self._sent("answer")
        if self.question.kind in (QuestionKind.TEXT, QuestionKind.WHERE) and len(sent) > 1:
            return [], _("Give one answer.")
        return [v for v in sent if v.strip()], ""

    def _sent(self, name: str) -> list[str]:
        data = self.data
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [str(v) for v in values if v is not None]

    def set_error(self, message: str) -> None:
        """Put the answer's problem where the page shows it: on the field, or (ranking) on
        the whole group."""
        self.add_error(None if self.is_ranking else "answer", message)


class EqualityForm(forms.Form):
    """The optional equality-monitoring questions (Census 2021 categories), all on one page,
    each with "Prefer not to say"."""

    govuk_mark_optional = False

    def __init__(self, *, data: Any = None, initial: dict[str, str] | None = None) -> None:
        super().__init__(data=data, initial=initial or {}, auto_id="id_%s")
        for name in equality.QUESTIONS:
            self.fields[name] = RawField(
                label=_("%(question)s (optional)") % {"question": equality_public.public_question(name)},
                widget=forms.RadioSelect(choices=equality_public.public_choices(name)),
            )

    def values(self) -> dict[str, str]:
        return {name: str(self.data.get(name) or "") for name in equality.QUESTIONS}


class SendForm(forms.Form):
    """The last page: an explicit opt-in to e-mail, the honeypot, and a signed digest of the
    answers the person last saw (so a change in another window cannot slip in unseen)."""

    updates = forms.BooleanField(
        required=False,
        label=gettext_lazy("Yes, e-mail me a confirmation and updates about this consultation"),
    )
    email = forms.CharField(
        required=False,
        label=gettext_lazy("E-mail address"),
        max_length=254,
        help_text=gettext_lazy(
            "We keep it with your response only to send you these e-mails. "
            "It is deleted if you withdraw your response."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "max_length": EMAIL_FORMAT,
            "null_characters_not_allowed": EMAIL_FORMAT,
        },
    )
    digest = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)
        # Robots fill in every field; people never see this one (see the template).
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("updates"):
            address = (cleaned.get("email") or "").strip()
            if not address:
                self.add_error(
                    "email", _("Enter your e-mail address, or untick the box if you do not want e-mails")
                )
            else:
                try:
                    validate_email(address)
                except ValidationError:
                    self.add_error("email", EMAIL_FORMAT)
                else:
                    cleaned["email"] = address
        else:
            # Without the tick we keep no address, whatever was typed (explicit opt-in).
            cleaned["email"] = ""
        return cleaned


def normalise_receipt(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())


class WithdrawForm(forms.Form):
    receipt_code = forms.CharField(
        label=gettext_lazy("Receipt code"),
        max_length=40,
        help_text=gettext_lazy(
            "It is 12 letters and numbers, like ABCD-EFGH-JKLM. You were shown it when you sent your response."
        ),
        error_messages={
            "required": gettext_lazy("Enter your receipt code"),
            "max_length": RECEIPT_AS_SHOWN,
            "null_characters_not_allowed": RECEIPT_AS_SHOWN,
        },
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-20 govuk-input--extra-letter-spacing",
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)

    def clean_receipt_code(self) -> str:
        code = normalise_receipt(self.cleaned_data.get("receipt_code") or "")
        if len(code) != RECEIPT_LENGTH:
            raise ValidationError(RECEIPT_AS_SHOWN)
        return code
