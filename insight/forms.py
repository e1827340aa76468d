"""Forms for the insight pages."""

from django import forms

from engagement.models import Method
from places.models import Area, AreaLevel, Audience

from .models import QUARTER_PATTERN, PrioritySource


class PriorityForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Neighbourhood",
        queryset=Area.objects.filter(level__in=[AreaLevel.NEIGHBOURHOOD, AreaLevel.DISTRICT]).order_by(
            "name"
        ),
        error_messages={"required": "Choose the neighbourhood"},
    )
    quarter = forms.RegexField(
        label="Quarter",
        regex=QUARTER_PATTERN,
        help_text="For example, 2026-Q3",
        error_messages={"required": "Enter the quarter", "invalid": "Enter a quarter like 2026-Q3"},
    )
    label = forms.CharField(
        label="Priority", max_length=200, error_messages={"required": "Enter the priority"}
    )
    rank = forms.IntegerField(
        label="Rank",
        min_value=1,
        max_value=99,
        help_text="1 is the most important",
        error_messages={"required": "Enter the rank"},
    )
    source = forms.ChoiceField(label="Where it came from", choices=PrioritySource.choices, initial="pact")
    is_public = forms.BooleanField(label="Show it on the public neighbourhood page", required=False)


class AcrossForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Area (optional)",
        queryset=Area.objects.exclude(level=AreaLevel.LSOA).order_by("name"),
        to_field_name="code",
        required=False,
    )
    audience = forms.ModelChoiceField(
        label="Audience (optional)",
        queryset=Audience.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )
    method = forms.ModelChoiceField(
        label="Method (optional)",
        queryset=Method.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )
    start = forms.DateField(
        label="Responses from (optional)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="Responses to (optional)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
