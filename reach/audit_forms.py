"""Forms of the audit and dashboard pages. They collect input and put errors beside the right
field; what a file must hold and who may do what live in the services and selectors."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy

from consultations.import_limits import ENCODINGS, MAX_BYTES, MAX_COLUMNS, MAX_ROWS
from core.forms import FilterForm
from engagement.forms import DATE_WIDGET
from organisations.models import Partnership
from places.models import Area

from .audit_rows import Mapping, Wordings
from .audit_taxonomy import LEAVE_OUT, Option, Taxonomy, norm

CHOOSE = ("", "Choose")
EVERY = "every"  # the report's "every organisation"


class AuditUploadForm(forms.Form):
    partnership = forms.ChoiceField(
        label=gettext_lazy("For which partnership"),
        help_text=gettext_lazy("Each activity is led by the member organisation its row names."),
        error_messages={
            "required": gettext_lazy("Choose the partnership the list is for"),
            "invalid_choice": gettext_lazy("Choose one of your partnerships"),
        },
    )
    file = forms.FileField(
        label=gettext_lazy("Upload the list"),
        help_text=(
            f"The template filled in, as CSV or Excel (.xlsx): at most {MAX_BYTES // (1024 * 1024)} MB, "
            f"{MAX_ROWS:,} rows and {MAX_COLUMNS} columns."
        ),
        error_messages={
            "required": gettext_lazy("Choose a CSV or Excel file to upload"),
            "empty": gettext_lazy("The file is empty"),
        },
    )
    encoding = forms.ChoiceField(
        label=gettext_lazy("Text encoding (CSV only)"),
        choices=list(ENCODINGS.items()),
        initial="utf-8",
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Try Windows if names with accents or the £ sign come out wrong."),
    )

    def __init__(
        self, *args: Any, partnerships: Sequence[Partnership], refused: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["partnership"])
        field.choices = [("", "Choose a partnership")] + [(str(p.pk), p.name) for p in partnerships]
        if len(partnerships) == 1:
            self.initial.setdefault("partnership", str(partnerships[0].pk))
        if refused:
            self.fields["file"].error_messages["required"] = refused
            self.fields["encoding"].required = False


def _hint(wording: str, chosen: str, options: Sequence[Option]) -> str:
    if not chosen:
        return "No close match: choose one."
    name = next((o.name for o in options if o.key == chosen), "")
    return (
        "Heard's own name for it." if norm(name) == norm(wording) else "Suggested from the wording: check it."
    )


class AuditMappingForm(forms.Form):
    """One choice per wording of the file: which organisation, method or audience it is."""

    govuk_mark_optional = False

    def __init__(
        self, *args: Any, wordings: Wordings, suggested: Mapping, taxonomy: Taxonomy, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.keys: dict[str, tuple[str, str]] = {}  # field name -> (kind, normalised wording)
        kinds: tuple[tuple[str, str, str, list[Option], list[tuple[str, str]]], ...] = (
            ("organisations", "org", "Which organisation is", taxonomy.organisation_options(), []),
            ("methods", "method", "Which method is", taxonomy.method_options(), []),
            (
                "audiences",
                "audience",
                "Which audience is",
                taxonomy.audience_options(),
                [(LEAVE_OUT, "Leave it out: none of these")],
            ),
        )
        for kind, prefix, question, options, extra in kinds:
            found: dict[str, str] = getattr(wordings, kind)
            chosen: dict[str, str] = getattr(suggested, kind)
            for index, (key, wording) in enumerate(found.items()):
                name = f"{prefix}_{index}"
                self.fields[name] = forms.ChoiceField(
                    label=f"{question} “{Truncator(wording).chars(80)}”?",
                    choices=[CHOOSE, *[(o.key, o.name) for o in options], *extra],
                    required=True,
                    help_text=_hint(wording, chosen.get(key, ""), options),
                    error_messages={"required": f"Say what “{Truncator(wording).chars(60)}” is"},
                )
                self.initial.setdefault(name, chosen.get(key, ""))
                self.keys[name] = (kind, key)

    def fields_of(self, kind: str) -> list[Any]:
        return [self[name] for name, (k, _) in self.keys.items() if k == kind]

    def mapping(self) -> dict[str, dict[str, str]]:
        """The choices, by kind and normalised wording (as audit_imports.mapping_from takes them)."""
        chosen: dict[str, dict[str, str]] = {"organisations": {}, "methods": {}, "audiences": {}}
        for name, (kind, key) in self.keys.items():
            chosen[kind][key] = self.cleaned_data.get(name) or ""
        return chosen


class AuditReportForm(FilterForm):
    partnership = forms.ChoiceField(label=gettext_lazy("Partnership"), required=False)
    area = forms.ChoiceField(
        label=gettext_lazy("Area"),
        required=False,
        help_text=gettext_lazy("Leave it to use the partnership's area."),
    )
    since = forms.DateField(label=gettext_lazy("From"), required=False, widget=DATE_WIDGET)
    until = forms.DateField(label=gettext_lazy("To"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, partnerships: Sequence[Partnership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["partnership"]).choices = [
            *[(str(p.pk), p.name) for p in partnerships],
            (EVERY, "Every organisation's activities"),
        ]
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", "The partnership's area")] + [
            (a.code, a.tree_label) for a in Area.objects.engagement_levels().order_by("path")
        ]
        self.partnerships = {str(p.pk): p for p in partnerships}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", gettext("The end of the period must be on or after its start."))
        return data

    def chosen_partnership(self) -> Partnership | None:
        value = self.cleaned_data.get("partnership") if self.is_bound else None
        if value in (None, "") and self.partnerships:
            return next(iter(self.partnerships.values()))
        return self.partnerships.get(str(value))


class DashboardAreaForm(FilterForm):
    area = forms.ChoiceField(label=gettext_lazy("Show the area"))

    def __init__(self, *args: Any, areas: Sequence[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [(a.code, a.name) for a in areas]
