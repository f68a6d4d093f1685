"""Enqueue the periodic jobs when they are due (docs/operations.md).

    manage.py run_schedule            # loop: check every 30 s until stopped
    manage.py run_schedule --once     # check once and exit (for cron)

The task worker (``manage.py db_worker``) runs what is enqueued.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from yizhan.core import schedule

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue the periodic jobs that are due (YIZHAN_PERIODIC_TASKS)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="check once and exit")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="seconds between checks (default 30)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            jobs = schedule.jobs()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if options["once"]:
            self._tick()
            return
        self.stdout.write(f"run_schedule: {len(jobs)} jobs, checking every {options['interval']} s")
        stop = threading.Event()

        def _stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        while not stop.is_set():
            close_old_connections()
            try:
                self._tick()
            except Exception:  # a database hiccup must not end the scheduler; retry next tick
                logger.exception("run_schedule: check failed")
            stop.wait(options["interval"])

    def _tick(self) -> None:
        names = schedule.enqueue_due()
        for name in names:
            self.stdout.write(f"enqueued {name}")
