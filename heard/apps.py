from django.apps import AppConfig


class HeardConfig(AppConfig):
    """The project package as an app, so its static files, templates and template tags
    (heard_tags) are found like any app's."""

    name = "heard"
    verbose_name = "Heard"
