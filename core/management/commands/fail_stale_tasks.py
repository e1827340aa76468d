"""`manage.py fail_stale_tasks`: mark failed every task, analysis, report or import whose worker
died (its pulse stopped), for a cron job where the worker is not `run_worker`."""

from typing import Any

from django.core.management.base import BaseCommand

from core.task_recovery import sweep


class Command(BaseCommand):
    help = "Mark failed the background tasks (and their records) whose worker stopped."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = sweep()
        self.stdout.write(", ".join(f"{key}: {count}" for key, count in counts.items()))
