"""Staff forms for building questionnaires and filtering results, plus what the other staff
form modules share: `apply_service_error`, the offline channels and the date field. Offline
capture lives in `capture_forms`, CSV/XLSX import in `import_forms`, and the public journey in
`public_forms`. They only collect input and show errors next to the right field; the rules live
in the services and in `clean_answers`, which every channel goes through."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from core.forms import FilterForm
from engagement.access import LANGUAGE_CHOICES
from engagement.forms import DATE_WIDGET
from places.models import Area

from .models import CHOICE_KINDS, DEFAULT_PRIVACY_STATEMENT, Channel, QuestionKind, Questionnaire
from .questions import QuestionInput
from .results import LanguageCount, ResultFilters

SCALE_DEFAULT = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]


def apply_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def _date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DATE_WIDGET, help_text=help_text)


class QuestionnaireForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        help_text=gettext_lazy("People see this at the top of every page."),
        error_messages={"required": gettext_lazy("Enter a title")},
    )
    introduction = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Shown before the first question: what the consultation is about and how long it takes."
        ),
    )
    privacy_text = forms.CharField(
        label=gettext_lazy("Consent and privacy statement"),
        initial=DEFAULT_PRIVACY_STATEMENT,
        error_messages={
            "required": gettext_lazy("Enter the consent and privacy statement people see before they start")
        },
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Shown before the first question and kept with every response (its version and the time)."
        ),
    )
    equality_monitoring = forms.BooleanField(
        required=False,
        initial=True,
        label=gettext_lazy("Add the optional equality-monitoring questions"),
        help_text=gettext_lazy(
            "Census 2021 categories, each with “Prefer not to say”. Only ever reported as totals."
        ),
    )

    @classmethod
    def for_questionnaire(cls, questionnaire: Questionnaire, data: Any = None) -> "QuestionnaireForm":
        return cls(
            data,
            initial={
                "title": questionnaire.title,
                "introduction": questionnaire.introduction,
                "privacy_text": questionnaire.privacy_statement.text,
                "equality_monitoring": questionnaire.equality_monitoring,
            },
        )


def _condition_choices(earlier: Sequence[QuestionInput]) -> list[tuple[str, str]]:
    """Every option of every earlier choice question, as "position|option index"."""
    options = []
    for position, item in enumerate(earlier):
        if QuestionKind(item.kind) in CHOICE_KINDS:
            for index, label in enumerate(item.choices):
                options.append((f"{position}|{index}", f"Question {position + 1} ({item.text}) is “{label}”"))
    return options


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Question"),
        max_length=500,
        error_messages={"required": gettext_lazy("Enter the question")},
    )
    hint = forms.CharField(
        label=gettext_lazy("Hint"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Extra help shown under the question."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Type of question"),
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the type of question")},
    )
    required = forms.BooleanField(label=gettext_lazy("People must answer this question"), required=False)
    choices = forms.CharField(
        label=gettext_lazy("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "For choice, scale and ranking questions: one option per line. "
            "For a scale, leave it empty for “Strongly agree” to “Strongly disagree”."
        ),
    )
    max_length = forms.IntegerField(
        label=gettext_lazy("Longest answer allowed, in characters"),
        min_value=1,
        max_value=10000,
        initial=2000,
        help_text=gettext_lazy("For free text only."),
    )
    show_if = forms.MultipleChoiceField(
        label=gettext_lazy("Only ask this question when"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Skip logic: leave all unticked to ask everyone. Tick options of one earlier question."
        ),
    )

    def __init__(self, *args: Any, earlier: Sequence[QuestionInput], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.earlier = list(earlier)
        show_if = cast(forms.MultipleChoiceField, self.fields["show_if"])
        show_if.choices = _condition_choices(self.earlier)
        if not show_if.choices:
            show_if.help_text = (
                "Skip logic needs an earlier single choice, multiple choice, scale or ranking question."
            )

    @classmethod
    def initial_from(cls, item: QuestionInput, earlier: Sequence[QuestionInput]) -> dict[str, Any]:
        show_if = []
        if item.show_if_question is not None and item.show_if_question < len(earlier):
            labels = list(earlier[item.show_if_question].choices)
            show_if = [
                f"{item.show_if_question}|{labels.index(x)}" for x in item.show_if_choices if x in labels
            ]
        return {
            "kind": QuestionKind(item.kind).value,
            "text": item.text,
            "hint": item.hint,
            "required": item.required,
            "choices": "\n".join(item.choices),
            "max_length": item.max_length,
            "show_if": show_if,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        lines = [line.strip() for line in (data.get("choices") or "").splitlines() if line.strip()]
        if kind == QuestionKind.SCALE and not lines:
            lines = list(SCALE_DEFAULT)
        if kind in CHOICE_KINDS:
            if len(lines) < 2:
                self.add_error("choices", gettext("Give at least two options, one per line."))
            elif len({x.casefold() for x in lines}) != len(lines):
                self.add_error("choices", gettext("Give each option only once."))
            elif any(len(x) > 300 for x in lines):
                self.add_error("choices", gettext("Keep each option to 300 characters or fewer."))
        elif kind and lines:
            self.add_error(
                "choices",
                gettext("%(kind)s questions have no options: remove them.")
                % {"kind": QuestionKind(kind).label},
            )
        data["choice_list"] = lines
        picked = [tuple(int(p) for p in v.split("|")) for v in data.get("show_if") or []]
        if len({position for position, _ in picked}) > 1:
            self.add_error("show_if", gettext("Choose options of one earlier question only."))
        data["condition"] = picked
        return data

    def to_input(self) -> QuestionInput:
        data = self.cleaned_data
        picked = data["condition"]
        position = picked[0][0] if picked else None
        labels = list(self.earlier[position].choices) if position is not None else []
        kind = QuestionKind(data["kind"])
        return QuestionInput(
            kind=kind,
            text=data["text"],
            hint=data["hint"],
            required=data["required"],
            max_length=data["max_length"] if kind == QuestionKind.TEXT else 2000,
            choices=data["choice_list"],
            show_if_question=position,
            show_if_choices=[labels[i] for _, i in picked],
        )


def language_filter_choices(languages: Sequence[LanguageCount]) -> list[Any]:
    """The languages responses came in, with their counts, then every other language on the list
    (so that a link kept from before still works)."""
    given = {count.value for count in languages}
    others = [(code, label) for code, label in LANGUAGE_CHOICES if code not in given]
    answered = [(count.value, f"{count.label} ({count.count})") for count in languages]
    if not answered:
        return [("", "All languages"), *others]
    return [("", "All languages"), ("Answered in", answered), ("Other languages", others)]


class ResultsFilterForm(FilterForm):
    area = forms.ModelChoiceField(queryset=Area.objects.none(), required=False, empty_label="All areas")
    channel = forms.ChoiceField(choices=[("", "All channels"), *Channel.choices], required=False)
    language = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Language answered in"),
        error_messages={"invalid_choice": gettext_lazy("Choose a language from the list.")},
    )
    date_from = _date_field("Received from")
    date_to = _date_field("Received to")
    q = forms.CharField(label=gettext_lazy("Search the written answers"), required=False, max_length=200)

    def __init__(
        self,
        *args: Any,
        areas: Any,
        search_refused: str = "",
        languages: Sequence[LanguageCount] = (),
        **kwargs: Any,
    ) -> None:
        """`search_refused`: why this reader may not search the written answers (the search
        box is then left out, and a search asked for anyway is refused with that message).
        `languages`: how many responses came in each language, listed first with their counts."""
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["area"]).queryset = areas
        cast(forms.ChoiceField, self.fields["language"]).choices = language_filter_choices(languages)
        self.search_refused = search_refused
        if search_refused:
            del self.fields["q"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", gettext("The end date must be on or after the start date."))
        if self.search_refused and str(self.data.get("q") or "").strip():
            self.add_error(None, self.search_refused)
        return data

    def filters(self) -> ResultFilters:
        if not self.is_bound or not self.is_valid():
            return ResultFilters()
        data = self.cleaned_data
        return ResultFilters(
            area=data.get("area"),
            channel=data.get("channel") or "",
            language=data.get("language") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            search=(data.get("q") or "").strip(),
        )
