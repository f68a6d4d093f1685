"""``manage.py stats_refresh [--full]``: bring the statistics summary up to date ahead of
the readers (the dirty (court, month) units, or with ``--full`` everything). Readers refresh
by themselves before reading; running this periodically (e.g. every few minutes) only moves
that cost out of the requests."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from yizhan.stats import summary


class Command(BaseCommand):
    help = "Refresh the statistics summary (the dirty units, or everything with --full)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="rebuild every unit")

    def handle(self, *args: Any, **options: Any) -> None:
        t0 = time.perf_counter()
        done = summary.refresh(full=options["full"])
        what = "rebuilt everything" if done < 0 else f"refreshed {done} unit(s)"
        self.stdout.write(f"statistics summary: {what} in {time.perf_counter() - t0:.2f} s")
