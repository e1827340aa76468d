from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models = ("PrivacyStatement", "Questionnaire", "Question", "Choice")

    def ready(self) -> None:
        from core.apps_hooks import load_hooks

        load_hooks(self.name)
