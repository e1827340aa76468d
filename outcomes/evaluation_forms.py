"""Forms of the evaluation pages. They collect what was sent and say what is missing in plain
words; the services check the rules and their ValidationErrors are shown on the fields they
name (`apply_service_error`)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultations.integrity import HONEYPOT_FIELD
from engagement.forms import DATE_WIDGET
from engagement.models import Aim

from .evaluation_assessments import ScoreInput
from .evaluation_figures import QUESTIONS
from .evaluation_participants import ParticipantAnswers
from .evaluation_selectors import AimRow
from .evaluation_services import AimRatingInput
from .evaluation_standards import SCORE_NAMES
from .evaluation_trend import PERIODS, AssessmentDetail
from .models import AimResult, NationalStandard, ParticipantAnswer
from .models.evaluation import COMMENT_MAX_LENGTH


def apply_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            target = next((n for n in (name, f"{name}_result", f"{name}_score") if n in form.fields), None)
            form.add_error(target, messages)
    else:
        form.add_error(None, error.messages)


LOCKED_TEXT = "Only staff of the organisation leading the activity can change these words."


def lock_fields(form: forms.Form, names: list[str]) -> None:
    """For a reader who sees the words redacted: shown, not changed (the service keeps them)."""
    for name in names:
        form.fields[name].disabled = True
        form.fields[name].help_text = LOCKED_TEXT


class EvaluationForm(forms.Form):
    """The target, each aim's rating with its evidence, and the lessons learned."""

    target_participants = forms.IntegerField(
        label="How many people did you aim to reach?",
        required=False,
        min_value=0,
        max_value=10_000_000,
        help_text="Compared with the people reached: equality forms and head counts.",
    )
    lessons_learned = forms.CharField(
        label="Lessons learned",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What worked, what did not, and what you would do differently next time.",
    )

    def __init__(
        self,
        *args: Any,
        aims: list[Aim],
        rows: list[AimRow] | None = None,
        lock_text: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.aims = aims
        given = {r.aim_id: r for r in rows or []}
        for number, aim in enumerate(aims, start=1):
            row = given.get(aim.pk)
            self.fields[f"aim_{aim.pk}_result"] = forms.ChoiceField(
                label=_("Aim %(number)s: %(aim)s") % {"number": number, "aim": aim.text},
                choices=AimResult.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=row.result if row else None,
            )
            self.fields[f"aim_{aim.pk}_evidence"] = forms.CharField(
                label=_("Evidence for aim %(number)s") % {"number": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("What shows it: numbers, what people said, what changed."),
                initial=row.evidence if row else "",
            )
            self.fields[f"aim_{aim.pk}_link"] = forms.CharField(
                label=_("Link to a finding or results page for aim %(number)s") % {"number": number},
                required=False,
                max_length=500,
                help_text=_("A page in Heard (starting with /) or a web address starting https://"),
                initial=row.evidence_link if row else "",
            )
        if lock_text:
            lock_fields(self, [n for n in self.fields if n == "lessons_learned" or n.endswith("_evidence")])

    def aim_fields(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"aim_{a.pk}_result"], self[f"aim_{a.pk}_evidence"], self[f"aim_{a.pk}_link"])
            for a in self.aims
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for number, aim in enumerate(self.aims, start=1):
            if not data.get(f"aim_{aim.pk}_result") and (
                data.get(f"aim_{aim.pk}_evidence") or data.get(f"aim_{aim.pk}_link")
            ):
                self.add_error(
                    f"aim_{aim.pk}_result",
                    _("Aim %(number)s: choose met, partly met or not met.") % {"number": number},
                )
        return data

    def ratings(self) -> list[AimRatingInput]:
        data = self.cleaned_data
        return [
            AimRatingInput(
                aim_id=aim.pk,
                result=data[f"aim_{aim.pk}_result"],
                evidence=data.get(f"aim_{aim.pk}_evidence") or "",
                evidence_link=data.get(f"aim_{aim.pk}_link") or "",
            )
            for aim in self.aims
            if data.get(f"aim_{aim.pk}_result")
        ]


# The form's questions and answers as the people who took part read them, in their language:
# the same words as evaluation_figures.QUESTIONS and ParticipantAnswer (the staff's figures).
QUESTION_WORDS = {
    "satisfied": _("Overall, were you satisfied with it?"),
    "listened_to": _("Did you feel listened to?"),
    "understood_use": _("Do you understand how what you said will be used?"),
}
ANSWER_WORDS = [
    (ParticipantAnswer.YES.value, pgettext_lazy("an answer to a question", "Yes")),
    (ParticipantAnswer.PARTLY.value, pgettext_lazy("an answer to a question", "Partly")),
    (ParticipantAnswer.NO.value, pgettext_lazy("an answer to a question", "No")),
]


class ParticipantForm(forms.Form):
    """The participant evaluation form, online and typed in from paper."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field, question, _heading in QUESTIONS:
            self.fields[field] = forms.ChoiceField(
                label=QUESTION_WORDS.get(field, question),
                choices=ANSWER_WORDS,
                required=False,
                widget=forms.RadioSelect,
            )
        self.fields["comments"] = forms.CharField(
            label=_("Is there anything else you would like to tell us?"),
            required=False,
            max_length=COMMENT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("Please do not include your name, address or anything else that could identify you."),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(
            data.get(f) for f in ("satisfied", "listened_to", "understood_use", "comments")
        ):
            raise ValidationError(_("Answer at least one question."))
        return data

    def answers(self) -> ParticipantAnswers:
        data = self.cleaned_data
        return ParticipantAnswers(
            satisfied=data.get("satisfied") or "",
            listened_to=data.get("listened_to") or "",
            understood_use=data.get("understood_use") or "",
            comments=(data.get("comments") or "").strip(),
        )


class PublicParticipantForm(ParticipantForm):
    """Online: plus the honeypot (people never see it) and when the page was shown, signed."""

    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="Leave this field empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )


class PaperForm(ParticipantForm):
    received_on = forms.DateField(
        label="Day the form was filled in",
        required=False,
        widget=DATE_WIDGET,
        help_text="Leave it empty for today.",
    )


class LinkForm(forms.Form):
    opens_on = forms.DateField(label="Opens on", widget=DATE_WIDGET)
    closes_on = forms.DateField(
        label="Closes on", widget=DATE_WIDGET, help_text="The last day answers are taken."
    )


class FindForm(forms.Form):
    code = forms.CharField(
        label=_("Enter the code you were given"),
        max_length=20,
        help_text=_("It is 8 letters and numbers, like K7M2-QX4P."),
        error_messages={
            "required": _("Enter the code you were given"),
            "max_length": _("Enter the code you were given"),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )


class StandardsForm(forms.Form):
    """Each of the seven standards: a score from 1 to 4, each score with what it means, and a note."""

    def __init__(
        self, *args: Any, detail: AssessmentDetail | None = None, lock_text: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        given = {r.slug: r for r in (detail.rows if detail else [])}
        self.standards = list(NationalStandard.objects.all())
        for standard in self.standards:
            row = given.get(standard.slug)
            choices = [
                (str(score), f"{score} – {SCORE_NAMES[score]}: {standard.descriptor(score)}")
                for score in sorted(SCORE_NAMES)
            ]
            self.fields[f"{standard.slug}_score"] = forms.ChoiceField(
                label=standard.name,
                choices=choices,
                widget=forms.RadioSelect,
                help_text=standard.description,
                initial=str(row.score) if row and row.score else None,
                error_messages={
                    "required": _("%(standard)s: choose a score from 1 to 4.") % {"standard": standard.name}
                },
            )
            self.fields[f"{standard.slug}_note"] = forms.CharField(
                label=_("Note on %(standard)s") % {"standard": standard.name.lower()},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.note if row else "",
            )
        if lock_text:
            lock_fields(self, [n for n in self.fields if n.endswith("_note")])

    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{s.slug}_score"], self[f"{s.slug}_note"]) for s in self.standards]

    def scores(self) -> list[ScoreInput]:
        data = self.cleaned_data
        return [
            ScoreInput(
                standard=s.slug, score=int(data[f"{s.slug}_score"]), note=data.get(f"{s.slug}_note") or ""
            )
            for s in self.standards
        ]


class TrendForm(forms.Form):
    """The standards trend's filters; anything not valid falls back to all areas, by quarter."""

    area = forms.CharField(required=False)
    by = forms.ChoiceField(choices=list(PERIODS.items()), required=False)
