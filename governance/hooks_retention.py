"""The retention review's and subject requests' places in the staff menu, and the worker's
sweep of retention runs whose worker died. Registered from GovernanceConfig.ready, apart from
the rules, which the services import."""

from typing import Any

from core.extensions import MenuItem, staff_menu
from core.task_recovery import stale_sweeps

from .retention_running import retention_runs_fail_stale
from .subject_selectors import due_soon_before, requests_open


def _due_soon(user: Any) -> int:
    return requests_open(user=user).filter(due_on__lte=due_soon_before()).count()


def register_extensions() -> None:
    """The staff menu's items, and the worker's sweep of runs whose worker died."""
    stale_sweeps.register("retention", retention_runs_fail_stale)

    staff_menu.register(
        "retention",
        MenuItem(
            "Records review", "retention:queue", perm="governance.review_retention", namespace="retention"
        ),
        order=90,
    )
    staff_menu.register(
        "subject_requests",
        MenuItem(
            "Information requests",
            "subjects:list",
            perm="governance.handle_subject_request",
            namespace="subjects",
            count=_due_soon,
        ),
        order=91,
    )
