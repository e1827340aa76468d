"""Forms for the policing-code pages: a code of the codeframe, and a correction of an answer's
codes."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from .codeframes import CodeInput
from .coding_models import POLICE_UK_CATEGORIES


class CodeForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter the code's name")},
    )
    description = forms.CharField(
        label=gettext_lazy("What it covers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": gettext_lazy("Say what the code covers")},
    )
    examples = forms.CharField(
        label=gettext_lazy("Example answers"),
        help_text=gettext_lazy("One a line: a few things residents say that should get this code."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=6000,
        error_messages={"required": gettext_lazy("Give at least one example answer")},
    )
    keywords = forms.CharField(
        label=gettext_lazy("Words that settle it (optional)"),
        help_text=gettext_lazy(
            "Separated by commas: words or phrases that, said in an answer, nearly always mean this "
            "code (for example: nitrous oxide, laughing gas). Leave it empty to go by meaning alone."
        ),
        max_length=1000,
        required=False,
    )
    police_uk = forms.MultipleChoiceField(
        label=gettext_lazy("police.uk crime categories it maps onto"),
        help_text=gettext_lazy("Leave them all unticked for a code that is not about a kind of crime."),
        choices=list(POLICE_UK_CATEGORIES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @classmethod
    def for_code(cls, code: dict[str, Any], data: Any = None) -> "CodeForm":
        initial = {
            "label": code["label"],
            "description": code["description"],
            "examples": "\n".join(code["examples"]),
            "keywords": ", ".join(code.get("keywords", [])),
            "police_uk": code.get("police_uk", []),
        }
        return cls(data, initial=initial)

    def as_input(self) -> CodeInput:
        data = self.cleaned_data
        return CodeInput(
            label=data["label"],
            description=data["description"],
            examples=[line.strip() for line in data["examples"].splitlines() if line.strip()],
            police_uk=list(data["police_uk"]),
            keywords=tuple(word.strip() for word in data["keywords"].split(",") if word.strip()),
            keywords_given=True,  # an emptied box takes them all away
        )
