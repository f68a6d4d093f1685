"""``manage.py generate_demo --cases N [--seed S] [--year Y]``: a synthetic court year.

A data-load tool (see :mod:`yizhan.stats.demo`): bulk inserts that bypass the ORM, one audit
event for the whole load. Runs ``load_demo`` first so that the courts and causes exist.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yizhan.stats.demo import generate
from yizhan.stats.models import DataLoad


class Command(BaseCommand):
    help = "Generate a realistic synthetic court year (bulk load; one audit event)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when a synthetic load is already in the database (for make setup)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and getattr(settings, "YIZHAN_PRODUCTION", False):
            raise CommandError("generate_demo must not run against a production database")
        if options["cases"] <= 0:
            raise CommandError("--cases must be positive")
        if options["if_empty"] and DataLoad.objects.exists():
            self.stdout.write("synthetic data already loaded: nothing to do")
            return
        call_command("load_demo", stdout=self.stdout)
        t0 = time.perf_counter()
        result = generate(
            options["cases"],
            seed=options["seed"],
            year=options["year"],
            progress=not options["no_progress"],
            out=self.stdout,
        )
        self.stdout.write(f"generated {result.summary()} in {time.perf_counter() - t0:.1f} s")
