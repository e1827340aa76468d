"""Forms for the activity register. Validation rules live on the model and in the services;
these forms only collect input and show errors next to the right field."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from core.forms import RecordChoiceField, RecordMultipleChoiceField
from organisations.models import Organisation, User
from places.forms import AreaMultipleChoiceField
from places.models import Area, Audience

from .checklist import ChecklistScope
from .models import Activity, Answer, EngagementPlan, Method
from .services import ACTIVITY_FIELDS, AimInput

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

SCALAR_FIELDS = list(ACTIVITY_FIELDS)
RELATION_FIELDS = ["areas", "audiences", "partners"]


class ActivityForm(forms.ModelForm):
    areas = AreaMultipleChoiceField(
        queryset=Area.objects.engagement_levels().order_by("path"),
        help_text="Hold Ctrl (Cmd on a Mac) to choose more than one.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    audiences = RecordMultipleChoiceField(
        queryset=Audience.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The communities this activity is for. Leave empty for everyone.",
    )
    partners = RecordMultipleChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Partner organisations",
        help_text="Partners can see this activity unless it is OFFICIAL-SENSITIVE.",
    )
    method = RecordChoiceField(queryset=Method.objects.filter(is_active=True))
    checklist_scope = forms.ChoiceField(
        choices=[("", "Decide from the method"), *ChecklistScope.choices],
        required=False,
        label="Which checklist points apply",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Activity
        fields = SCALAR_FIELDS + RELATION_FIELDS
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "response_opens": DATE_WIDGET,
            "response_closes": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "expected_benefit": forms.Textarea(attrs={"rows": 3}),
            "short_window_reason": forms.Textarea(attrs={"rows": 3}),
            "marking": forms.RadioSelect,
            "purpose": forms.RadioSelect,
        }
        labels = {
            "starts_at": "Starts",
            "ends_at": "Ends",
            "response_opens": "Responses open",
            "response_closes": "Responses close",
            "short_window_reason": "Reason for a shorter response window",
            "budget": "Budget (£)",
            "marking": "Protective marking",
        }
        help_texts = {
            "purpose": "How much say people have: from being given information to taking decisions "
            "themselves.",
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user.organisation_id:
            partners = cast(forms.ModelMultipleChoiceField, self.fields["partners"])
            partners.queryset = Organisation.objects.filter(is_active=True).exclude(pk=user.organisation_id)
        if self.instance.pk:
            scope = cast(forms.ChoiceField, self.fields["checklist_scope"])
            scope.choices = ChecklistScope.choices
            scope.required = True

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in SCALAR_FIELDS}
        data["checklist_scope"] = data["checklist_scope"] or None
        for name in ("consultation_kind", "short_window_reason"):
            data[name] = data[name] or ""
        return data

    def relation_kwargs(self) -> dict[str, Any]:
        return {name: list(self.cleaned_data[name]) for name in RELATION_FIELDS}

    def apply_service_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError on the fields it names."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class AimForm(forms.Form):
    text = forms.CharField(label="Aim", max_length=500, required=False)
    linked_to = forms.CharField(
        label="Linked issue or plan",
        max_length=300,
        required=False,
        help_text="For example the local policing plan, a drugs strategy or a neighbourhood priority.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("text") and not data.get("linked_to"):
            self.add_error("linked_to", "Say which issue or plan this aim is linked to.")
        if data.get("linked_to") and not data.get("text"):
            self.add_error("text", "Enter the aim.")
        return data


class BaseAimFormSet(forms.BaseFormSet):
    def aim_inputs(self) -> list[AimInput]:
        return [
            AimInput(text=f.cleaned_data["text"], linked_to=f.cleaned_data["linked_to"])
            for f in self.forms
            if f.cleaned_data.get("text")
        ]

    def clean(self) -> None:
        if any(self.errors):
            return
        if not any(f.cleaned_data.get("text") for f in self.forms):
            raise ValidationError("Give at least one aim (checklist point 1: why are we doing this?).")


AimFormSet = forms.formset_factory(AimForm, formset=BaseAimFormSet, extra=3, max_num=10)


def aim_formset(*, data: Any = None, activity: Activity | None = None) -> Any:
    initial = [{"text": a.text, "linked_to": a.linked_to} for a in activity.aims.all()] if activity else []
    return AimFormSet(data=data, initial=initial, prefix="aims")


class ChecklistAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=Answer.choices, widget=forms.RadioSelect)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EngagementPlanForm(forms.ModelForm):
    class Meta:
        model = EngagementPlan
        fields = ["decision_route", "analysis", "sharing_back"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
