"""Read-side queries. ``published_documents()`` is what the public (and part B's search index)
may see: published documents (de-identified text only) and Art 6 notices of withheld ones."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from yizhan.accounts.models import User

from .deid import rename
from .models import PublicationDraft, PublicationStatus
from .permissions import reader_court_ids

PUBLIC_STATUSES = (PublicationStatus.PUBLISHED, PublicationStatus.WITHHELD)


def published_documents() -> QuerySet[PublicationDraft]:
    """Published documents and Art 6 notices, newest first. Never drafts, held, withdrawn."""
    return (
        PublicationDraft.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("document", "court")
        .order_by("-published_at", "-notice_published_at", "-pk")
    )


def public_view(draft: PublicationDraft) -> dict[str, Any]:
    """The only fields shown to the public (never the original text or the change list)."""
    doc = draft.document
    base = {
        "id": draft.pk,
        "case_number": doc.case_number,
        "court": draft.court.name,
        "court_code": draft.court.code,
        "doc_type": doc.doc_type,
        "decided_on": doc.decided_on or doc.effective_on,
    }
    if draft.status == PublicationStatus.PUBLISHED:
        return {
            **base,
            "kind": "document",
            "title": rename(doc.title, draft.changes),  # 甄明中…判决书 → 甄某…判决书
            "text": draft.published_text,
            "published_at": draft.published_at,
            "version": draft.version,
            "reason": None,
        }
    # Art 6: case number, court, date and the reason for not publishing
    return {
        **base,
        "kind": "notice",
        "title": None,
        "text": None,
        "published_at": draft.notice_published_at,
        "version": draft.version,
        "reason": draft.get_withhold_ground_display(),
    }


def review_queue(user: User, court_id: int | None = None) -> QuerySet[PublicationDraft]:
    courts = reader_court_ids(user)
    if court_id is not None:
        courts = [c for c in courts if c == court_id]
    return (
        PublicationDraft.objects.filter(court_id__in=courts)
        .select_related("document", "court")
        .order_by("status", "due_on", "pk")
    )


def case_query(case: Any) -> tuple[str, list[str]]:
    """What a case is searched by for similar judgments: its claims and the filing's facts,
    and its cause of action as the charge."""
    parts = [case.claims or ""]
    filing = getattr(case, "filing", None)
    if filing is not None:
        parts.append(getattr(filing, "facts", "") or "")
    charges = [case.cause.name] if case.cause_id and case.cause else []
    return "\n".join(p for p in parts if p), charges


def similar_for_case(case: Any, *, limit: int = 5) -> dict[str, Any] | None:
    """Similar published judgments for the judge's case page (类案推送); None when the case
    has no facts to search by."""
    from .search import similar_cases

    facts, charges = case_query(case)
    if not facts.strip():
        return None
    return similar_cases(facts, charges=charges, limit=limit)
