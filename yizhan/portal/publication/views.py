"""Public judgment search page (裁判文书检索): published documents only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from yizhan.publication import search

MAX_QUERY = 200


def _int(value: str | None, lo: int, hi: int) -> int | None:
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n if lo <= n <= hi else None


def search_page(request: HttpRequest) -> HttpResponse:
    g = request.GET
    q = (g.get("q") or "")[:MAX_QUERY]
    filters = search.Filters(
        court=(g.get("court") or "")[:20],
        year=_int(g.get("year"), 1949, 2100),
        case_type=(g.get("type") or "")[:30],
        cause=(g.get("cause") or "")[:100],
    )
    page = _int(g.get("page"), 1, 1000) or 1
    result = search.keyword_search(q, filters, page=page) if q.strip() else None
    ctx = {"q": q, "filters": filters, "result": result, "page": page}
    if result:
        base = request.GET.copy()
        base.pop("page", None)
        ctx["query_string"] = base.urlencode()
    tpl = "portal/publication/_results.html" if request.headers.get("HX-Request") else (
        "portal/publication/search.html")  # fmt: skip
    return render(request, tpl, ctx)
