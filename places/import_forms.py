"""The upload form of a reference-data import (GOV.UK file upload pattern): what the file holds,
the file, and for boundaries the level of areas it creates. The checks are the service's
(import_jobs.py), so the page and the API refuse the same files with the same words."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from .import_jobs import MAX_BYTES
from .models import AreaLevel, ReferenceKind


class ReferenceImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What does the file hold?"),
        choices=ReferenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose what the file holds: a Census table, boundaries or postcodes")
        },
    )
    file = forms.FileField(
        label=gettext_lazy("Upload a file"),
        help_text=f"At most {MAX_BYTES // (1024 * 1024)} MB. Census tables and postcode lookups are CSV files; "
        "boundaries are GeoJSON in WGS84 longitude and latitude.",
        error_messages={
            "required": gettext_lazy("Choose a file to upload"),
            "empty": gettext_lazy("The file is empty"),
        },
    )
    level = forms.ChoiceField(
        label=gettext_lazy("Level of new areas (boundaries only)"),
        choices=[("", "Tell from each area's code"), *AreaLevel.choices],
        required=False,
        help_text=gettext_lazy(
            "Only needed when the file names areas Heard does not have yet and their codes do not say their level."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,.geojson,.json"
