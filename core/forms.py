"""Render any Django form as GOV.UK Design System markup.

Use it for the whole site with the setting::

    FORM_RENDERER = "core.forms.GovukFormRenderer"

or for one form with ``default_renderer = GovukFormRenderer`` on the form class. Then
``{{ form }}`` renders every field as the right GOV.UK component and
``{{ form.title.as_field_group }}`` renders one field; ``{{ form.title }}`` alone is
still just the widget (Django's rule), now with the GOV.UK classes.

Ids follow Django's own convention, so Django's automatic ``aria-describedby`` and the
GOV.UK markup agree: the hint is ``<id>_helptext`` and the error message ``<id>_error``.
Required fields are not marked; optional ones get " (optional)" after their label, as
GOV.UK does. A widget's own ``class`` attribute is kept, so width modifiers work:
``forms.TextInput(attrs={"class": "govuk-input--width-10"})``.
"""

from __future__ import annotations

import copy
from functools import cached_property
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.forms.utils import flatatt
from django.forms.widgets import Input
from django.template import TemplateDoesNotExist
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from .shortcuts import parse_id

# GOV.UK shows checkboxes in the small variant once there are more than this many.
SMALL_CHECKBOXES_AFTER = 8
# The label of Django's blank choice (django.db.models.fields.BLANK_CHOICE_DASH).
BLANK_DASH = "---------"
# A multiple select shows at most this many rows before it scrolls.
MULTIPLE_SELECT_MAX_ROWS = 10

# HTML's date and time inputs only take ISO values, whatever the locale.
_ISO_FORMATS = {"date": "%Y-%m-%d", "datetime-local": "%Y-%m-%dT%H:%M", "time": "%H:%M"}
# A sensible width for inputs whose content has a known length, unless the widget says.
_DEFAULT_WIDTHS = {
    "date": "govuk-input--width-10",
    "datetime-local": "govuk-input--width-20",
    "time": "govuk-input--width-10",
    "number": "govuk-input--width-10",
}


def _classes(*parts: str | None) -> str:
    seen: list[str] = []
    for part in parts:
        for name in (part or "").split():
            if name not in seen:
                seen.append(name)
    return " ".join(seen)


# Which GOV.UK component each kind of widget becomes. Order matters: subclasses before their
# parents, since the first match wins.
_WIDGET_KINDS: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.SelectMultiple, "select_multiple"),
    (forms.Select, "select"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Textarea, "textarea"),
    (forms.PasswordInput, "password"),
    (forms.ClearableFileInput, "clearable_file"),
    (forms.FileInput, "file"),
    (forms.MultiWidget, "other"),
    (Input, "input"),
)


def widget_kind(widget: forms.Widget) -> str:
    """Which GOV.UK component a Django widget becomes."""
    if widget.is_hidden:
        return "hidden"
    return next((kind for cls, kind in _WIDGET_KINDS if isinstance(widget, cls)), "other")


class GovukBoundField(BoundField):
    """A BoundField that knows its GOV.UK markup. Everything Django's BoundField does is
    unchanged; the ``govuk_*`` attributes are what the ``govuk/`` templates use."""

    @cached_property
    def govuk_kind(self) -> str:
        return widget_kind(self.field.widget)

    @property
    def govuk_optional(self) -> bool:
        """True when the label should say "(optional)". A lone checkbox never does, nor a label
        that already says so (forms that word it themselves)."""
        if not getattr(self.form, "govuk_mark_optional", True):
            return False
        label = str(self.label)
        if "(optional)" in label or gettext("(optional)") in label:
            return False
        return not self.field.required and self.govuk_kind not in {"checkbox", "hidden"}

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}_helptext" if self.auto_id else ""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error" if self.auto_id else ""

    @property
    def character_count_id(self) -> str:
        return f"{self.auto_id}-info" if self.auto_id else ""

    @cached_property
    def govuk_max_length(self) -> int | None:
        """The maximum length of a textarea, which gets GOV.UK's character count."""
        if self.govuk_kind != "textarea":
            return None
        max_length = getattr(self.field, "max_length", None)
        if max_length is None:
            max_length = self.field.widget.attrs.get("maxlength")
        return int(max_length) if max_length else None

    @property
    def govuk_describedby(self) -> str:
        """aria-describedby for the input (or the fieldset): the widget's own ids first,
        then the character count message, the hint and the error message."""
        ids = (self.field.widget.attrs.get("aria-describedby") or "").split()
        if self.govuk_max_length and self.auto_id:
            ids.append(self.character_count_id)
        if self.help_text and self.hint_id:
            ids.append(self.hint_id)
        if self.errors and self.error_id:
            ids.append(self.error_id)
        return " ".join(dict.fromkeys(ids))

    @property
    def govuk_anchor_id(self) -> str:
        """The id an error summary links to: the input, or the first option of radios
        and checkboxes (as GOV.UK does)."""
        if self.govuk_kind in {"radios", "checkboxes"}:
            items = self.govuk_items
            return items[0]["id"] if items else self.auto_id
        return self.id_for_label or self.auto_id

    @property
    def govuk_group_classes(self) -> str:
        classes = ["govuk-form-group"]
        if self.errors:
            classes.append("govuk-form-group--error")
        if self.govuk_kind == "password":
            classes.append("govuk-password-input")
        if self.govuk_max_length:
            classes.append("govuk-character-count")
        return " ".join(classes)

    @property
    def govuk_small(self) -> bool:
        """Checkboxes and radios use the small variant once the list is long."""
        return len(self.subwidgets) > SMALL_CHECKBOXES_AFTER

    def _control_classes(self) -> tuple[str, str]:
        """(base class, error class) of the control for this field's kind."""
        kind = self.govuk_kind
        if kind == "textarea":
            base = "govuk-textarea" + (" govuk-js-character-count" if self.govuk_max_length else "")
            return base, "govuk-textarea--error"
        if kind in {"select", "select_multiple"}:
            return "govuk-select", "govuk-select--error"
        if kind in {"file", "clearable_file"}:
            return "govuk-file-upload", "govuk-file-upload--error"
        if kind == "checkbox":
            return "govuk-checkboxes__input", ""
        if kind == "password":
            return (
                "govuk-input govuk-password-input__input govuk-js-password-input-input",
                "govuk-input--error",
            )
        return "govuk-input", "govuk-input--error"

    def govuk_widget(self) -> SafeString:
        """The control itself, with GOV.UK classes and aria-describedby."""
        widget = self.field.widget
        kind = self.govuk_kind
        if kind == "hidden":
            return self.as_widget()
        base, error = self._control_classes()
        own = widget.attrs.get("class", "")
        input_type = getattr(widget, "input_type", None)
        width = ""
        if kind == "input" and "govuk-input--width" not in own and "govuk-!-width" not in own:
            width = _DEFAULT_WIDTHS.get(input_type or "", "")
        attrs: dict[str, Any] = {"class": _classes(base, width, own, error if self.errors else "")}
        if kind in {"input", "password"} and input_type in {"email", "url", "password"}:
            attrs.setdefault("spellcheck", "false")
        if kind == "password":
            attrs["autocapitalize"] = "none"
        if kind == "select_multiple" and "size" not in widget.attrs:
            attrs["size"] = max(2, min(len(self.subwidgets), MULTIPLE_SELECT_MAX_ROWS))
        if describedby := self.govuk_describedby:
            attrs["aria-describedby"] = describedby
        render_widget = None
        if input_type in _ISO_FORMATS and getattr(widget, "format", "") is None:
            render_widget = copy.copy(widget)
            render_widget.format = _ISO_FORMATS[input_type]
        if kind == "clearable_file":
            render_widget = copy.copy(render_widget or widget)
            render_widget.template_name = "govuk/widgets/clearable_file_input.html"
        return self.as_widget(widget=render_widget, attrs=attrs)

    @cached_property
    def govuk_items(self) -> list[dict[str, Any]]:
        """The options of radios or checkboxes, each with its rendered <input>."""
        prefix = "govuk-radios" if self.govuk_kind == "radios" else "govuk-checkboxes"
        items = []
        for subwidget in self.subwidgets:
            data = subwidget.data
            if prefix == "govuk-radios" and data["value"] in ("", None) and data["label"] == BLANK_DASH:
                # Django's "---------" blank choice: as a radio it means nothing; leaving
                # every radio unselected says the same.
                continue
            attrs = {
                k: v
                for k, v in data["attrs"].items()
                if k not in {"aria-describedby", "aria-invalid", "class"} and v is not False
            }
            input_attrs = {
                "class": _classes(f"{prefix}__input", data["attrs"].get("class")),
                "type": data.get("type") or ("radio" if prefix == "govuk-radios" else "checkbox"),
                "name": data["name"],
                "value": "" if data["value"] is None else str(data["value"]),
                **attrs,
            }
            if data.get("selected"):
                input_attrs["checked"] = True
            items.append(
                {
                    "id": attrs.get("id", ""),
                    "label": data["label"],
                    "input": format_html("<input{}>", flatatt(input_attrs)),
                    "selected": bool(data.get("selected")),
                }
            )
        return items


def as_govuk(field: BoundField) -> GovukBoundField:
    """The GOV.UK-aware version of any bound field."""
    if isinstance(field, GovukBoundField):
        return field
    return GovukBoundField(field.form, field.field, field.name)


class GovukFormRenderer(TemplatesSetting):
    """Renders forms and fields with the templates in core/templates/govuk/.

    Django's own widget templates are found even when "django.forms" is not in
    INSTALLED_APPS: whatever the project's template engines lack comes from Django's
    built-in form templates.
    """

    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"
    bound_field_class = GovukBoundField

    _builtin = DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._builtin.get_template(template_name)

    def render(self, template_name: str, context: Any, request: Any = None) -> str:
        if template_name == SELECT_TEMPLATE and isinstance(context, dict):
            fast = render_select(context["widget"])
            if fast is not None:
                return fast
        # A form may bring its own bound_field_class; the GOV.UK field template still
        # needs the govuk_* attributes.
        field = context.get("field") if isinstance(context, dict) else None
        if isinstance(field, BoundField) and not isinstance(field, GovukBoundField):
            context = {**context, "field": as_govuk(field)}
        return super().render(template_name, context, request=request)


SELECT_TEMPLATE = "django/forms/widgets/select.html"
SELECT_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs_html(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html, in Python."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget: dict[str, Any]) -> SafeString | None:
    """Django's select.html and select_option.html, in Python, with byte-for-byte the same
    output (tested): through the template engine, a pick-list of a few dozen neighbourhoods
    took most of the time of the page it was on. None when an option has a template of its own."""
    parts = [format_html('<select name="{}"', widget["name"]), _attrs_html(widget["attrs"]), ">"]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION_TEMPLATE:
                return None
            parts.append(
                format_html('\n  <option value="{}"', str(option["value"]))
                + _attrs_html(option["attrs"])
                + format_html(">{}</option>\n", option["label"])
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return SafeString("".join(parts))


class GovukFormMixin:
    """Render this form with GOV.UK markup whatever FORM_RENDERER says."""

    default_renderer = GovukFormRenderer


class FilterForm(forms.Form):
    """Base form for list filters: every field is optional, so none is labelled "(optional)"."""

    govuk_mark_optional = False


class RecordChoiceField(forms.ModelChoiceField):
    """A choice of one record by id. A value that cannot be an id (not a whole number, or too
    large for the database) is "not one of the choices", a form error, never a database error."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not self.to_field_name and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class RecordMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several records by id, with the same care as `RecordChoiceField`."""

    def _check_values(self, value: Any) -> Any:
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        if not self.to_field_name:
            for item in values:
                if parse_id(item) is None:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super()._check_values(value)  # type: ignore[misc]
