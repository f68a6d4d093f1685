"""Centralised bankruptcy jurisdiction (集中管辖): YIZHAN_BANKRUPTCY_COURT receives every
bankruptcy application of the city."""

from __future__ import annotations

from typing import Any

from yizhan.cases.models import Cause

from .helpers import Api, assert_error, civil_payload, row_counts


def _bankruptcy(court: str) -> dict[str, Any]:
    Cause.objects.get_or_create(
        code="B100",
        defaults={"name": "申请破产清算", "category": "bankruptcy", "fee_kind": "bankruptcy"},
    )
    payload = civil_payload(amount="5000000", court=court)
    payload.update(kind="bankruptcy", cause_code="B100", claims="申请对债务人进行破产清算")
    payload["parties"][0]["role"] = "applicant"
    payload["parties"][1]["role"] = "respondent"
    return payload


def test_bankruptcy_application_to_a_basic_court_is_refused_naming_the_designated_court(alice):
    before = row_counts()
    r = Api(alice).post("/filings", _bankruptcy("粤0802"))
    body = assert_error(r, 422, "bankruptcy_jurisdiction")
    assert body["fields"] == {"court_code": "本市破产案件由湛江市中级人民法院（粤08）集中管辖。"}
    assert row_counts() == before


def test_bankruptcy_application_to_the_designated_court_is_drafted(alice):
    r = Api(alice).post("/filings", _bankruptcy("粤08"))
    assert r.status_code == 201, r.content
    assert r.json()["court_code"] == "粤08"
    assert r.json()["kind"] == "bankruptcy"


def test_the_designated_court_is_a_setting(alice, settings):
    settings.YIZHAN_BANKRUPTCY_COURT = "粤0802"
    r = Api(alice).post("/filings", _bankruptcy("粤0802"))
    assert r.status_code == 201, r.content
