"""Search endpoints: public keyword search and, for court staff, similar-case search (类案检索).

GET  /api/v1/publication/search?q=&court=&year=&type=&cause=&page=   public, published only
GET  /api/v1/publication/similar?facts=&charges=&case_id=&doc_id=&limit=   court staff
POST /api/v1/publication/similar {"facts", "charges", "case_id", "doc_id", "limit"}
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from yizhan.accounts.permissions import COURT_READERS, require_role, staff_court_ids
from yizhan.core.errors import CommonError

from . import search
from .selectors import case_query

router = Router(tags=["publication search"])

MAX_QUERY = 200
MAX_FACTS = 20000


class SearchParams(Schema):
    q: str = Field("", max_length=MAX_QUERY)
    court: str = Field("", max_length=20)
    year: int | None = Field(None, ge=1949, le=2100)
    type: str = Field("", max_length=30)
    cause: str = Field("", max_length=100)
    page: int = Field(1, ge=1, le=1000)


class SearchHit(Schema):
    doc_id: str
    title: str
    court_code: str
    court_name: str
    year: int | None
    case_type: str
    cause: str
    charges: list[str]
    case_number: str
    snippet: str


class JudgmentSearchOut(Schema):
    total: int
    total_capped: bool = False  # total counted up to 1000: show "1000+"
    page: int
    pages: int
    terms: list[str]
    results: list[SearchHit]


@router.get("/search", response=JudgmentSearchOut, auth=None, summary="裁判文书检索（公开）")
def keyword_search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    return search.keyword_search(
        params.q,
        search.Filters(
            court=params.court, year=params.year, case_type=params.type, cause=params.cause
        ),
        page=params.page,
    )


class SimilarIn(Schema):
    facts: str = Field("", max_length=MAX_FACTS)
    charges: list[str] = Field(default_factory=list, max_length=10)
    case_id: int | None = None
    doc_id: str = Field("", max_length=64)
    limit: int = Field(10, ge=1, le=50)


class Why(Schema):
    shared_charges: list[str]
    key_facts: list[str]
    shared_articles: list[str]
    articles: list[str]


class SentenceOut(Schema):
    kind: str
    months: float | None
    probation: bool
    severity: float


class SimilarHit(Schema):
    doc_id: str
    title: str
    court_code: str
    court_name: str
    year: int | None
    case_type: str
    cause: str
    case_number: str
    charges: list[str]
    score: float
    sentence: SentenceOut
    why: Why


class SimilarOut(Schema):
    results: list[SimilarHit]
    alert: dict[str, Any] | None
    query_charges: list[str]
    key_terms: list[str]


def _case_query(user: Any, case_id: int) -> tuple[str, list[str]]:
    """Facts and charge/cause of a case the user may see (staff of its court), else 404."""
    from yizhan.cases.models import Case

    case = Case.objects.select_related("cause", "filing").filter(pk=case_id).first()
    if case is None or case.court_id not in staff_court_ids(user):
        raise CommonError.NOT_FOUND.exc()
    return case_query(case)


def _similar(request: HttpRequest, data: SimilarIn) -> dict[str, Any]:
    user = require_role(request.user, COURT_READERS)
    facts, charges, exclude = data.facts.strip(), [c for c in data.charges if c.strip()], []
    if data.case_id is not None:
        case_facts, case_charges = _case_query(user, data.case_id)
        facts = facts or case_facts
        charges = charges or case_charges
    if data.doc_id:
        idx = search.similar.load(search.PUBLIC)
        o = idx.by_id.get(data.doc_id)
        if o is None or not idx.docs[o].published:
            raise CommonError.NOT_FOUND.exc()
        facts = facts or search.similar.facts_of(idx, [data.doc_id]).get(data.doc_id, "")
        charges = charges or list(idx.docs[o].charges)
        exclude.append(data.doc_id)
    if not facts:
        raise CommonError.INVALID_INPUT.exc(fields={"facts": "请填写案情事实，或指定案件。"})
    return search.similar_cases(facts, charges=charges, exclude=exclude, limit=data.limit)


@router.get("/similar", response=SimilarOut, summary="类案检索（法院工作人员）")
def similar_get(request: HttpRequest, params: Query[SimilarIn]) -> dict[str, Any]:
    return _similar(request, params)


@router.post("/similar", response=SimilarOut, summary="类案检索（法院工作人员）")
def similar_post(request: HttpRequest, payload: SimilarIn) -> dict[str, Any]:
    return _similar(request, payload)
