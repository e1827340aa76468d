from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "insight"
    verbose_name = "Insight: analysis of what people said"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models = ("Priority",)

    def ready(self) -> None:
        from consultations.signals import response_withdrawing

        from .receivers import on_response_withdrawing

        response_withdrawing.connect(on_response_withdrawing, dispatch_uid="insight.withdrawal")
