"""Forms for the insight pages. Quarters are chosen from a list in words ("October to
December 2026"), never typed as codes."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from consultations.models import Question, QuestionKind, Questionnaire
from core import quarters
from core.forms import RecordChoiceField
from engagement.models import Method
from places.models import Area, AreaLevel, Audience

from .models import AnalysisRun, PrioritySource
from .priorities import PRIORITIES_FROM_RANKING_MAX


def quarter_field(**kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("Quarter"),
        choices=quarters.choices,
        initial=lambda: quarters.quarter_of(timezone.localdate()),
        error_messages={
            "required": gettext_lazy("Choose the quarter"),
            "invalid_choice": gettext_lazy("Choose a quarter from the list"),
        },
        **kwargs,
    )


def rank_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=gettext_lazy("Rank"),
        min_value=1,
        max_value=99,
        help_text=gettext_lazy("1 is the most important"),
        error_messages={
            "required": gettext_lazy("Enter the rank"),
            "invalid": gettext_lazy("Enter the rank as a number from 1 to 99"),
            "min_value": gettext_lazy("Enter the rank as a number from 1 to 99"),
            "max_value": gettext_lazy("Enter the rank as a number from 1 to 99"),
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
        **kwargs,
    )


class PriorityForm(forms.Form):
    area = RecordChoiceField(
        label=gettext_lazy("Neighbourhood"),
        queryset=Area.objects.filter(level__in=[AreaLevel.NEIGHBOURHOOD, AreaLevel.DISTRICT]).order_by(
            "name"
        ),
        empty_label="Choose a neighbourhood",
        error_messages={"required": gettext_lazy("Choose the neighbourhood")},
    )
    quarter = quarter_field()
    label = forms.CharField(
        label=gettext_lazy("Priority"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the priority")},
    )
    rank = rank_field()
    source = forms.ChoiceField(
        label=gettext_lazy("Where it came from"), choices=PrioritySource.choices, initial="pact"
    )
    is_public = forms.BooleanField(
        label=gettext_lazy("Show it on the public neighbourhood page"), required=False
    )


class ThemePriorityForm(forms.Form):
    """Make a theme a priority of one of the analysed activity's neighbourhoods."""

    area = RecordChoiceField(
        label=gettext_lazy("Neighbourhood"),
        queryset=Area.objects.none(),
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Choose the neighbourhood"),
            "invalid_choice": gettext_lazy("Choose one of the neighbourhoods"),
        },
    )
    quarter = quarter_field()
    rank = rank_field(initial=1)
    is_public = forms.BooleanField(
        label=gettext_lazy("Show it on the public neighbourhood page"), required=False
    )

    def __init__(self, *args: Any, run: AnalysisRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = (
            run.questionnaire.activity.areas.order_by("name") if run.questionnaire else Area.objects.none()
        )
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class AcrossForm(forms.Form):
    area = RecordChoiceField(
        label=gettext_lazy("Area"),
        queryset=Area.objects.exclude(level=AreaLevel.LSOA).order_by("name"),
        to_field_name="code",
        required=False,
        empty_label="Anywhere",
    )
    audience = RecordChoiceField(
        label=gettext_lazy("Audience"),
        queryset=Audience.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Anyone",
    )
    method = RecordChoiceField(
        label=gettext_lazy("Method"),
        queryset=Method.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Any method",
    )
    start = forms.DateField(
        label=gettext_lazy("Responses from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("Responses to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class RankingPriorityForm(forms.Form):
    """Priorities from a ranking question: which question, for which of the activity's areas
    and quarter, and how many."""

    question = RecordChoiceField(
        label=gettext_lazy("Ranking question"),
        queryset=Question.objects.none(),
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Choose the ranking question"),
            "invalid_choice": gettext_lazy("Choose the ranking question"),
        },
    )
    area = RecordChoiceField(
        label=gettext_lazy("Neighbourhood"),
        queryset=Area.objects.none(),
        empty_label="Choose a neighbourhood",
        error_messages={
            "required": gettext_lazy("Choose the neighbourhood"),
            "invalid_choice": gettext_lazy("Choose the neighbourhood"),
        },
    )
    quarter = quarter_field()
    top = forms.IntegerField(
        label=gettext_lazy("How many priorities"),
        min_value=1,
        max_value=PRIORITIES_FROM_RANKING_MAX,
        initial=3,
        help_text=gettext_lazy("The options with the best average position become priorities 1, 2, 3…"),
        error_messages={
            "required": gettext_lazy("Enter how many priorities to make"),
            "invalid": gettext_lazy("Enter how many priorities to make as a number"),
            "min_value": gettext_lazy("Make at least 1 priority"),
            "max_value": f"Make {PRIORITIES_FROM_RANKING_MAX} priorities or fewer",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
    )
    residents_only = forms.BooleanField(
        label=gettext_lazy("Only count the answers of people who live in the neighbourhood"),
        help_text=gettext_lazy("From the postcode they gave. Otherwise every answer to the question counts."),
        required=False,
    )
    is_public = forms.BooleanField(
        label=gettext_lazy("Show them on the public neighbourhood page"), required=False
    )
    replace = forms.BooleanField(
        label=gettext_lazy(
            "Replace the priorities already made from a ranking question for this neighbourhood and quarter"
        ),
        required=False,
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questions = questionnaire.questions.filter(kind=QuestionKind.RANKING).order_by("position", "id")
        self.fields["question"].queryset = questions  # type: ignore[attr-defined]
        self.fields["area"].queryset = questionnaire.activity.areas.order_by("name")  # type: ignore[attr-defined]
