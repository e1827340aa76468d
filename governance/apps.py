from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance"

    def ready(self) -> None:
        from core.extensions import MenuItem, staff_menu

        from . import hooks_exports, hooks_retention, retention_rules, rules_audit  # noqa: F401  (register the permissions)

        hooks_retention.register_extensions()
        hooks_exports.register_extensions()

        staff_menu.register(
            "audit-log",
            MenuItem("Audit log", "auditlog:list", perm="governance.view_audit_log", namespace="auditlog"),
            order=880,
        )
