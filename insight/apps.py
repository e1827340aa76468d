from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "insight"
    verbose_name = "Insight: analysis of what people said"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models = ("Priority", "AnswerCode")

    def ready(self) -> None:
        from consultations.signals import response_withdrawing
        from core.extensions import MenuItem, staff_menu

        from . import (
            hooks_audit_log,  # noqa: F401  (the audit log's names and links, governance/audit_kinds.py)
            hooks_exports,  # noqa: F401  (large exports in the background, governance/export_kinds.py)
            hooks_marking,  # noqa: F401  (protective marking, governance/marking.py)
            hooks_records,  # noqa: F401  (retention and subject requests, governance/records.py)
            hooks_recovery,  # noqa: F401  (the worker's sweep, core/task_recovery.py)
        )
        from .receivers import on_response_withdrawing

        response_withdrawing.connect(on_response_withdrawing, dispatch_uid="insight.withdrawal")
        staff_menu.register(
            "analysis",
            MenuItem("Analysis", "insight:analysis_across", perm="insight.add_run_across"),
            order=30,
        )
        staff_menu.register(
            "policing_codes",
            MenuItem("Policing codes", "insight:code_list", perm="insight.view_codes"),
            order=35,
        )
        staff_menu.register(
            "priorities",
            MenuItem("Priorities", "insight:priority_list", perm="insight.add_priority"),
            order=40,
        )
        staff_menu.register(
            "intelligence", MenuItem("Intelligence", "insight:flag_list", perm="insight.view_flag"), order=50
        )
