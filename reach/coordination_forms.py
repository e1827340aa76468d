"""Forms of coordination: the report's filters, a proposal's message and its answer."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy

from core.forms import FilterForm
from organisations.models import Organisation
from places.forms import AreaChoiceField
from places.models import Area

from .models import MatchKind, ProposalState


class ReportFilterForm(FilterForm):
    """Filters of the duplicates report; a pair shows when either of its activities matches."""

    area = AreaChoiceField(
        queryset=Area.objects.engagement_levels().order_by("path"),
        to_field_name="code",
        required=False,
        empty_label="Any",
        help_text=gettext_lazy("Includes the areas inside it."),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        empty_label="Any",
        label=gettext_lazy("Organisation"),
        help_text=gettext_lazy("Leading either activity."),
    )
    starts_from = forms.DateField(
        required=False,
        label=gettext_lazy("Starts on or after"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    starts_to = forms.DateField(
        required=False,
        label=gettext_lazy("Starts on or before"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    kind = forms.ChoiceField(
        choices=[("", "Both"), *MatchKind.choices], required=False, label=gettext_lazy("Show")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since: date | None = data.get("starts_from")
        until: date | None = data.get("starts_to")
        if since and until and until < since:
            self.add_error("starts_to", gettext("The end of the period must be on or after its start."))
        return data


class ProposalForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Say what you propose: one joint event, their questions in your survey, or yours in "
            "theirs. They read it with names, addresses, phone numbers and e-mail addresses taken out, "
            "and reply to your activity's named contact."
        ),
        error_messages={"required": gettext_lazy("Write a message to the other organisation.")},
    )


CHOOSE = "Choose to accept or to decline the proposal."
RELOAD = "Reload the page and answer again: it did not say what state the proposal was in."


class AnswerForm(forms.Form):
    """Accepting or declining a proposal: `seen` is the state the page showed."""

    to = forms.ChoiceField(
        choices=[(ProposalState.ACCEPTED, "Accept"), (ProposalState.DECLINED, "Decline")],
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )
    seen = forms.ChoiceField(
        choices=ProposalState.choices,
        widget=forms.HiddenInput,
        error_messages={"required": RELOAD, "invalid_choice": RELOAD},
    )
    reply = forms.CharField(
        label=gettext_lazy("Reply (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "They read it with names, addresses, phone numbers and e-mail addresses taken out."
        ),
    )
