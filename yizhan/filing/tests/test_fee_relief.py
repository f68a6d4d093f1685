"""Fee relief (司法救助, FEE Arts 44–51): applied for with the filing, decided before docketing,
reflected in the fee notice."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from yizhan.cases.models import Case
from yizhan.filing.models import FeeRelief

from .helpers import Api, assert_error, civil_payload, row_counts, submitted_filing

pytestmark = pytest.mark.usefixtures("cause")


def _relief_then_accept(alice: Any, clerk: Any, relief: dict[str, Any]) -> dict[str, Any]:
    api, staff = Api(alice), Api(clerk)
    fid = submitted_filing(api)
    r = api.post(f"/filings/{fid}/fee-relief", relief)
    assert r.status_code == 201, r.content
    assert r.json()["fee_relief"]["status"] == "pending"
    r = staff.post(f"/review/filings/{fid}/fee-relief", {"grant": True})
    assert r.status_code == 200, r.content
    assert r.json()["fee_relief"]["status"] == "granted"
    r = staff.post(f"/review/filings/{fid}/accept", {})
    assert r.status_code == 200, r.content
    notice: dict[str, Any] = api.get(f"/cases/{r.json()['case_id']}").json()["fee_notice"]
    return notice


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_granted_waiver_for_natural_person_makes_nothing_due(alice, chikan_clerk):
    # FEE Art 45: exemption, for natural persons
    notice = _relief_then_accept(alice, chikan_clerk, {"kind": "waive", "grounds": "低保户"})
    assert (notice["full_fee"], notice["amount_due"], notice["status"], notice["due_on"]) == (
        "2300.00",
        "0.00",
        "waived",
        None,
    )


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_granted_50_percent_reduction_halves_the_amount_due(alice, chikan_clerk):
    # FEE Art 47; the simple-procedure fee of 1,150 (FEE Art 16) is reduced by 50 %
    notice = _relief_then_accept(
        alice, chikan_clerk, {"kind": "reduce", "grounds": "因灾生活困难", "reduce_percent": 50}
    )
    assert (notice["amount_due"], notice["status"], notice["due_on"]) == (
        "575.00",
        "due",
        "2026-03-09",
    )
    assert notice["basis"][-1] == "准予减交 50%（《诉讼费用交纳办法》第四十七条）"


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_granted_deferral_leaves_the_amount_but_no_due_date(alice, chikan_clerk):
    notice = _relief_then_accept(alice, chikan_clerk, {"kind": "defer", "grounds": "工伤待赔"})
    assert (notice["amount_due"], notice["status"], notice["due_on"]) == (
        "1150.00",
        "deferred",
        None,
    )


@pytest.mark.parametrize("percent", [20, 29, 100])
def test_reduction_below_30_percent_or_total_is_422(alice, percent):
    # FEE Art 47: a reduction is at least 30 %; 100 % is a waiver, not a reduction
    api = Api(alice)
    fid = api.post("/filings", civil_payload()).json()["id"]
    before = row_counts()

    body = assert_error(
        api.post(
            f"/filings/{fid}/fee-relief",
            {"kind": "reduce", "grounds": "困难", "reduce_percent": percent},
        ),
        422,
        "relief_invalid",
    )

    assert list(body["fields"]) == ["reduce_percent"]
    assert FeeRelief.objects.count() == 0
    assert row_counts() == before


def test_waiver_for_a_legal_person_plaintiff_is_422(alice):
    # FEE Art 45: only natural persons may be exempted
    payload = civil_payload()
    payload["parties"][0] = {
        "role": "plaintiff",
        "kind": "legal",
        "name": "湛江某贸易有限公司",
        "legal_representative": "张三",
    }
    api = Api(alice)
    fid = api.post("/filings", payload).json()["id"]

    assert_error(
        api.post(f"/filings/{fid}/fee-relief", {"kind": "waive", "grounds": "亏损"}),
        422,
        "relief_waive_natural_persons_only",
    )
    assert FeeRelief.objects.count() == 0


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_accepting_while_relief_is_pending_is_409(alice, chikan_clerk):
    # FEE Art 49: relief is decided before the decision to docket
    api, staff = Api(alice), Api(chikan_clerk)
    fid = submitted_filing(api)
    assert (
        api.post(f"/filings/{fid}/fee-relief", {"kind": "defer", "grounds": "困难"}).status_code
        == 201
    )
    before = row_counts()

    assert_error(staff.post(f"/review/filings/{fid}/accept", {}), 409, "relief_pending")

    assert Case.objects.count() == 0
    assert row_counts() == before


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_refusing_relief_needs_written_reasons_then_the_full_fee_is_due(alice, chikan_clerk):
    api, staff = Api(alice), Api(chikan_clerk)
    fid = submitted_filing(api)
    api.post(f"/filings/{fid}/fee-relief", {"kind": "waive", "grounds": "困难"})

    # FEE Art 50: a refusal is reasoned in writing
    assert_error(
        staff.post(f"/review/filings/{fid}/fee-relief", {"grant": False}), 422, "reason_required"
    )
    r = staff.post(
        f"/review/filings/{fid}/fee-relief", {"grant": False, "reason": "未提供困难证明"}
    )
    assert r.json()["fee_relief"]["status"] == "refused"
    case_id = staff.post(f"/review/filings/{fid}/accept", {}).json()["case_id"]
    notice = api.get(f"/cases/{case_id}").json()["fee_notice"]
    assert (notice["amount_due"], notice["status"]) == ("1150.00", "due")


def test_second_relief_application_is_409(alice):
    api = Api(alice)
    fid = api.post("/filings", civil_payload()).json()["id"]
    assert (
        api.post(f"/filings/{fid}/fee-relief", {"kind": "defer", "grounds": "困难"}).status_code
        == 201
    )
    assert_error(
        api.post(f"/filings/{fid}/fee-relief", {"kind": "waive", "grounds": "困难"}),
        409,
        "relief_exists",
    )
