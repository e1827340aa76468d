from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "insight"
    verbose_name = "Insight: analysis of what people said"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models = ("Priority",)
