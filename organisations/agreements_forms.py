"""Forms of the data-sharing agreement pages. The rules (parties, dates, scopes, signatories)
live in the models and organisations/agreements.py; these collect input and put the services'
errors by the right field."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from core.forms import RecordChoiceField

from .agreements import Signatory
from .models import DataSharingAgreement, Organisation, SharingScope

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceErrors:
    """Put a service's ValidationError on the form's fields."""

    def apply_service_error(self, error: ValidationError) -> None:
        form: Any = self
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, error.messages)


class AgreementForm(ServiceErrors, forms.Form):
    title = forms.CharField(
        max_length=200, help_text=gettext_lazy("For example “Safer Trafford engagement register”.")
    )
    owner = RecordChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        label=gettext_lazy("Organisation sharing its records"),
    )
    recipient = RecordChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        label=gettext_lazy("Organisation receiving them"),
    )
    scopes = forms.MultipleChoiceField(
        choices=SharingScope.choices,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("What it shares"),
        help_text=gettext_lazy(
            "Only OFFICIAL records are ever shared: OFFICIAL-SENSITIVE ones stay with their organisation."
        ),
    )
    starts = forms.DateField(label=gettext_lazy("Starts on"), widget=DATE_WIDGET)
    ends = forms.DateField(
        label=gettext_lazy("Ends on"),
        widget=DATE_WIDGET,
        required=False,
        help_text=gettext_lazy("Leave empty if open-ended."),
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, agreement: DataSharingAgreement | None = None, **kwargs: Any) -> None:
        if agreement is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": agreement.title,
                    "owner": agreement.owner_id,
                    "recipient": agreement.recipient_id,
                    "scopes": list(agreement.scopes.values_list("scope", flat=True)),
                    "starts": agreement.starts,
                    "ends": agreement.ends,
                    "notes": agreement.notes,
                },
            )
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class EndForm(ServiceErrors, forms.Form):
    ends = forms.DateField(
        label=gettext_lazy("Last day of sharing"),
        widget=DATE_WIDGET,
        help_text=gettext_lazy("Usually today."),
    )


class SignatoryForm(ServiceErrors, forms.Form):
    name = forms.CharField(max_length=200)
    role = forms.CharField(max_length=200, label=gettext_lazy("Role or position"))
    organisation = RecordChoiceField(queryset=Organisation.objects.none(), label=gettext_lazy("Signing for"))
    signed_on = forms.DateField(label=gettext_lazy("Date signed"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, agreement: DataSharingAgreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[agreement.owner_id, agreement.recipient_id])

    def signatory(self) -> Signatory:
        data = self.cleaned_data
        return Signatory(
            name=data["name"],
            role=data["role"],
            organisation=data["organisation"],
            signed_on=data["signed_on"],
        )
