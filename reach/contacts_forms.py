"""Forms and filters of the community contacts register and the coverage page. Validation rules
live on the model and in the services; these collect input and show errors by the right field."""

from datetime import date, timedelta
from typing import Any, cast

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from core.forms import FilterForm, RecordChoiceField, RecordMultipleChoiceField
from engagement.filters import AreaFilter
from engagement.models import Activity, Method, Purpose
from organisations.models import Organisation, User
from places.forms import AreaChoiceField, AreaMultipleChoiceField
from places.models import Area, AreaLevel, Audience

from .contacts_services import CONTACT_FIELDS
from .models import CommunityContact, ContactKind

# The activities offered as "where you met them": those of the last two years and to come.
MET_AT_DAYS = 730
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=gettext_lazy("Search by name"))
    kind = django_filters.ChoiceFilter(
        choices=ContactKind.choices, empty_label="Any", label=gettext_lazy("Group or individual")
    )
    area = AreaFilter(
        queryset=Area.objects.engagement_levels().order_by("path"),
        method="filter_area",
        label=gettext_lazy("Area they reach"),
        help_text=gettext_lazy("Includes the areas inside it."),
        empty_label="Any",
        to_field_name="code",
    )
    audience = django_filters.ModelChoiceFilter(
        queryset=Audience.objects.filter(is_active=True),
        to_field_name="slug",
        field_name="audiences",
        label=gettext_lazy("Audience they reach"),
        empty_label="Any",
    )
    due = django_filters.BooleanFilter(
        method="filter_due",
        label=gettext_lazy("Only those due for a consent review"),
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = CommunityContact
        fields: list[str] = []
        form = FilterForm

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        for word in value.split():
            queryset = queryset.filter(Q(name__icontains=word) | Q(role__icontains=word))
        return queryset

    def filter_area(self, queryset: Any, name: str, value: Area) -> QuerySet[Any]:
        return queryset.reaching(area=value)

    def filter_due(self, queryset: Any, name: str, value: bool | None) -> QuerySet[Any]:
        return queryset.due_for_review() if value else queryset


class ContactForm(forms.ModelForm):
    areas = AreaMultipleChoiceField(
        queryset=Area.objects.engagement_levels().order_by("path"),
        label=gettext_lazy("Areas they reach"),
        help_text=gettext_lazy("Hold Ctrl (Cmd on a Mac) to choose more than one."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    audiences = RecordMultipleChoiceField(
        queryset=Audience.objects.filter(is_active=True),
        required=False,
        label=gettext_lazy("Audiences they reach"),
        widget=forms.CheckboxSelectMultiple,
    )
    met_at = RecordChoiceField(
        queryset=Activity.private_objects.none(),
        required=False,
        label=gettext_lazy("Activity where you met them"),
        empty_label="None",
    )

    class Meta:
        model = CommunityContact
        fields = [*CONTACT_FIELDS, "areas", "audiences", "met_at"]
        widgets = {
            "kind": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "consent_details": forms.Textarea(attrs={"rows": 3}),
            "consent_given_on": DATE_WIDGET,
            "review_on": DATE_WIDGET,
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        met_at = cast(forms.ModelChoiceField, self.fields["met_at"])
        recent = timezone.now() - timedelta(days=MET_AT_DAYS)
        met_at.queryset = Activity.private_objects.visible_to(user).filter(
            Q(starts_at__gte=recent) | Q(pk=self.instance.met_at_id or 0)
        )
        if not self.instance.pk:
            self.fields["review_on"].required = False
            self.fields["review_on"].help_text = "Leave empty to ask again in a year."
            self.initial.setdefault("consent_given_on", timezone.localdate())

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in CONTACT_FIELDS}
        data["areas"] = list(self.cleaned_data["areas"])
        data["audiences"] = list(self.cleaned_data["audiences"])
        data["met_at"] = self.cleaned_data["met_at"]
        return data

    def apply_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class RenewForm(forms.Form):
    review_on = forms.DateField(
        label=gettext_lazy("Review consent again by"),
        widget=DATE_WIDGET,
        help_text=gettext_lazy("Usually a year from today."),
    )
    consent_to_share = forms.BooleanField(
        label=gettext_lazy("They agree to be passed on to partner organisations"), required=False
    )

    def clean_review_on(self) -> date:
        value: date = self.cleaned_data["review_on"]
        if value <= timezone.localdate():
            raise ValidationError(gettext("The new review date must be in the future."))
        return value


REMOVE_REASONS = [
    ("consent withdrawn", "They no longer agree to be contacted"),
    ("consent lapsed", "We could not reach them to renew their consent"),
    ("no longer active", "The group has closed or the person has moved on"),
]


class RemoveForm(forms.Form):
    reason = forms.ChoiceField(
        choices=REMOVE_REASONS,
        widget=forms.RadioSelect,
        label=gettext_lazy("Why are you removing this contact?"),
    )


LEVEL_CHOICES = [
    (AreaLevel.NEIGHBOURHOOD.value, "Neighbourhoods (wards)"),
    (AreaLevel.DISTRICT.value, "Districts"),
]


class CoverageForm(FilterForm):
    """The coverage page's filters (also the API's, through the same selector)."""

    level = forms.ChoiceField(choices=LEVEL_CHOICES, required=False, label=gettext_lazy("Show areas as"))
    within = AreaChoiceField(
        queryset=Area.objects.engagement_levels().order_by("path"),
        to_field_name="code",
        required=False,
        label=gettext_lazy("Only areas in"),
        empty_label="Everywhere",
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        label=gettext_lazy("Organisation"),
        help_text=gettext_lazy("Leading or taking part."),
        empty_label="Any",
    )
    method = forms.ModelChoiceField(
        queryset=Method.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        empty_label="Any",
    )
    purpose = forms.ChoiceField(choices=[("", "Any"), *Purpose.choices], required=False)
    starts = forms.DateField(label=gettext_lazy("From"), required=False, widget=DATE_WIDGET)
    ends = forms.DateField(label=gettext_lazy("To"), required=False, widget=DATE_WIDGET)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", gettext("The end of the period must be after its start."))
        elif starts and ends and (ends.year - starts.year) * 12 + ends.month - starts.month >= 36:
            self.add_error("ends", gettext("Choose a period of three years or less."))
        return data
