"""Forms of the public website. All are GET forms: they work without JavaScript and need no
session or CSRF token. They render as GOV.UK markup through Heard's form renderer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm
from engagement.access import LANGUAGES, AccessFormat
from engagement.models import Method
from engagement.reference_names import reference_name
from places.models import Area, Audience

from . import selectors

WHEN_CHOICES = [("upcoming", _("Upcoming")), ("past", _("Past"))]


class PostcodeForm(forms.Form):
    postcode = forms.CharField(
        label=_("Postcode"),
        help_text=_("For example, M32 0TH"),
        max_length=16,
        error_messages={
            "required": _("Enter a postcode"),
            "max_length": _("Enter a real postcode, like M32 0TH"),
            "null_characters_not_allowed": _("Enter a real postcode, like M32 0TH"),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "postal-code",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )

    area: Area | None = None

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        postcode, area = selectors.area_for_postcode(value)
        if postcode is None:
            raise forms.ValidationError(gettext("Enter a real postcode, like M32 0TH"))
        if area is None:
            raise forms.ValidationError(
                gettext(
                    "We could not find a neighbourhood for %(postcode)s. Check the postcode, or "
                    "choose your neighbourhood from the list"
                )
                % {"postcode": postcode}
            )
        self.area = area
        return postcode


def _neighbourhood_choices() -> list[Any]:
    choices: list[Any] = [("", gettext("Choose a neighbourhood"))]
    for group in selectors.neighbourhoods_by_district():
        label = group.district.name if group.district else gettext("Other neighbourhoods")
        choices.append((label, [(w.code, w.name) for w in group.wards]))
    return choices


class NeighbourhoodForm(forms.Form):
    area = forms.ChoiceField(
        label=_("Neighbourhood"),
        help_text=_("Neighbourhoods are council wards, listed by council area."),
        error_messages={
            "required": _("Choose your neighbourhood"),
            "invalid_choice": _("Choose a neighbourhood from the list"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = _neighbourhood_choices()


def _area_filter_choices() -> list[Any]:
    """Anywhere, then each district ("All of Trafford") with its neighbourhoods."""
    choices: list[Any] = [("", gettext("Anywhere"))]
    wards = {g.district.pk if g.district else None: g.wards for g in selectors.neighbourhoods_by_district()}
    for district in selectors.districts():
        options = [(district.code, gettext("All of %(area)s") % {"area": district.name})]
        options += [(w.code, w.name) for w in wards.get(district.pk, [])]
        choices.append((district.name, options))
    if wards.get(None):
        choices.append((gettext("Other neighbourhoods"), [(w.code, w.name) for w in wards[None]]))
    return choices


class CalendarFilterForm(FilterForm):
    """The calendar's filters. A value that is not one of the choices is an error shown on the
    page (the other filters still apply), never a server error."""

    area = forms.ChoiceField(
        label=_("Area"),
        required=False,
        help_text=_("Includes the neighbourhoods inside it."),
        error_messages={"invalid_choice": _("Choose an area from the list")},
    )
    audience = forms.ChoiceField(
        label=_("Who it is for"),
        required=False,
        error_messages={"invalid_choice": _("Choose who the events are for from the list")},
    )
    method = forms.ChoiceField(
        label=_("Type of event"),
        required=False,
        error_messages={"invalid_choice": _("Choose a type of event from the list")},
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_("Held in it, or with an interpreter."),
        error_messages={"invalid_choice": _("Choose a language from the list")},
    )
    access_format = forms.ChoiceField(
        label=_("Formats and access"),
        required=False,
        choices=[("", _("Any")), *AccessFormat.choices],
        error_messages={"invalid_choice": _("Choose a format from the list")},
    )
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=WHEN_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose upcoming or past events")},
    )

    def __init__(self, *args: Any, month_view: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("area", _area_filter_choices())
        self._set_choices("audience", [("", gettext("Anyone")), *_named(selectors.active_audiences())])
        self._set_choices("method", [("", gettext("Any type")), *_named(selectors.active_methods())])
        # Each language by its name in the page's language and its own ("Wrdw (اردو)").
        self._set_choices(
            "language", [("", gettext("Any language"))] + [(x.code, x.local_label) for x in LANGUAGES]
        )
        if month_view:
            del self.fields["when"]

    def _set_choices(self, name: str, choices: list[Any]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = choices

    def value(self, name: str) -> str:
        """The field's cleaned value, or "" when it was not given or not valid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return str(self.cleaned_data.get(name) or "")

    @property
    def active(self) -> bool:
        """Whether any filter other than `when` is in use."""
        return any(self.value(n) for n in ("area", "audience", "method", "language", "access_format"))


def _named(rows: Iterable[Audience | Method]) -> list[tuple[str, str]]:
    """Seeded methods and audiences by their names in the page's language, in that language's order."""
    return sorted(
        ((row.slug, str(reference_name(row.name))) for row in rows), key=lambda choice: choice[1].casefold()
    )
