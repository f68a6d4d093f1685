"""The filing flow through the API: draft → materials → submit → return for correction →
correct and resubmit → preview → accept → case, fee notice and notices as PDFs."""

from __future__ import annotations

from typing import Any

import time_machine

from yizhan.audit.models import AuditEvent
from yizhan.cases.models import Case
from yizhan.filing.models import Filing, FilingStatus

from .helpers import (
    PDF,
    Api,
    administrative_payload,
    assert_error,
    civil_payload,
    complete_draft,
    row_counts,
    submitted_filing,
)


def test_full_flow_with_correction_gives_case_number_fee_notice_and_pdfs(
    alice, chikan_clerk, cause
):
    api, staff = Api(alice), Api(chikan_clerk)
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False) as clock:
        # Given a draft of a 100,000 yuan loan claim
        r = api.post("/filings", civil_payload("100000"))
        assert r.status_code == 201, r.content
        draft = r.json()
        fid = draft["id"]
        assert draft["status"] == "draft"
        # FEE Art 13: the estimate is the ordinary-procedure fee, 50 + 90,000 × 2.5 %
        assert draft["fee_estimate"] == "2300.00"
        assert draft["claim_amount"] == "100000.00"
        assert draft["review_due"] is None
        assert [m["present"] for m in draft["materials"] if m["required"]] == [False] * 3

        # When the three required materials are uploaded and the filing submitted on Mon 2 March
        for cat in ("complaint", "identity", "evidence"):
            assert api.upload(f"/filings/{fid}/attachments", cat, PDF).status_code == 201
        r = api.post(f"/filings/{fid}/submit")

        # Then the court must decide by the 7th day after receipt (CPL23 Art 126)
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "submitted"
        assert r.json()["received_on"] == "2026-03-02"
        assert r.json()["review_due"] == "2026-03-09"

        # When the clerk returns it on 3 March with one written list (REG2015 Art 7)
        clock.move_to("2026-03-03 09:00 +0800")
        items = [
            {"field": "facts", "message": "请写明借款的时间、金额和约定利率。"},
            {"field": "evidence", "message": "请补充银行转账凭证。"},
        ]
        r = staff.post(f"/review/filings/{fid}/return", {"items": items})
        assert r.status_code == 200, r.content
        returned = r.json()
        assert returned["status"] == "returned"
        assert returned["correction_items"] == items
        assert returned["correction_due"] == "2026-03-18"  # 15 days after 3 March

        # When the litigant corrects on 5 March (PUT + a new upload) and resubmits
        clock.move_to("2026-03-05 15:00 +0800")
        corrected = civil_payload("100000")
        corrected["facts"] = "2025 年 6 月 1 日借款 100,000 元，约定年利率 3.65%，到期未还。"
        r = api.put(f"/filings/{fid}", corrected)
        assert r.status_code == 200, r.content
        assert r.json()["facts"] == corrected["facts"]
        assert (
            api.upload(
                f"/filings/{fid}/attachments",
                "evidence",
                PDF + b"%transfer\n%%EOF\n",
                "transfer.pdf",
            ).status_code
            == 201
        )
        r = api.post(f"/filings/{fid}/submit")

        # Then the 7 days restart from the day the corrected filing arrived (CPLI Art 126)
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "submitted"
        assert r.json()["received_on"] == "2026-03-05"
        assert r.json()["review_due"] == "2026-03-12"

        # When the clerk previews on 6 March
        clock.move_to("2026-03-06 09:30 +0800")
        r = staff.get(f"/review/filings/{fid}/preview")
        assert r.status_code == 200, r.content
        preview = r.json()
        # Then: the next number, simple procedure (EXT2019 Art 4: ≤ 2 × 118,133) and the fee
        # halved for it (FEE Art 16)
        assert preview["case_number"] == "（2026）粤0802民初1号"
        assert preview["procedure"] == "simple"
        assert preview["allowed_procedures"] == ["small_claims", "simple", "ordinary"]
        assert preview["fee"] == "1150.00"
        assert preview["prepaid"] is True
        assert preview["missing_materials"] == []

        # When the clerk accepts
        r = staff.post(f"/review/filings/{fid}/accept", {})

        # Then the case is docketed under that number
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "accepted"
        assert r.json()["case_number"] == "（2026）粤0802民初1号"
        case_id = r.json()["case_id"]

        # And the litigant sees the case with the fee notice: 7 days to pay (FEE Art 22)
        r = api.get(f"/cases/{case_id}")
        assert r.status_code == 200, r.content
        case = r.json()
        assert case["number"] == "（2026）粤0802民初1号"
        assert case["procedure"] == "simple"
        assert case["filed_on"] == "2026-03-06"
        notice = case["fee_notice"]
        assert (notice["full_fee"], notice["amount_due"], notice["status"]) == (
            "2300.00",
            "1150.00",
            "due",
        )
        assert (notice["issued_on"], notice["due_on"]) == ("2026-03-06", "2026-03-13")
        assert [(d["kind"], d["text"]) for d in case["docket"]] == [
            ("filed", "立案（简易程序）"),
            (
                "fee_notice",
                "发出交纳诉讼费用通知书：1150.00 元，请于 2026-03-13 前交纳"
                "（《诉讼费用交纳办法》第二十二条）",
            ),
        ]
        assert case["deadlines"] == [
            {"name": "预交诉讼费", "due_on": "2026-03-13", "rule": "《诉讼费用交纳办法》第二十二条"}
        ]
        assert case["audit"] is None  # the audit trail is for court staff only

        # And downloads both notices as PDF
        for doc in ("fee-notice.pdf", "acceptance-notice.pdf"):
            r = api.get(f"/cases/{case_id}/{doc}")
            assert r.status_code == 200, doc
            assert r["Content-Type"] == "application/pdf"
            assert r.content.startswith(b"%PDF")


def test_review_due_falling_in_national_day_moves_to_first_working_day_after(alice, cause):
    # Given receipt on Mon 28 Sep 2026: the 7th day, 5 Oct, is inside the 1–7 Oct holiday
    api = Api(alice)
    fid = complete_draft(api)
    with time_machine.travel("2026-09-28 10:00 +0800", tick=False):
        # When submitted
        r = api.post(f"/filings/{fid}/submit")
    # Then the period ends on the first working day after the holiday (CPL23 Art 85)
    assert r.status_code == 200, r.content
    assert r.json()["review_due"] == "2026-10-08"


def _accept(staff: Api, fid: int, data: dict[str, Any] | None = None) -> dict[str, Any]:
    r = staff.post(f"/review/filings/{fid}/accept", data or {})
    assert r.status_code == 200, r.content
    body: dict[str, Any] = r.json()
    return body


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_case_numbers_run_per_court_year_and_type_code(alice, chikan_clerk, cause, admin_cause):
    # 法〔2015〕137号 Art 10: one sequence per court, year and type code
    api, staff = Api(alice), Api(chikan_clerk)
    first = submitted_filing(api)
    second = submitted_filing(api)
    administrative = submitted_filing(api, administrative_payload())

    assert _accept(staff, first)["case_number"] == "（2026）粤0802民初1号"
    assert _accept(staff, second)["case_number"] == "（2026）粤0802民初2号"
    assert _accept(staff, administrative)["case_number"] == "（2026）粤0802行初1号"
    assert sorted(Case.objects.values_list("type_code", "seq")) == [
        ("民初", 1),
        ("民初", 2),
        ("行初", 1),
    ]


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_small_claim_at_basic_court_gets_small_claims_procedure_and_halved_fee(
    alice, chikan_clerk, cause
):
    # Given 50,000 ≤ 50 % × 118,133 = 59,066.50 (CPL23 Art 165)
    api, staff = Api(alice), Api(chikan_clerk)
    fid = submitted_filing(api, civil_payload("50000"))
    # When accepted with the suggested procedure
    case_id = _accept(staff, fid)["case_id"]
    # Then small claims, and the fee 1,050 is halved once (FEE Art 16, CPLI Art 206)
    case = api.get(f"/cases/{case_id}").json()
    assert case["procedure"] == "small_claims"
    assert (case["fee_notice"]["full_fee"], case["fee_notice"]["amount_due"]) == (
        "1050.00",
        "525.00",
    )


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_clerk_may_choose_ordinary_procedure_and_the_full_fee_is_due(alice, chikan_clerk, cause):
    api, staff = Api(alice), Api(chikan_clerk)
    fid = submitted_filing(api)
    case_id = _accept(staff, fid, {"procedure": "ordinary"})["case_id"]
    notice = api.get(f"/cases/{case_id}").json()["fee_notice"]
    assert (notice["full_fee"], notice["amount_due"]) == ("2300.00", "2300.00")


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_refuse_with_reason_records_the_reason(alice, chikan_clerk, cause):
    # Given a submitted filing
    api, staff = Api(alice), Api(chikan_clerk)
    fid = submitted_filing(api)
    # When the clerk refuses it with reasons (CPL23 Art 126: 裁定不予受理)
    r = staff.post(f"/review/filings/{fid}/refuse", {"reason": "  原告已就同一纠纷申请仲裁。 "})
    # Then it is refused, the reason kept (trimmed), and no case opened
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "refused"
    assert r.json()["decision_reason"] == "原告已就同一纠纷申请仲裁。"
    assert r.json()["case_id"] is None
    assert Case.objects.count() == 0


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_refuse_without_reason_is_422_reason_required_and_changes_nothing(
    alice, chikan_clerk, cause
):
    api, staff = Api(alice), Api(chikan_clerk)
    fid = submitted_filing(api)
    before = row_counts()

    body = assert_error(
        staff.post(f"/review/filings/{fid}/refuse", {"reason": "   "}), 422, "reason_required"
    )

    assert list(body["fields"]) == ["reason"]
    assert Filing.objects.get(pk=fid).status == FilingStatus.SUBMITTED
    assert Filing.objects.get(pk=fid).decision_reason == ""
    assert row_counts() == before


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_submit_with_missing_materials_is_422_listing_exact_labels_and_changes_nothing(
    alice, cause
):
    # Given a draft with only the complaint uploaded
    api = Api(alice)
    fid = api.post("/filings", civil_payload()).json()["id"]
    assert api.upload(f"/filings/{fid}/attachments", "complaint", PDF).status_code == 201
    before = row_counts()

    # When submitted
    body = assert_error(api.post(f"/filings/{fid}/submit"), 422, "materials_incomplete")

    # Then the missing materials are named (REG2015 Art 6) and nothing changed
    assert body["fields"] == {"materials": ["当事人身份证明", "证据材料"]}
    filing = Filing.objects.get(pk=fid)
    assert (filing.status, filing.received_on, filing.review_due, filing.submissions) == (
        "draft",
        None,
        None,
        0,
    )
    assert row_counts() == before


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_submit_without_defendant_amount_claims_lists_every_problem(alice, cause):
    api = Api(alice)
    payload = civil_payload(amount=None)
    payload["claims"] = ""
    payload["parties"] = payload["parties"][:1]
    fid = api.post("/filings", payload).json()["id"]

    body = assert_error(api.post(f"/filings/{fid}/submit"), 422, "materials_incomplete")

    assert body["fields"] == {
        "parties": "请至少填写一名原告（申请人）和一名被告（被申请人）。",
        "claims": "请填写诉讼请求（申请事项）。",
        "materials": ["起诉状", "当事人身份证明", "证据材料"],
    }


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_withdrawn_filing_can_no_longer_be_accepted(alice, chikan_clerk, cause):
    api, staff = Api(alice), Api(chikan_clerk)
    fid = submitted_filing(api)
    r = api.post(f"/filings/{fid}/withdraw")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "withdrawn"

    assert_error(staff.post(f"/review/filings/{fid}/accept", {}), 409, "filing_wrong_state")
    assert Case.objects.count() == 0
    assert AuditEvent.objects.filter(action="filing.accepted").count() == 0
