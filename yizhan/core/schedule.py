"""Periodic jobs: which of ``YIZHAN_PERIODIC_TASKS`` are due, and enqueueing them once.

The jobs themselves are ordinary tasks (``django_tasks``) of the domain apps, named here by
dotted path so that the kernel imports none of them. ``manage.py run_schedule`` calls
:func:`enqueue_due` every half minute (or once, from cron, with ``--once``); the task worker
(``manage.py db_worker``) runs what was enqueued. docs/operations.md lists the jobs.

A job is either ``{"every": seconds}`` (due when that long has passed since it was last
enqueued) or ``{"daily_at": "HH:MM"}`` (due once per day after that local time, Asia/Shanghai;
a scheduler that was down at that moment enqueues it when it comes back the same day or later).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledJob


@dataclass(frozen=True)
class Job:
    name: str
    task_path: str
    every: dt.timedelta | None = None
    daily_at: dt.time | None = None

    def task(self) -> Any:
        return import_string(self.task_path)

    def is_due(self, last: dt.datetime | None, now: dt.datetime) -> bool:
        if last is None:
            return True
        if self.every is not None:
            return now - last >= self.every
        assert self.daily_at is not None
        local_now = timezone.localtime(now)
        slot = timezone.make_aware(dt.datetime.combine(local_now.date(), self.daily_at))
        if local_now < slot:  # before today's time: the slot that counts is yesterday's
            slot -= dt.timedelta(days=1)
        return last < slot


def jobs() -> list[Job]:
    """The configured jobs, checked: an unknown task path or a bad schedule is refused here,
    when the scheduler starts, not hours later."""
    result = []
    for name, spec in sorted(settings.YIZHAN_PERIODIC_TASKS.items()):
        path = str(spec.get("task", ""))
        every = spec.get("every")
        daily_at = spec.get("daily_at")
        if (every is None) == (daily_at is None):
            raise ImproperlyConfigured(f"{name}: give exactly one of 'every' and 'daily_at'")
        job = Job(
            name=name,
            task_path=path,
            every=dt.timedelta(seconds=int(str(every))) if every is not None else None,
            daily_at=dt.time.fromisoformat(str(daily_at)) if daily_at is not None else None,
        )
        if job.every is not None and job.every <= dt.timedelta(0):
            raise ImproperlyConfigured(f"{name}: 'every' must be a positive number of seconds")
        try:
            task = job.task()
        except ImportError as exc:
            raise ImproperlyConfigured(f"{name}: cannot import task {path!r}") from exc
        if not callable(getattr(task, "enqueue", None)):
            raise ImproperlyConfigured(f"{name}: {path!r} is not a task (no .enqueue)")
        result.append(job)
    return result


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job that is due and return their names.

    Each job is decided under a lock on its row, so concurrent schedulers enqueue it once.
    """
    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        with transaction.atomic():
            ScheduledJob.objects.get_or_create(name=job.name)
            row = ScheduledJob.objects.select_for_update().get(name=job.name)
            if not job.is_due(row.last_enqueued_at, now):
                continue
            result = job.task().enqueue()
            row.last_enqueued_at = now
            row.last_task_id = str(getattr(result, "id", ""))[:64]
            row.save(update_fields=["last_enqueued_at", "last_task_id"])
        enqueued.append(job.name)
    return enqueued
