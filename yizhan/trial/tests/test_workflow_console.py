"""Per-case trial workflow pages of the console (审判执行): each page renders for the case's
judge, each POST calls the trial action (exact DB state), bad input is shown inline with
nothing changed, and the denials (judge outside the panel 403, another court's staff 404,
litigant 403). Dates on the 2026 calendar."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from yizhan.cases.models import Case, CaseRole
from yizhan.factories import litigant
from yizhan.publication.models import JudgmentDocument
from yizhan.trial import actions
from yizhan.trial.models import (
    AppealRecord,
    CaseDocument,
    EnforcementMeasure,
    Extension,
    FeeSettlement,
    ProcedureConversion,
    ServiceRecord,
    Suspension,
)

from .conftest import make_case, party

pytestmark = pytest.mark.django_db
FILED = date(2026, 3, 2)  # Monday
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BASE = "/console/trial/cases"


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _pdf(name: str = "judgment.pdf", content: bytes = PDF) -> io.BytesIO:
    f = io.BytesIO(content)
    f.name = name
    return f


def _text(r) -> str:
    return r.content.decode()


@pytest.fixture
def case(chikan, cast):
    """民初, ordinary procedure, 王法官 承办: limit 6 months → 2026-09-02 (CPL23 Art 152)."""
    return make_case(chikan, filed_on=FILED, judge=cast["judge"], fee=True)


def _closed_by_judgment(case, judge, *, on: date = date(2026, 6, 10)) -> CaseDocument:
    with time_machine.travel(on):
        doc = actions.upload_document(
            case.pk,
            doc_type="judgment",
            title="民事判决书",
            decided_on=date(2026, 6, 3),
            chunks=[PDF],
            acting_user=judge,
        )
        actions.close_case(
            case.pk, method="judgment", decided_on=date(2026, 6, 3), acting_user=judge
        )
    return doc


def _second_instance(case, cast) -> Case:
    """The judged case served on the defendant 2026-06-05 and appealed 2026-06-15."""
    doc = _closed_by_judgment(case, cast["judge"])
    with time_machine.travel(date(2026, 6, 15)):
        actions.record_service(
            case.pk,
            party_id=party(case, CaseRole.DEFENDANT).pk,
            method="direct",
            served_on=date(2026, 6, 5),
            document_id=doc.pk,
            acting_user=cast["judge"],
        )
        appeal = actions.register_appeal(
            case.pk,
            appellant_party_id=party(case, CaseRole.DEFENDANT).pk,
            against="judgment",
            acting_user=cast["judge"],
        )
    second = appeal.second_case
    Case.objects.filter(pk=second.pk).update(judge=cast["higher_judge"])  # test setup
    second.refresh_from_db()
    return second


def _enforcement_case(case, cast) -> Case:
    doc = _closed_by_judgment(case, cast["judge"])
    with time_machine.travel(date(2026, 6, 25)):
        actions.mark_effective(doc.pk, effective_on=date(2026, 6, 20), acting_user=cast["judge"])
        ex = actions.apply_for_enforcement(
            case.pk,
            applicant_party_id=party(case, CaseRole.PLAINTIFF).pk,
            amount_due=Decimal("50000"),
            acting_user=cast["clerk"],
        )
    Case.objects.filter(pk=ex.pk).update(judge=cast["judge"])  # test setup: 执行法官
    ex.refresh_from_db()
    return ex


# --- the 审判执行 panel on the console case page --------------------------------------------


def test_case_page_panel_shows_the_limit_figures_and_links(case, cast):
    with time_machine.travel(date(2026, 3, 20)):
        r = _client(cast["judge"]).get(f"/console/cases/{case.pk}/")
    body = _text(r)
    assert r.status_code == 200
    assert 'id="trial-panel"' in body
    assert '<dd data-fig="limit_due">2026-09-02</dd>' in body
    assert "剩余 166 天" in body
    assert '<dd data-fig="suspended_days">0 天</dd>' in body
    assert "未延长" in body
    for page in ("suspensions", "extension", "service", "closure"):
        assert f"{BASE}/{case.pk}/{page}/" in body
    assert f"{BASE}/{case.pk}/conversion/" not in body  # ordinary procedure
    assert f"{BASE}/{case.pk}/fees/" not in body  # not closed yet


def test_panel_of_an_overdue_case_counts_the_days_past_the_limit(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 6, 5)):  # simple: 3 months → 2026-06-02
        body = _text(_client(cast["judge"]).get(f"/console/cases/{case.pk}/"))
    assert '<dd data-fig="limit_due">2026-06-02</dd>' in body
    assert "已超 3 天" in body
    assert f"{BASE}/{case.pk}/conversion/" in body


@pytest.mark.parametrize(
    "page", ["suspensions", "extension", "conversion", "service", "closure", "fees", "appeal"]
)
def test_each_pending_case_page_renders_for_the_judge(case, cast, page):
    with time_machine.travel(date(2026, 3, 20)):
        r = _client(cast["judge"]).get(f"{BASE}/{case.pk}/{page}/")
    assert r.status_code == 200
    assert case.number in _text(r)
    assert '<dd data-fig="limit_due">2026-09-02</dd>' in _text(r)


@pytest.mark.parametrize("page", ["appeal-outcome", "enforcement", "enforcement/apply"])
def test_pages_that_do_not_apply_explain_why(case, cast, page):
    r = _client(cast["judge"]).get(f"{BASE}/{case.pk}/{page}/")
    assert r.status_code == 200
    assert any(
        t in _text(r) for t in ("该案件不是二审案件", "该案件不是执行案件", "没有已生效的法律文书")
    )


# --- 审限扣除 --------------------------------------------------------------------------------


def test_adding_a_suspension_moves_the_limit(case, cast):
    """10 days of 鉴定 (CPLI Art 243): 2026-09-02 + 10 = Sat 09-12 → Mon 09-14 (CPL23 Art 85)."""
    c = _client(cast["judge"])
    with time_machine.travel(date(2026, 4, 10)):
        r = c.post(
            f"{BASE}/{case.pk}/suspensions/",
            {
                "kind": "appraisal",
                "start_on": "2026-03-10",
                "end_on": "2026-03-19",
                "reason": "委托鉴定",
            },
        )
        assert r.status_code == 302
        page = _text(c.get(r["Location"]))
    s = Suspension.objects.get(case=case)
    assert (s.kind, s.start_on, s.end_on, s.reason, s.created_by) == (
        "appraisal",
        date(2026, 3, 10),
        date(2026, 3, 19),
        "委托鉴定",
        cast["judge"],
    )
    case.refresh_from_db()
    assert (case.limit_due, case.suspended_days) == (date(2026, 9, 14), 10)
    assert "审限届满日 2026-09-14" in page


def test_suspension_starting_before_docketing_is_shown_inline_and_changes_nothing(case, cast):
    with time_machine.travel(date(2026, 4, 10)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/suspensions/", {"kind": "appraisal", "start_on": "2026-03-01"}
        )
    assert r.status_code == 422
    assert 'data-error="suspension_invalid"' in _text(r)
    assert "起始日须在立案次日之后且不晚于今天" in _text(r)
    assert not Suspension.objects.exists()
    case.refresh_from_db()
    assert (case.limit_due, case.suspended_days) == (date(2026, 9, 2), 0)


def test_unknown_suspension_kind_is_a_form_error(case, cast):
    r = _client(cast["judge"]).post(
        f"{BASE}/{case.pk}/suspensions/", {"kind": "holiday", "start_on": "2026-03-10"}
    )
    assert r.status_code == 422
    assert 'data-error="form"' in _text(r)
    assert not Suspension.objects.exists()


def test_ending_an_open_suspension(case, cast):
    with time_machine.travel(date(2026, 4, 10)):
        s = actions.start_suspension(
            case.pk, kind="settlement", start_on=date(2026, 3, 10), acting_user=cast["judge"]
        )
        c = _client(cast["judge"])
        assert "进行中" in _text(c.get(f"{BASE}/{case.pk}/suspensions/"))
        r = c.post(f"{BASE}/{case.pk}/suspensions/{s.pk}/end/", {"end_on": "2026-03-19"})
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.end_on == date(2026, 3, 19)
    case.refresh_from_db()
    assert (case.limit_due, case.suspended_days) == (date(2026, 9, 14), 10)


def test_ending_a_suspension_before_it_started_is_refused_inline(case, cast):
    with time_machine.travel(date(2026, 4, 10)):
        s = actions.start_suspension(
            case.pk, kind="settlement", start_on=date(2026, 3, 10), acting_user=cast["judge"]
        )
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/suspensions/{s.pk}/end/", {"end_on": "2026-03-09"}
        )
    assert r.status_code == 422
    assert 'data-error="suspension_invalid"' in _text(r)
    s.refresh_from_db()
    assert s.end_on is None


def test_ending_another_cases_suspension_is_not_found(case, chikan, cast):
    other = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with time_machine.travel(date(2026, 4, 10)):
        s = actions.start_suspension(
            other.pk, kind="settlement", start_on=date(2026, 3, 10), acting_user=cast["judge"]
        )
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/suspensions/{s.pk}/end/", {"end_on": "2026-03-19"}
        )
    assert r.status_code == 404
    s.refresh_from_db()
    assert s.end_on is None


# --- 延长审限 (EXT2019 Art 1) ----------------------------------------------------------------


def test_extension_page_shows_the_ext2019_art1_timing(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 8)):
        body = _text(_client(cast["judge"]).get(f"{BASE}/{case.pk}/extension/"))
    assert '<dd data-timing="due">2026-06-02</dd>' in body
    assert "2026-05-18" in body  # due − 15 days
    assert "还有 10 天" in body
    assert '<dd data-timing="decision">2026-05-28</dd>' in body  # due − 5 days
    assert "民诉法解释第二百五十八条" in body  # the one grant of a simple case: 1 month


def test_judge_requests_an_extension_on_the_fifteenth_day_before_expiry(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 18)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/extension/", {"months": "1", "days": "0", "reason": "案情复杂"}
        )
    assert r.status_code == 302
    ext = Extension.objects.get(case=case)
    assert (ext.months, ext.days, ext.level, ext.status, ext.requested_on, ext.reason) == (
        1,
        0,
        "president",
        "pending",
        date(2026, 5, 18),
        "案情复杂",
    )
    assert ext.requested_by == cast["judge"]


def test_extension_requested_fourteen_days_before_expiry_is_refused_inline(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 19)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/extension/", {"months": "1", "reason": "案情复杂"}
        )
    body = _text(r)
    assert r.status_code == 409
    assert 'data-error="extension_too_late"' in body
    assert "最迟申请日：2026-05-18" in body
    assert "已过申请期限" in body
    assert not Extension.objects.exists()


# --- 简易程序转普通程序 ------------------------------------------------------------------------


def test_conversion_counts_the_ordinary_limit_from_docketing(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 4, 1)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/conversion/", {"reason": "案情复杂，需要鉴定"}
        )
    assert r.status_code == 302
    conv = ProcedureConversion.objects.get(case=case)
    assert (conv.from_procedure, conv.to_procedure, conv.converted_on, conv.reason) == (
        "simple",
        "ordinary",
        date(2026, 4, 1),
        "案情复杂，需要鉴定",
    )
    case.refresh_from_db()
    assert (case.procedure, case.limit_due) == ("ordinary", date(2026, 9, 2))  # TL2000 Art 8


def test_converting_an_ordinary_case_is_refused_inline(case, cast):
    r = _client(cast["judge"]).post(f"{BASE}/{case.pk}/conversion/", {"reason": "x"})
    assert r.status_code == 409
    assert 'data-error="conversion_invalid"' in _text(r)
    assert not ProcedureConversion.objects.exists()


# --- 送达 -------------------------------------------------------------------------------------


def test_recording_service_by_post(case, cast):
    defendant = party(case, CaseRole.DEFENDANT)
    with time_machine.travel(date(2026, 4, 20)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/service/",
            {
                "party_id": defendant.pk,
                "method": "post",
                "document": "起诉状副本、应诉通知书",
                "sent_on": "2026-04-13",
                "served_on": "2026-04-16",
            },
        )
    assert r.status_code == 302
    rec = ServiceRecord.objects.get(case=case)
    assert (rec.document, rec.recipient, rec.party, rec.method, rec.sent_on, rec.served_on) == (
        "起诉状副本、应诉通知书",
        "王五",
        defendant,
        "post",
        date(2026, 4, 13),
        date(2026, 4, 16),
    )


def test_service_by_announcement_is_served_thirty_days_after_publication(case, cast):
    with time_machine.travel(date(2026, 5, 20)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/service/",
            {
                "party_id": party(case, CaseRole.DEFENDANT).pk,
                "method": "announcement",
                "sent_on": "2026-04-01",
            },
        )
    assert r.status_code == 302
    assert ServiceRecord.objects.get(case=case).served_on == date(2026, 5, 1)  # CPL23 Art 95


def test_service_by_post_without_the_posting_date_is_refused_inline(case, cast):
    r = _client(cast["judge"]).post(
        f"{BASE}/{case.pk}/service/",
        {
            "party_id": party(case, CaseRole.DEFENDANT).pk,
            "method": "post",
            "served_on": "2026-04-16",
        },
    )
    assert r.status_code == 422
    assert "邮寄/公告送达须填写寄出或公告日期。" in _text(r)
    assert not ServiceRecord.objects.exists()


# --- 文书、结案与生效 ----------------------------------------------------------------------------


def test_uploading_a_judgment_document(case, cast):
    with time_machine.travel(date(2026, 6, 3)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/documents/upload/",
            {
                "doc_type": "judgment",
                "title": "民事判决书",
                "decided_on": "2026-06-03",
                "file": _pdf(),
            },
        )
    assert r.status_code == 302
    doc = CaseDocument.objects.get(case=case)
    assert (doc.doc_type, doc.title, doc.source, doc.decided_on, doc.size, doc.is_effective) == (
        "judgment",
        "民事判决书",
        "uploaded",
        date(2026, 6, 3),
        len(PDF),
        False,
    )
    f = _client(cast["judge"]).get(f"{BASE}/{case.pk}/documents/{doc.pk}/file/")
    assert f.status_code == 200
    assert b"".join(f.streaming_content) == PDF


def test_uploading_a_non_pdf_is_refused_inline(case, cast):
    r = _client(cast["judge"]).post(
        f"{BASE}/{case.pk}/documents/upload/",
        {
            "doc_type": "judgment",
            "title": "民事判决书",
            "decided_on": "2026-06-03",
            "file": _pdf("a.txt", "判决如下".encode() * 10),
        },
    )
    assert r.status_code == 422
    assert 'data-error="upload_rejected"' in _text(r)
    assert not CaseDocument.objects.exists()


@pytest.mark.slow
def test_generating_a_document_from_the_template(case, cast):
    r = _client(cast["judge"]).post(
        f"{BASE}/{case.pk}/documents/generate/",
        {
            "doc_type": "judgment",
            "title": "民事判决书",
            "decided_on": "2026-06-03",
            "text": "判决如下：被告偿还原告借款。",
        },
    )
    assert r.status_code == 302
    doc = CaseDocument.objects.get(case=case)
    assert (doc.source, doc.text) == ("generated", "判决如下：被告偿还原告借款。")


def test_closure_page_shows_the_tl2000_art10_rules_and_previews_the_date(case, cast):
    c = _client(cast["judge"])
    body = _text(c.get(f"{BASE}/{case.pk}/closure/"))
    assert "判决、裁定结案的，以宣判之日为结案日期" in body
    assert "邮寄送达的，以交邮日期为送达日期" in body
    assert 'hx-get="/console/trial/cases/' in body
    p = c.get(
        f"{BASE}/{case.pk}/closure/preview/",
        {"method": "judgment", "decided_on": "2026-06-03"},
        headers={"HX-Request": "true"},
    )
    assert 'data-closing-date="2026-06-03"' in _text(p)
    m = c.get(f"{BASE}/{case.pk}/closure/preview/", {"method": "mediation"})
    assert 'data-error="not_served"' in _text(m)


def test_closing_by_judgment_pronounced_in_court(case, cast):
    with time_machine.travel(date(2026, 6, 10)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/closure/",
            {"method": "judgment", "decided_on": "2026-06-03", "pronounced_in_court": "on"},
        )
    assert r.status_code == 302
    case.refresh_from_db()
    assert (
        case.status,
        case.closure_method,
        case.closed_on,
        case.closed_within_limit,
        case.pronounced_in_court,
    ) == ("closed", "judgment", date(2026, 6, 3), True, True)


def test_mediated_closure_on_the_posting_date_to_the_last_party(case, cast):
    """TL2000 Art 10: 邮寄 counts from the posting date."""
    j = cast["judge"]
    with time_machine.travel(date(2026, 4, 20)):
        doc = actions.upload_document(
            case.pk,
            doc_type="mediation",
            title="民事调解书",
            decided_on=date(2026, 4, 9),
            chunks=[PDF],
            acting_user=j,
        )
        for role, method, sent, served in (
            (CaseRole.PLAINTIFF, "direct", None, date(2026, 4, 10)),
            (CaseRole.DEFENDANT, "post", date(2026, 4, 13), date(2026, 4, 16)),
        ):
            actions.record_service(
                case.pk,
                party_id=party(case, role).pk,
                method=method,
                sent_on=sent,
                served_on=served,
                document_id=doc.pk,
                acting_user=j,
            )
        c = _client(j)
        assert "data-mediation-date>2026-04-13</strong>" in _text(
            c.get(f"{BASE}/{case.pk}/closure/")
        )
        r = c.post(f"{BASE}/{case.pk}/closure/", {"method": "mediation"})
    assert r.status_code == 302
    case.refresh_from_db()
    assert (case.closure_method, case.closed_on) == ("mediation", date(2026, 4, 13))


def test_mediated_closure_without_service_is_refused_inline(case, cast):
    with time_machine.travel(date(2026, 4, 20)):
        r = _client(cast["judge"]).post(f"{BASE}/{case.pk}/closure/", {"method": "mediation"})
    assert r.status_code == 409
    assert 'data-error="not_served"' in _text(r)
    case.refresh_from_db()
    assert (case.status, case.closed_on) == ("pending", None)


def test_closing_by_judgment_without_a_date_is_refused_inline(case, cast):
    r = _client(cast["judge"]).post(f"{BASE}/{case.pk}/closure/", {"method": "judgment"})
    assert r.status_code == 422
    assert "宣判/裁定日期：请填写宣判/裁定日期。" in _text(r)
    case.refresh_from_db()
    assert case.status == "pending"


def test_marking_the_judgment_effective_hands_it_to_publication(case, cast):
    doc = _closed_by_judgment(case, cast["judge"])
    with time_machine.travel(date(2026, 6, 25)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/documents/{doc.pk}/effective/", {"effective_on": "2026-06-20"}
        )
    assert r.status_code == 302
    doc.refresh_from_db()
    assert (doc.is_effective, doc.effective_on) == (True, date(2026, 6, 20))
    jd = JudgmentDocument.objects.get(pk=doc.publication_document_id)
    assert (jd.case_number, jd.effective_on) == (case.number, date(2026, 6, 20))


def test_effective_date_before_the_decision_is_refused_inline(case, cast):
    doc = _closed_by_judgment(case, cast["judge"])
    r = _client(cast["judge"]).post(
        f"{BASE}/{case.pk}/documents/{doc.pk}/effective/", {"effective_on": "2026-06-01"}
    )
    assert r.status_code == 422
    assert "生效日期：生效日期早于裁判日期。" in _text(r)
    doc.refresh_from_db()
    assert (doc.is_effective, doc.effective_on) == (False, None)
    assert not JudgmentDocument.objects.exists()


# --- 诉讼费用结算 -------------------------------------------------------------------------------


def test_fee_settlement_after_judgment_the_loser_pays(case, cast):
    """FEE Art 29: the defendant bears 2300; the plaintiff's prepaid 2300 is refunded within
    15 days of effectiveness (FEE Art 53): 2026-06-20 + 15 = 07-05 (Sun) → 07-06."""
    doc = _closed_by_judgment(case, cast["judge"])
    with time_machine.travel(date(2026, 6, 25)):
        actions.mark_effective(doc.pk, effective_on=date(2026, 6, 20), acting_user=cast["judge"])
        c = _client(cast["judge"])
        r = c.post(f"{BASE}/{case.pk}/fees/", {})
        assert r.status_code == 302
        body = _text(c.get(f"{BASE}/{case.pk}/fees/"))
    s = FeeSettlement.objects.get(case=case)
    assert (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount, s.refund_due) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
        date(2026, 7, 6),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]
    assert '<dd data-fee="refund_due">2026-07-06</dd>' in body


def test_fee_shares_not_adding_up_to_100_are_refused_inline(case, cast):
    _closed_by_judgment(case, cast["judge"])
    cps = {cp.role: cp.pk for cp in case.case_parties.all()}
    r = _client(cast["judge"]).post(
        f"{BASE}/{case.pk}/fees/",
        {f"share_{cps['plaintiff']}": "40", f"share_{cps['defendant']}": "50"},
    )
    assert r.status_code == 422
    assert 'data-error="shares_invalid"' in _text(r)
    assert not FeeSettlement.objects.exists()


# --- 上诉 and 二审结果 --------------------------------------------------------------------------


def test_registering_an_appeal_on_the_last_day_after_a_weekend_end(case, cast):
    """CPL23 Art 171 + Art 85: served 06-05 + 15 days = Sat 06-20 → Mon 06-22."""
    doc = _closed_by_judgment(case, cast["judge"])
    defendant = party(case, CaseRole.DEFENDANT)
    with time_machine.travel(date(2026, 6, 15)):
        actions.record_service(
            case.pk,
            party_id=defendant.pk,
            method="direct",
            served_on=date(2026, 6, 5),
            document_id=doc.pk,
            acting_user=cast["judge"],
        )
    c = _client(cast["judge"])
    with time_machine.travel(date(2026, 6, 22)):
        page = _text(c.get(f"{BASE}/{case.pk}/appeal/"))
        assert f'<td data-deadline="{defendant.pk}">2026-06-22' in page
        r = c.post(
            f"{BASE}/{case.pk}/appeal/",
            {"appellant_party_id": defendant.pk, "against": "judgment"},
        )
    assert r.status_code == 302
    a = AppealRecord.objects.get(first_case=case)
    assert (a.appellant, a.against, a.served_on, a.deadline, a.filed_on) == (
        defendant,
        "judgment",
        date(2026, 6, 5),
        date(2026, 6, 22),
        date(2026, 6, 22),
    )
    # 5 days (CPL23 Art 173): Sat 06-27 → Mon 06-29.
    assert a.copy_service_due == date(2026, 6, 29)
    assert (a.second_case.number, a.second_case.parent) == ("（2026）粤08民终1号", case)


def test_a_late_appeal_is_refused_inline(case, cast):
    doc = _closed_by_judgment(case, cast["judge"])
    with time_machine.travel(date(2026, 6, 23)):
        actions.record_service(
            case.pk,
            party_id=party(case, CaseRole.DEFENDANT).pk,
            method="direct",
            served_on=date(2026, 6, 5),
            document_id=doc.pk,
            acting_user=cast["judge"],
        )
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/appeal/",
            {"appellant_party_id": party(case, CaseRole.DEFENDANT).pk, "against": "judgment"},
        )
    assert r.status_code == 409
    assert 'data-error="late_appeal"' in _text(r)
    assert "期限届满日：2026-06-22" in _text(r)
    assert not AppealRecord.objects.exists()
    assert not Case.objects.filter(type_code="民终").exists()


def test_recording_the_answer_sets_the_file_transfer_due_date(case, cast):
    second = _second_instance(case, cast)
    a = AppealRecord.objects.get(second_case=second)
    with time_machine.travel(date(2026, 6, 24)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/appeal/{a.pk}/answer/", {"answered_on": "2026-06-24"}
        )
    assert r.status_code == 302
    a.refresh_from_db()
    assert (a.answered_on, a.transfer_due) == (date(2026, 6, 24), date(2026, 6, 29))


def test_second_instance_outcome_is_recorded_on_both_cases(case, cast):
    second = _second_instance(case, cast)
    c = _client(cast["higher_judge"])
    with time_machine.travel(date(2026, 8, 10)):
        assert case.number in _text(c.get(f"{BASE}/{second.pk}/appeal-outcome/"))
        r = c.post(
            f"{BASE}/{second.pk}/appeal-outcome/",
            {"outcome": "affirmed", "decided_on": "2026-08-07", "pronounced_in_court": "on"},
        )
    assert r.status_code == 302
    second.refresh_from_db()
    case.refresh_from_db()
    assert (
        second.status,
        second.closure_method,
        second.closed_on,
        second.appeal_outcome,
        second.pronounced_in_court,
    ) == ("closed", "affirmed", date(2026, 8, 7), "affirmed", True)
    assert case.appeal_outcome == "affirmed"


def test_outcome_on_a_case_that_is_not_a_second_instance_is_refused_inline(case, cast):
    r = _client(cast["judge"]).post(
        f"{BASE}/{case.pk}/appeal-outcome/", {"outcome": "affirmed", "decided_on": "2026-03-10"}
    )
    assert r.status_code == 409
    assert 'data-error="not_second_instance"' in _text(r)
    case.refresh_from_db()
    assert (case.status, case.appeal_outcome) == ("pending", "")


# --- 执行 ----------------------------------------------------------------------------------------


def test_clerk_opens_an_enforcement_case_from_the_effective_judgment(case, cast):
    doc = _closed_by_judgment(case, cast["judge"])
    with time_machine.travel(date(2026, 6, 25)):
        actions.mark_effective(doc.pk, effective_on=date(2026, 6, 20), acting_user=cast["judge"])
        c = _client(cast["clerk"])
        page = _text(c.get(f"{BASE}/{case.pk}/enforcement/apply/"))
        assert "<dd data-apply-deadline>2028-06-20" in page  # 2 years (CPL23 Art 250)
        r = c.post(
            f"{BASE}/{case.pk}/enforcement/apply/",
            {
                "applicant_party_id": party(case, CaseRole.PLAINTIFF).pk,
                "amount_due": "50000",
            },
        )
    ex = Case.objects.get(type_code="执")
    assert r.status_code == 302
    assert r["Location"] == f"{BASE}/{ex.pk}/enforcement/"
    assert (ex.number, ex.parent, ex.enforcement_due, ex.filed_on, ex.limit_due) == (
        "（2026）粤0802执1号",
        case,
        Decimal("50000.00"),
        date(2026, 6, 25),
        date(2026, 12, 25),  # 6 months (EXEC Art 63)
    )


def test_enforcement_without_an_effective_document_is_refused_inline(case, cast):
    _closed_by_judgment(case, cast["judge"])
    r = _client(cast["clerk"]).post(
        f"{BASE}/{case.pk}/enforcement/apply/",
        {"applicant_party_id": party(case, CaseRole.PLAINTIFF).pk, "amount_due": "50000"},
    )
    assert r.status_code == 409
    assert 'data-error="not_effective"' in _text(r)
    assert not Case.objects.filter(type_code="执").exists()


def test_only_the_filing_clerk_registers_an_enforcement_application(case, cast):
    doc = _closed_by_judgment(case, cast["judge"])
    with time_machine.travel(date(2026, 6, 25)):
        actions.mark_effective(doc.pk, effective_on=date(2026, 6, 20), acting_user=cast["judge"])
        r = _client(cast["judge"]).post(
            f"{BASE}/{case.pk}/enforcement/apply/",
            {"applicant_party_id": party(case, CaseRole.PLAINTIFF).pk, "amount_due": "50000"},
        )
    assert r.status_code == 403
    assert not Case.objects.filter(type_code="执").exists()


def test_measures_log_sums_the_amounts_recovered(case, cast):
    ex = _enforcement_case(case, cast)
    c = _client(cast["judge"])
    with time_machine.travel(date(2026, 7, 10)):
        for data in (
            {"kind": "inquiry", "taken_on": "2026-06-26", "note": "网络查控"},
            {"kind": "deduction", "taken_on": "2026-07-01", "amount": "30000"},
            {"kind": "payment", "taken_on": "2026-07-08", "amount": "5000.50"},
        ):
            assert c.post(f"{BASE}/{ex.pk}/enforcement/", data).status_code == 302
        body = _text(c.get(f"{BASE}/{ex.pk}/enforcement/"))
    assert list(EnforcementMeasure.objects.filter(case=ex).values_list("kind", "amount")) == [
        ("inquiry", None),
        ("deduction", Decimal("30000.00")),
        ("payment", Decimal("5000.50")),
    ]
    ex.refresh_from_db()
    assert ex.recovered_amount == Decimal("35000.50")
    assert '<dd data-amount="outstanding">14999.50 元</dd>' in body


def test_a_negative_amount_is_refused_inline(case, cast):
    ex = _enforcement_case(case, cast)
    with time_machine.travel(date(2026, 7, 10)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{ex.pk}/enforcement/",
            {"kind": "deduction", "taken_on": "2026-07-01", "amount": "-1"},
        )
    assert r.status_code == 422
    assert "金额：金额不能为负数。" in _text(r)
    assert not EnforcementMeasure.objects.exists()
    ex.refresh_from_db()
    assert ex.recovered_amount == Decimal("0")


def test_executed_closure_needs_the_full_amount_recovered(case, cast):
    ex = _enforcement_case(case, cast)
    c = _client(cast["judge"])
    with time_machine.travel(date(2026, 7, 10)):
        actions.record_measure(
            ex.pk,
            kind="deduction",
            taken_on=date(2026, 7, 1),
            amount=Decimal("30000"),
            acting_user=cast["judge"],
        )
        r = c.post(
            f"{BASE}/{ex.pk}/enforcement/close/", {"method": "executed", "closed_on": "2026-07-10"}
        )
        assert r.status_code == 422
        assert 'data-error="closure_invalid"' in _text(r)
        ex.refresh_from_db()
        assert ex.status == "pending"
        actions.record_measure(
            ex.pk,
            kind="payment",
            taken_on=date(2026, 7, 8),
            amount=Decimal("20000"),
            acting_user=cast["judge"],
        )
        r = c.post(
            f"{BASE}/{ex.pk}/enforcement/close/", {"method": "executed", "closed_on": "2026-07-10"}
        )
    assert r.status_code == 302
    ex.refresh_from_db()
    assert (ex.status, ex.closure_method, ex.closed_on, ex.closed_within_limit) == (
        "closed",
        "executed",
        date(2026, 7, 10),
        True,
    )


def test_enforcement_case_cannot_be_closed_on_the_trial_closure_form(case, cast):
    ex = _enforcement_case(case, cast)
    with time_machine.travel(date(2026, 7, 10)):
        r = _client(cast["judge"]).post(
            f"{BASE}/{ex.pk}/closure/", {"method": "executed", "decided_on": "2026-07-10"}
        )
    assert r.status_code == 409
    ex.refresh_from_db()
    assert ex.status == "pending"


# --- denials ----------------------------------------------------------------------------------

POSTS = [
    ("suspensions/", {"kind": "appraisal", "start_on": "2026-03-10", "end_on": "2026-03-19"}),
    ("extension/", {"months": "6", "reason": "复杂"}),
    ("conversion/", {"reason": "复杂"}),
    ("service/", {"party_id": "0", "method": "direct", "served_on": "2026-03-10"}),
    ("closure/", {"method": "judgment", "decided_on": "2026-03-10"}),
    ("documents/upload/", {"doc_type": "judgment", "title": "t", "decided_on": "2026-03-10"}),
    ("fees/", {}),
    ("appeal/", {"appellant_party_id": "0", "against": "judgment"}),
    ("appeal-outcome/", {"outcome": "affirmed", "decided_on": "2026-03-10"}),
    ("enforcement/", {"kind": "inquiry", "taken_on": "2026-03-10"}),
    ("enforcement/close/", {"method": "executed", "closed_on": "2026-03-10"}),
]


def _snapshot(case: Case) -> tuple:
    case.refresh_from_db()
    return (
        case.status,
        case.procedure,
        case.limit_due,
        Suspension.objects.count(),
        Extension.objects.count(),
        ServiceRecord.objects.count(),
        CaseDocument.objects.count(),
        EnforcementMeasure.objects.count(),
    )


@pytest.mark.parametrize(("path", "data"), POSTS)
def test_a_judge_outside_the_panel_gets_403(case, cast, path, data):
    before = _snapshot(case)
    with time_machine.travel(date(2026, 4, 10)):
        r = _client(cast["outsider"]).post(f"{BASE}/{case.pk}/{path}", data)
    assert r.status_code == 403
    assert "不是本案的承办法官或合议庭成员" in _text(r)
    assert _snapshot(case) == before


@pytest.mark.parametrize(("path", "data"), POSTS)
def test_another_courts_staff_get_404(case, cast, path, data):
    before = _snapshot(case)
    with time_machine.travel(date(2026, 4, 10)):
        r = _client(cast["xiashan_judge"]).post(f"{BASE}/{case.pk}/{path}", data)
    assert r.status_code == 404
    assert _snapshot(case) == before


@pytest.mark.parametrize(("path", "data"), POSTS)
def test_a_litigant_gets_403(case, cast, path, data):
    before = _snapshot(case)
    with time_machine.travel(date(2026, 4, 10)):
        r = _client(litigant()).post(f"{BASE}/{case.pk}/{path}", data)
    assert r.status_code == 403
    assert _snapshot(case) == before


def test_ending_a_suspension_and_marking_effective_are_denied_outside_the_panel(case, cast):
    doc = _closed_by_judgment(case, cast["judge"])
    with time_machine.travel(date(2026, 6, 12)):
        s = actions.start_suspension(
            make_case(case.court, filed_on=FILED, judge=cast["judge"]).pk,
            kind="settlement",
            start_on=date(2026, 4, 1),
            acting_user=cast["judge"],
        )
        out = _client(cast["outsider"])
        r1 = out.post(f"{BASE}/{s.case_id}/suspensions/{s.pk}/end/", {"end_on": "2026-04-10"})
        r2 = out.post(
            f"{BASE}/{case.pk}/documents/{doc.pk}/effective/", {"effective_on": "2026-06-20"}
        )
        r3 = _client(cast["xiashan_judge"]).post(
            f"{BASE}/{case.pk}/documents/{doc.pk}/effective/", {"effective_on": "2026-06-20"}
        )
    assert (r1.status_code, r2.status_code, r3.status_code) == (403, 403, 404)
    s.refresh_from_db()
    doc.refresh_from_db()
    assert (s.end_on, doc.is_effective) == (None, False)


@pytest.mark.parametrize("page", ["suspensions", "closure", "enforcement", "appeal"])
def test_pages_are_hidden_from_another_court_and_closed_to_litigants(case, cast, page):
    assert _client(cast["xiashan_judge"]).get(f"{BASE}/{case.pk}/{page}/").status_code == 404
    assert _client(litigant()).get(f"{BASE}/{case.pk}/{page}/").status_code == 403


def test_a_judge_outside_the_panel_sees_the_page_without_the_forms(case, cast):
    r = _client(cast["outsider"]).get(f"{BASE}/{case.pk}/suspensions/")
    assert r.status_code == 200
    assert "只能查看" in _text(r)
    assert 'name="kind"' not in _text(r)
