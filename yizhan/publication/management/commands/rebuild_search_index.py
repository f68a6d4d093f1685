"""manage.py rebuild_search_index: (re)builds the public search index from
``yizhan.publication.selectors.published_documents()`` (published texts only, de-identified;
Art 6 notices and anything not PUBLISHED are never indexed)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from yizhan.publication import search
from yizhan.publication.search import store


class Command(BaseCommand):
    help = "Rebuilds the public search index from the published documents."

    def handle(self, *args: Any, **opts: Any) -> None:
        from yizhan.publication.models import PublicationStatus
        from yizhan.publication.selectors import published_documents

        store.ensure_schema(force=True)
        records = []
        for draft in published_documents().filter(status=PublicationStatus.PUBLISHED):
            doc = draft.document
            case_cause = doc.case.cause if doc.case_id and doc.case else None
            cause = case_cause.name if case_cause is not None else ""
            day = doc.decided_on or doc.effective_on
            records.append(store.IndexRecord(
                doc_id=str(draft.pk), text=draft.published_text or draft.text,
                court_code=draft.court.code, court_name=draft.court.name,
                year=day.year if day else None, case_type=doc.get_case_category_display(),
                cause=cause, title=doc.title, case_number=doc.case_number,
            ))  # fmt: skip
        with transaction.atomic():
            store.clear(search.PUBLIC)
            n = search.index_records(records)
        self.stdout.write(f"indexed {n} published documents")
