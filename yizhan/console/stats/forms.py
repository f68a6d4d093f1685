"""The slice form of the statistics dashboards: who/what (court, department, team, judge,
case type) and when (month, quarter or year of the court calendar).

The form only checks the *shape* of the input (integers, a known period); whether the viewer
may see the slice is decided by :func:`yizhan.stats.permissions.access_slice`, so an id the
viewer may not see yields the 403 page, not a form error."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from yizhan.stats import selectors

PERIODS = [("year", _("年度")), ("quarter", _("季度")), ("month", _("月度"))]
SLICE_FIELDS = ("court", "department", "team", "judge", "type_code", "period", "year", "index")
MAX_TRENDS = 4


class SliceForm(forms.Form):
    court = forms.IntegerField(label=_("法院"), required=False, min_value=1)
    department = forms.IntegerField(label=_("部门"), required=False, min_value=1)
    team = forms.IntegerField(label=_("团队"), required=False, min_value=1)
    judge = forms.IntegerField(label=_("法官"), required=False, min_value=1)
    type_code = forms.CharField(label=_("案件类型"), required=False, max_length=8)
    period = forms.ChoiceField(label=_("统计周期"), choices=PERIODS, required=False)
    year = forms.IntegerField(label=_("年份"), required=False, min_value=2000, max_value=2100)
    index = forms.IntegerField(label=_("月/季"), required=False, min_value=1, max_value=12)
    trend = forms.MultipleChoiceField(label=_("趋势指标"), required=False)
    compare = forms.ChoiceField(label=_("法院对比指标"), required=False)

    def __init__(self, *args: Any, codes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trend"].choices = codes  # type: ignore[attr-defined]
        self.fields["compare"].choices = [("", "—"), *codes]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("period") or "year"
        data["period"] = kind
        index = data.get("index") or 1
        if kind == "quarter" and index > 4:
            self.add_error("index", _("季度应为 1–4。"))
        data["index"] = index
        if len(data.get("trend") or []) > MAX_TRENDS:
            self.add_error("trend", _("最多选择 %(n)s 个趋势指标。") % {"n": MAX_TRENDS})
        return data

    def dates(self, default_year: int) -> tuple[dt.date, dt.date]:
        d = self.cleaned_data
        return selectors.period(d["period"], d.get("year") or default_year, d["index"])


def slice_params(data: dict[str, Any], year: int) -> dict[str, Any]:
    """The cleaned slice as query parameters (the same names as the API's, except
    ``type_code``), leaving out what is empty."""
    out: dict[str, Any] = {}
    for name in ("court", "department", "team", "judge", "type_code"):
        if data.get(name):
            out[name] = data[name]
    out["period"] = data.get("period") or "year"
    out["year"] = data.get("year") or year
    if out["period"] != "year":
        out["index"] = data.get("index") or 1
    return out


def query(params: dict[str, Any], **extra: Any) -> str:
    merged = {**params, **{k: v for k, v in extra.items() if v is not None}}
    return urlencode(merged, doseq=True)
