"""Forms for the insight pages."""

from typing import Any

from django import forms

from consultations.models import Question, QuestionKind, Questionnaire
from engagement.models import Method
from places.models import Area, AreaLevel, Audience

from .models import QUARTER_PATTERN, PrioritySource
from .priorities import PRIORITIES_FROM_RANKING_MAX


class PriorityForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Neighbourhood",
        queryset=Area.objects.filter(level__in=[AreaLevel.NEIGHBOURHOOD, AreaLevel.DISTRICT]).order_by(
            "name"
        ),
        empty_label="Choose a neighbourhood",
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
        label="Area",
        queryset=Area.objects.exclude(level=AreaLevel.LSOA).order_by("name"),
        to_field_name="code",
        required=False,
        empty_label="Anywhere",
    )
    audience = forms.ModelChoiceField(
        label="Audience",
        queryset=Audience.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Anyone",
    )
    method = forms.ModelChoiceField(
        label="Method",
        queryset=Method.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Any method",
    )
    start = forms.DateField(
        label="Responses from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="Responses to", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class RankingPriorityForm(forms.Form):
    """Priorities from a ranking question: which question, for which of the activity's areas
    and quarter, and how many."""

    question = forms.ModelChoiceField(
        label="Ranking question",
        queryset=Question.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Choose the ranking question",
            "invalid_choice": "Choose the ranking question",
        },
    )
    area = forms.ModelChoiceField(
        label="Neighbourhood",
        queryset=Area.objects.none(),
        empty_label="Choose a neighbourhood",
        error_messages={"required": "Choose the neighbourhood", "invalid_choice": "Choose the neighbourhood"},
    )
    quarter = forms.RegexField(
        label="Quarter",
        regex=QUARTER_PATTERN,
        help_text="For example, 2026-Q3",
        error_messages={"required": "Enter the quarter", "invalid": "Enter a quarter like 2026-Q3"},
    )
    top = forms.IntegerField(
        label="How many priorities",
        min_value=1,
        max_value=PRIORITIES_FROM_RANKING_MAX,
        initial=3,
        help_text="The options with the best average position become priorities 1, 2, 3…",
        error_messages={
            "required": "Enter how many priorities to make",
            "invalid": "Enter how many priorities to make as a number",
            "min_value": "Make at least 1 priority",
            "max_value": f"Make {PRIORITIES_FROM_RANKING_MAX} priorities or fewer",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
    )
    residents_only = forms.BooleanField(
        label="Only count the answers of people who live in the neighbourhood",
        help_text="From the postcode they gave. Otherwise every answer to the question counts.",
        required=False,
    )
    is_public = forms.BooleanField(label="Show them on the public neighbourhood page", required=False)
    replace = forms.BooleanField(
        label="Replace the priorities already made from a ranking question for this neighbourhood and quarter",
        required=False,
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questions = questionnaire.questions.filter(kind=QuestionKind.RANKING).order_by("position", "id")
        self.fields["question"].queryset = questions  # type: ignore[attr-defined]
        self.fields["area"].queryset = questionnaire.activity.areas.order_by("name")  # type: ignore[attr-defined]
