"""Forms of the reach pages. They only collect input and put errors next to the right field;
the rules (what may be seen, what a file must hold) live in the selectors and services."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from core.forms import FilterForm
from engagement.forms import DATE_WIDGET
from organisations.models import User

from .selectors_reach import area_choices, audience_choices, target_choices

CENSUS = ""


def apply_error(form: forms.Form, error: ValidationError) -> None:
    """Show a selector's or service's ValidationError on the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def _target_field(user: User) -> forms.ChoiceField:
    choices = [(CENSUS, "The people who live there (Census 2021)")]
    choices += [(str(t.pk), f"{t.name} ({t.organisation.name})") for t in target_choices(user=user)]
    return forms.ChoiceField(
        label=gettext("Compare with"),
        choices=choices,
        required=False,
        help_text=gettext("Or a target profile, for a population the Census does not count."),
    )


class ReachForm(FilterForm):
    area = forms.ChoiceField(
        label=gettext_lazy("Area"), required=False, help_text=gettext_lazy("With every area inside it.")
    )
    audience = forms.ChoiceField(label=gettext_lazy("Activities aimed at"), required=False)
    since = forms.DateField(label=gettext_lazy("Held from"), required=False, widget=DATE_WIDGET)
    until = forms.DateField(label=gettext_lazy("Held to"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", "Choose an area")] + [
            (a.code, a.tree_label) for a in area_choices()
        ]
        cast(forms.ChoiceField, self.fields["audience"]).choices = [("", "Any audience")] + [
            (a.slug, a.name) for a in audience_choices()
        ]
        self.fields["target"] = _target_field(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", gettext("The end of the period must be on or after its start."))
        if not data.get("area") and not data.get("audience") and not self.errors:
            self.add_error("area", gettext("Choose an area, or an audience."))
        return data

    def query_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "area": data.get("area") or None,
            "audience": data.get("audience") or None,
            "since": data.get("since"),
            "until": data.get("until"),
            "target": data.get("target") or None,
        }


class TargetForm(FilterForm):
    """Which population an activity's or a questionnaire's reach is compared with."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"] = _target_field(user)


class NeighbourhoodForm(FilterForm):
    area = forms.ChoiceField(label=gettext_lazy("Neighbourhood"))

    def __init__(self, *args: Any, neighbourhoods: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", "Choose a neighbourhood")] + [
            (a.code, a.name) for a in neighbourhoods
        ]


class MapForm(FilterForm):
    area = forms.ChoiceField(label=gettext_lazy("Area"), help_text=gettext_lazy("Its wards are drawn."))
    show = forms.ChoiceField(
        label=gettext_lazy("Shade the wards by"),
        choices=[("coverage", "Engagement activities"), ("representation", "Groups under-represented")],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [
            (a.code, a.tree_label) for a in area_choices().exclude(level="neighbourhood")
        ]


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"))

    def file_bytes(self) -> bytes:
        upload = self.cleaned_data["file"]
        return b"".join(upload.chunks())


class ParticipantsForm(UploadForm):
    area = forms.ChoiceField(
        label=gettext_lazy("Area"),
        required=False,
        help_text=gettext_lazy("Leave empty to use the areas in the file."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", "The areas in the file")] + [
            (a.code, a.tree_label) for a in area_choices()
        ]
        self.fields["target"] = _target_field(user)
        self.order_fields(["file", "area", "target"])


class TargetImportForm(UploadForm):
    name = forms.CharField(
        max_length=200, help_text=gettext_lazy("For example “Victims of crime in Trafford, 2025”.")
    )
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Who the population is."),
    )
    source = forms.CharField(
        max_length=300, required=False, help_text=gettext_lazy("Where the figures come from.")
    )
    is_shared = forms.BooleanField(
        label=gettext_lazy("Let partner organisations use it"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Organisations in a partnership with yours can compare against it."),
    )

    field_order = ["name", "description", "source", "file", "is_shared"]
