"""``manage.py verify_audit``: walk the audit hash chain and report any break."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from yizhan.audit.models import AuditHead
from yizhan.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the append-only, hash-chained audit log (审计日志校验)."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(verify_chain())
        head = AuditHead.objects.filter(id=1).first()
        count = head.seq if head else 0
        if problems:
            for p in problems:
                self.stderr.write(p.message)
            # The error itself names every break (seq and what is wrong), not only stderr.
            raise CommandError(
                f"audit chain broken: {len(problems)} problem(s): "
                + "；".join(p.message for p in problems)
            )
        head_hash = head.hash if head else "-"
        self.stdout.write(f"audit chain intact: {count} events, head {head_hash}")
