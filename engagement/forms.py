"""Forms for the activity register. Validation rules live on the model and in the services;
these forms only collect input and show errors next to the right field."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.forms.utils import ErrorDict
from django.utils.translation import gettext, gettext_lazy

from core.forms import RecordChoiceField, RecordMultipleChoiceField
from organisations.models import Organisation, User
from places.forms import AreaMultipleChoiceField
from places.models import Area, Audience

from .access import LANGUAGE_CHOICES, AccessFormat
from .checklist import ChecklistScope
from .models import Activity, Answer, EngagementPlan, Method
from .selectors import ChecklistRow, StageProgress
from .services import ACTIVITY_FIELDS, AimInput

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

SCALAR_FIELDS = list(ACTIVITY_FIELDS)
RELATION_FIELDS = ["areas", "audiences", "partners"]


class ActivityForm(forms.ModelForm):
    areas = AreaMultipleChoiceField(
        queryset=Area.objects.engagement_levels().order_by("path"),
        help_text=gettext_lazy(
            "Find areas by name or postcode and tick the ones this activity is for, "
            "or choose wards on the map."
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    audiences = RecordMultipleChoiceField(
        queryset=Audience.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The communities this activity is for. Leave empty for everyone."),
    )
    partners = RecordMultipleChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Partner organisations"),
        help_text=gettext_lazy("Partners can see this activity unless it is OFFICIAL-SENSITIVE."),
    )
    method = RecordChoiceField(queryset=Method.objects.filter(is_active=True))
    languages = forms.MultipleChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Languages"),
        help_text=gettext_lazy("The languages it is held in, or that an interpreter will be there for."),
        error_messages={"invalid_choice": gettext_lazy("Choose languages from the list.")},
    )
    access_formats = forms.MultipleChoiceField(
        choices=AccessFormat.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Formats and access"),
        help_text=gettext_lazy(
            "What is offered so that everyone can take part. Say anything else under Accessibility."
        ),
        error_messages={"invalid_choice": gettext_lazy("Choose formats from the list.")},
    )
    checklist_scope = forms.ChoiceField(
        choices=[("", "Decide from the method"), *ChecklistScope.choices],
        required=False,
        label=gettext_lazy("Which checklist points apply"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Activity
        fields = SCALAR_FIELDS + RELATION_FIELDS
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "response_opens": DATE_WIDGET,
            "response_closes": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "expected_benefit": forms.Textarea(attrs={"rows": 3}),
            "short_window_reason": forms.Textarea(attrs={"rows": 3}),
            "marking": forms.RadioSelect,
            "purpose": forms.RadioSelect,
        }
        labels = {
            "starts_at": "Starts",
            "ends_at": "Ends",
            "response_opens": "Responses open",
            "response_closes": "Responses close",
            "short_window_reason": "Reason for a shorter response window",
            "budget": "Budget (£)",
            "marking": "Protective marking",
        }
        help_texts = {
            "purpose": "How much say people have: from being given information to taking decisions "
            "themselves.",
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user.organisation_id:
            partners = cast(forms.ModelMultipleChoiceField, self.fields["partners"])
            partners.queryset = Organisation.objects.filter(is_active=True).exclude(pk=user.organisation_id)
        if self.instance.pk:
            scope = cast(forms.ChoiceField, self.fields["checklist_scope"])
            scope.choices = ChecklistScope.choices
            scope.required = True

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in SCALAR_FIELDS}
        data["checklist_scope"] = data["checklist_scope"] or None
        for name in ("consultation_kind", "short_window_reason"):
            data[name] = data[name] or ""
        return data

    def relation_kwargs(self) -> dict[str, Any]:
        return {name: list(self.cleaned_data[name]) for name in RELATION_FIELDS}

    def apply_service_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError on the fields it names."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class AimForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Aim"), max_length=500, required=False)
    linked_to = forms.CharField(
        label=gettext_lazy("Linked issue or plan"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "For example the local policing plan, a drugs strategy or a neighbourhood priority."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("text") and not data.get("linked_to"):
            self.add_error("linked_to", gettext("Say which issue or plan this aim is linked to."))
        if data.get("linked_to") and not data.get("text"):
            self.add_error("text", gettext("Enter the aim."))
        return data


class BaseAimFormSet(forms.BaseFormSet):
    def aim_inputs(self) -> list[AimInput]:
        return [
            AimInput(text=f.cleaned_data["text"], linked_to=f.cleaned_data["linked_to"])
            for f in self.forms
            if f.cleaned_data.get("text")
        ]

    def clean(self) -> None:
        if any(self.errors):
            return
        if not any(f.cleaned_data.get("text") for f in self.forms):
            raise ValidationError(
                gettext("Give at least one aim (checklist point 1: why are we doing this?).")
            )


AimFormSet = forms.formset_factory(AimForm, formset=BaseAimFormSet, extra=3, max_num=10)


def aim_formset(*, data: Any = None, activity: Activity | None = None) -> Any:
    initial = [{"text": a.text, "linked_to": a.linked_to} for a in activity.aims.all()] if activity else []
    return AimFormSet(data=data, initial=initial, prefix="aims")


def quieten(form: forms.BaseForm, formset: forms.BaseFormSet) -> None:
    """Show a sent form again without its errors: someone only searched for areas, and has not
    tried to save yet."""
    form._errors = ErrorDict()  # type: ignore[attr-defined]
    for each in formset.forms:
        each._errors = ErrorDict()
    formset._errors = [each._errors for each in formset.forms]  # type: ignore[attr-defined]
    formset._non_form_errors = formset.error_class()  # type: ignore[attr-defined]


NO_ANSWER = "Choose done, not done or not applicable."


@dataclass(frozen=True)
class PointChange:
    """A checklist point to save. `note` is None when the note was left as the page showed it,
    so the stored note is kept (a reader who sees it redacted must not overwrite it)."""

    number: int
    answer: str
    note: str | None


class NoteField(forms.CharField):
    """Browsers send a textarea's line breaks as CRLF: a note sent back as it was shown is
    unchanged."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")


class ChecklistForm(forms.Form):
    """Every checklist point that applies, in one form (`point-N-answer`, `point-N-note`).

    The whole page: a point is saved when its answer or note differs from what the page
    showed; a note without an answer is an error on its point. One point (`single`, saved in
    place): it must have an answer."""

    def __init__(self, data: Any = None, *, rows: Sequence[ChecklistRow], single: bool = False) -> None:
        super().__init__(data)
        self.rows = list(rows) if single else [row for row in rows if row.applies]
        self.single = single
        self.changes: list[PointChange] = []
        for row in self.rows:
            self.fields[self.answer_name(row.number)] = forms.ChoiceField(
                choices=Answer.choices,
                required=False,
                widget=forms.RadioSelect,
                label=f"{row.number}. {row.title}",
                initial=row.answer,
                error_messages={"invalid_choice": NO_ANSWER},
            )
            self.fields[self.note_name(row.number)] = NoteField(
                required=False,
                label=gettext("Note"),
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.note,
            )

    @staticmethod
    def answer_name(number: int) -> str:
        return f"point-{number}-answer"

    @staticmethod
    def note_name(number: int) -> str:
        return f"point-{number}-note"

    def point(self, number: int) -> "ChecklistPoint":
        row = next(row for row in self.rows if row.number == number)
        return ChecklistPoint(
            row=row, answer=self[self.answer_name(number)], note=self[self.note_name(number)]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        changed = set(self.changed_data)
        for row in self.rows:
            answer_name, note_name = self.answer_name(row.number), self.note_name(row.number)
            if answer_name in self.errors:
                continue
            touched = answer_name in changed or note_name in changed
            if not self.single and not touched:
                continue
            answer = data.get(answer_name) or row.answer
            if not answer:
                if self.single or data.get(note_name):
                    self.add_error(answer_name, NO_ANSWER)
                continue
            note = data.get(note_name, "") if note_name in changed else None
            self.changes.append(PointChange(number=row.number, answer=answer, note=note))
        return data


@dataclass(frozen=True)
class ChecklistPoint:
    """One point as the page shows it: what the checklist says, and its two fields."""

    row: ChecklistRow
    answer: BoundField
    note: BoundField

    @property
    def number(self) -> int:
        return self.row.number

    @property
    def errors(self) -> list[str]:
        return [str(error) for error in [*self.answer.errors, *self.note.errors]]

    @property
    def choices(self) -> list[tuple[str, str, bool]]:
        """(value, label, checked) for each answer."""
        current = self.answer.value() or ""
        return [(value, str(label), value == current) for value, label in Answer.choices]


@dataclass(frozen=True)
class ChecklistStage:
    progress: StageProgress
    points: list[ChecklistPoint]


def checklist_stages(form: ChecklistForm, progress: Sequence[StageProgress]) -> list[ChecklistStage]:
    """The form's points under the stage each belongs to."""
    return [ChecklistStage(stage, [form.point(row.number) for row in stage.rows]) for stage in progress]


def checklist_point_data(data: Any, number: int) -> Any:
    """A point's fields from a request: `point-N-answer`/`point-N-note` as the page sends them,
    or plain `answer`/`note` (as scripts and older pages do)."""
    if ChecklistForm.answer_name(number) in data or ChecklistForm.note_name(number) in data:
        return data
    return {
        ChecklistForm.answer_name(number): data.get("answer", ""),
        ChecklistForm.note_name(number): data.get("note", ""),
    }


class EngagementPlanForm(forms.ModelForm):
    class Meta:
        model = EngagementPlan
        fields = ["decision_route", "analysis", "sharing_back"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
