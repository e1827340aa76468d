"""Forms of the measures, evidence, action plan and annual plan pages. Periods and years are
chosen from lists in words ("April to June 2026", "April 2026 to March 2027"), never typed as
codes; the services check everything again."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from core.forms import RecordChoiceField, RecordMultipleChoiceField
from engagement.models import Activity
from organisations.models import Organisation, Partnership
from places.forms import AreaChoiceField
from places.models import Area

from .measures_periods import Frequency, label, periods_between, plan_year_of, plan_year_words
from .models import Direction, EvidenceKind, Quadrant, StrategyRag

YEARS_BACK = 6


def _lowered(text: StrOrPromise) -> str:
    return str(text).lower()


lower = lazy(_lowered, str)  # a label in lower case inside a message, in the language shown


def _number(
    label_text: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label_text,
        required=required,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "required": format_lazy(gettext_lazy("Enter the {label}"), label=lower(label_text)),
            "invalid": format_lazy(
                gettext_lazy("Enter the {label} as a number, like 72.5"), label=lower(label_text)
            ),
            "max_digits": format_lazy(
                gettext_lazy("Enter the {label} as a smaller number"), label=lower(label_text)
            ),
            "max_decimal_places": format_lazy(
                gettext_lazy("Give the {label} to at most 2 decimal places"), label=lower(label_text)
            ),
            "max_whole_digits": format_lazy(
                gettext_lazy("Enter the {label} as a smaller number"), label=lower(label_text)
            ),
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )


def _text(label_text: StrOrPromise, *, rows: int = 3, help_text: StrOrPromise = "") -> forms.CharField:
    return forms.CharField(
        label=label_text, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


def _day(label_text: StrOrPromise, help_text: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label_text,
        required=False,
        help_text=help_text,
        error_messages={
            "invalid": format_lazy(gettext_lazy("Enter the {label} as a real date"), label=lower(label_text))
        },
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def partnership_field(partnerships: Any, *, required: bool = False) -> RecordChoiceField:
    return RecordChoiceField(
        label=gettext_lazy("Partnership"),
        queryset=partnerships,
        required=required,
        empty_label=None if required else "None: only my organisation's",
        error_messages={
            "required": gettext_lazy("Choose the partnership"),
            "invalid_choice": gettext_lazy("Choose one of your partnerships"),
        },
    )


class MeasureForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Measure"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the measure")},
    )
    quadrant = forms.ChoiceField(
        label=gettext_lazy("Which question it answers"),
        choices=Quadrant.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose which question the measure answers")},
    )
    description = _text(
        gettext_lazy("What it counts"), help_text=gettext_lazy("And where the figures come from.")
    )
    area = AreaChoiceField(
        label=gettext_lazy("Area"),
        queryset=Area.objects.engagement_levels().order_by("path"),
        required=False,
        empty_label="Anywhere",
    )
    unit = forms.CharField(
        label=gettext_lazy("Unit"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Like %, people or complaints."),
    )
    direction = forms.ChoiceField(
        label=gettext_lazy("Which way is better"), choices=Direction.choices, widget=forms.RadioSelect
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often it is counted"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    baseline = _number(gettext_lazy("Baseline"), required=False)
    baseline_period = _day(
        gettext_lazy("Baseline period"),
        gettext_lazy("The first day of the period the baseline is for, like 1 April 2025."),
    )
    target = _number(gettext_lazy("Target"), required=False)
    target_period = _day(
        gettext_lazy("Target period"), gettext_lazy("The first day of the period it should be met by.")
    )
    story = _text(
        gettext_lazy("The story behind the curve"),
        rows=5,
        help_text=gettext_lazy("Why the figures are as they are."),
    )
    partners = RecordMultipleChoiceField(
        label=gettext_lazy("Partners with a role to play"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_partners = forms.CharField(label=gettext_lazy("Other partners"), max_length=300, required=False)
    what_works = _text(
        gettext_lazy("What works"),
        help_text=gettext_lazy("What could turn the curve, from evidence and experience."),
    )
    next_steps = _text(gettext_lazy("Next steps"))

    def __init__(self, *args: Any, partnerships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"] = partnership_field(partnerships)
        self.order_fields(["name", "quadrant", "description", "partnership"])


def period_choices(frequency: str, today: date | None = None) -> list[tuple[str, str]]:
    """The periods of the last few years, newest first, as (first day, words)."""
    today = today or timezone.localdate()
    first = date(today.year - YEARS_BACK, 1, 1)
    return [(d.isoformat(), label(d, frequency)) for d in reversed(periods_between(first, today, frequency))]


class MeasureValueForm(forms.Form):
    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        error_messages={"invalid_choice": gettext_lazy("Choose a period from the list")},
    )
    value = _number(gettext_lazy("Value"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, frequency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = period_choices(frequency)  # type: ignore[attr-defined]

    def clean_period(self) -> date:
        return date.fromisoformat(self.cleaned_data["period"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        error_messages={
            "required": gettext_lazy("Choose the CSV file"),
            "empty": gettext_lazy("The file is empty"),
        },
    )


class EvidenceSourceForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the name")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of source"), choices=EvidenceKind.choices, widget=forms.RadioSelect
    )
    description = _text(
        gettext_lazy("What the figures are"), help_text=gettext_lazy("And who collects them.")
    )
    unit = forms.CharField(
        label=gettext_lazy("Unit"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Like %, people or complaints."),
    )
    direction = forms.ChoiceField(
        label=gettext_lazy("Which way is better"), choices=Direction.choices, widget=forms.RadioSelect
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often it is counted"), choices=Frequency.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, partnerships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"] = partnership_field(partnerships)
        self.order_fields(["name", "kind", "description", "partnership"])


def year_choices(
    today: date | None = None, *, back: int = YEARS_BACK, ahead: int = 1
) -> list[tuple[int, str]]:
    current = plan_year_of(today or timezone.localdate())
    return [(y, plan_year_words(y)) for y in range(current + ahead, current - back, -1)]


class AreaEvidenceForm(forms.Form):
    area = AreaChoiceField(
        label=gettext_lazy("Area"),
        queryset=Area.objects.engagement_levels().order_by("path"),
        to_field_name="code",
        error_messages={
            "required": gettext_lazy("Choose the area"),
            "invalid_choice": gettext_lazy("Choose an area from the list"),
        },
    )
    year = forms.TypedChoiceField(
        label=gettext_lazy("Year"),
        coerce=int,
        choices=year_choices,
        error_messages={"invalid_choice": gettext_lazy("Choose a year from the list")},
    )


def rag_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("RAG status"),
        choices=StrategyRag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose red, amber or green")},
    )


class StrategyActionForm(forms.Form):
    action = forms.CharField(
        label=gettext_lazy("Action"),
        max_length=500,
        error_messages={"required": gettext_lazy("Enter the action")},
    )
    lead_agencies = RecordMultipleChoiceField(
        label=gettext_lazy("Lead agencies"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_leads = forms.CharField(label=gettext_lazy("Other lead agencies"), max_length=300, required=False)
    progress = _text(gettext_lazy("Progress"))
    risks = _text(gettext_lazy("Risks"))
    next_steps = _text(gettext_lazy("Next steps"))
    timescale = forms.CharField(
        label=gettext_lazy("Timescale"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Like “November 2026 onwards”."),
    )
    due = _day(gettext_lazy("Due"), gettext_lazy("If it has a date to be done by."))
    rag = rag_field()
    rag_reason = forms.CharField(
        label=gettext_lazy("Why it has this status"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Say why")},
    )


class StrategyEditForm(forms.Form):
    action = forms.CharField(
        label=gettext_lazy("Action"),
        max_length=500,
        error_messages={"required": gettext_lazy("Enter the action")},
    )
    lead_agencies = StrategyActionForm.base_fields["lead_agencies"]
    other_leads = forms.CharField(label=gettext_lazy("Other lead agencies"), max_length=300, required=False)
    due = _day(gettext_lazy("Due"), gettext_lazy("If it has a date to be done by."))


class StrategyUpdateForm(forms.Form):
    progress = _text(gettext_lazy("Progress"))
    risks = _text(gettext_lazy("Risks"))
    next_steps = _text(gettext_lazy("Next steps"))
    timescale = forms.CharField(label=gettext_lazy("Timescale"), max_length=200, required=False)
    rag = rag_field()
    rag_reason = forms.CharField(
        label=gettext_lazy("Why it has this status"),
        required=False,
        help_text=gettext_lazy("Needed when the status changes."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    seen_rag = forms.CharField(widget=forms.HiddenInput, required=False)


class AnnualPlanForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, choices=year_choices)
    introduction = _text(
        gettext_lazy("Introduction"), help_text=gettext_lazy("What the plan is for and how it was drawn up.")
    )

    def __init__(self, *args: Any, partnerships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"] = partnership_field(partnerships, required=True)
        self.order_fields(["partnership", "year"])


class PlanActivityForm(forms.Form):
    activity = RecordChoiceField(
        label=gettext_lazy("Activity"),
        queryset=Activity.private_objects.none(),
        empty_label="Choose an activity",
        error_messages={
            "required": gettext_lazy("Choose the activity"),
            "invalid_choice": gettext_lazy("Choose an activity from the list"),
        },
    )
    note = forms.CharField(label=gettext_lazy("Why it is planned"), max_length=300, required=False)
    reason = forms.CharField(
        label=gettext_lazy("Why the agreed plan is changing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, activities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities  # type: ignore[attr-defined]


class PlanAgreeForm(forms.Form):
    agreed_where = forms.CharField(
        label=gettext_lazy("Where the partnership agreed it"),
        max_length=200,
        help_text=gettext_lazy("Like “Partnership board, 12 March 2026”."),
        error_messages={"required": gettext_lazy("Say where the partnership agreed it")},
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


def partnership_choices(partnerships: Any) -> list[Partnership]:
    return list(partnerships)
