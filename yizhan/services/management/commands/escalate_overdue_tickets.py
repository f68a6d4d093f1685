"""Escalate overdue 12368 tickets to their supervisors (run daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from yizhan.services.actions import escalate_overdue_tickets


class Command(BaseCommand):
    help = "超期工单督办：把超过办理期限的 12368 工单转给督办人"

    def handle(self, *args: Any, **options: Any) -> None:
        done = escalate_overdue_tickets()
        self.stdout.write(f"escalated {len(done)} ticket(s)")
