"""Public open judicial data (司法数据公开, /open-data/): aggregate figures per court per month
from :func:`yizhan.stats.selectors.open_data` (no personal data; counts below
``YIZHAN_STATS_OPEN_MIN_COUNT`` suppressed and marked), a chart, the CSV download (the API's
``/api/v1/stats/open?format=csv``) and the data dictionary. Open to everybody, read only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from yizhan.cases.models import CaseNumberSequence
from yizhan.core.time import today
from yizhan.stats import selectors
from yizhan.stats.api import DATA_DICTIONARY

COUNT_FIELDS = ("received", "closed", "pending_end", "closed_within_limit", "mediated", "withdrawn")


def _years() -> list[int]:
    this = today().year
    years = {int(y) for y in CaseNumberSequence.objects.values_list("year", flat=True).distinct()}
    return sorted((y for y in years | {this} if 2000 <= y <= this), reverse=True)


def _default_year(years: list[int]) -> int:
    """This year when it has data, else the latest year that has some."""
    this = today().year
    has = CaseNumberSequence.objects.filter(year=this).exists()
    return this if has or not years else next((y for y in years if y < this), this)


def _cells(row: dict[str, Any], k: int) -> list[dict[str, Any]]:
    """Each published field of a row: its value, or marked as suppressed (None in the data
    means a count in 1..k−1; an average over fewer than k closed cases)."""
    out = []
    for name in COUNT_FIELDS:
        v = row.get(name)
        out.append({"name": name, "value": v, "suppressed": v is None})
    avg = row.get("avg_days")
    closed = row.get("closed")
    out.append(
        {
            "name": "avg_days",
            "value": avg,
            "suppressed": avg is None and closed != 0,
            "empty": avg is None and closed == 0,
        }
    )
    return out


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    years = _years()
    try:
        year = int(request.GET.get("year") or _default_year(years))
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        return render(
            request,
            "portal/stats/index.html",
            {"error": _("年份应在 2000–2100 之间。"), "years": years},
            status=400,
        )
    k = selectors.min_count()
    rows = selectors.open_data(year)
    courts: dict[str, str] = {}
    for r in rows:
        courts.setdefault(r["court_code"], r["court_name"])
    code = request.GET.get("court") or next(iter(courts), "")
    if code not in courts:
        code = next(iter(courts), "")
    mine = [r for r in rows if r["court_code"] == code]
    chart = {
        "months": [r["month"][5:] for r in mine],
        "series": [
            {"type": "bar", "name": _("新收"), "values": [r["received"] for r in mine]},
            {"type": "bar", "name": _("结案"), "values": [r["closed"] for r in mine]},
            {"type": "line", "name": _("月末未结"), "values": [r["pending_end"] for r in mine]},
        ],
    }
    ctx = {
        "year": year,
        "years": sorted(set(years) | {year}, reverse=True),
        "k": k,
        "courts": [{"code": c, "name": n} for c, n in courts.items()],
        "court_code": code,
        "court_name": courts.get(code, ""),
        "rows": [{"month": r["month"], "cells": _cells(r, k)} for r in mine],
        "suppressed_count": sum(1 for r in mine for c in _cells(r, k) if c["suppressed"]),
        "chart": chart,
    }
    return render(request, "portal/stats/index.html", ctx)


@require_GET
def dictionary(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/stats/dictionary.html",
        {"fields": DATA_DICTIONARY, "k": selectors.min_count()},
    )
