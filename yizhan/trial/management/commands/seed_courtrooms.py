"""Create the demo courtrooms (第一法庭 … 第五法庭 and 在线庭审室) at every demo court.

Idempotent: existing rooms are left as they are. ``--court 粤0802`` limits it to one court."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from yizhan.core.models import Court
from yizhan.trial.models import Courtroom

ROOMS = [("第一法庭", True), ("第二法庭", True), ("第三法庭", True), ("第四法庭", False),
         ("第五法庭", False), ("在线庭审室", True)]  # fmt: skip


class Command(BaseCommand):
    help = "创建演示法院的法庭（幂等）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--court", action="append", default=[], help="法院代字，可重复")

    def handle(self, *args: Any, **options: Any) -> None:
        codes = options["court"] or [c[0] for c in settings.YIZHAN_DEMO_COURTS]
        created = 0
        with transaction.atomic():
            for court in Court.objects.filter(code__in=codes).order_by("code"):
                for name, online in ROOMS:
                    _, made = Courtroom.objects.get_or_create(
                        court=court, name=name, defaults={"online_capable": online}
                    )
                    created += made
        self.stdout.write(f"courtrooms created: {created}")
