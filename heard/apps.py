from django.apps import AppConfig


class HeardConfig(AppConfig):
    """The project package as an app, so its static files, templates and template tags
    (heard_tags) are found like any app's."""

    name = "heard"
    verbose_name = "Heard"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .page_cache import on_model_change

        for name, signal in (("post_save", post_save), ("post_delete", post_delete), ("m2m", m2m_changed)):
            signal.connect(on_model_change, dispatch_uid=f"heard.page_cache.{name}")
