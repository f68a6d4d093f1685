"""Search over judgments: public keyword search and similar-case search (类案检索).

The interface other code uses (part A's publish/withdraw actions call the first three):

* :func:`index_document` — add or replace one judgment in an index (default ``public``);
* :func:`set_published` / :func:`remove_document` — hide (withdrawn) or delete it;
* :func:`keyword_search` — public keyword search with filters, highlights and pages;
* :func:`similar_cases` — ranked similar judgments with explanations and a divergence alert.

Backends: SQLite FTS5 (embedded default) or PostgreSQL full text, chosen by
``connection.vendor``; the similarity ranking is computed the same way on both. See
docs/search.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..deid import rename
from . import keyword, legal, similar, store
from .keyword import Filters
from .store import IndexRecord

PUBLIC = "public"

__all__ = [
    "PUBLIC", "Filters", "IndexRecord", "draft_record", "index_document", "index_draft",
    "index_records", "keyword_search",
    "remove_document", "set_published", "similar_cases",
]  # fmt: skip


def index_document(
    doc_id: str | int,
    court_code: str,
    year: int | None,
    case_type: str,
    cause: str,
    title: str,
    text: str,
    published: bool = True,
    *,
    court_name: str = "",
    case_number: str = "",
    facts: str = "",
    outcome: str = "",
    charges: Sequence[str] = (),
    index_name: str = PUBLIC,
    using: str = "default",
) -> None:
    """Adds or replaces one judgment. ``text`` must be the de-identified public text: it is
    what the public search shows. ``facts`` (经审理查明 part) and ``outcome`` (判决结果 part)
    improve similar-case ranking and the sentence reading; both default to the whole text."""
    store.write(index_name, [IndexRecord(
        doc_id=str(doc_id), text=text, court_code=court_code, court_name=court_name, year=year,
        case_type=case_type, cause=cause, title=title, case_number=case_number, facts=facts,
        outcome=outcome, charges=tuple(charges), published=published,
    )], using)  # fmt: skip


def draft_record(draft: Any) -> IndexRecord:
    """The index record of a published :class:`PublicationDraft` (its published text)."""
    doc = draft.document
    case_cause = doc.case.cause if doc.case_id and doc.case else None
    day = doc.decided_on or doc.effective_on
    return IndexRecord(
        doc_id=str(draft.pk), text=draft.published_text or draft.text,
        court_code=draft.court.code, court_name=draft.court.name,
        year=day.year if day else None, case_type=doc.get_case_category_display(),
        cause=case_cause.name if case_cause is not None else "",
        title=rename(doc.title, draft.changes),
        case_number=doc.case_number,
    )  # fmt: skip


def index_draft(draft: Any, *, using: str = "default") -> None:
    """Publishes (or re-indexes, after a correction) a draft in the public index."""
    store.write(PUBLIC, [draft_record(draft)], using)


def index_records(records: Sequence[IndexRecord], *, index_name: str = PUBLIC,
                  using: str = "default") -> int:  # fmt: skip
    return store.write(index_name, records, using)


def set_published(doc_id: str | int, published: bool, *, index_name: str = PUBLIC,
                  using: str = "default") -> None:  # fmt: skip
    store.set_published(index_name, str(doc_id), published, using)


def remove_document(doc_id: str | int, *, index_name: str = PUBLIC, using: str = "default") -> None:
    store.remove(index_name, [str(doc_id)], using)


def keyword_search(q: str, filters: Filters | None = None, *, page: int = 1,
                   page_size: int = keyword.PAGE_SIZE, index_name: str = PUBLIC,
                   using: str = "default") -> dict[str, Any]:  # fmt: skip
    return keyword.search(q, filters, page=page, page_size=page_size, index_name=index_name,
                          using=using)  # fmt: skip


def similar_cases(
    facts: str,
    *,
    charges: Sequence[str] = (),
    exclude: Sequence[str] = (),
    limit: int = 10,
    index_name: str = PUBLIC,
    using: str = "default",
) -> dict[str, Any]:
    """``{"results": [{doc_id, title, court_name, year, case_number, charges, score,
    sentence, why: {shared_charges, key_facts, shared_articles, articles}}], "alert": ...,
    "query_charges": [...], "key_terms": [...]}``. Only published documents are returned."""
    idx = similar.load(index_name, using)
    q = similar.Query(facts=facts, charges=tuple(charges), exclude=tuple(exclude))
    ranked = similar.rank(idx, q, limit=limit)
    keys = similar.key_terms(facts, idx)
    found = similar.facts_of(idx, [d for d, _ in ranked])
    results = []
    for doc_id, score in ranked:
        d = idx.docs[idx.by_id[doc_id]]
        results.append({
            "doc_id": doc_id, "title": d.title, "court_code": d.court_code,
            "court_name": d.court_name, "year": d.year, "case_type": d.case_type,
            "cause": d.cause, "case_number": d.case_number, "charges": list(d.charges),
            "score": round(score, 4), "sentence": similar.sentence_dict(d.sentence),
            "why": similar.explain(idx, q, doc_id, keys=keys, facts=found.get(doc_id, "")),
        })  # fmt: skip
    return {
        "results": results,
        "alert": similar.divergence(results),
        "query_charges": sorted(q.charge_set()),
        "key_terms": keys,
    }


_ = legal  # re-exported for callers that read charges/articles
