"""Forms of the retention review and of subject requests (GOV.UK markup through
core.forms.GovukFormRenderer, the site's form renderer)."""

from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy

from core.shortcuts import parse_id

from .retention_models import RetentionAction
from .subject_models import IdentifierKind, RequestKind


class DecisionForm(forms.Form):
    """A decision about the selected records of one type (one record or many)."""

    ids = forms.MultipleChoiceField(
        label=gettext_lazy("Records"), widget=forms.CheckboxSelectMultiple, choices=(), required=False
    )
    every = forms.BooleanField(label=gettext_lazy("All the records shown"), required=False)
    action = forms.ChoiceField(
        label=gettext_lazy("What to do with the selected records"), widget=forms.RadioSelect, choices=()
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Needed to keep them: for example an open complaint, or a review still under way."
        ),
    )
    review_on = forms.DateField(
        label=gettext_lazy("Review again by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Needed to keep them."),
    )

    def __init__(self, *args: Any, ids: list[int], can_anonymise: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(str(i), str(i)) for i in ids]  # type: ignore[attr-defined]
        self.fields["action"].choices = [  # type: ignore[attr-defined]
            (value, label)
            for value, label in RetentionAction.choices
            if can_anonymise or value != RetentionAction.ANONYMISE
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("every"):
            chosen = [value for value, _ in self.fields["ids"].choices]  # type: ignore[attr-defined]
        else:
            chosen = cleaned.get("ids") or []
        cleaned["ids"] = [n for n in (parse_id(v) for v in chosen) if n is not None]
        if not cleaned["ids"] and "ids" not in self.errors:
            self.add_error(
                "ids", gettext("Select the records to decide about, or tick all the records shown.")
            )
        return cleaned


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What did they ask for?"), widget=forms.RadioSelect, choices=RequestKind.choices
    )
    identifier_kind = forms.ChoiceField(
        label=gettext_lazy("How can we find their records?"),
        widget=forms.RadioSelect,
        choices=IdentifierKind.choices,
    )
    identifier = forms.CharField(
        label=gettext_lazy("Their e-mail address or receipt code"),
        max_length=254,
        help_text=gettext_lazy(
            "Receipt codes look like K633-FX4E-FU3S. Heard finds responses by e-mail address only "
            "where the person asked for updates."
        ),
    )
    received_on = forms.DateField(
        label=gettext_lazy("Date the request was received"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The reply is due one calendar month later."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example how they asked and how they proved who they are. Do not write what they told us."
        ),
    )
