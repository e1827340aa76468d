"""Core's one table: the pulse of each background task a worker is running (core/task_recovery.py)."""

from django.db import models


class TaskPulse(models.Model):
    """Last sign of life of a running background task, stamped every few seconds by the worker
    running it. A task whose pulse stopped was left "running" by a worker that died."""

    task_id = models.UUIDField(primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.task_id} at {self.beat_at:%H:%M:%S}"
