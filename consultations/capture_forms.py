"""Staff forms for offline capture: typing in paper, event and phone responses, standalone
paper equality-monitoring forms and attendance head counts. Like every staff form they only
collect input; `clean_answers` and the services decide what is accepted."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from engagement.access import DEFAULT_LANGUAGE, LANGUAGE_CHOICES
from engagement.forms import DATE_WIDGET
from places.models import Audience

from . import equality
from .attendance import OFFLINE_CHANNELS
from .forms import _date_field
from .models import Question, QuestionKind, Questionnaire


class _FirstOptionFocus:
    """Radios or checkboxes whose first option (only) takes autofocus."""

    def create_option(
        self, name: str, value: Any, label: Any, selected: Any, index: int, *args: Any, **kwargs: Any
    ) -> Any:
        option = super().create_option(name, value, label, selected, index, *args, **kwargs)  # type: ignore[misc]
        if index == 0:
            option["attrs"]["autofocus"] = True
        return option


class _FocusRadioSelect(_FirstOptionFocus, forms.RadioSelect):
    pass


class _FocusCheckboxSelectMultiple(_FirstOptionFocus, forms.CheckboxSelectMultiple):
    pass


def autofocus(field: forms.Field) -> None:
    """Put the cursor in `field` when the page opens (its first option, for radios and checkboxes)."""
    widget = field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        focused = (
            _FocusCheckboxSelectMultiple
            if isinstance(widget, forms.CheckboxSelectMultiple)
            else _FocusRadioSelect
        )(attrs=widget.attrs)
        focused.choices = widget.choices
        field.widget = focused
    else:
        widget.attrs["autofocus"] = True


def equality_fields() -> dict[str, forms.Field]:
    return {
        f"eq_{name}": forms.ChoiceField(
            label=text,
            required=False,
            choices=[("", "Not answered"), *equality.choices_for(name)],
        )
        for name, (text, _) in equality.QUESTIONS.items()
    }


def _not_future(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(gettext("The date cannot be in the future."))


@dataclass
class EntryQuestion:
    """How one question appears on the entry page."""

    question: Question
    number: int
    fields: list[str]
    condition: str
    bound: list[Any]

    @property
    def is_ranking(self) -> bool:
        return self.question.kind == QuestionKind.RANKING


class ResponseEntryForm(forms.Form):
    """Every question on one page, for typing in paper, event and phone responses fast.
    Fields are optional to Django: `clean_answers` decides (required questions, skip logic),
    so labels say "(optional)" from the questionnaire, not from the fields."""

    govuk_mark_optional = False

    channel = forms.ChoiceField(
        label=gettext_lazy("How did this response come in?"),
        choices=OFFLINE_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how it came in: paper, at an event or by phone")},
    )
    received_on = _date_field("Date on the form", "Optional. Leave empty for today.")
    language = forms.ChoiceField(
        label=gettext_lazy("Language it was written in"),
        choices=LANGUAGE_CHOICES,
        initial=DEFAULT_LANGUAGE,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a language from the list")},
    )

    def __init__(
        self, *args: Any, questionnaire: Questionnaire, questions: Sequence[Question], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.entries: list[EntryQuestion] = []
        numbers = {q.pk: i for i, q in enumerate(questions, 1)}
        for number, question in enumerate(questions, 1):
            condition = ""
            if question.show_if_question_id:
                labels = " or ".join(f"“{c.label}”" for c in question.show_if_choices.all())
                condition = f"Only if question {numbers.get(question.show_if_question_id)} is {labels}."
            names = self._add_question_fields(question, number, condition)
            self.entries.append(
                EntryQuestion(
                    question=question,
                    number=number,
                    fields=names,
                    condition=condition,
                    bound=[self[name] for name in names],
                )
            )
        self.equality_names: list[str] = []
        if questionnaire.equality_monitoring:
            for name, field in equality_fields().items():
                field.label = f"{field.label} (optional)"
                self.fields[name] = field
                self.equality_names.append(name)
        if self.entries:
            autofocus(self.fields[self.entries[0].fields[0]])

    def _add_question_fields(self, question: Question, number: int, condition: str) -> list[str]:
        name = f"q{question.pk}"
        label = f"{number}. {question.text}" + ("" if question.required else " (optional)")
        options = [(str(c.pk), c.label) for c in question.choices.all()]
        hint = " ".join(part for part in (condition, question.hint) if part)
        if question.kind in (QuestionKind.SINGLE, QuestionKind.SCALE):
            self.fields[name] = forms.ChoiceField(
                label=label, choices=options, required=False, widget=forms.RadioSelect, help_text=hint
            )
        elif question.kind == QuestionKind.MULTIPLE:
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=options,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=hint,
            )
        elif question.kind == QuestionKind.RANKING:
            names = []
            for rank in range(1, len(options) + 1):
                rank_name = f"{name}_{rank}"
                self.fields[rank_name] = forms.ChoiceField(
                    label=f"Choice {rank}",
                    choices=[("", "Not ranked"), *options],
                    required=False,
                )
                names.append(rank_name)
            return names
        elif question.kind == QuestionKind.TEXT:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 3, "maxlength": question.max_length}),
                help_text=hint,
            )
        else:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
                help_text=hint or "A full postcode, like M33 7ZA.",
            )
        self.fields[name].required = False
        return [name]

    def clean_received_on(self) -> date | None:
        value = self.cleaned_data.get("received_on")
        _not_future(value)
        return value

    def raw_answers(self) -> dict[int, list[str]]:
        raw: dict[int, list[str]] = {}
        for entry in self.entries:
            values: list[str] = []
            for name in entry.fields:
                value = self.cleaned_data.get(name)
                if isinstance(value, list):
                    values += [str(v) for v in value]
                elif value:
                    values.append(str(value))
            raw[entry.question.pk] = values
        return raw

    @property
    def equality_bound(self) -> list[Any]:
        return [self[name] for name in self.equality_names]

    def equality_answers(self) -> dict[str, str]:
        return {name[3:]: self.cleaned_data.get(name) or "" for name in self.equality_names}

    def add_answer_errors(self, errors: dict[int, str]) -> None:
        for entry in self.entries:
            if entry.question.pk in errors:
                self.add_error(entry.fields[0], errors[entry.question.pk])

    def add_equality_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            self.add_error(f"eq_{name}", message)

    def submitted_at(self) -> datetime | None:
        day = self.cleaned_data.get("received_on")
        return timezone.make_aware(datetime.combine(day, time(12))) if day else None


class EqualityRecordForm(forms.Form):
    """A paper equality-monitoring form collected at an event, on its own."""

    channel = forms.ChoiceField(
        label=gettext_lazy("Where was it filled in?"),
        choices=OFFLINE_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how it came in: paper, at an event or by phone")},
    )
    recorded_on = _date_field("Date on the form", "Optional. Leave empty for today.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(equality_fields())
        autofocus(self.fields["eq_age_band"])

    def clean_recorded_on(self) -> date | None:
        value = self.cleaned_data.get("recorded_on")
        _not_future(value)
        return value

    @property
    def equality_bound(self) -> list[Any]:
        return [self[f"eq_{name}"] for name in equality.QUESTIONS]

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(f"eq_{name}") or "" for name in equality.QUESTIONS}


class AttendanceForm(forms.Form):
    held_on = forms.DateField(
        label=gettext_lazy("Date"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
        error_messages={
            "required": gettext_lazy("Enter the date"),
            "invalid": gettext_lazy("Enter a real date"),
        },
    )
    head_count = forms.IntegerField(
        label=gettext_lazy("How many people came"),
        min_value=0,
        max_value=1_000_000,
        error_messages={
            "required": gettext_lazy("Enter how many people came (your best estimate if you did not count)")
        },
    )
    is_estimate = forms.TypedChoiceField(
        label=gettext_lazy("Is this an exact count or an estimate?"),
        choices=[("exact", "Exact count"), ("estimate", "Estimate")],
        coerce=lambda v: v == "estimate",
        widget=forms.RadioSelect,
        initial="exact",
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, audiences: Sequence[Audience], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.audiences = list(audiences)
        for audience in self.audiences:
            self.fields[f"audience_{audience.pk}"] = forms.IntegerField(
                label=audience.name, required=False, min_value=0, max_value=1_000_000
            )

    @property
    def audience_fields(self) -> list[Any]:
        return [self[f"audience_{a.pk}"] for a in self.audiences]

    def clean_held_on(self) -> date:
        value = self.cleaned_data["held_on"]
        _not_future(value)
        return value

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "head_count": data["head_count"],
            "is_estimate": data["is_estimate"],
            "notes": data["notes"],
            "counts": {a: data.get(f"audience_{a.pk}") or 0 for a in self.audiences},
        }
