from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor every app may use: GOV.UK form rendering, the shared templates, static
    files and template tags, the visible-or-404 helper, lifecycles and the public page cache.
    It imports no app of Heard's."""

    name = "core"
    verbose_name = "Heard core"

    def ready(self) -> None:
        from django.apps import apps
        from django.conf import settings
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
        from django_tasks.signals import task_finished, task_started

        from .page_cache import on_model_change
        from .task_recovery import on_task_finished, on_task_started
        from .text import strip_on_save

        task_started.connect(on_task_started, dispatch_uid="core.task_recovery.started")
        task_finished.connect(on_task_finished, dispatch_uid="core.task_recovery.finished")

        for name, signal in (("post_save", post_save), ("post_delete", post_delete), ("m2m", m2m_changed)):
            signal.connect(on_model_change, dispatch_uid=f"core.page_cache.{name}")
        for label in settings.HEARD_APPS:
            for model in apps.get_app_config(label).get_models():
                pre_save.connect(strip_on_save, sender=model, dispatch_uid=f"core.text.{model._meta.label}")
