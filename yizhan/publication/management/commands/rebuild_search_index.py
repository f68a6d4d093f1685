"""manage.py rebuild_search_index: (re)builds the public search index from
``yizhan.publication.selectors.published_documents()`` (published texts only, de-identified;
Art 6 notices and anything not PUBLISHED are never indexed)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from yizhan.publication import search
from yizhan.publication.search import similar, store


class Command(BaseCommand):
    help = "Rebuilds the public search index from the published documents."

    def handle(self, *args: Any, **opts: Any) -> None:
        from yizhan.publication.models import PublicationStatus
        from yizhan.publication.selectors import published_documents

        store.ensure_schema(force=True)
        records = [
            search.draft_record(draft)
            for draft in published_documents()
            .filter(status=PublicationStatus.PUBLISHED)
            .select_related("document", "document__case__cause", "court")
        ]
        with transaction.atomic():
            store.clear(search.PUBLIC)
            n = search.index_records(records)
        self.stdout.write(f"indexed {n} published documents")
        if n >= similar.SNAPSHOT_MIN_DOCS:
            path = similar.build_snapshot(search.PUBLIC)
            self.stdout.write(f"similarity snapshot: {path}")
