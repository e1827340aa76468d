"""The activity register's filters, shared by the staff list, its exports and the API."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from core.forms import FilterForm
from organisations.models import Organisation
from places.forms import AreaChoiceField
from places.models import Area, Audience

from .access import LANGUAGE_CHOICES, AccessFormat
from .models import Activity, Level, Method, Purpose, Status


class AreaFilter(django_filters.ModelChoiceFilter):
    field_class = AreaChoiceField


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=gettext_lazy("Search"))
    area = AreaFilter(
        queryset=Area.objects.engagement_levels().order_by("path"),
        method="filter_area",
        label=gettext_lazy("Area"),
        help_text=gettext_lazy("Includes the areas inside it."),
        empty_label="Any",
        to_field_name="code",
    )
    audience = django_filters.ModelChoiceFilter(
        queryset=Audience.objects.filter(is_active=True),
        to_field_name="slug",
        field_name="audiences",
        label=gettext_lazy("Audience"),
        empty_label="Any",
    )
    method = django_filters.ModelChoiceFilter(
        queryset=Method.objects.filter(is_active=True), to_field_name="slug", empty_label="Any"
    )
    purpose = django_filters.ChoiceFilter(choices=Purpose.choices, empty_label="Any")
    level = django_filters.ChoiceFilter(choices=Level.choices, empty_label="Any")
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any")
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(is_active=True),
        method="filter_organisation",
        to_field_name="slug",
        label=gettext_lazy("Organisation"),
        help_text=gettext_lazy("Leading or taking part."),
        empty_label="Any",
    )
    language = django_filters.ChoiceFilter(
        choices=LANGUAGE_CHOICES,
        method="filter_offering",
        label=gettext_lazy("In language"),
        help_text=gettext_lazy("Held in it or with an interpreter."),
        empty_label="Any",
    )
    access_format = django_filters.ChoiceFilter(
        choices=AccessFormat.choices,
        method="filter_offering",
        label=gettext_lazy("With format"),
        empty_label="Any",
    )
    starts_from = django_filters.DateFilter(
        field_name="starts_at",
        lookup_expr="date__gte",
        label=gettext_lazy("Starts on or after"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    starts_to = django_filters.DateFilter(
        field_name="starts_at",
        lookup_expr="date__lte",
        label=gettext_lazy("Starts on or before"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Activity
        fields: list[str] = []
        form = FilterForm

    def filter_search(self, queryset: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(venue__icontains=word)
                | Q(contact_name__icontains=word)
            )
        return queryset

    def filter_offering(self, queryset: Any, name: str, value: str) -> QuerySet[Activity]:
        return queryset.offering(**{name: value})

    def filter_area(self, queryset: Any, name: str, value: Area) -> QuerySet[Activity]:
        return queryset.in_area(value)

    def filter_organisation(
        self, queryset: QuerySet[Activity], name: str, value: Organisation
    ) -> QuerySet[Activity]:
        partner_of = Activity.partners.through.objects.filter(organisation=value).values("activity_id")
        return queryset.filter(Q(lead_organisation=value) | Q(pk__in=partner_of))
