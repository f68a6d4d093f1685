"""Load the seed entries of the consultation knowledge base (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from yizhan.services import kb_seed
from yizhan.services.models import KnowledgeEntry


class Command(BaseCommand):
    help = "载入咨询知识库的初始条目（已存在的条目不覆盖）"

    def handle(self, *args: Any, **options: Any) -> None:
        created = kb_seed.load(KnowledgeEntry)
        self.stdout.write(f"created {created} entr{'y' if created == 1 else 'ies'}")
