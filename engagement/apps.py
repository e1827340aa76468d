from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Engagement"
    # What the public pages show: saving one of these makes cached public pages stale
    # (core/page_cache.py).
    public_page_models = ("Method", "Activity", "Aim")

    def ready(self) -> None:
        from core.extensions import MenuItem, staff_menu

        from . import (
            hooks_audit_log,  # noqa: F401  (the audit log's names and links, governance/audit_kinds.py)
            hooks_exports,  # noqa: F401  (the register's export, governance/export_kinds.py)
        )

        staff_menu.register(
            "activities",
            MenuItem(
                "Activities",
                "engagement:activity_list",
                perm="engagement.view_activity",
                namespace="engagement",
            ),
            order=10,
        )
