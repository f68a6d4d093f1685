"""Console pages of the statistics (审判质效统计): the dashboard (slice form, indicator table,
trend and court-comparison charts), the drill-down to the cases behind a number, and the
CSV / xlsx export of every table shown.

Access: :func:`yizhan.stats.permissions.access_slice` decides every slice (a judge: own and
team figures; statistician / president / administrator: their court and, for an
intermediate court, its basic courts). Its DomainError becomes the 401/403 page through
:func:`yizhan.console.access.staff_view`; nothing here writes to the database.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from yizhan.console.access import staff_view
from yizhan.core.errors import CommonError
from yizhan.core.time import today
from yizhan.stats import selectors
from yizhan.stats.export import to_csv, to_xlsx
from yizhan.stats.models import Category, Unit
from yizhan.stats.permissions import StatsScope, access_slice, stats_scope

from . import reads
from .forms import SliceForm, query, slice_params

DEFAULT_TRENDS = ["closure_rate", "within_limit_rate"]
DRILL_PAGE_SIZE = 50
DRILL_EXPORT_MAX = 20_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PARTS = {"numerator": gettext_lazy("分子"), "denominator": gettext_lazy("分母")}
DETAIL_LABELS = {
    "p50": "P50",
    "p75": "P75",
    "p90": "P90",
    "filing_to_judgment": gettext_lazy("立案→判决"),
    "judgment_to_enforcement": gettext_lazy("判决→申请执行"),
    "enforcement": gettext_lazy("执行"),
    "average_per_judge": gettext_lazy("法官人均结案"),
    "efiling": gettext_lazy("网上立案"),
    "eservice": gettext_lazy("电子送达"),
    "published": gettext_lazy("裁判文书公开"),
    "random_assignment": gettext_lazy("随机分案"),
    "pretrial_attachment": gettext_lazy("诉前财产保全"),
    "time_standards": gettext_lazy("审限标准"),
    "performance_reports": gettext_lazy("质效报告"),
    "adr_mediation": gettext_lazy("多元调解"),
    "e_payment": gettext_lazy("网上交费"),
}
ANSWERS = {"yes": gettext_lazy("是"), "no": gettext_lazy("否"), "unknown": gettext_lazy("未知")}


# --- the slice -------------------------------------------------------------------------------


def _codes() -> list[tuple[str, str]]:
    return [(i.code, i.name) for i in selectors.catalogue()]


def _scope(request: HttpRequest) -> StatsScope:
    scope = stats_scope(request.user)
    if not scope.any:
        raise CommonError.PERMISSION_DENIED.exc(
            message=_("质效统计仅供统计人员、院庭长、系统管理员和法官查看。")
        )
    return scope


def _read_slice(
    request: HttpRequest, form: SliceForm, scope: StatsScope
) -> tuple[selectors.Slice, dict[str, Any]]:
    """The checked slice and its query parameters. Without any who/what filter a viewer
    without a whole court sees their own figures (judge = themselves)."""
    data = dict(form.cleaned_data)
    if not scope.courts and not any(data.get(k) for k in ("court", "department", "team", "judge")):
        data["judge"] = request.user.pk
    year = data.get("year") or reads.default_year()
    data["year"] = year
    start, end = selectors.period(data["period"], year, data["index"])
    court_ids = access_slice(
        request.user,
        court_ids=[data["court"]] if data.get("court") else None,
        department_id=data.get("department"),
        team_id=data.get("team"),
        judge_id=data.get("judge"),
    )
    s = selectors.Slice(
        start,
        end,
        tuple(court_ids),
        data.get("department"),
        data.get("team"),
        data.get("judge"),
        data.get("type_code") or None,
    )
    return s, slice_params(data, year)


def _bound_form(request: HttpRequest) -> SliceForm:
    form = SliceForm(request.GET, codes=_codes())
    if not form.is_valid():
        raise CommonError.INVALID_INPUT.exc(fields={k: list(v) for k, v in form.errors.items()})
    return form


def _slice_label(s: selectors.Slice, params: dict[str, Any], choices: Any) -> str:
    parts = []
    courts = reads.court_names(s.court_ids or ())
    if params.get("court"):
        parts.append(courts[params["court"]].name if params["court"] in courts else "")
    elif s.court_ids:
        parts.append("、".join(c.name for c in sorted(courts.values(), key=lambda c: c.code)))
    for key, items in (("department", choices.departments), ("team", choices.teams)):
        if params.get(key):
            parts.append(
                next((str(x.name) for x in items if x.pk == params[key]), f"#{params[key]}")
            )
    if params.get("judge"):
        parts.append(next((j[1] for j in choices.judges if j[0] == params["judge"]), "#"))
    if params.get("type_code"):
        parts.append(params["type_code"])
    parts.append(f"{s.start:%Y-%m-%d} – {s.end:%Y-%m-%d}")
    return " · ".join(p for p in parts if p)


# --- rendering helpers -----------------------------------------------------------------------


def _fmt(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def _ref(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return "—"
    if high is None:
        return f"≥ {_fmt(low)}"
    if low is None:
        return f"≤ {_fmt(high)}"
    return f"{_fmt(low)} – {_fmt(high)}"


def _detail(detail: dict[str, Any] | None) -> list[str]:
    if not detail:
        return []
    out = []
    for key, v in detail.items():
        label = str(DETAIL_LABELS.get(key, key))
        if key == "leaders":
            for row in v:
                share = _fmt(row.get("share_of_average"))
                out.append(
                    _("%(name)s：结案 %(n)s 件，为法官人均的 %(share)s%%")
                    % {"name": row.get("name"), "n": _fmt(row.get("closed")), "share": share}
                )
        elif isinstance(v, dict):
            answer = str(ANSWERS.get(str(v.get("answer")), v.get("answer")))
            ev = v.get("evidence")
            out.append(f"{label}：{answer}" + (f"（{ev}）" if isinstance(ev, int | float) else ""))
        else:
            out.append(f"{label}：{_fmt(v) if isinstance(v, int | float) or v is None else v}")
    return out


def _whole(v: float | None) -> float | int | None:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _cell(v: Any) -> Any:
    return v if v is None or isinstance(v, int | float | str) else str(v)


def _drill_url(code: str, params: dict[str, Any], part: str) -> str:
    return reverse("console_stats:drill", args=[code]) + "?" + query(params, part=part)


def _rows(figs: dict[str, selectors.Figure], params: dict[str, Any]) -> list[dict[str, Any]]:
    units = dict(Unit.choices)
    categories = dict(Category.choices)
    rows = []
    for ind in selectors.catalogue():
        f = figs.get(ind.code)
        if f is None:
            continue
        num_ok, den_ok = reads.drill_parts(ind.code)
        rows.append(
            {
                "code": ind.code,
                "name": ind.name,
                "category": categories.get(ind.category, ind.category),
                "formula": ind.formula,
                "unit": units.get(ind.unit, ind.unit),
                "value": f.value,
                "value_text": _fmt(f.value),
                "numerator": f.numerator,
                "denominator": f.denominator,
                "num_text": _fmt(f.numerator) if f.numerator is not None else None,
                "den_text": _fmt(f.denominator) if f.denominator is not None else None,
                "ref": _ref(f.ref_low, f.ref_high),
                "in_range": f.in_range,
                "detail": _detail(f.detail),
                "value_url": _drill_url(ind.code, params, "numerator") if num_ok else None,
                "num_url": _drill_url(ind.code, params, "numerator") if num_ok else None,
                "den_url": _drill_url(ind.code, params, "denominator") if den_ok else None,
            }
        )
    return rows


def _trend_range(s: selectors.Slice) -> selectors.Slice:
    """The calendar year of the slice, up to this month: the trend's x axis."""
    start, end = selectors.period("year", s.start.year)
    end = min(end, max(today(), s.end))
    return selectors.Slice(
        start, end, s.court_ids, s.department_id, s.team_id, s.judge_id, s.type_code
    )


def _compare(
    scope: StatsScope, s: selectors.Slice, code: str
) -> tuple[list[dict[str, Any]], selectors.Figure | None]:
    """The chosen indicator for every court of the viewer's full scope (same period, type)."""
    if not scope.courts:
        return [], None
    cs = selectors.Slice(s.start, s.end, tuple(sorted(scope.courts)), type_code=s.type_code)
    result = selectors.compute(cs, "court")
    courts = reads.court_names(scope.courts)
    rows = []
    sample = None
    for court in sorted(courts.values(), key=lambda c: c.code):
        f = (result.get(court.pk) or {}).get(code)
        sample = sample or f
        rows.append(
            {
                "court": court,
                "value": f.value if f else None,
                "value_text": _fmt(f.value if f else None),
                "in_range": f.in_range if f else None,
            }
        )
    return rows, sample


def _page(request: HttpRequest, template: str, ctx: dict[str, Any], status: int = 200) -> Any:
    return render(
        request,
        template,
        {"console": request.console, **ctx},  # type: ignore[attr-defined]
        status=status,
    )


# --- views ----------------------------------------------------------------------------------


@staff_view
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    codes = _codes()
    known = {c for c, _n in codes}
    form = SliceForm(request.GET, codes=codes)
    choices = reads.slice_choices(scope)
    base = {
        "form": form,
        "choices": choices,
        "codes": codes,
        "years": reads.year_choices(),
        "months": list(range(1, 13)),
        "full_scope": bool(scope.courts),
        "sel": {},
        "trends": DEFAULT_TRENDS,
        "compare_code": "closure_rate",
    }
    if not form.is_valid():
        return _page(request, "console/stats/dashboard.html", base, status=400)
    s, params = _read_slice(request, form, scope)
    figs = selectors.compute_grouped_total(s)
    trends = [c for c in form.cleaned_data.get("trend") or DEFAULT_TRENDS if c in known]
    compare_code = form.cleaned_data.get("compare") or (trends[0] if trends else "closure_rate")
    compare_rows, compare_fig = _compare(scope, s, compare_code)
    names = dict(codes)
    ctx = {
        **base,
        "params": params,
        "sel": {
            **params,
            "index": params.get("index"),
            "index_text": str(params.get("index", "")),
            "trend_custom": bool(form.cleaned_data.get("trend")),
        },
        "slice_label": _slice_label(s, params, choices),
        "rows": _rows(figs, params),
        "trends": trends,
        "trend_query": query(params, trend=trends),
        "compare_code": compare_code,
        "compare_name": names.get(compare_code, compare_code),
        "compare_rows": compare_rows,
        "compare_chart": {
            "name": names.get(compare_code, compare_code),
            "unit": str(dict(Unit.choices).get(compare_fig.unit, "")) if compare_fig else "",
            "ref_low": compare_fig.ref_low if compare_fig else None,
            "ref_high": compare_fig.ref_high if compare_fig else None,
            "ref_label": _("参考区间"),
            "courts": [r["court"].name for r in compare_rows],
            "values": [r["value"] for r in compare_rows],
        },
        "export_query": query(params, compare=compare_code),
        "year": params["year"],
    }
    return _page(request, "console/stats/dashboard.html", ctx)


@staff_view
@require_GET
def trend(request: HttpRequest) -> HttpResponse:
    """The monthly trend charts (loaded by htmx after the dashboard, they take 12 scans)."""
    scope = _scope(request)
    form = _bound_form(request)
    s, _params = _read_slice(request, form, scope)
    codes = _codes()
    known = {c for c, _n in codes}
    wanted = [c for c in form.cleaned_data.get("trend") or DEFAULT_TRENDS if c in known]
    series = reads.monthly_figures(_trend_range(s), wanted)
    inds = {i.code: i for i in selectors.catalogue()}
    units = dict(Unit.choices)
    charts = [
        {
            "id": f"trend-{code}",
            "data_id": f"trend-{code}-data",
            "ref_label": _("参考区间"),
            "code": code,
            "name": inds[code].name,
            "unit": str(units.get(inds[code].unit, "")),
            "ref_low": float(inds[code].ref_low) if inds[code].ref_low is not None else None,
            "ref_high": float(inds[code].ref_high) if inds[code].ref_high is not None else None,
            "months": [m for m, _v in series[code]],
            "values": [v for _m, v in series[code]],
        }
        for code in wanted
    ]
    return _page(request, "console/stats/_trend.html", {"charts": charts})


@staff_view
@require_GET
def drill(request: HttpRequest, code: str) -> HttpResponse:
    scope = _scope(request)
    form = _bound_form(request)
    part = request.GET.get("part", "numerator")
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 0
    if part not in PARTS or page < 1:
        raise CommonError.INVALID_INPUT.exc(fields={"part": "numerator|denominator"})
    s, params = _read_slice(request, form, scope)
    ind = next((i for i in selectors.catalogue() if i.code == code), None)
    try:
        result = selectors.drill(s, code, part, page=page, size=DRILL_PAGE_SIZE)
    except KeyError:
        raise CommonError.NOT_FOUND.exc(message=_("该指标没有可列出的案件明细。")) from None
    if ind is None:
        raise CommonError.NOT_FOUND.exc()
    visible = reads.visible_case_ids(
        request.user,  # type: ignore[arg-type]
        (r["id"] for r in result.rows),
    )
    pages = max(1, -(-result.count // DRILL_PAGE_SIZE))
    num_ok, den_ok = reads.drill_parts(code)
    ctx = {
        "ind": ind,
        "part": part,
        "part_label": PARTS[part],
        "other_part": (
            ("denominator" if part == "numerator" else "numerator") if (num_ok and den_ok) else None
        ),
        "slice_label": _slice_label(s, params, reads.slice_choices(scope)),
        "count": result.count,
        "rows": [{**reads.case_labels(r), "can_open": r["id"] in visible} for r in result.rows],
        "page": page,
        "pages": pages,
        "prev_query": query(params, part=part, page=page - 1) if page > 1 else None,
        "next_query": query(params, part=part, page=page + 1) if page < pages else None,
        "params": params,
        "export_query": query(params, code=code, part=part),
        "other_query": query(params, part="denominator" if part == "numerator" else "numerator"),
        "back_query": query(params),
        "first_row": (page - 1) * DRILL_PAGE_SIZE + 1,
    }
    return _page(request, "console/stats/drill.html", ctx)


@staff_view
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """Any table of the pages as CSV or xlsx: ``table`` = indicators | courts | drill."""
    scope = _scope(request)
    form = _bound_form(request)
    table = request.GET.get("table", "indicators")
    fmt = request.GET.get("format", "csv")
    if table not in ("indicators", "courts", "drill") or fmt not in ("csv", "xlsx"):
        raise CommonError.INVALID_INPUT.exc(fields={"table": "indicators|courts|drill"})
    s, params = _read_slice(request, form, scope)
    name = f"{table}-{s.start}-{s.end}"
    if table == "indicators":
        header = ["code", "指标", "类别", "数值", "单位", "分子", "分母", "参考区间", "区间内"]
        rows: list[list[Any]] = [
            [
                r["code"],
                r["name"],
                str(r["category"]),
                r["value"],
                str(r["unit"]),
                _whole(r["numerator"]),
                _whole(r["denominator"]),
                r["ref"],
                {True: "是", False: "否"}.get(r["in_range"], ""),
            ]
            for r in _rows(selectors.compute_grouped_total(s), params)
        ]
    elif table == "courts":
        code = request.GET.get("compare") or "closure_rate"
        if code not in dict(_codes()):
            raise CommonError.INVALID_INPUT.exc(fields={"compare": code})
        found, _fig = _compare(scope, s, code)
        header = ["法院代字", "法院", code, "区间内"]
        rows = [
            [
                r["court"].code,
                r["court"].name,
                r["value"],
                {True: "是", False: "否"}.get(r["in_range"], ""),
            ]
            for r in found
        ]
        name = f"courts-{code}-{s.start}-{s.end}"
    else:
        code = request.GET.get("code", "")
        part = request.GET.get("part", "numerator")
        if part not in PARTS:
            raise CommonError.INVALID_INPUT.exc(fields={"part": "numerator|denominator"})
        header = ["id", "案号", "类型代字", "程序", "立案日期", "结案日期", "结案方式", "扣除天数"]
        keys = [
            "id",
            "number",
            "type_code",
            "procedure",
            "filed_on",
            "closed_on",
            "closure_method",
            "suspended_days",
        ]
        rows = []
        page = 1
        while len(rows) < DRILL_EXPORT_MAX:
            try:
                result = selectors.drill(s, code, part, page=page, size=500)
            except KeyError:
                raise CommonError.NOT_FOUND.exc() from None
            rows.extend([_cell(r[k]) for k in keys] for r in result.rows)
            if page * 500 >= result.count:
                break
            page += 1
        name = f"{code}-{part}-{s.start}-{s.end}"
    if fmt == "xlsx":
        resp = HttpResponse(to_xlsx(header, rows), content_type=XLSX)
    else:
        resp = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return resp
