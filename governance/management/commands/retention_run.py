"""`manage.py retention_run`: carry out the pending retention decisions now (for cron), and
say how many records of each type were anonymised or deleted."""

from typing import Any

from django.core.management.base import BaseCommand

from governance.retention_models import RetentionRun
from governance.retention_running import retention_carry_out


class Command(BaseCommand):
    help = "Carry out the retention decisions that are waiting (anonymise and delete)."

    def handle(self, *args: Any, **options: Any) -> None:
        run = RetentionRun.objects.create(started_by="retention_run")
        done = retention_carry_out(run_id=run.pk)
        if done is None:
            self.stdout.write("Another run took this one.")
            return
        for key, by_action in sorted(done.counts.items()):
            for action, count in sorted(by_action.items()):
                self.stdout.write(f"{key}: {count} {action}d")
        if done.failed:
            self.stderr.write(f"{done.failed} decisions failed: see the retention review page.")
        self.stdout.write(f"Run {done.pk} finished.")
