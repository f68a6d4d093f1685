from __future__ import annotations

import io
import re
from pathlib import Path

import time_machine
from django.test import Client
from django.urls import reverse

from yizhan.accounts.models import Membership, Role
from yizhan.audit.models import AuditEvent
from yizhan.cases.models import Case, FeeNotice
from yizhan.factories import clerk, litigant, resident_id, user_with_role
from yizhan.filing.models import Filing, FilingEvent
from yizhan.filing.tests.conftest import PDF, Api, civil_payload, complete_draft

from .conftest import login

T0 = "2026-03-02 10:00 +0800"


def submitted(user, payload=None) -> int:  # type: ignore[no-untyped-def]
    api = Api(user)
    fid = complete_draft(api, payload)
    r = api.post(f"/filings/{fid}/submit")
    assert r.status_code == 200, r.content
    return fid


# --- access -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(db):
    r = Client().get("/console/")
    assert r.status_code == 302
    assert "next=/console/" in r["Location"]


def test_litigant_gets_403(alice):
    r = login(alice).get("/console/")
    assert r.status_code == 403
    assert "仅供法院工作人员使用" in r.content.decode()


@time_machine.travel(T0, tick=False)
def test_other_court_clerk_gets_404_on_review_page(alice, xiashan_clerk, cause):
    fid = submitted(alice)
    r = login(xiashan_clerk).get(f"/console/filings/{fid}/")
    assert r.status_code == 404


@time_machine.travel(T0, tick=False)
def test_judge_can_view_but_not_accept(alice, courts, cause):
    fid = submitted(alice)
    judge = user_with_role(Role.JUDGE, courts["粤0802"], id_number=None, real_name="刘法官")
    client = login(judge)
    r = client.get(f"/console/filings/{fid}/")
    assert r.status_code == 200
    assert "只有受诉法院的立案人员可以作出立案决定" in r.content.decode()
    r = client.post(f"/console/filings/{fid}/accept/", {"procedure": "simple"})
    assert r.status_code == 403
    assert Filing.objects.get(pk=fid).status == "submitted"
    assert not Case.objects.exists()


# --- work queue ---------------------------------------------------------------------------


def test_clerk_queue_orders_by_time_left_overdue_first(alice, clerk_client, cause):
    with time_machine.travel("2026-03-04 10:00 +0800", tick=False):
        b = submitted(alice)  # due 2026-03-11
    with time_machine.travel("2026-03-06 10:00 +0800", tick=False):
        c = submitted(alice)  # due 2026-03-13
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False):
        a = submitted(alice)  # due 2026-03-09
    with time_machine.travel("2026-03-10 10:00 +0800", tick=False):
        r = clerk_client.get("/console/")
    assert r.status_code == 200
    rows = r.context["reviews"]
    assert [row["id"] for row in rows] == [a, b, c]
    assert rows[0]["overdue"]
    assert rows[0]["overdue_days"] == 1
    assert rows[1]["days_left"] == 1
    assert rows[2]["days_left"] == 3
    html = r.content.decode()
    assert "已超期 1 天" in html
    assert html.index(f"#{a}<") < html.index(f"#{b}<") < html.index(f"#{c}<")
    assert re.search(rf'<tr class="is-overdue">\s*<td><a href="/console/filings/{a}/"', html)
    assert "2026-03-09" in html


@time_machine.travel(T0, tick=False)
def test_judge_queue_lists_court_cases(alice, chikan_clerk, courts, cause):
    fid = submitted(alice)
    login(chikan_clerk).post(f"/console/filings/{fid}/accept/", {"procedure": "simple"})
    judge = user_with_role(Role.JUDGE, courts["粤0802"], id_number=None)
    r = login(judge).get("/console/")
    assert r.status_code == 200
    assert "本院在办案件" in r.content.decode()
    assert "（2026）粤0802民初1号" in r.content.decode()
    case = Case.objects.get()
    case.judge = judge
    case.save()
    r = login(judge).get("/console/")
    assert "我承办的案件" in r.content.decode()


@time_machine.travel(T0, tick=False)
def test_court_switcher_limits_queue_and_refuses_foreign_court(alice, courts, cause):
    zy = clerk(courts["粤08"], real_name="黄立案")
    Membership.objects.create(user=zy, role=Role.FILING_CLERK, court=courts["粤0802"])
    basic = submitted(alice)
    upper = submitted(alice, civil_payload(court="粤08"))
    client = login(zy)
    r = client.get("/console/")
    html = r.content.decode()
    assert 'id="court-switcher"' in html
    assert "湛江市赤坎区人民法院" in html
    assert [row["id"] for row in r.context["reviews"]] == [upper]  # 粤08 first

    r = client.post("/console/court/", {"court": courts["粤0802"].pk})
    assert r.status_code == 302
    r = client.get("/console/")
    assert [row["id"] for row in r.context["reviews"]] == [basic]
    assert r.context["console"].court.code == "粤0802"

    r = client.post("/console/court/", {"court": courts["粤0803"].pk})
    assert r.status_code == 403
    r = client.get("/console/")
    assert r.context["console"].court.code == "粤0802"


# --- review -------------------------------------------------------------------------------


@time_machine.travel(T0, tick=False)
def test_review_page_shows_application_and_preview(alice, clerk_client, cause):
    fid = submitted(alice)
    r = clerk_client.get(f"/console/filings/{fid}/")
    assert r.status_code == 200
    html = r.content.decode()
    for text in (
        "张三",
        "王五",
        "判令被告偿还借款本金及利息",
        "100,000.00",  # the claim amount, with thousands separators
        "借条",
        "（2026）粤0802民初1号",
        "简易程序",
        "起诉状",
        "<iframe",
    ):
        assert text in html, text
    att = Filing.objects.get(pk=fid).attachments.first()
    r = clerk_client.get(f"/console/filings/{fid}/attachments/{att.pk}/")
    assert r.status_code == 200
    assert r["X-Frame-Options"] == "SAMEORIGIN"
    assert b"".join(r.streaming_content) == PDF


@time_machine.travel(T0, tick=False)
def test_return_for_correction_records_exact_items(alice, clerk_client, cause):
    fid = submitted(alice)
    r = clerk_client.post(
        f"/console/filings/{fid}/return/",
        {
            "items-TOTAL_FORMS": "3",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "30",
            "items-0-field": "parties",
            "items-0-message": "请补充被告王五的住所地详细地址",
            "items-1-field": "materials.evidence",
            "items-1-message": "借条原件扫描件不清晰，请重新上传",
            "items-2-field": "other",
            "items-2-message": "",
        },
    )
    assert r.status_code == 302
    assert r["Location"] == f"/console/filings/{fid}/"
    filing = Filing.objects.get(pk=fid)
    assert filing.status == "returned"
    assert filing.correction_items == [
        {"field": "parties", "message": "请补充被告王五的住所地详细地址"},
        {"field": "materials.evidence", "message": "借条原件扫描件不清晰，请重新上传"},
    ]
    html = clerk_client.get(r["Location"]).content.decode()
    assert "已退回补正（共 2 项）" in html
    assert "借条原件扫描件不清晰" in html


@time_machine.travel(T0, tick=False)
def test_return_without_items_shows_error(alice, clerk_client, cause):
    fid = submitted(alice)
    r = clerk_client.post(
        f"/console/filings/{fid}/return/",
        {
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-field": "claims",
            "items-0-message": " ",
        },
    )
    assert r.status_code == 422
    assert "请列明补正事项" in r.content.decode()
    assert Filing.objects.get(pk=fid).status == "submitted"


@time_machine.travel(T0, tick=False)
def test_accept_gives_case_number_and_case_page(alice, clerk_client, cause):
    fid = submitted(alice)
    r = clerk_client.post(f"/console/filings/{fid}/accept/", {"procedure": "simple"})
    case = Case.objects.get(filing_id=fid)
    assert case.number == "（2026）粤0802民初1号"
    assert case.procedure == "simple"
    assert r.status_code == 302
    assert r["Location"] == f"/console/cases/{case.pk}/"
    r = clerk_client.get(r["Location"])
    assert r.status_code == 200
    html = r.content.decode()
    assert "已立案，案号 （2026）粤0802民初1号" in html
    assert "立案（简易程序）" in html  # docket
    assert "发出交纳诉讼费用通知书" in html
    assert "审计日志" in html
    assert "case.opened" in html
    assert "filing.accepted" in html
    assert f"/api/v1/cases/{case.pk}/acceptance-notice.pdf" in html
    assert "登记已交费" in html


@time_machine.travel(T0, tick=False)
def test_accept_with_bad_procedure_changes_nothing(alice, clerk_client, cause):
    fid = submitted(alice)
    r = clerk_client.post(f"/console/filings/{fid}/accept/", {"procedure": "bankruptcy"})
    assert r.status_code == 422
    assert Filing.objects.get(pk=fid).status == "submitted"
    assert not Case.objects.exists()


@time_machine.travel(T0, tick=False)
def test_accept_twice_shows_wrong_state_inline(alice, clerk_client, cause):
    fid = submitted(alice)
    clerk_client.post(f"/console/filings/{fid}/accept/", {"procedure": "simple"})
    r = clerk_client.post(f"/console/filings/{fid}/accept/", {"procedure": "simple"})
    assert r.status_code == 409
    assert "当前状态下不能进行此操作" in r.content.decode()
    assert Case.objects.count() == 1


@time_machine.travel(T0, tick=False)
def test_refuse_without_reason_shows_error_and_changes_nothing(alice, clerk_client, cause):
    fid = submitted(alice)
    events, audits = FilingEvent.objects.count(), AuditEvent.objects.count()
    r = clerk_client.post(f"/console/filings/{fid}/refuse/", {"reason": "  "})
    assert r.status_code == 422
    assert "请填写不予受理的理由" in r.content.decode()
    assert Filing.objects.get(pk=fid).status == "submitted"
    assert (FilingEvent.objects.count(), AuditEvent.objects.count()) == (events, audits)

    r = clerk_client.post(f"/console/filings/{fid}/refuse/", {"reason": "不属于人民法院受理范围"})
    assert r.status_code == 302
    filing = Filing.objects.get(pk=fid)
    assert (filing.status, filing.decision_reason) == ("refused", "不属于人民法院受理范围")


@time_machine.travel(T0, tick=False)
def test_fee_relief_decision_then_accept(alice, clerk_client, cause):
    api = Api(alice)
    fid = complete_draft(api)
    r = api.post(f"/filings/{fid}/fee-relief", {"kind": "defer", "grounds": "家庭困难"})
    assert r.status_code in (200, 201), r.content
    assert api.post(f"/filings/{fid}/submit").status_code == 200
    html = clerk_client.get(f"/console/filings/{fid}/").content.decode()
    assert "司法救助申请" in html
    assert "作出决定" in html
    r = clerk_client.post(f"/console/filings/{fid}/relief/", {"grant": "0", "reason": ""})
    assert r.status_code == 422
    assert "不准许司法救助须书面说明理由" in r.content.decode()
    r = clerk_client.post(f"/console/filings/{fid}/relief/", {"grant": "1", "reason": ""})
    assert r.status_code == 302
    r = clerk_client.post(f"/console/filings/{fid}/accept/", {"procedure": "simple"})
    assert r.status_code == 302
    assert FeeNotice.objects.get().status == "deferred"


@time_machine.travel(T0, tick=False)
def test_record_fee_payment_on_case_page(alice, clerk_client, courts, cause):
    fid = submitted(alice)
    clerk_client.post(f"/console/filings/{fid}/accept/", {"procedure": "simple"})
    case = Case.objects.get()
    judge = user_with_role(Role.JUDGE, courts["粤0802"], id_number=None)
    assert login(judge).post(f"/console/cases/{case.pk}/fee-paid/").status_code == 403
    r = clerk_client.post(f"/console/cases/{case.pk}/fee-paid/")
    assert r.status_code == 302
    assert FeeNotice.objects.get().status == "paid"
    r = clerk_client.post(f"/console/cases/{case.pk}/fee-paid/")
    assert r.status_code == 409


# --- counter ------------------------------------------------------------------------------


def counter_post(court_id: int, **extra: str) -> dict[str, str]:
    data = {
        "court": str(court_id),
        "kind": "civil_first",
        "cause": "9089",
        "claims": "判令被告偿还借款 5 万元",
        "claim_amount": "50000",
        "facts": "被告借款到期未还。",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-0-role": "plaintiff",
        "parties-0-kind": "natural",
        "parties-0-name": "赵六",
        "parties-0-id_number": resident_id(41),
        "parties-0-mobile": "13800138001",
        "parties-1-role": "defendant",
        "parties-1-kind": "natural",
        "parties-1-name": "钱七",
        "parties-1-id_number": resident_id(42),
        "parties-1-address": "湛江市霞山区",
        "evidence-TOTAL_FORMS": "2",
        "evidence-INITIAL_FORMS": "0",
        "evidence-0-name": "借条",
        "evidence-0-source": "原告",
        "evidence-0-purpose": "借款事实",
    }
    data.update(extra)
    return data


def upload(client, fid: int, category: str):  # type: ignore[no-untyped-def]
    f = io.BytesIO(PDF)
    f.name = f"{category}.pdf"
    return client.post(f"/console/counter/{fid}/upload/", {"category": category, "file": f})


@time_machine.travel(T0, tick=False)
def test_counter_filing_upload_submit_receipt(chikan_clerk, clerk_client, courts, cause):
    r = clerk_client.post("/console/counter/", counter_post(courts["粤0802"].pk))
    assert r.status_code == 302  # counter mode is off
    assert not Filing.objects.exists()

    r = clerk_client.post("/console/counter/mode/", {"on": "1"})
    assert r.status_code == 302
    assert clerk_client.session["counter_mode"] is True
    r = clerk_client.post("/console/counter/", counter_post(courts["粤0802"].pk))
    assert r.status_code == 302, r.content.decode()
    filing = Filing.objects.get()
    assert r["Location"] == f"/console/counter/{filing.pk}/"
    assert (filing.channel, filing.received_by, filing.created_by) == (
        "counter",
        courts["粤0802"],
        chikan_clerk,
    )

    r = clerk_client.post(f"/console/counter/{filing.pk}/submit/")
    assert r.status_code == 422  # materials missing
    assert "材料不齐全" in r.content.decode()

    for cat in ("complaint", "identity", "evidence"):
        assert upload(clerk_client, filing.pk, cat).status_code == 302
    bad = io.BytesIO(b"not a pdf")
    bad.name = "x.pdf"
    r = clerk_client.post(
        f"/console/counter/{filing.pk}/upload/", {"category": "other", "file": bad}
    )
    assert r.status_code == 415
    assert "只接受 PDF、JPEG、PNG 文件" in r.content.decode()

    r = clerk_client.post(f"/console/counter/{filing.pk}/submit/")
    assert r.status_code == 302
    assert r["Location"] == reverse("console:counter_receipt", args=[filing.pk])
    r = clerk_client.get(r["Location"])
    assert r.status_code == 200
    html = r.content.decode()
    assert "2026年3月9日" in html  # review deadline
    assert "2026年3月2日" in html  # received
    assert "陈立案" in html
    assert "湛江市赤坎区人民法院" in html
    att = Filing.objects.get().attachments.first()
    assert att.sha256[:16] in html
    assert "@media print" in Path("yizhan/static/css/console.css").read_text(encoding="utf-8")

    channels = set(
        AuditEvent.objects.filter(
            subject_type="filing.filing", subject_id=str(filing.pk)
        ).values_list("channel", flat=True)
    )
    assert channels == {"counter"}
    assert Filing.objects.get().status == "submitted"


@time_machine.travel(T0, tick=False)
def test_counter_cross_region_filing_shows_in_competent_court_queue(
    xiashan_clerk, chikan_clerk, courts, cause
):
    client = login(xiashan_clerk)
    client.post("/console/counter/mode/", {"on": "1"})
    r = client.post("/console/counter/", counter_post(courts["粤0802"].pk))
    assert r.status_code == 302
    filing = Filing.objects.get()
    assert filing.is_cross_region
    assert filing.court == courts["粤0802"]
    for cat in ("complaint", "identity", "evidence"):
        upload(client, filing.pk, cat)
    assert client.post(f"/console/counter/{filing.pk}/submit/").status_code == 302
    r = login(chikan_clerk).get("/console/")
    assert [row["id"] for row in r.context["reviews"]] == [filing.pk]
    assert "跨域" in r.content.decode()


@time_machine.travel(T0, tick=False)
def test_counter_form_shows_field_errors(clerk_client, courts, cause):
    clerk_client.post("/console/counter/mode/", {"on": "1"})
    r = clerk_client.post(
        "/console/counter/",
        counter_post(
            courts["粤0802"].pk,
            **{"parties-1-id_number": "440802199001011235", "claim_amount": "12.345"},
        ),
    )
    assert r.status_code == 422
    assert not Filing.objects.exists()
    html = r.content.decode()
    assert "c-field-error" in html


def test_counter_needs_filing_clerk(courts):
    judge = user_with_role(Role.JUDGE, courts["粤0802"], id_number=None)
    assert login(judge).get("/console/counter/").status_code == 403
    lit = litigant()
    assert login(lit).get("/console/counter/").status_code == 403
