"""Forms of the measures, evidence, action plan and annual plan pages. Periods and years are
chosen from lists in words ("April to June 2026", "April 2026 to March 2027"), never typed as
codes; the services check everything again."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from core.forms import RecordChoiceField, RecordMultipleChoiceField
from engagement.models import Activity
from organisations.models import Organisation, Partnership
from places.forms import AreaChoiceField
from places.models import Area

from .measures_periods import Frequency, label, periods_between, plan_year_of, plan_year_words
from .models import Direction, EvidenceKind, Quadrant, StrategyRag

YEARS_BACK = 6


def _number(label_text: str, *, required: bool = True, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label_text,
        required=required,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "required": f"Enter the {label_text.lower()}",
            "invalid": f"Enter the {label_text.lower()} as a number, like 72.5",
            "max_digits": f"Enter the {label_text.lower()} as a smaller number",
            "max_decimal_places": f"Give the {label_text.lower()} to at most 2 decimal places",
            "max_whole_digits": f"Enter the {label_text.lower()} as a smaller number",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )


def _text(label_text: str, *, rows: int = 3, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label_text, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


def _day(label_text: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label_text,
        required=False,
        help_text=help_text,
        error_messages={"invalid": f"Enter the {label_text.lower()} as a real date"},
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def partnership_field(partnerships: Any, *, required: bool = False) -> RecordChoiceField:
    return RecordChoiceField(
        label="Partnership",
        queryset=partnerships,
        required=required,
        empty_label=None if required else "None: only my organisation's",
        error_messages={
            "required": "Choose the partnership",
            "invalid_choice": "Choose one of your partnerships",
        },
    )


class MeasureForm(forms.Form):
    name = forms.CharField(label="Measure", max_length=200, error_messages={"required": "Enter the measure"})
    quadrant = forms.ChoiceField(
        label="Which question it answers",
        choices=Quadrant.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which question the measure answers"},
    )
    description = _text("What it counts", help_text="And where the figures come from.")
    area = AreaChoiceField(
        label="Area",
        queryset=Area.objects.engagement_levels().order_by("path"),
        required=False,
        empty_label="Anywhere",
    )
    unit = forms.CharField(
        label="Unit", max_length=40, required=False, help_text="Like %, people or complaints."
    )
    direction = forms.ChoiceField(
        label="Which way is better", choices=Direction.choices, widget=forms.RadioSelect
    )
    frequency = forms.ChoiceField(
        label="How often it is counted", choices=Frequency.choices, widget=forms.RadioSelect
    )
    baseline = _number("Baseline", required=False)
    baseline_period = _day(
        "Baseline period", "The first day of the period the baseline is for, like 1 April 2025."
    )
    target = _number("Target", required=False)
    target_period = _day("Target period", "The first day of the period it should be met by.")
    story = _text("The story behind the curve", rows=5, help_text="Why the figures are as they are.")
    partners = RecordMultipleChoiceField(
        label="Partners with a role to play",
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_partners = forms.CharField(label="Other partners", max_length=300, required=False)
    what_works = _text("What works", help_text="What could turn the curve, from evidence and experience.")
    next_steps = _text("Next steps")

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
        label="Period", error_messages={"invalid_choice": "Choose a period from the list"}
    )
    value = _number("Value")
    note = forms.CharField(label="Note", max_length=300, required=False)

    def __init__(self, *args: Any, frequency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = period_choices(frequency)  # type: ignore[attr-defined]

    def clean_period(self) -> date:
        return date.fromisoformat(self.cleaned_data["period"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file", error_messages={"required": "Choose the CSV file", "empty": "The file is empty"}
    )


class EvidenceSourceForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the name"})
    kind = forms.ChoiceField(label="Kind of source", choices=EvidenceKind.choices, widget=forms.RadioSelect)
    description = _text("What the figures are", help_text="And who collects them.")
    unit = forms.CharField(
        label="Unit", max_length=40, required=False, help_text="Like %, people or complaints."
    )
    direction = forms.ChoiceField(
        label="Which way is better", choices=Direction.choices, widget=forms.RadioSelect
    )
    frequency = forms.ChoiceField(
        label="How often it is counted", choices=Frequency.choices, widget=forms.RadioSelect
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
        label="Area",
        queryset=Area.objects.engagement_levels().order_by("path"),
        to_field_name="code",
        error_messages={"required": "Choose the area", "invalid_choice": "Choose an area from the list"},
    )
    year = forms.TypedChoiceField(
        label="Year",
        coerce=int,
        choices=year_choices,
        error_messages={"invalid_choice": "Choose a year from the list"},
    )


def rag_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="RAG status",
        choices=StrategyRag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose red, amber or green"},
    )


class StrategyActionForm(forms.Form):
    action = forms.CharField(label="Action", max_length=500, error_messages={"required": "Enter the action"})
    lead_agencies = RecordMultipleChoiceField(
        label="Lead agencies",
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_leads = forms.CharField(label="Other lead agencies", max_length=300, required=False)
    progress = _text("Progress")
    risks = _text("Risks")
    next_steps = _text("Next steps")
    timescale = forms.CharField(
        label="Timescale", max_length=200, required=False, help_text="Like “November 2026 onwards”."
    )
    due = _day("Due", "If it has a date to be done by.")
    rag = rag_field()
    rag_reason = forms.CharField(
        label="Why it has this status",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why"},
    )


class StrategyEditForm(forms.Form):
    action = forms.CharField(label="Action", max_length=500, error_messages={"required": "Enter the action"})
    lead_agencies = StrategyActionForm.base_fields["lead_agencies"]
    other_leads = forms.CharField(label="Other lead agencies", max_length=300, required=False)
    due = _day("Due", "If it has a date to be done by.")


class StrategyUpdateForm(forms.Form):
    progress = _text("Progress")
    risks = _text("Risks")
    next_steps = _text("Next steps")
    timescale = forms.CharField(label="Timescale", max_length=200, required=False)
    rag = rag_field()
    rag_reason = forms.CharField(
        label="Why it has this status",
        required=False,
        help_text="Needed when the status changes.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    seen_rag = forms.CharField(widget=forms.HiddenInput, required=False)


class AnnualPlanForm(forms.Form):
    year = forms.TypedChoiceField(label="Year", coerce=int, choices=year_choices)
    introduction = _text("Introduction", help_text="What the plan is for and how it was drawn up.")

    def __init__(self, *args: Any, partnerships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"] = partnership_field(partnerships, required=True)
        self.order_fields(["partnership", "year"])


class PlanActivityForm(forms.Form):
    activity = RecordChoiceField(
        label="Activity",
        queryset=Activity.private_objects.none(),
        empty_label="Choose an activity",
        error_messages={
            "required": "Choose the activity",
            "invalid_choice": "Choose an activity from the list",
        },
    )
    note = forms.CharField(label="Why it is planned", max_length=300, required=False)
    reason = forms.CharField(
        label="Why the agreed plan is changing", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, activities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities  # type: ignore[attr-defined]


class PlanAgreeForm(forms.Form):
    agreed_where = forms.CharField(
        label="Where the partnership agreed it",
        max_length=200,
        help_text="Like “Partnership board, 12 March 2026”.",
        error_messages={"required": "Say where the partnership agreed it"},
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


def partnership_choices(partnerships: Any) -> list[Partnership]:
    return list(partnerships)
