from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.content_languages import ContentText
from engagement import reference_names as names
from engagement.models import Status

register = template.Library()

STATUS_COLOURS = {
    Status.DRAFT: "grey",
    Status.PLANNED: "light-blue",
    Status.OPEN: "green",
    Status.CLOSED: "blue",
    Status.ANALYSED: "purple",
    Status.FEEDBACK_GIVEN: "turquoise",
    Status.EVALUATED: "pink",
    Status.CANCELLED: "red",
}


@register.simple_tag
def status_tag(status: str) -> SafeString:
    value = Status(status)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{} heard-status heard-status--{}">{}</strong>',
        STATUS_COLOURS[value],
        value.value,
        value.label,
    )


@register.filter
def status_label(value: str) -> str:
    """A status as people read it ("Feedback given"), never its stored value."""
    try:
        return str(Status(value).label)
    except ValueError:
        return "another status"


@register.filter
def reference_name(value: str, lower: str = "") -> ContentText:
    """A seeded method's or audience's name in the page's language: ``{{ method.name|reference_name }}``,
    ``{{ audience.name|reference_name:"lower" }}`` inside a sentence."""
    return names.reference_name(value, lower=bool(lower))
