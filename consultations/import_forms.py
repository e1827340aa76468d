"""Staff forms for importing responses from a CSV or XLSX file: the upload, then which
question each column holds. Reading and checking the file is `imports`' job."""

from collections.abc import Sequence
from typing import Any

from django import forms

from .attendance import OFFLINE_CHANNELS
from .tables import ENCODINGS


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="CSV or Excel (.xlsx), with a header row naming the columns.",
        error_messages={"required": "Choose a CSV or Excel file to upload", "empty": "The file is empty"},
    )
    channel = forms.ChoiceField(
        label="How were these responses collected?",
        choices=OFFLINE_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it came in: paper, at an event or by phone"},
    )
    encoding = forms.ChoiceField(
        label="Text encoding (CSV only)",
        choices=list(ENCODINGS.items()),
        initial="utf-8",
        widget=forms.RadioSelect,
        help_text="Try Windows if names with accents or the £ sign come out wrong.",
    )


class ImportMappingForm(forms.Form):
    """One select per column of the file: which question (or date, or equality question) it holds."""

    govuk_mark_optional = False

    def __init__(
        self,
        *args: Any,
        headers: Sequence[str],
        samples: Sequence[Sequence[str]],
        options: Sequence[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.columns = []
        for index, header in enumerate(headers):
            examples = [row[index] for row in samples if index < len(row) and row[index]][:3]
            help_text = (
                "For example: " + "; ".join(e[:60] for e in examples)
                if examples
                else "Empty in the first rows."
            )
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=f"Column {index + 1}: {header or '(no header)'}",
                choices=list(options),
                required=False,
                help_text=help_text,
            )
            self.columns.append(index)

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(f"col_{i}") or "" for i in self.columns]
