"""`manage.py fail_stale_analyses`: mark failed every analysis whose worker died (its heartbeat
stopped), for a schedule (cron, a systemd timer). The analysis pages do the same when opened."""

from typing import Any

from django.core.management.base import BaseCommand

from insight.services import analysis_runs_fail_stale


class Command(BaseCommand):
    help = "Mark failed every analysis still 'running' whose worker stopped sending its heartbeat."

    def handle(self, *args: Any, **options: Any) -> None:
        count = analysis_runs_fail_stale()
        self.stdout.write(f"{count} stopped analys{'is' if count == 1 else 'es'} marked failed.")
