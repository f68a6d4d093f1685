"""The public calculators (no login): fees, periods, case numbers."""

from __future__ import annotations

from typing import Any

import pytest

from yizhan.filing.tests.helpers import Api, assert_error


def _get(path: str, **params: Any) -> Any:
    return Api().get(path, **params)


@pytest.mark.parametrize(
    ("params", "fee", "full_fee", "halved"),
    [
        # FEE Art 13(1): 50 + 90,000 × 2.5 %
        ({"kind": "property", "amount": "100000"}, "2300.00", "2300.00", False),
        # FEE Art 16: simple procedure halves it
        (
            {"kind": "property", "amount": "100000", "procedure": "simple"},
            "1150.00",
            "2300.00",
            True,
        ),
        # FEE Art 14(8): bankruptcy, half the property scale, at most 300,000
        ({"kind": "bankruptcy", "amount": "200000000"}, "300000.00", "300000.00", False),
    ],
)
def test_fee_quote(db, params, fee, full_fee, halved):
    r = _get("/fees/quote", **params)
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["fee"], body["full_fee"], body["halved"], body["kind"]) == (
        fee,
        full_fee,
        halved,
        params["kind"],
    )
    assert body["basis"]


@pytest.mark.parametrize(
    ("params", "code", "field"),
    [
        ({"kind": "lottery", "amount": "100"}, "unknown_kind", "kind"),
        ({"kind": "property", "amount": "abc"}, "invalid_amount", "amount"),
        (
            {"kind": "property", "amount": "100", "procedure": "fast"},
            "unknown_procedure",
            "procedure",
        ),
    ],
)
def test_fee_quote_bad_input_is_422(db, params, code, field):
    body = assert_error(_get("/fees/quote", **params), 422, code)
    assert list(body["fields"]) == [field]


def test_fee_quote_without_kind_is_422(db):
    body = assert_error(_get("/fees/quote", amount="100"), 422, "invalid_input")
    assert body["fields"] == {"kind": "必填"}


def test_period_ending_in_national_day_moves_to_first_working_day(db):
    # CPL23 Art 85: 28 Sep + 7 days = 5 Oct, inside the 1–7 Oct 2026 holiday
    r = _get("/calendar/period-end", start="2026-09-28", days=7)
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["start"], body["nominal_end"], body["end"], body["extended"]) == (
        "2026-09-28",
        "2026-10-05",
        "2026-10-08",
        True,
    )


def test_one_month_from_31_january_ends_28_february(db):
    # CC Art 202: no corresponding day → the last day of the month
    r = _get("/calendar/period-end", start="2026-01-31", months=1)
    assert r.status_code == 200, r.content
    assert (r.json()["nominal_end"], r.json()["end"]) == ("2026-02-28", "2026-02-28")


@pytest.mark.parametrize(
    ("params", "code", "fields"),
    [
        (
            {"start": "2026-01-31", "days": 3, "months": 1},
            "invalid_input",
            {"days": "请且仅请给出 days、months、years 中的一项。"},
        ),
        (
            {"start": "2026-01-31"},
            "invalid_input",
            {"days": "请且仅请给出 days、months、years 中的一项。"},
        ),
        ({"start": "2026-02-31", "days": 3}, "invalid_input", {"start": "日期格式应为 YYYY-MM-DD"}),
        ({"start": "2026-02-01", "days": "three"}, "invalid_input", {"days": "须为整数"}),
        ({"start": "2026-02-01", "days": -3}, "invalid_period", {"days": "期间长度不能为负数"}),
    ],
)
def test_period_bad_input_is_422(db, params, code, fields):
    body = assert_error(_get("/calendar/period-end", **params), 422, code)
    assert body["fields"] == fields


def test_case_number_parse_with_ascii_brackets(courts):
    r = _get("/case-numbers/parse", number="(2026)粤0802民初1号")
    assert r.status_code == 200, r.content
    assert r.json() == {
        "number": "（2026）粤0802民初1号",
        "year": 2026,
        "court_code": "粤0802",
        "special_code": "",
        "type_code": "民初",
        "seq": 1,
        "type_name": "民事一审",
        "court_name": "湛江市赤坎区人民法院",
    }


@pytest.mark.parametrize("number", ["garbage", "（2026）粤0802民初0号", ""])
def test_case_number_parse_garbage_is_422(db, number):
    r = _get("/case-numbers/parse", number=number)
    assert r.status_code == 422, r.content
    assert set(r.json()) == {"code", "message", "fields"}


def test_courts_lists_the_active_courts(courts):
    r = _get("/courts")
    assert r.status_code == 200
    assert [c["code"] for c in r.json()][:3] == ["粤08", "粤0802", "粤0803"]
