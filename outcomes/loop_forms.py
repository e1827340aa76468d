"""Forms of the feedback loop's staff pages. Choices of records (themes, answers, priorities,
findings, decisions, actions) are given by the view from the selectors, already narrowed to what
the user may see, and labelled in the user's words for them (through their TextDoor)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from consultations.models import Answer
from core.forms import FilterForm, RecordChoiceField, RecordMultipleChoiceField
from governance.models import Marking
from insight.models import Priority, Theme
from organisations.models import Organisation
from places.models import Area, AreaLevel

from .models import (
    Action,
    ActionStatus,
    Decision,
    Factor,
    FeedbackChannel,
    FeedbackState,
    Finding,
    FindingSource,
    Rag,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PUBLIC_LEVELS = (AreaLevel.FORCE, AreaLevel.DISTRICT, AreaLevel.NEIGHBOURHOOD)
MARKING_HELP = (
    "OFFICIAL-SENSITIVE records stay inside your organisation and are never shown to the public. "
    "A record is never marked lower than what it comes from: it takes their marking."
)

Choices = dict[str, tuple[QuerySet[Any], Callable[[Any], str]]]


class LabelledChoices(RecordMultipleChoiceField):
    """Checkboxes of records, each labelled by `label_for` (the reader's words for it)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.label_for: Callable[[Any], str] = str
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Model) -> str:
        return self.label_for(obj)


def _lowered(text: StrOrPromise) -> str:
    return str(text).lower()


lower = lazy(_lowered, str)  # a label in lower case inside a message, in the language shown


def _date(label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        help_text=help_text,
        error_messages={
            "required": format_lazy(gettext_lazy("Enter the date: {label}"), label=lower(label)),
            "invalid": gettext_lazy("Enter a real date"),
        },
    )


def _text(
    label: StrOrPromise, *, rows: int = 3, required: bool = True, help_text: StrOrPromise = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": format_lazy(gettext_lazy("Enter {label}"), label=lower(label))},
    )


def _line(
    label: StrOrPromise, max_length: int, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={"required": format_lazy(gettext_lazy("Enter {label}"), label=lower(label))},
    )


def _marking() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("Protective marking"),
        choices=Marking.choices,
        initial=Marking.OFFICIAL,
        widget=forms.RadioSelect,
        help_text=MARKING_HELP,
    )


CHOOSE_AN_AREA = gettext_lazy("Choose an area")


def _area(
    label: StrOrPromise, *, required: bool = True, empty: StrOrPromise = CHOOSE_AN_AREA
) -> RecordChoiceField:
    return RecordChoiceField(
        label=label,
        queryset=Area.objects.none(),
        required=required,
        empty_label=empty,
        error_messages={
            "required": gettext_lazy("Choose the area"),
            "invalid_choice": gettext_lazy("Choose an area from the list"),
        },
    )


def public_areas() -> QuerySet[Area]:
    return Area.objects.filter(level__in=PUBLIC_LEVELS).order_by("name")


def areas_of(activity: Any) -> QuerySet[Area]:
    """The activity's areas and the public areas inside them."""
    own = list(activity.areas.all())
    paths = [a.path for a in own]
    inside = [a.pk for a in public_areas() if any(a.path.startswith(p) for p in paths)]
    return Area.objects.filter(pk__in=inside + [a.pk for a in own]).order_by("name")


class ChoicesForm(forms.Form):
    """A form whose record choices the view gives (`choices`: field name -> (queryset, label)).
    Optional choice fields with nothing to choose from are left out."""

    optional_choices: tuple[str, ...] = ()

    def __init__(self, *args: Any, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (queryset, label_for) in choices.items():
            field = self.fields[name]
            field.queryset = queryset  # type: ignore[attr-defined]
            if isinstance(field, LabelledChoices):
                field.label_for = label_for
        for name in self.optional_choices:
            if name not in choices or not choices[name][0].exists():
                del self.fields[name]

    def records(self, name: str) -> list[Any]:
        return list(self.cleaned_data.get(name) or [])


class FindingForm(ChoicesForm):
    optional_choices = ("themes", "priorities", "answers")

    statement = _text(
        gettext_lazy("What people said"),
        rows=4,
        help_text=gettext_lazy(
            "In plain words, as you would tell a resident. Once a published decision considers it, the "
            "public can read it, with names, addresses and contact details taken out."
        ),
    )
    area = _area(gettext_lazy("Where it was said"))
    source = forms.ChoiceField(
        label=gettext_lazy("Where it comes from"),
        choices=FindingSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose where it comes from")},
    )
    source_note = _text(
        gettext_lazy("More about where it comes from"),
        rows=2,
        required=False,
        help_text=gettext_lazy("For reach results, say which: for example, how few young people took part."),
    )
    themes = LabelledChoices(
        label=gettext_lazy("Themes it is drawn from"), queryset=Theme.objects.none(), required=False
    )
    priorities = LabelledChoices(
        label=gettext_lazy("Neighbourhood priorities"),
        queryset=Priority.private_objects.none(),
        required=False,
    )
    answers = LabelledChoices(
        label=gettext_lazy("Answers to quote as evidence"),
        queryset=Answer.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Up to five. Only your organisation reads them as written; nobody else sees them at all "
            "unless they may see the analysis."
        ),
    )
    found_on = _date(
        gettext_lazy("When it was heard"), required=False, help_text=gettext_lazy("Leave empty for today.")
    )
    marking = _marking()


class DecisionForm(ChoicesForm):
    summary = _line(gettext_lazy("What was decided"), 300)
    detail = _text(gettext_lazy("More detail"), required=False)
    decided_by_name = _line(
        gettext_lazy("Who decided"), 200, help_text=gettext_lazy("The person, for example the chair.")
    )
    decided_by_body = _line(
        gettext_lazy("Which body"),
        200,
        help_text=gettext_lazy("For example, the Safer Trafford Partnership board. The public see this."),
    )
    decided_on = _date(gettext_lazy("When it was decided"))
    findings = LabelledChoices(
        label=gettext_lazy("Findings it considered"),
        queryset=Finding.objects.none(),
        error_messages={"required": gettext_lazy("Choose at least one finding the decision considered")},
    )
    marking = _marking()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Factor.choices:
            self.fields[f"factor_{value}"] = _text(
                str(label),
                rows=2,
                required=False,
                help_text=gettext_lazy(
                    "How it was weighed. Leave it empty if it did not come into the decision."
                ),
            )

    def factor_notes(self) -> dict[str, str]:
        return {value: self.cleaned_data.get(f"factor_{value}", "") for value in Factor.values}

    @staticmethod
    def factor_initial(decision: Decision) -> dict[str, str]:
        return {f"factor_{f.factor}": f.note for f in decision.factors.all()}


class ActionForm(forms.Form):
    title = _line(gettext_lazy("What will be done"), 300)
    owner_organisation = RecordChoiceField(
        label=gettext_lazy("Which organisation is doing it"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        empty_label="Choose an organisation",
        error_messages={
            "required": gettext_lazy("Choose the organisation"),
            "invalid_choice": gettext_lazy("Choose one from the list"),
        },
    )
    owner_name = _line(gettext_lazy("Who is doing it"), 200, help_text=gettext_lazy("A person or a team."))
    due_on = _date(gettext_lazy("Due by"))
    result = _text(
        gettext_lazy("What happened"),
        required=False,
        help_text=gettext_lazy("Once it is done: what changed."),
    )

    @staticmethod
    def initial_for(action: Action) -> dict[str, Any]:
        return {
            "title": action.title,
            "owner_organisation": action.owner_organisation_id,
            "owner_name": action.owner_name,
            "due_on": action.due_on,
            "result": action.result,
        }


class ProgressForm(forms.Form):
    text = _text(gettext_lazy("Progress"), help_text=gettext_lazy("What has happened since the last update."))


class RagForm(forms.Form):
    rag = forms.ChoiceField(
        label=gettext_lazy("RAG"),
        choices=[("", "Work it out from the status and the due date"), *Rag.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    reason = _text(
        gettext_lazy("Why"), rows=2, required=False, help_text=gettext_lazy("Needed when you set it by hand.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rag") and not (data.get("reason") or "").strip():
            self.add_error("reason", gettext_lazy("Say why the RAG is set by hand"))
        return data


class FeedbackForm(ChoicesForm):
    optional_choices = ("decisions", "actions")

    title = _line(
        gettext_lazy("Title"), 200, help_text=gettext_lazy("For example: Speeding on Manchester Road.")
    )
    statement = _text(
        gettext_lazy("What we did"),
        rows=5,
        help_text=gettext_lazy(
            "In plain words, for the public page and the e-mails to those who asked for news."
        ),
    )
    area = _area(
        gettext_lazy("Neighbourhood"), required=False, empty=gettext_lazy("All the activity's areas")
    )
    decisions = LabelledChoices(
        label=gettext_lazy("Decisions it reports"), queryset=Decision.objects.none(), required=False
    )
    actions = LabelledChoices(
        label=gettext_lazy("Actions it reports"), queryset=Action.objects.none(), required=False
    )
    marking = _marking()


class PublishForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=gettext_lazy("How it was given"),
        choices=FeedbackChannel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Website is added for you when the activity is on the public website."),
    )
    published_on = _date(
        gettext_lazy("Published on"), required=False, help_text=gettext_lazy("Leave empty for today.")
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


class LoopFilterForm(FilterForm):
    area = forms.ChoiceField(label=gettext_lazy("Area"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(a.code, a.name) for a in public_areas()]
        self.fields["area"].choices = [("", "All areas"), *choices]  # type: ignore[attr-defined]

    def area_chosen(self) -> Area | None:
        code = self.cleaned_data.get("area") if self.is_valid() else ""
        return public_areas().filter(code=code).first() if code else None


class ActionFilterForm(LoopFilterForm):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=[("", "Any status"), *ActionStatus.choices], required=False
    )
    rag = forms.ChoiceField(label=gettext_lazy("RAG"), choices=[("", "Any"), *Rag.choices], required=False)


class FeedbackFilterForm(LoopFilterForm):
    state = forms.ChoiceField(
        label=gettext_lazy("State"), choices=[("", "Any"), *FeedbackState.choices], required=False
    )
