"""`manage.py run_worker`: django-tasks' `db_worker` (same options), plus the sweep of tasks
whose worker died (core/task_recovery.py), when it starts and every HEARD_TASK_SWEEP_SECONDS.

`kill -USR1 <pid>` makes a running worker write every thread's stack to its standard error and
carry on: a task that seems stuck (its heartbeat fresh, its progress still) shows where it waits."""

import faulthandler
import signal
from typing import Any

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from core.task_recovery import Sweeper


class Command(DbWorkerCommand):
    help = "Run the background task worker, failing tasks left running by a worker that died."

    def handle(self, *args: Any, **options: Any) -> None:
        faulthandler.register(signal.SIGUSR1, all_threads=True, chain=False)
        Sweeper(float(getattr(settings, "HEARD_TASK_SWEEP_SECONDS", 30))).start()
        super().handle(*args, **options)
