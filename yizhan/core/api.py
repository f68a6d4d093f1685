"""Public calculators used by the portal and by partners: fees, periods, case numbers,
courts. No login needed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema

from yizhan.core.calendar import period_from
from yizhan.core.errors import CommonError
from yizhan.core.fees import quote
from yizhan.rules import case_numbers

from .models import Court

router = Router(tags=["public"])


class FeeQuoteOut(Schema):
    fee: str
    full_fee: str
    halved: bool
    kind: str
    procedure: str
    closing: str
    basis: list[str]


class FeeQuery(Schema):
    kind: str
    amount: str | None = None
    procedure: str = "ordinary"
    closing: str = "judgment"


@router.get("/fees/quote", response=FeeQuoteOut, auth=None, summary="诉讼费计算")
def fee_quote(request: HttpRequest, q: Query[FeeQuery]) -> dict[str, Any]:
    """FEE Arts 13–16: the acceptance or application fee for a kind of case.

    ``amount`` is the claim, the property in dispute, or the damages, as the kind needs."""
    result = quote(q.kind, q.amount or None, procedure=q.procedure, closing=q.closing)
    return {
        **result.as_dict(),
        "kind": q.kind,
        "procedure": q.procedure,
        "closing": q.closing,
    }


class PeriodQuery(Schema):
    start: date
    days: int | None = None
    months: int | None = None
    years: int | None = None


class PeriodOut(Schema):
    start: date
    nominal_end: date
    end: date
    extended: bool
    warnings: list[str]
    rule: str


@router.get("/calendar/period-end", response=PeriodOut, auth=None, summary="期限计算")
def period_end(request: HttpRequest, q: Query[PeriodQuery]) -> dict[str, Any]:
    """CPL23 Art 85 and CC Arts 201–203 on the court calendar."""
    given = {
        k: v
        for k, v in (("days", q.days), ("months", q.months), ("years", q.years))
        if v is not None
    }
    if len(given) != 1:
        raise CommonError.INVALID_INPUT.exc(
            fields={"days": "请且仅请给出 days、months、years 中的一项。"}
        )
    result = period_from(q.start, **given)
    return {
        "start": result.start,
        "nominal_end": result.nominal_end,
        "end": result.end,
        "extended": result.extended,
        "warnings": list(result.warnings),
        "rule": "期间开始的日不计算在期间内；期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期"
        "（《民事诉讼法》第八十五条；《民法典》第二百零一条至第二百零三条）",
    }


class CaseNumberOut(Schema):
    number: str
    year: int
    court_code: str
    special_code: str
    type_code: str
    seq: int
    type_name: str
    court_name: str | None


@router.get("/case-numbers/parse", response=CaseNumberOut, auth=None, summary="案号解析")
def parse_case_number(request: HttpRequest, number: str) -> dict[str, Any]:
    """法〔2015〕137号 (as amended 2018): （年份）法院代字[专门审判代字]类型代字序号号."""
    cn = case_numbers.parse(number, extra_type_codes=[settings.YIZHAN_PRE_MEDIATION_TYPE_CODE])
    court = Court.objects.filter(code=cn.court_code).first()
    return {
        "number": cn.render(),
        "year": cn.year,
        "court_code": cn.court_code,
        "special_code": cn.special_code,
        "type_code": cn.type_code,
        "seq": cn.seq,
        "type_name": cn.type_name,
        "court_name": court.name if court else None,
    }


class CourtOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None
    address: str
    phone: str
    hours: str


@router.get("/courts", response=list[CourtOut], auth=None, summary="法院名录")
def courts(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": c.code,
            "name": c.name,
            "level": c.level,
            "parent_code": c.parent.code if c.parent else None,
            "address": c.address,
            "phone": c.phone,
            "hours": c.hours,
        }
        for c in Court.objects.filter(is_active=True).select_related("parent")
    ]


@router.get("/ping", auth=None, include_in_schema=False)
def ping(request: HttpRequest) -> dict[str, str]:
    """A bare JSON endpoint: the baseline for bench/filing.py."""
    return {"ok": "yes"}
