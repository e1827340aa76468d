from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "insight"
    verbose_name = "Insight: analysis of what people said"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models = ("Priority",)

    def ready(self) -> None:
        from consultations.signals import response_withdrawing
        from core.extensions import MenuItem, staff_menu

        from .receivers import on_response_withdrawing

        response_withdrawing.connect(on_response_withdrawing, dispatch_uid="insight.withdrawal")
        staff_menu.register(
            "analysis",
            MenuItem("Analysis", "insight:analysis_across", perm="insight.add_run_across"),
            order=30,
        )
        staff_menu.register(
            "priorities",
            MenuItem("Priorities", "insight:priority_list", perm="insight.add_priority"),
            order=40,
        )
        staff_menu.register(
            "intelligence", MenuItem("Intelligence", "insight:flag_list", perm="insight.view_flag"), order=50
        )
