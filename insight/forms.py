"""Forms for the insight pages. Quarters are chosen from a list in words ("October to
December 2026"), never typed as codes."""

from typing import Any

from django import forms
from django.utils import timezone

from consultations.models import Question, QuestionKind, Questionnaire
from core import quarters
from core.forms import RecordChoiceField
from engagement.models import Method
from places.models import Area, AreaLevel, Audience

from .models import AnalysisRun, PrioritySource
from .priorities import PRIORITIES_FROM_RANKING_MAX


def quarter_field(**kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Quarter",
        choices=quarters.choices,
        initial=lambda: quarters.quarter_of(timezone.localdate()),
        error_messages={"required": "Choose the quarter", "invalid_choice": "Choose a quarter from the list"},
        **kwargs,
    )


def rank_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label="Rank",
        min_value=1,
        max_value=99,
        help_text="1 is the most important",
        error_messages={
            "required": "Enter the rank",
            "invalid": "Enter the rank as a number from 1 to 99",
            "min_value": "Enter the rank as a number from 1 to 99",
            "max_value": "Enter the rank as a number from 1 to 99",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
        **kwargs,
    )


class PriorityForm(forms.Form):
    area = RecordChoiceField(
        label="Neighbourhood",
        queryset=Area.objects.filter(level__in=[AreaLevel.NEIGHBOURHOOD, AreaLevel.DISTRICT]).order_by(
            "name"
        ),
        empty_label="Choose a neighbourhood",
        error_messages={"required": "Choose the neighbourhood"},
    )
    quarter = quarter_field()
    label = forms.CharField(
        label="Priority", max_length=200, error_messages={"required": "Enter the priority"}
    )
    rank = rank_field()
    source = forms.ChoiceField(label="Where it came from", choices=PrioritySource.choices, initial="pact")
    is_public = forms.BooleanField(label="Show it on the public neighbourhood page", required=False)


class ThemePriorityForm(forms.Form):
    """Make a theme a priority of one of the analysed activity's neighbourhoods."""

    area = RecordChoiceField(
        label="Neighbourhood",
        queryset=Area.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Choose the neighbourhood",
            "invalid_choice": "Choose one of the neighbourhoods",
        },
    )
    quarter = quarter_field()
    rank = rank_field(initial=1)
    is_public = forms.BooleanField(label="Show it on the public neighbourhood page", required=False)

    def __init__(self, *args: Any, run: AnalysisRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = (
            run.questionnaire.activity.areas.order_by("name") if run.questionnaire else Area.objects.none()
        )
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class AcrossForm(forms.Form):
    area = RecordChoiceField(
        label="Area",
        queryset=Area.objects.exclude(level=AreaLevel.LSOA).order_by("name"),
        to_field_name="code",
        required=False,
        empty_label="Anywhere",
    )
    audience = RecordChoiceField(
        label="Audience",
        queryset=Audience.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Anyone",
    )
    method = RecordChoiceField(
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

    question = RecordChoiceField(
        label="Ranking question",
        queryset=Question.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Choose the ranking question",
            "invalid_choice": "Choose the ranking question",
        },
    )
    area = RecordChoiceField(
        label="Neighbourhood",
        queryset=Area.objects.none(),
        empty_label="Choose a neighbourhood",
        error_messages={"required": "Choose the neighbourhood", "invalid_choice": "Choose the neighbourhood"},
    )
    quarter = quarter_field()
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
