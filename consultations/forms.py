"""Staff forms for questionnaires, offline capture, imports and results. They only collect
input and show errors next to the right field; the rules live in the services and in
`clean_answers`, which every channel goes through."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagement.forms import DATE_WIDGET
from heard.forms import FilterForm
from places.models import Area, Audience

from . import equality
from .imports import ENCODINGS
from .models import CHOICE_KINDS, DEFAULT_PRIVACY_STATEMENT, Channel, Question, QuestionKind, Questionnaire
from .results import ResultFilters
from .services import QuestionInput

SCALE_DEFAULT = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
OFFLINE_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.WEB]


def apply_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class QuestionnaireForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        help_text="People see this at the top of every page.",
        error_messages={"required": "Enter a title"},
    )
    introduction = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown before the first question: what the consultation is about and how long it takes.",
    )
    privacy_text = forms.CharField(
        label="Consent and privacy statement",
        initial=DEFAULT_PRIVACY_STATEMENT,
        error_messages={"required": "Enter the consent and privacy statement people see before they start"},
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Shown before the first question and kept with every response (its version and the time).",
    )
    equality_monitoring = forms.BooleanField(
        required=False,
        initial=True,
        label="Add the optional equality-monitoring questions",
        help_text="Census 2021 categories, each with “Prefer not to say”. Only ever reported as totals.",
    )

    @classmethod
    def for_questionnaire(cls, questionnaire: Questionnaire, data: Any = None) -> "QuestionnaireForm":
        return cls(
            data,
            initial={
                "title": questionnaire.title,
                "introduction": questionnaire.introduction,
                "privacy_text": questionnaire.privacy_statement.text,
                "equality_monitoring": questionnaire.equality_monitoring,
            },
        )


def _condition_choices(earlier: Sequence[QuestionInput]) -> list[tuple[str, str]]:
    """Every option of every earlier choice question, as "position|option index"."""
    options = []
    for position, item in enumerate(earlier):
        if QuestionKind(item.kind) in CHOICE_KINDS:
            for index, label in enumerate(item.choices):
                options.append((f"{position}|{index}", f"Question {position + 1} ({item.text}) is “{label}”"))
    return options


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Question", max_length=500, error_messages={"required": "Enter the question"}
    )
    hint = forms.CharField(
        label="Hint", max_length=500, required=False, help_text="Extra help shown under the question."
    )
    kind = forms.ChoiceField(
        label="Type of question",
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of question"},
    )
    required = forms.BooleanField(label="People must answer this question", required=False)
    choices = forms.CharField(
        label="Options",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For choice, scale and ranking questions: one option per line. "
        "For a scale, leave it empty for “Strongly agree” to “Strongly disagree”.",
    )
    max_length = forms.IntegerField(
        label="Longest answer allowed, in characters",
        min_value=1,
        max_value=10000,
        initial=2000,
        help_text="For free text only.",
    )
    show_if = forms.MultipleChoiceField(
        label="Only ask this question when",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Skip logic: leave all unticked to ask everyone. Tick options of one earlier question.",
    )

    def __init__(self, *args: Any, earlier: Sequence[QuestionInput], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.earlier = list(earlier)
        show_if = cast(forms.MultipleChoiceField, self.fields["show_if"])
        show_if.choices = _condition_choices(self.earlier)
        if not show_if.choices:
            show_if.help_text = (
                "Skip logic needs an earlier single choice, multiple choice, scale or ranking question."
            )

    @classmethod
    def initial_from(cls, item: QuestionInput, earlier: Sequence[QuestionInput]) -> dict[str, Any]:
        show_if = []
        if item.show_if_question is not None and item.show_if_question < len(earlier):
            labels = list(earlier[item.show_if_question].choices)
            show_if = [
                f"{item.show_if_question}|{labels.index(x)}" for x in item.show_if_choices if x in labels
            ]
        return {
            "kind": QuestionKind(item.kind).value,
            "text": item.text,
            "hint": item.hint,
            "required": item.required,
            "choices": "\n".join(item.choices),
            "max_length": item.max_length,
            "show_if": show_if,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        lines = [line.strip() for line in (data.get("choices") or "").splitlines() if line.strip()]
        if kind == QuestionKind.SCALE and not lines:
            lines = list(SCALE_DEFAULT)
        if kind in CHOICE_KINDS:
            if len(lines) < 2:
                self.add_error("choices", "Give at least two options, one per line.")
            elif len({x.casefold() for x in lines}) != len(lines):
                self.add_error("choices", "Give each option only once.")
            elif any(len(x) > 300 for x in lines):
                self.add_error("choices", "Keep each option to 300 characters or fewer.")
        elif kind and lines:
            self.add_error("choices", f"{QuestionKind(kind).label} questions have no options: remove them.")
        data["choice_list"] = lines
        picked = [tuple(int(p) for p in v.split("|")) for v in data.get("show_if") or []]
        if len({position for position, _ in picked}) > 1:
            self.add_error("show_if", "Choose options of one earlier question only.")
        data["condition"] = picked
        return data

    def to_input(self) -> QuestionInput:
        data = self.cleaned_data
        picked = data["condition"]
        position = picked[0][0] if picked else None
        labels = list(self.earlier[position].choices) if position is not None else []
        kind = QuestionKind(data["kind"])
        return QuestionInput(
            kind=kind,
            text=data["text"],
            hint=data["hint"],
            required=data["required"],
            max_length=data["max_length"] if kind == QuestionKind.TEXT else 2000,
            choices=data["choice_list"],
            show_if_question=position,
            show_if_choices=[labels[i] for _, i in picked],
        )


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


def _date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DATE_WIDGET, help_text=help_text)


def _not_future(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise ValidationError("The date cannot be in the future.")


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
        label="How did this response come in?",
        choices=OFFLINE_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it came in: paper, at an event or by phone"},
    )
    received_on = _date_field("Date on the form", "Optional. Leave empty for today.")

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
        label="Where was it filled in?",
        choices=OFFLINE_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it came in: paper, at an event or by phone"},
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
        label="Date",
        widget=DATE_WIDGET,
        initial=timezone.localdate,
        error_messages={"required": "Enter the date", "invalid": "Enter a real date"},
    )
    head_count = forms.IntegerField(
        label="How many people came",
        min_value=0,
        max_value=1_000_000,
        error_messages={"required": "Enter how many people came (your best estimate if you did not count)"},
    )
    is_estimate = forms.TypedChoiceField(
        label="Is this an exact count or an estimate?",
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


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="CSV or Excel (.xlsx), with a header row naming the columns.",
        error_messages={"required": "Choose a CSV or Excel file to upload", "empty": "The file is empty"},
    )
    channel = forms.ChoiceField(
        label="How were these responses collected?",
        choices=OFFLINE_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it came in: paper, at an event or by phone"},
    )
    encoding = forms.ChoiceField(
        label="Text encoding (CSV only)",
        choices=list(ENCODINGS.items()),
        initial="utf-8",
        widget=forms.RadioSelect,
        help_text="Try Windows if names with accents or the £ sign come out wrong.",
    )


class ImportMappingForm(forms.Form):
    """One select per column of the file: which question (or date, or equality question) it holds."""

    govuk_mark_optional = False

    def __init__(
        self,
        *args: Any,
        headers: Sequence[str],
        samples: Sequence[Sequence[str]],
        options: Sequence[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.columns = []
        for index, header in enumerate(headers):
            examples = [row[index] for row in samples if index < len(row) and row[index]][:3]
            help_text = (
                "For example: " + "; ".join(e[:60] for e in examples)
                if examples
                else "Empty in the first rows."
            )
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=f"Column {index + 1}: {header or '(no header)'}",
                choices=list(options),
                required=False,
                help_text=help_text,
            )
            self.columns.append(index)

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(f"col_{i}") or "" for i in self.columns]


class ResultsFilterForm(FilterForm):
    area = forms.ModelChoiceField(queryset=Area.objects.none(), required=False, empty_label="All areas")
    channel = forms.ChoiceField(choices=[("", "All channels"), *Channel.choices], required=False)
    date_from = _date_field("Received from")
    date_to = _date_field("Received to")
    q = forms.CharField(label="Search the written answers", required=False, max_length=200)

    def __init__(self, *args: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["area"]).queryset = areas

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return data

    def filters(self) -> ResultFilters:
        if not self.is_bound or not self.is_valid():
            return ResultFilters()
        data = self.cleaned_data
        return ResultFilters(
            area=data.get("area"),
            channel=data.get("channel") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            search=(data.get("q") or "").strip(),
        )
