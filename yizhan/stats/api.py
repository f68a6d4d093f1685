"""API router (mounted at /api/v1/stats): indicators, drill-downs, the catalogue and the open
data. Staff endpoints check :mod:`yizhan.stats.permissions`; ``/open`` is public."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from yizhan.core.errors import CommonError

from . import selectors
from .export import to_csv, to_xlsx
from .permissions import access_slice

router = Router(tags=["stats"])

OPEN_HEADER = ["court_code", "court_name", "month", *selectors.OPEN_FIELDS]
DATA_DICTIONARY = [
    ("court_code", "法院代字", "法〔2015〕137号"),
    ("court_name", "法院名称", ""),
    ("month", "统计月份 YYYY-MM", ""),
    ("received", "新收案件数（不含诉前调确、诉前调书、执保、执恢）", "domain-rules §6.2"),
    ("closed", "结案数（同上口径）", "domain-rules §6.2"),
    ("pending_end", "月末未结案件数", ""),
    ("closed_within_limit", "法定审限内结案数", "domain-rules §3"),
    ("mediated", "调解结案数", ""),
    ("withdrawn", "撤诉结案数", ""),
    ("avg_days", "平均审理天数（扣除审限扣除天数）", "domain-rules §6.2"),
]


def _parse_period(period: str, year: int | None, index: int | None) -> tuple[dt.date, dt.date]:
    from yizhan.core.time import today

    y = year or today().year
    # A year the calendar cannot hold (2**31, -1, …) raised OverflowError building the period,
    # a 500; the statistics start with the court's records.
    if not 1949 <= y <= 2100:
        raise CommonError.INVALID_INPUT.exc(fields={"year": "年度应在 1949 至 2100 之间。"})
    try:
        return selectors.period(period, y, index or 1)
    except (ValueError, TypeError):
        raise CommonError.INVALID_INPUT.exc(fields={"period": "year|quarter|month"}) from None


def _slice(
    request: HttpRequest,
    period: str,
    year: int | None,
    index: int | None,
    court: int | None,
    department: int | None,
    team: int | None,
    judge: int | None,
    type_code: str | None,
) -> selectors.Slice:
    start, end = _parse_period(period, year, index)
    # An id no database column can hold (2**63) is no court, department, team or judge;
    # SQLite raised OverflowError on the query, a 500.
    for name, value in (("court", court), ("department", department), ("team", team),
                        ("judge", judge)):  # fmt: skip
        if value is not None and not 0 < value < 2**63:
            raise CommonError.INVALID_INPUT.exc(fields={name: "编号无效。"})
    courts = access_slice(
        request.user,
        court_ids=[court] if court else None,
        department_id=department,
        team_id=team,
        judge_id=judge,
    )
    return selectors.Slice(start, end, tuple(courts), department, team, judge, type_code)


def _export(header: list[str], rows: list[list[Any]], fmt: str, name: str) -> HttpResponse:
    if fmt == "xlsx":
        resp = HttpResponse(
            to_xlsx(header, rows),
            content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    else:
        resp = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return resp


@router.get("/indicators")
def indicators(
    request: HttpRequest,
    period: str = "year",
    year: int | None = None,
    index: int | None = None,
    by: str = "court",
    court: int | None = None,
    department: int | None = None,
    team: int | None = None,
    judge: int | None = None,
    type_code: str | None = None,
    format: str = "json",
) -> Any:
    """Every catalogue indicator per group of ``by`` (court, department, team, judge, type)."""
    if by not in selectors.DIMENSIONS or format not in ("json", "csv", "xlsx"):
        raise CommonError.INVALID_INPUT.exc(fields={"by": list(selectors.DIMENSIONS)})
    s = _slice(request, period, year, index, court, department, team, judge, type_code)
    result = selectors.compute(s, by)
    if by == "judge" and judge is not None:
        result = {k: v for k, v in result.items() if k == judge}
    groups = [
        {"key": k, "figures": {c: f.as_dict() for c, f in figs.items()}}
        for k, figs in sorted(result.items(), key=lambda kv: str(kv[0]))
    ]
    if format != "json":
        codes = [i.code for i in selectors.catalogue()]
        rows = [[g["key"], *[g["figures"][c]["value"] for c in codes]] for g in groups]
        return _export([by, *codes], rows, format, f"indicators-{s.start}-{s.end}")
    return {"start": s.start, "end": s.end, "by": by, "groups": groups}


@router.get("/drill/{code}")
def drill(
    request: HttpRequest,
    code: str,
    part: str = "numerator",
    period: str = "year",
    year: int | None = None,
    index: int | None = None,
    court: int | None = None,
    department: int | None = None,
    team: int | None = None,
    judge: int | None = None,
    type_code: str | None = None,
    page: int = 1,
    size: int = 50,
    format: str = "json",
) -> Any:
    """The cases behind a figure (case numbers, paged)."""
    if part not in ("numerator", "denominator") or page < 1 or not 1 <= size <= 500:
        raise CommonError.INVALID_INPUT.exc(fields={"part": "numerator|denominator"})
    if page >= 2**31:  # the offset of 2**63 raised OverflowError on SQLite, a 500
        raise CommonError.INVALID_INPUT.exc(fields={"page": "页码过大。"})
    s = _slice(request, period, year, index, court, department, team, judge, type_code)
    try:
        result = selectors.drill(s, code, part, page=page, size=size)
    except KeyError:
        raise CommonError.NOT_FOUND.exc() from None
    if format in ("csv", "xlsx"):
        keys = list(result.rows[0]) if result.rows else ["id", "number"]
        return _export(keys, [[r[k] for k in keys] for r in result.rows], format, f"{code}-{part}")
    return {"count": result.count, "page": page, "size": size, "rows": result.rows}


@router.get("/catalogue", auth=None)
def catalogue(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": i.code,
            "name": i.name,
            "category": i.category,
            "formula": i.formula,
            "unit": i.unit,
            "ref_low": i.ref_low,
            "ref_high": i.ref_high,
            "source": i.source,
            "scope_types": i.scope_types,
            "excluded_types": i.excluded_types,
        }
        for i in selectors.catalogue()
    ]


@router.get("/open", auth=None)
def open_data(request: HttpRequest, year: int, format: str = "json") -> Any:
    """Public: aggregate figures per court per month; counts below the threshold suppressed."""
    if not 2000 <= year <= 2100 or format not in ("json", "csv"):
        raise CommonError.INVALID_INPUT.exc(fields={"year": "2000–2100"})
    rows = selectors.open_data(year)
    if format == "csv":
        body = to_csv(
            OPEN_HEADER,
            [[r[k] for k in OPEN_HEADER] for r in rows],
            blank="<5" if selectors.min_count() == 5 else f"<{selectors.min_count()}",
        )
        resp = HttpResponse(body, content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="open-data-{year}.csv"'
        return resp
    return {
        "year": year,
        "suppressed_below": selectors.min_count(),
        "rows": rows,
        "dictionary": [{"field": f, "meaning": m, "source": src} for f, m, src in DATA_DICTIONARY],
    }


@router.get("/open/dictionary.csv", auth=None)
def open_dictionary(request: HttpRequest) -> HttpResponse:
    resp = HttpResponse(
        to_csv(["field", "meaning", "source"], DATA_DICTIONARY),
        content_type="text/csv; charset=utf-8",
    )
    resp["Content-Disposition"] = 'attachment; filename="open-data-dictionary.csv"'
    return resp
