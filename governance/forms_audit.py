"""The audit log's filters: one GET form for the page, its export and the API."""

from datetime import date
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from core.forms import FilterForm

from .audit_kinds import kind_label
from .models import AuditAction, AuditEventQuerySet

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FILTER_FIELDS = ("person", "object_type", "object_id", "action", "since", "until")


class AuditFilterForm(FilterForm):
    person = forms.CharField(
        label=gettext_lazy("Person"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("Their username, or part of their name."),
    )
    object_type = forms.ChoiceField(label=gettext_lazy("Kind of record"), required=False)
    object_id = forms.CharField(
        label=gettext_lazy("Record number"),
        required=False,
        max_length=64,
        help_text=gettext_lazy("The number in the address of the record's page."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    action = forms.ChoiceField(
        label=gettext_lazy("What they did"), required=False, choices=[("", "Anything"), *AuditAction.choices]
    )
    since = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=DATE_WIDGET,
        help_text=gettext_lazy("For example, 2026-11-01."),
    )
    until = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=DATE_WIDGET,
        help_text=gettext_lazy("For example, 2026-11-30."),
    )

    def __init__(self, *args: Any, object_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = sorted(((t, kind_label(t)) for t in object_types), key=lambda choice: choice[1])
        cast(forms.ChoiceField, self.fields["object_type"]).choices = [("", "Any"), *choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if isinstance(since, date) and isinstance(until, date) and since > until:
            self.add_error("until", gettext("The 'to' date must be the same as or after the 'from' date."))
        return data

    def apply(self, events: AuditEventQuerySet) -> AuditEventQuerySet:
        """`events` narrowed by the valid filters."""
        data = self.cleaned_data
        for word in (data.get("person") or "").split():
            events = events.filter(
                Q(actor_label__icontains=word)
                | Q(actor__first_name__icontains=word)
                | Q(actor__last_name__icontains=word)
            )
        if data.get("object_type"):
            events = events.filter(object_type=data["object_type"])
        if data.get("object_id"):
            events = events.filter(object_id=data["object_id"].strip())
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("since"):
            events = events.filter(at__date__gte=data["since"])
        if data.get("until"):
            events = events.filter(at__date__lte=data["until"])
        return events

    def used(self) -> dict[str, str]:
        """The filters in force, as the export's audit entry notes them."""
        return {name: str(self.cleaned_data[name]) for name in FILTER_FIELDS if self.cleaned_data.get(name)}
