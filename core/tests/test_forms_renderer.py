"""core.forms.GovukFormRenderer and Heard's GOV.UK templates.

The HTML is parsed (html.parser) and checked element by element: classes, labels, hints,
error ids and the aria-describedby links between them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django import forms
from django.contrib.messages.storage.base import Message
from django.core.paginator import Paginator
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe

from core.forms import SELECT_TEMPLATE, GovukBoundField, GovukFormMixin, GovukFormRenderer, render_select

RENDERER = "core.forms.GovukFormRenderer"
VOID = {"input", "br", "img", "meta", "link", "hr", "source", "area", "col", "embed", "wbr"}


# --- a tiny DOM ---------------------------------------------------------------------------


@dataclass
class El:
    tag: str
    attrs: dict[str, str | None]
    parent: El | None = None
    children: list[El | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.raw_text for c in self.children)

    @property
    def text(self) -> str:
        return " ".join(self.raw_text.split())

    def iter(self):
        for child in self.children:
            if isinstance(child, El):
                yield child
                yield from child.iter()

    def find_all(self, selector: str) -> list[El]:
        """`tag`, `.class`, `#id`, `tag.class` or `[attr=value]` (one step, no nesting)."""
        return [el for el in self.iter() if _matches(el, selector)]

    def find(self, selector: str) -> El:
        found = self.find_all(selector)
        assert found, f"nothing matches {selector!r}"
        return found[0]

    def by_id(self, element_id: str) -> El:
        found = [el for el in self.iter() if el.attrs.get("id") == element_id]
        assert len(found) == 1, f"expected one element with id {element_id!r}, found {len(found)}"
        return found[0]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def _matches(el: El, selector: str) -> bool:
    if selector.startswith("[") and selector.endswith("]"):
        name, _, value = selector[1:-1].partition("=")
        return name in el.attrs and (not value or el.attrs[name] == value)
    if selector.startswith("#"):
        return el.attrs.get("id") == selector[1:]
    tag, *classes = selector.split(".")
    return (not tag or el.tag == tag) and all(c in el.classes for c in classes)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = El("#root", {})
        self.node = self.root

    def handle_starttag(self, tag, attrs):
        el = El(tag, dict(attrs), parent=self.node)
        self.node.children.append(el)
        if tag not in VOID:
            self.node = el

    def handle_startendtag(self, tag, attrs):
        self.node.children.append(El(tag, dict(attrs), parent=self.node))

    def handle_endtag(self, tag):
        node = self.node
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"stray </{tag}>"
        self.node = node.parent or self.root

    def handle_data(self, data):
        self.node.children.append(data)


def parse(html: str) -> El:
    builder = _Builder()
    builder.feed(str(html))
    builder.close()
    return builder.root


@pytest.fixture(autouse=True)
def govuk_renderer(settings):
    """Every test renders with the GOV.UK renderer (a form picks its renderer when it is
    made, so the setting must be in place before the form is)."""
    settings.FORM_RENDERER = RENDERER


def render(form: forms.BaseForm) -> El:
    assert isinstance(form.renderer, GovukFormRenderer)
    return parse(form.render())


def field_html(form: forms.BaseForm, name: str) -> El:
    assert isinstance(form.renderer, GovukFormRenderer)
    return parse(form[name].as_field_group())


def describedby(el: El) -> list[str]:
    return (el.attrs.get("aria-describedby") or "").split()


# --- forms ------------------------------------------------------------------------------

CHOICES = [("red", "Red"), ("green", "Green"), ("blue", "Blue")]
MANY = [(f"o{i}", f"Option {i}") for i in range(9)]


class Everything(forms.Form):
    name = forms.CharField(help_text="Your full name")
    nickname = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"class": "govuk-input--width-10"})
    )
    email = forms.EmailField()
    count = forms.IntegerField()
    website = forms.URLField(required=False, assume_scheme="https")
    notes = forms.CharField(widget=forms.Textarea, required=False)
    summary = forms.CharField(widget=forms.Textarea, max_length=200, help_text="Keep it short")
    colour = forms.ChoiceField(choices=[("", "Choose a colour"), *CHOICES])
    colours = forms.MultipleChoiceField(choices=CHOICES, required=False)
    few = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple, help_text="Tick all that apply"
    )
    many = forms.MultipleChoiceField(choices=MANY, widget=forms.CheckboxSelectMultiple, required=False)
    size = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, help_text="Pick one")
    agree = forms.BooleanField(required=False, label="I agree", help_text="You can change your mind")
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    secret = forms.CharField(widget=forms.PasswordInput)
    upload = forms.FileField(widget=forms.FileInput, required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def bound_with_errors() -> Everything:
    form = Everything(data={"size": "nope", "email": "not-an-email", "token": "x"})
    assert not form.is_valid()
    return form


# --- text-like inputs ---------------------------------------------------------------------


def test_text_input_has_label_hint_and_govuk_classes():
    doc = field_html(Everything(), "name")
    group = doc.find("div.govuk-form-group")
    assert "govuk-form-group--error" not in group.classes
    label = group.find("label")
    assert label.classes == {"govuk-label"}
    assert label.attrs["for"] == "id_name"
    assert label.text == "Name"  # required: no asterisk, no "(optional)"
    hint = doc.by_id("id_name_helptext")
    assert "govuk-hint" in hint.classes and hint.text == "Your full name"
    control = doc.by_id("id_name")
    assert control.tag == "input" and control.attrs["type"] == "text"
    assert control.classes == {"govuk-input"}
    assert describedby(control) == ["id_name_helptext"]
    assert not doc.find_all(".govuk-error-message")


def test_text_input_with_error_links_error_message():
    doc = field_html(bound_with_errors(), "name")
    group = doc.find("div.govuk-form-group")
    assert "govuk-form-group--error" in group.classes
    error = doc.by_id("id_name_error")
    assert error.tag == "p" and "govuk-error-message" in error.classes
    hidden = error.find("span.govuk-visually-hidden")
    assert hidden.text == "Error:"
    assert "This field is required." in error.text
    control = doc.by_id("id_name")
    assert {"govuk-input", "govuk-input--error"} <= control.classes
    assert describedby(control) == ["id_name_helptext", "id_name_error"]
    # GOV.UK order: label, hint, error message, input.
    order = [el.attrs.get("id") or el.tag for el in group.iter()]
    assert order.index("label") < order.index("id_name_helptext") < order.index("id_name_error")
    assert order.index("id_name_error") < order.index("id_name")


def test_optional_fields_say_so_and_keep_width_class():
    doc = field_html(Everything(), "nickname")
    assert doc.find("label").text == "Nickname (optional)"
    control = doc.by_id("id_nickname")
    assert control.classes == {"govuk-input", "govuk-input--width-10"}
    assert "aria-describedby" not in control.attrs


def test_email_number_and_url_inputs():
    form = Everything()
    email = field_html(form, "email").by_id("id_email")
    assert email.attrs["type"] == "email" and "govuk-input" in email.classes
    assert email.attrs["spellcheck"] == "false"
    number = field_html(form, "count").by_id("id_count")
    assert number.attrs["type"] == "number"
    assert number.classes == {"govuk-input", "govuk-input--width-10"}
    url = field_html(form, "website").by_id("id_website")
    assert url.attrs["type"] == "url" and "govuk-input" in url.classes


def test_error_on_email_input_marks_input_and_group():
    doc = field_html(bound_with_errors(), "email")
    assert "govuk-form-group--error" in doc.find("div.govuk-form-group").classes
    assert "govuk-input--error" in doc.by_id("id_email").classes
    assert "Enter a valid email address." in doc.by_id("id_email_error").text


# --- textarea, selects --------------------------------------------------------------------


def test_textarea():
    doc = field_html(Everything(), "notes")
    area = doc.by_id("id_notes")
    assert area.tag == "textarea" and area.classes == {"govuk-textarea"}
    assert doc.find("label").text == "Notes (optional)"
    assert not doc.find_all("[data-module=govuk-character-count]")


def test_textarea_with_max_length_gets_character_count():
    doc = field_html(bound_with_errors(), "summary")
    group = doc.find("div.govuk-form-group")
    assert {"govuk-character-count", "govuk-form-group--error"} <= group.classes
    assert group.attrs["data-module"] == "govuk-character-count"
    assert group.attrs["data-maxlength"] == "200"
    area = doc.by_id("id_summary")
    assert {"govuk-textarea", "govuk-js-character-count", "govuk-textarea--error"} <= area.classes
    info = doc.by_id("id_summary-info")
    assert "govuk-character-count__message" in info.classes
    assert "200 characters" in info.text
    assert describedby(area) == ["id_summary-info", "id_summary_helptext", "id_summary_error"]


def test_select():
    doc = field_html(bound_with_errors(), "colour")
    select = doc.by_id("id_colour")
    assert select.tag == "select"
    assert select.classes == {"govuk-select", "govuk-select--error"}
    assert [o.text for o in select.find_all("option")] == ["Choose a colour", "Red", "Green", "Blue"]
    assert describedby(select) == ["id_colour_error"]


def test_select_multiple_is_sized():
    doc = field_html(Everything(), "colours")
    select = doc.by_id("id_colours")
    assert "multiple" in select.attrs
    assert select.attrs["size"] == "3"
    assert select.classes == {"govuk-select"}
    assert doc.find("label").text == "Colours (optional)"


# --- checkboxes and radios ----------------------------------------------------------------


def test_checkboxes_use_a_fieldset_and_legend():
    doc = field_html(bound_with_errors(), "few")
    fieldset = doc.find("fieldset.govuk-fieldset")
    legend = fieldset.find("legend")
    assert "govuk-fieldset__legend" in legend.classes and legend.text == "Few"
    assert not doc.find_all("[for=id_few]")
    assert describedby(fieldset) == ["id_few_helptext", "id_few_error"]
    doc.by_id("id_few_helptext")
    doc.by_id("id_few_error")
    boxes = fieldset.find("div.govuk-checkboxes")
    assert "govuk-checkboxes--small" not in boxes.classes  # only three options
    assert boxes.attrs["data-module"] == "govuk-checkboxes"
    items = boxes.find_all("div.govuk-checkboxes__item")
    assert len(items) == 3
    for item, (value, text) in zip(items, CHOICES, strict=True):
        box = item.find("input")
        assert box.classes == {"govuk-checkboxes__input"}
        assert box.attrs["type"] == "checkbox" and box.attrs["name"] == "few"
        assert box.attrs["value"] == value
        label = item.find("label")
        assert label.classes == {"govuk-label", "govuk-checkboxes__label"}
        assert label.attrs["for"] == box.attrs["id"] and label.text == text
    # The inputs are described by the fieldset, not one by one.
    assert all("aria-describedby" not in el.attrs for el in fieldset.find_all("input"))


def test_long_checkbox_lists_are_small_and_optional():
    doc = field_html(Everything(), "many")
    assert "govuk-checkboxes--small" in doc.find("div.govuk-checkboxes").classes
    assert doc.find("legend").text == "Many (optional)"
    assert len(doc.find_all("input.govuk-checkboxes__input")) == len(MANY)


def test_checked_checkboxes_stay_checked():
    form = Everything(data={"few": ["green", "blue"]})
    form.is_valid()
    doc = field_html(form, "few")
    checked = [el.attrs["value"] for el in doc.find_all("input") if "checked" in el.attrs]
    assert checked == ["green", "blue"]


def test_radios():
    form = Everything(data={"size": "green"})
    form.is_valid()
    doc = field_html(form, "size")
    fieldset = doc.find("fieldset")
    assert fieldset.find("legend").text == "Size"
    radios = fieldset.find("div.govuk-radios")
    assert radios.attrs["data-module"] == "govuk-radios"
    inputs = radios.find_all("input.govuk-radios__input")
    assert [i.attrs["type"] for i in inputs] == ["radio"] * 3
    assert [i.attrs["value"] for i in inputs if "checked" in i.attrs] == ["green"]
    labels = radios.find_all("label.govuk-radios__label")
    assert [lab.attrs["for"] for lab in labels] == [i.attrs["id"] for i in inputs]
    assert describedby(fieldset) == ["id_size_helptext"]


def test_radios_leave_out_the_blank_dash_choice():
    class Pick(forms.Form):
        size = forms.ChoiceField(choices=[("", "---------"), *CHOICES], widget=forms.RadioSelect)
        other = forms.ChoiceField(
            choices=[("", "None of these"), *CHOICES], widget=forms.RadioSelect, required=False
        )

    doc = render(Pick())
    assert [i.attrs["value"] for i in doc.find("fieldset").find_all("input")] == ["red", "green", "blue"]
    labels = [lab.text for lab in doc.find_all("fieldset")[1].find_all("label")]
    assert labels == ["None of these", "Red", "Green", "Blue"]


def test_radio_error():
    doc = field_html(bound_with_errors(), "size")
    assert "govuk-form-group--error" in doc.find("div.govuk-form-group").classes
    assert describedby(doc.find("fieldset")) == ["id_size_helptext", "id_size_error"]
    assert "Select a valid choice" in doc.by_id("id_size_error").text


def test_single_checkbox():
    doc = field_html(Everything(), "agree")
    assert not doc.find_all("fieldset")
    item = doc.find("div.govuk-checkboxes").find("div.govuk-checkboxes__item")
    box = item.find("input")
    assert box.attrs["type"] == "checkbox" and box.classes == {"govuk-checkboxes__input"}
    label = item.find("label")
    assert label.classes == {"govuk-label", "govuk-checkboxes__label"}
    assert label.attrs["for"] == "id_agree"
    assert label.text == "I agree"  # a lone checkbox is never "(optional)"
    hint = doc.by_id("id_agree_helptext")
    assert {"govuk-hint", "govuk-checkboxes__hint"} <= hint.classes
    assert describedby(box) == ["id_agree_helptext"]


# --- dates, passwords, files, hidden ------------------------------------------------------


def test_date_and_datetime_inputs_use_iso_values_whatever_the_locale():
    form = Everything(
        initial={"day": datetime.date(2025, 3, 4), "starts": datetime.datetime(2025, 3, 4, 18, 30)}
    )
    with translation.override("en-gb"):
        day = field_html(form, "day").by_id("id_day")
        starts = field_html(form, "starts").by_id("id_starts")
    assert day.attrs["type"] == "date" and day.attrs["value"] == "2025-03-04"
    assert day.classes == {"govuk-input", "govuk-input--width-10"}
    assert starts.attrs["type"] == "datetime-local" and starts.attrs["value"] == "2025-03-04T18:30"
    assert starts.classes == {"govuk-input", "govuk-input--width-20"}


def test_iso_date_values_are_accepted_back():
    form = Everything(data={"day": "2025-03-04", "starts": "2025-03-04T18:30"})
    form.is_valid()
    assert form.cleaned_data["day"] == datetime.date(2025, 3, 4)
    assert form.cleaned_data["starts"].replace(tzinfo=None) == datetime.datetime(2025, 3, 4, 18, 30)


def test_password_input_uses_the_password_component():
    doc = field_html(bound_with_errors(), "secret")
    group = doc.find("div.govuk-form-group")
    assert {"govuk-password-input", "govuk-form-group--error"} <= group.classes
    assert group.attrs["data-module"] == "govuk-password-input"
    control = doc.by_id("id_secret")
    assert control.attrs["type"] == "password"
    assert {"govuk-input", "govuk-password-input__input", "govuk-js-password-input-input"} <= control.classes
    assert "govuk-input--error" in control.classes
    assert control.attrs["spellcheck"] == "false"
    toggle = group.find("button.govuk-password-input__toggle")
    assert toggle.attrs["aria-controls"] == "id_secret" and toggle.attrs["type"] == "button"
    assert "hidden" in toggle.attrs  # shown by JavaScript only
    assert describedby(control) == ["id_secret_error"]


def test_file_input():
    doc = field_html(Everything(), "upload")
    control = doc.by_id("id_upload")
    assert control.attrs["type"] == "file" and control.classes == {"govuk-file-upload"}
    assert doc.find("label").text == "Upload (optional)"


def test_clearable_file_input_with_a_current_file():
    class Attach(forms.Form):
        document = forms.FileField(required=False)

    class Stored:
        url = "/media/plan.pdf"

        def __str__(self):
            return "plan.pdf"

    doc = field_html(Attach(initial={"document": Stored()}), "document")
    link = doc.find("a.govuk-link")
    assert link.attrs["href"] == "/media/plan.pdf" and link.text == "plan.pdf"
    clear = doc.find("input.govuk-checkboxes__input")
    assert clear.attrs["name"] == "document-clear"
    assert doc.find("label.govuk-checkboxes__label").attrs["for"] == clear.attrs["id"]
    assert doc.by_id("id_document").classes == {"govuk-file-upload"}


def test_hidden_input_has_no_wrapper():
    doc = field_html(Everything(initial={"token": "abc"}), "token")
    elements = list(doc.iter())
    assert len(elements) == 1
    assert elements[0].tag == "input" and elements[0].attrs["type"] == "hidden"
    assert elements[0].attrs["value"] == "abc"


# --- whole forms --------------------------------------------------------------------------


class WithNonFieldError(forms.Form):
    title = forms.CharField()
    ref = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("These dates overlap another activity.")


def test_form_renders_every_field_once_and_non_field_errors_first():
    doc = render(bound_with_errors())
    ids = [el.attrs.get("id") for el in doc.iter() if el.tag in {"input", "select", "textarea"}]
    for name in ("name", "email", "colour", "summary", "day", "secret", "token"):
        assert ids.count(f"id_{name}") == 1, name
    # Every aria-describedby points at something that exists.
    for el in doc.iter():
        for ref in describedby(el):
            doc.by_id(ref)
    assert not doc.find_all("#non-field-errors")

    doc = render(WithNonFieldError(data={"title": "x"}))
    first = next(doc.iter())
    assert "govuk-form-group--error" in first.classes
    message = first.find("p.govuk-error-message")
    assert "These dates overlap another activity." in message.text
    assert "(Hidden field ref) This field is required." in message.text


def test_django_renderer_is_untouched(settings):
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    html = str(Everything().render())
    assert "govuk-form-group" not in html and 'class="govuk-input"' not in html and "<input" in html


def test_form_mixin_uses_the_renderer_without_the_setting(settings):
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"

    class Mixed(GovukFormMixin, forms.Form):
        title = forms.CharField()

    form = Mixed()
    assert isinstance(form.renderer, GovukFormRenderer)
    assert isinstance(form["title"], GovukBoundField)
    assert parse(form.render()).by_id("id_title").classes == {"govuk-input"}


def test_custom_bound_field_class_still_gets_govuk_markup():
    class Plain(BoundField):
        pass

    class Custom(forms.Form):
        bound_field_class = Plain
        title = forms.CharField(help_text="A title")

    form = Custom()
    assert isinstance(form["title"], Plain)
    doc = render(form)
    assert doc.by_id("id_title").classes == {"govuk-input"}
    assert doc.by_id("id_title_helptext").text == "A title"


# --- error summary, pagination, tags ------------------------------------------------------


def test_error_summary_links_each_error_to_its_field():
    form = bound_with_errors()
    doc = parse(render_to_string("includes/error_summary.html", {"form": form}))
    summary = doc.find("div.govuk-error-summary")
    assert summary.attrs["data-module"] == "govuk-error-summary"
    assert summary.find("[role=alert]").find("h2").text == "There is a problem"
    links = [(a.text, a.attrs["href"]) for a in summary.find_all("a")]
    assert ("Enter a valid email address.", "#id_email") in links
    # Radios and checkboxes link to their first option.
    assert ("Select a valid choice. nope is not one of the available choices.", "#id_size_0") in links
    assert ("This field is required.", "#id_few_0") in links
    assert ("This field is required.", "#id_name") in links
    # Every link goes to a field of the form.
    page = render(form)
    for _, href in links:
        page.by_id(href[1:])
    assert len(summary.find_all("li")) == sum(len(e) for e in form.errors.values())


def test_error_summary_links_non_field_errors_to_the_first_field():
    form = WithNonFieldError(data={"title": "x"})
    doc = parse(render_to_string("includes/error_summary.html", {"form": form}))
    items = doc.find_all("li")
    assert items[0].find("a").attrs["href"] == "#id_title"
    assert items[0].text == "These dates overlap another activity."
    hidden = [li for li in items if "This field is required." in li.text]
    assert hidden and not hidden[0].find_all("a")  # a hidden field has nowhere to link to


def test_error_summary_is_empty_without_errors():
    assert render_to_string("includes/error_summary.html", {"form": Everything()}).strip() == ""


def _pagination(number: int, query: str = "") -> El:
    request = RequestFactory().get(f"/staff/activities/?{query}")
    page = Paginator(range(200), 10).get_page(number)
    return parse(render_to_string("includes/pagination.html", {"page_obj": page}, request=request))


def test_pagination_keeps_the_querystring_and_marks_the_current_page():
    doc = _pagination(5, "status=open&q=street+briefing&page=5")
    nav = doc.find("nav.govuk-pagination")
    assert nav.attrs["aria-label"] == "Pagination"
    current = nav.find("li.govuk-pagination__item--current").find("a")
    assert current.attrs["aria-current"] == "page" and current.text == "5"
    numbers = [a.text for a in nav.find("ul").find_all("a")]
    assert numbers == ["1", "4", "5", "6", "20"]
    assert len(nav.find_all("li.govuk-pagination__item--ellipsis")) == 2
    prev = nav.find("[rel=prev]")
    assert prev.attrs["href"] == "?status=open&q=street+briefing&page=4"
    assert nav.find("[rel=next]").attrs["href"] == "?status=open&q=street+briefing&page=6"
    assert "Previous" in prev.text and "page" in prev.find("span.govuk-visually-hidden").text


def test_pagination_ends():
    first = _pagination(1)
    assert not first.find_all("[rel=prev]") and first.find_all("[rel=next]")
    assert [a.text for a in first.find("ul").find_all("a")] == ["1", "2", "20"]
    last = _pagination(20)
    assert last.find_all("[rel=prev]") and not last.find_all("[rel=next]")
    one_page = RequestFactory().get("/")
    html = render_to_string(
        "includes/pagination.html", {"page_obj": Paginator(range(3), 10).get_page(1)}, request=one_page
    )
    assert html.strip() == ""


def _tags_engine() -> Engine:
    from django.conf import settings

    return Engine(
        dirs=[settings.BASE_DIR / "core" / "templates"],
        libraries={"heard_tags": "core.templatetags.heard_tags", "i18n": "django.templatetags.i18n"},
    )


def test_status_tag_and_progress_tags():
    class Activity:
        status = "feedback_given"

        def get_status_display(self):
            return "Feedback given"

    template = _tags_engine().from_string(
        "{% load heard_tags %}{% status_tag activity %}{% status_tag 'open' %}"
        "{% progress 3 7 'During' 'stage-during' %}{% progress 9 9 'Before' 'stage-before' %}"
    )
    doc = parse(template.render(Context({"activity": Activity()})))
    tags = doc.find_all("strong.govuk-tag")
    assert [t.text for t in tags] == ["Feedback given", "Open"]
    assert "heard-status--feedback_given" in tags[0].classes
    assert "heard-status--open" in tags[1].classes
    bars = doc.find_all("progress")
    assert (bars[0].attrs["value"], bars[0].attrs["max"]) == ("3", "7")
    assert bars[0].attrs["aria-labelledby"] == "stage-during-label"
    assert doc.by_id("stage-during-label").text == "During: 3 of 7 done"
    assert "heard-progress__bar--complete" not in bars[0].classes
    assert "heard-progress__bar--complete" in bars[1].classes


# --- pages --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_is_a_govuk_form(client):
    response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    doc = parse(response.content.decode())
    assert doc.find("html").attrs["lang"] == "en-GB"
    assert doc.find("title").text.startswith("Error: Sign in")
    summary = doc.find("div.govuk-error-summary")
    assert summary.find("a").attrs["href"] == "#id_username"
    assert doc.by_id("id_username").classes == {"govuk-input"}
    assert any("govuk-password-input" in el.classes for el in doc.by_id("id_password").ancestors())
    form = doc.find("main").find("form")
    assert form.attrs["method"] == "post" and "novalidate" in form.attrs
    assert form.find_all("[name=csrfmiddlewaretoken]")


@pytest.mark.django_db
def test_public_home_has_skip_link_sign_in_and_attribution(client):
    response = client.get("/")
    assert response.status_code == 200
    doc = parse(response.content.decode())
    skip = doc.find("a.govuk-skip-link")
    assert skip.attrs["href"] == "#main-content"
    doc.by_id("main-content")
    assert doc.find("header").find("a").text == "Heard"
    sign_in = [a for a in doc.find("main").find_all("a") if a.text == "Sign in (staff)"]
    assert sign_in and sign_in[0].attrs["href"] == "/accounts/login/"
    footer = doc.find("footer").text
    assert (
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
        "Contains OS data © Crown copyright and database right. "
        "Contains Royal Mail data © Royal Mail copyright and database right."
    ) in footer
    # No CSRF token outside forms: public pages are the same for every visitor (page cache).
    assert "hx-headers" not in doc.find("body").attrs
    scripts = [s.attrs.get("src", "") for s in doc.find_all("script")]
    assert any(s.endswith("heard/htmx.min.js") for s in scripts)
    module = [s for s in doc.find_all("script") if s.attrs.get("type") == "module"]
    assert module and module[0].attrs["src"].endswith("heard/heard.js")


def test_messages_show_as_notification_banners():
    html = render_to_string(
        "base.html",
        {"messages": [Message(25, "Activity saved."), Message(20, "Responses close soon.")]},
    )
    doc = parse(html)
    banners = doc.find_all("div.govuk-notification-banner")
    assert len(banners) == 2
    assert "govuk-notification-banner--success" in banners[0].classes
    assert banners[0].attrs["role"] == "alert"
    assert banners[0].find("h2").text == "Success"
    assert banners[0].find("p.govuk-notification-banner__heading").text == "Activity saved."
    assert "govuk-notification-banner--success" not in banners[1].classes
    assert banners[1].attrs["role"] == "region"
    title_id = banners[1].attrs["aria-labelledby"]
    assert doc.by_id(title_id).text == "Important"


def test_error_pages(rf):
    from django.views import defaults

    request = rf.get("/missing/")
    request.user = None
    not_found = parse(defaults.page_not_found(request, Exception("x")).content.decode())
    assert not_found.find("h1").text == "Page not found"
    # 500 renders with no request and no context processors.
    server_error = defaults.server_error(rf.get("/"))
    assert server_error.status_code == 500
    doc = parse(server_error.content.decode())
    assert doc.find("h1").text == "Sorry, there is a problem with the service"
    assert doc.find("html").attrs["lang"] == "en-GB"


@pytest.mark.parametrize(
    ("widget", "name", "value", "attrs"),
    [
        (
            forms.Select(
                choices=[
                    ("", "Anywhere"),
                    ("Trafford", [("a", "All of <Trafford>"), ("b", "Bowdon")]),
                    (3, "x&y"),
                ],
                attrs={"class": "govuk-select", "required": True, "disabled": False},
            ),
            "area",
            "b",
            {"id": "id_area", "aria-describedby": "area-hint area-error"},
        ),
        (
            forms.SelectMultiple(choices=[(1, "one"), (2, "two"), (None, "none")]),
            "m",
            [1, 2],
            {"id": "m", "size": 3},
        ),
        (forms.Select(choices=[("<&>", mark_safe("<b>safe</b>")), ("q", 'say "hi"')]), "s", "<&>", {}),
        (forms.NullBooleanSelect(), "n", None, {"id": "n"}),
    ],
)
def test_selects_render_exactly_as_django_templates_do(widget, name, value, attrs):
    """The renderer draws selects in Python for speed: the HTML must not change by a byte."""
    context = widget.get_context(name, value, attrs)
    assert GovukFormRenderer().render(SELECT_TEMPLATE, context) == DjangoTemplates().render(
        SELECT_TEMPLATE, context
    )


def test_a_select_with_its_own_option_template_goes_through_the_template():
    widget = forms.Select(choices=[("a", "A")])
    widget.option_template_name = "django/forms/widgets/radio_option.html"
    assert render_select(widget.get_context("x", "a", {})["widget"]) is None
    html = GovukFormRenderer().render(SELECT_TEMPLATE, widget.get_context("x", "a", {}))
    assert '<input type="select" name="x" value="a" selected>' in html  # the radio option template's markup


def test_a_label_that_says_optional_is_not_told_again():
    class Form(forms.Form):
        start = forms.DateField(label="Responses from (optional)", required=False)
        end = forms.DateField(label="Responses to", required=False)

    html = str(Form(renderer=GovukFormRenderer()))
    assert html.count("(optional)") == 2
    assert "(optional) (optional)" not in html
