"""Staff forms for importing responses from a CSV or XLSX file: the upload, then which
question each column holds. Reading and checking the file is `imports`' job."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from engagement.access import DEFAULT_LANGUAGE, LANGUAGE_CHOICES

from .attendance import OFFLINE_CHANNELS
from .import_limits import ENCODINGS, MAX_BYTES, MAX_COLUMNS, MAX_ROWS


class ImportUploadForm(forms.Form):
    """`refused`: why the upload did not arrive (too big, unreadable), said in place of
    "choose a file"; the other fields may have been cut off with it, so they are not asked for."""

    file = forms.FileField(
        label=gettext_lazy("Upload a file"),
        help_text=(
            f"CSV or Excel (.xlsx), with a header row naming the columns: at most "
            f"{MAX_BYTES // (1024 * 1024)} MB, {MAX_ROWS:,} rows and {MAX_COLUMNS} columns."
        ),
        error_messages={
            "required": gettext_lazy("Choose a CSV or Excel file to upload"),
            "empty": gettext_lazy("The file is empty"),
        },
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("How were these responses collected?"),
        choices=OFFLINE_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how it came in: paper, at an event or by phone")},
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language the responses were written in"),
        choices=LANGUAGE_CHOICES,
        initial=DEFAULT_LANGUAGE,
        required=False,
        help_text=gettext_lazy(
            "For every response, unless a column of the file says which language each is in."
        ),
        error_messages={"invalid_choice": gettext_lazy("Choose a language from the list")},
    )
    encoding = forms.ChoiceField(
        label=gettext_lazy("Text encoding (CSV only)"),
        choices=list(ENCODINGS.items()),
        initial="utf-8",
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Try Windows if names with accents or the £ sign come out wrong."),
    )

    def __init__(self, *args: Any, refused: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if refused:
            self.fields["file"].error_messages["required"] = refused
            self.fields["channel"].required = self.fields["encoding"].required = False
            self.fields["language"].required = False


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
                label=f"Column {index + 1}: {Truncator(header).chars(100) if header else '(no header)'}",
                choices=list(options),
                required=False,
                help_text=help_text,
            )
            self.columns.append(index)

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(f"col_{i}") or "" for i in self.columns]
