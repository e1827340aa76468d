"""Forms of the reports' pages: asking for an annual report, choosing the evidence pack's period,
area and comparison, and the board's year and area. Areas are offered by their names and
given back as ONS codes; target profiles only those the user may use."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from core.forms import FilterForm
from organisations.models import User
from places.models import Area

from .reports_selectors import area_choices, target_choices, year_choices

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _areas(empty: str) -> list[tuple[str, str]]:
    return [("", empty), *[(a.code, a.tree_label) for a in area_choices()]]


def _years() -> list[tuple[str, str]]:
    return [(str(y), str(y)) for y in year_choices()]


def _area_field(**kwargs: Any) -> forms.ChoiceField:
    """Its choices are set when a form is made (the areas are read then, not at import)."""
    return forms.ChoiceField(label=gettext_lazy("Area"), required=False, **kwargs)


class ReportsForm(forms.Form):
    """Fills in the choices of areas and years from the database each time a form is made."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "area" in self.fields:
            self.fields["area"].choices = _areas("Every area")  # type: ignore[attr-defined]
        if "year" in self.fields:
            self.fields["year"].choices = _years()  # type: ignore[attr-defined]


class AnnualReportForm(ReportsForm):
    year = forms.TypedChoiceField(
        label=gettext_lazy("Year"),
        coerce=int,
        error_messages={"required": gettext_lazy("Choose the year of the report")},
    )
    area = _area_field(
        help_text=gettext_lazy("With every area inside it. Leave it for every area your records cover.")
    )

    def chosen_area(self) -> Area | None:
        code = self.cleaned_data.get("area") or ""
        return Area.objects.filter(code=code).first() if code else None


class BoardForm(ReportsForm, FilterForm):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False)
    area = _area_field()

    def chosen(self) -> tuple[int | None, Area | None]:
        if not self.is_bound or not self.is_valid():
            return None, None
        code = self.cleaned_data.get("area") or ""
        return self.cleaned_data.get("year") or None, Area.objects.filter(code=code).first() if code else None


class EvidencePackForm(ReportsForm, FilterForm):
    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": gettext_lazy("Enter a real date")},
    )
    end = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": gettext_lazy("Enter a real date")},
        help_text=gettext_lazy("Leave the dates for the twelve months up to today."),
    )
    area = _area_field()
    target = forms.ChoiceField(label=gettext_lazy("Compare victims of crime with"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        profiles = [(str(t.pk), t.name) for t in target_choices(user=user)]
        self.fields["target"].choices = [  # type: ignore[attr-defined]
            ("", "Your profile of victims of crime, if you have one"),
            *profiles,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("end", gettext_lazy("The end of the period must be on or after its start"))
        return data

    def query_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound else {}
        return {
            "start": data.get("start"),
            "end": data.get("end"),
            "area": data.get("area") or "",
            "target": data.get("target") or None,
        }
