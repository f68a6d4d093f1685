"""FEE Art 27 refunds at settlement: a remanded second instance (发回重审) gives each appellant
back the whole appeal fee it paid; a first instance closed by a ruling dismissing the action
(驳回起诉) gives back the whole acceptance fee paid (nobody bears a fee, FEE Art 8(2)). The
refund is due within 15 days of the document taking effect (FEE Art 53)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.test import Client

from yizhan.audit.services import events_for
from yizhan.cases.actions import (
    _issue_fee_notice,
    record_fee_payment,
)
from yizhan.cases.models import Case, CaseRole
from yizhan.core.errors import DomainError
from yizhan.trial import actions
from yizhan.trial.models import AppealRecord, FeeSettlement

from .conftest import (
    APPEAL_DECIDED,
    decide_hearing,
    make_case,
    one_appellant,
    party,
    pay_appeal_fees,
    serve,
    settle,
    two_appeals,
)

pytestmark = pytest.mark.django_db


def _two_appellants(chikan, cast, courts, *, second_pays: bool = True):
    """1,000,000 claim; 王五 contests 300,000 (5,800.00), then 张三 contests 100,000
    (2,300.00, its appeal_second_appellant notice, FEE Arts 17, 22); remanded."""
    case, _first, second = two_appeals(chikan, cast)
    hearing = second.second_case
    own = pay_appeal_fees(hearing, courts, second_pays=second_pays)
    assert (own.reason, own.amount_due) == ("appeal_second_appellant", Decimal("2300.00"))
    return case, decide_hearing(hearing, cast, "remanded")


# --- 发回重审 (FEE Art 27 ¶1) ----------------------------------------------------------------


def test_remand_refunds_the_appellants_whole_appeal_fee_fee_art_27(chikan, cast, courts):
    case, hearing = one_appellant(chikan, cast, courts, "remanded")
    assert hearing.closure_method == "remanded"
    s = settle(hearing, cast)
    assert (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount) == (
        Decimal("2300.00"),
        Decimal("0.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert s.shares == []  # nobody bears the appeal fee
    assert (
        "《诉讼费用交纳办法》第二十七条第一款：第二审人民法院决定将案件发回重审的，"
        "应当退还上诉人已交纳的第二审案件受理费"
    ) in s.basis
    assert "发回重审，退还上诉人王五已交纳的第二审案件受理费 2300.00 元" in s.basis
    assert hearing.docket.filter(
        kind="fees_settled",
        text="诉讼费用结算：受理费 0.00 元，应退 2300.00 元"
        "（发回重审，全额退还，《诉讼费用交纳办法》第二十七条）",
    ).exists()
    event = events_for(hearing).get(action="trial.fees_settled")
    wangwu = party(case, CaseRole.DEFENDANT)
    assert event.after["full_refund"] == "remanded"
    assert {k: Decimal(str(v)) for k, v in event.after["refunds"].items()} == {
        str(wangwu.pk): Decimal("2300.00")
    }


def test_remand_refund_is_due_fifteen_days_after_the_ruling_takes_effect_fee_art_53(
    chikan, cast, courts
):
    _case, hearing = one_appellant(chikan, cast, courts, "remanded")
    s = settle(hearing, cast)
    assert s.refund_due is None  # the remand ruling has not taken effect yet
    with time_machine.travel(date(2026, 6, 3)):
        doc = actions.generate_document(
            hearing.pk,
            doc_type="ruling",
            title="民事裁定书",
            text="撤销原判，发回重审",
            decided_on=APPEAL_DECIDED,
            acting_user=cast["higher_judge"],
        )
        actions.mark_effective(
            doc.pk, effective_on=date(2026, 6, 3), acting_user=cast["higher_judge"]
        )
    s.refresh_from_db()
    # 2026-06-03 + 15 days = 06-18, a Thursday.
    assert (s.effective_on, s.refund_due) == (date(2026, 6, 3), date(2026, 6, 18))


def test_remand_refunds_each_of_two_appellants_its_own_appeal_fee_fee_art_27(chikan, cast, courts):
    case, hearing = _two_appellants(chikan, cast, courts)
    s = settle(hearing, cast)
    # FEE Art 17: 5,800.00 (王五 on 300,000) + 2,300.00 (张三 on 100,000) = 8,100.00, all of
    # it refunded (FEE Art 27).
    assert (s.full_fee, s.final_fee, s.prepaid, s.refund_amount) == (
        Decimal("8100.00"),
        Decimal("0.00"),
        Decimal("8100.00"),
        Decimal("8100.00"),
    )
    assert s.shares == []
    assert "发回重审，退还上诉人王五已交纳的第二审案件受理费 5800.00 元" in s.basis
    assert "发回重审，退还上诉人张三已交纳的第二审案件受理费 2300.00 元" in s.basis
    event = events_for(hearing).get(action="trial.fees_settled")
    assert {k: Decimal(str(v)) for k, v in event.after["refunds"].items()} == {
        str(party(case, CaseRole.DEFENDANT).pk): Decimal("5800.00"),
        str(party(case, CaseRole.PLAINTIFF).pk): Decimal("2300.00"),
    }


def test_remand_refunds_only_what_a_later_appellant_actually_paid_fee_art_27(chikan, cast, courts):
    case, hearing = _two_appellants(chikan, cast, courts, second_pays=False)
    s = settle(hearing, cast)
    assert (s.full_fee, s.final_fee, s.prepaid, s.refund_amount) == (
        Decimal("8100.00"),
        Decimal("0.00"),
        Decimal("5800.00"),
        Decimal("5800.00"),
    )
    event = events_for(hearing).get(action="trial.fees_settled")
    assert {k: Decimal(str(v)) for k, v in event.after["refunds"].items()} == {
        str(party(case, CaseRole.DEFENDANT).pk): Decimal("5800.00"),
    }


def test_remand_takes_no_shares_and_settles_nothing_when_given_some_fee_art_27(
    chikan, cast, courts
):
    _case, hearing = one_appellant(chikan, cast, courts, "remanded")
    wangwu = hearing.case_parties.get(role=CaseRole.DEFENDANT)
    with pytest.raises(DomainError) as e:
        settle(hearing, cast, shares=[(wangwu.pk, Decimal(100))])
    assert (e.value.code, e.value.status) == ("shares_invalid", 422)
    assert "第二十七条" in e.value.message
    assert not FeeSettlement.objects.exists()
    assert not events_for(hearing).filter(action="trial.fees_settled").exists()


def test_affirmed_appeal_still_charges_the_losing_appellant_no_fee_art_27_refund(
    chikan, cast, courts
):
    _case, hearing = one_appellant(chikan, cast, courts, "affirmed")
    s = settle(hearing, cast)
    # FEE Art 29 by default: the appellant whose appeal failed (王五) bears its 2,300.00, and
    # 王五 prepaid exactly that: nothing back.
    assert (s.full_fee, s.final_fee, s.prepaid, s.refund_amount) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        Decimal("2300.00"),
        Decimal("0.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]
    assert "上诉人王五预交 2300.00 元，负担 2300.00 元" in s.basis
    assert not any("第二十七条" in b for b in s.basis)
    event = events_for(hearing).get(action="trial.fees_settled")
    assert event.after["full_refund"] is None


# --- 驳回起诉 (FEE Art 27 ¶2) ----------------------------------------------------------------


def _dismissed(chikan, cast, **kw):
    """A 100,000 case (2,300.00 paid on filing) dismissed by a ruling of 2026-05-08."""
    case = make_case(chikan, filed_on=date(2026, 3, 2), judge=cast["judge"], fee=True, **kw)
    with time_machine.travel(date(2026, 5, 8)):
        doc = actions.generate_document(
            case.pk,
            doc_type="ruling",
            title="民事裁定书",
            text="驳回原告张三的起诉",
            decided_on=date(2026, 5, 8),
            acting_user=cast["judge"],
        )
        actions.close_case(
            case.pk,
            method="dismissal",
            decided_on=date(2026, 5, 8),
            document_id=doc.pk,
            acting_user=cast["judge"],
        )
    return case, doc


def test_dismissal_ruling_refunds_the_whole_acceptance_fee_fee_art_27(chikan, cast):
    case, doc = _dismissed(chikan, cast)
    with time_machine.travel(date(2026, 5, 25)):
        # The ruling takes effect when the 10-day appeal period has run (CPL23 Art 171).
        actions.mark_effective(doc.pk, effective_on=date(2026, 5, 19), acting_user=cast["judge"])
        s = actions.settle_fees(case.pk, acting_user=cast["judge"])
    assert (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount) == (
        Decimal("2300.00"),
        Decimal("0.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert s.shares == []  # before: 王五 (defendant) was charged 2,300.00 as the loser
    # FEE Art 53: 2026-05-19 + 15 days = 06-03 (Wednesday).
    assert (s.effective_on, s.refund_due) == (date(2026, 5, 19), date(2026, 6, 3))
    assert "裁定驳回起诉，退还当事人已交纳的案件受理费 2300.00 元" in s.basis
    assert not any("第二十九条" in b for b in s.basis)
    assert case.docket.filter(
        kind="fees_settled",
        text="诉讼费用结算：受理费 0.00 元，应退 2300.00 元"
        "（驳回起诉，全额退还，《诉讼费用交纳办法》第二十七条）",
    ).exists()
    assert events_for(case).get(action="trial.fees_settled").after["full_refund"] == "dismissal"


def test_dismissal_refunds_the_whole_fee_even_if_shares_were_meant_for_the_plaintiff(chikan, cast):
    # Before FEE Art 27 was applied, shares of 100 % on the plaintiff refunded nothing; now
    # shares are refused and nothing is written.
    case, doc = _dismissed(chikan, cast)
    p = case.case_parties.get(role=CaseRole.PLAINTIFF)
    with time_machine.travel(date(2026, 5, 25)):
        actions.mark_effective(doc.pk, effective_on=date(2026, 5, 19), acting_user=cast["judge"])
    with time_machine.travel(date(2026, 5, 25)), pytest.raises(DomainError) as e:
        actions.settle_fees(case.pk, shares=[(p.pk, Decimal(100))], acting_user=cast["judge"])
    assert e.value.code == "shares_invalid"
    assert not FeeSettlement.objects.exists()


def test_dismissal_refunds_a_simple_procedure_fee_as_paid_fee_art_27(chikan, cast):
    # Simple procedure: the fee notice issued on filing by the fee rules is halved (FEE Art 16:
    # 2,300.00 -> 1,150.00), 1,150.00 is paid, all of it refunded.
    case = make_case(chikan, filed_on=date(2026, 3, 2), judge=cast["judge"], procedure="simple")
    with time_machine.travel(date(2026, 3, 2)), transaction.atomic():
        _issue_fee_notice(case, "property", None, True)  # as open_case does on filing
    with time_machine.travel(date(2026, 3, 5)):
        notice = record_fee_payment(case.pk, acting_user=cast["clerk"])
    assert (notice.full_fee, notice.amount_due) == (Decimal("2300.00"), Decimal("1150.00"))
    with time_machine.travel(date(2026, 5, 25)):
        doc = actions.generate_document(
            case.pk,
            doc_type="ruling",
            title="民事裁定书",
            text="驳回原告张三的起诉",
            decided_on=date(2026, 5, 8),
            acting_user=cast["judge"],
        )
        actions.close_case(
            case.pk, method="dismissal", document_id=doc.pk, acting_user=cast["judge"]
        )
        actions.mark_effective(doc.pk, effective_on=date(2026, 5, 19), acting_user=cast["judge"])
        s = actions.settle_fees(case.pk, acting_user=cast["judge"])
    assert (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount, s.refund_due) == (
        Decimal("2300.00"),
        Decimal("0.00"),
        False,
        Decimal("1150.00"),
        Decimal("1150.00"),
        date(2026, 6, 3),  # FEE Art 53: 15 days after 05-19
    )
    assert "裁定驳回起诉，退还当事人已交纳的案件受理费 1150.00 元" in s.basis


def test_console_fee_page_shows_the_art_27_refund_reason(chikan, cast):
    case, doc = _dismissed(chikan, cast)
    c = Client()
    c.force_login(cast["judge"])
    with time_machine.travel(date(2026, 5, 25)):
        actions.mark_effective(doc.pk, effective_on=date(2026, 5, 19), acting_user=cast["judge"])
        r = c.post(f"/console/trial/cases/{case.pk}/fees/", {})
        assert r.status_code == 302
        body = c.get(f"/console/trial/cases/{case.pk}/fees/").content.decode()
    assert '<dd data-fee="final">0.00 元' in body
    assert '<dd data-fee="refund">2300.00 元</dd>' in body
    assert "裁定驳回起诉，退还当事人已交纳的案件受理费 2300.00 元" in body
    assert "《诉讼费用交纳办法》第二十七条第二款" in body


# --- 驳回起诉 upheld on appeal (FEE Art 27 ¶2, second sentence) -------------------------------


def _dismissal_appealed(chikan, cast):
    """The dismissed 100,000 case (2,300.00 paid); 张三 appeals the ruling on 05-15 (served
    05-11, 10 days, CPL23 Art 171). A ruling appeal pays no fee (FEE Art 8)."""
    case, doc = _dismissed(chikan, cast)
    zhangsan = party(case, CaseRole.PLAINTIFF)
    with time_machine.travel(date(2026, 5, 11)):
        actions.record_service(
            case.pk,
            party_id=zhangsan.pk,
            method="direct",
            served_on=date(2026, 5, 11),
            document_id=doc.pk,
            acting_user=cast["judge"],
        )
    with time_machine.travel(date(2026, 5, 15)):
        appeal = actions.register_appeal(
            case.pk, against="ruling", appellant_party_id=zhangsan.pk, acting_user=cast["judge"]
        )
    hearing = appeal.second_case
    assert (hearing.fee_notice.fee_kind, hearing.fee_notice.amount_due) == (
        "none",
        Decimal("0.00"),
    )
    return case, hearing


def test_dismissal_upheld_on_appeal_refunds_the_first_instance_fee_fee_art_27_para_2(chikan, cast):
    case, hearing = _dismissal_appealed(chikan, cast)
    # While the appeal is pending the ruling has not taken effect and the refund depends on
    # the second instance: no settlement yet.
    with time_machine.travel(date(2026, 5, 25)), pytest.raises(DomainError) as e:
        actions.settle_fees(case.pk, acting_user=cast["judge"])
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert hearing.number in e.value.message
    assert not FeeSettlement.objects.exists()

    hearing = decide_hearing(hearing, cast, "affirmed")  # 驳回上诉，维持原裁定
    # Upheld, but not yet recorded as effective: still no refund (FEE Art 53).
    with pytest.raises(DomainError) as e:
        settle(case, cast, judge="judge")
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert "驳回起诉的裁定尚未发生法律效力" in e.value.message
    assert not FeeSettlement.objects.exists()
    # The first-instance ruling takes effect with the second instance's ruling of 06-01.
    with time_machine.travel(date(2026, 6, 3)):
        actions.mark_effective(
            case.documents.get().pk, effective_on=APPEAL_DECIDED, acting_user=cast["judge"]
        )
    s = settle(case, cast, judge="judge")
    assert (s.effective_on, s.refund_due) == (APPEAL_DECIDED, date(2026, 6, 16))  # FEE Art 53
    assert (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount) == (
        Decimal("2300.00"),
        Decimal("0.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert s.shares == []
    assert (
        "《诉讼费用交纳办法》第二十七条第二款：当事人对第一审人民法院驳回起诉的裁定提起上诉，"
        "第二审人民法院维持第一审人民法院作出的裁定的，第一审人民法院应当退还当事人已交纳的"
        "案件受理费（第八条第二项：裁定驳回起诉的案件不交纳案件受理费）"
    ) in s.basis
    assert "二审维持驳回起诉的裁定，退还当事人已交纳的案件受理费 2300.00 元" in s.basis
    assert case.docket.filter(
        kind="fees_settled",
        text="诉讼费用结算：受理费 0.00 元，应退 2300.00 元"
        "（二审维持驳回起诉裁定，全额退还，《诉讼费用交纳办法》第二十七条）",
    ).exists()
    event = events_for(case).get(action="trial.fees_settled")
    assert event.after["full_refund"] == "dismissal_upheld"
    # The second instance itself: no fee (FEE Art 8), the appellant 张三 bears 0.00.
    s2 = settle(hearing, cast)
    assert (s2.fee_kind, s2.final_fee, s2.prepaid, s2.refund_amount) == (
        "none",
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert [(r["name"], r["amount"]) for r in s2.shares] == [("张三", "0.00")]


def test_dismissal_set_aside_on_appeal_refunds_nothing_fee_art_27_para_2(chikan, cast):
    case, hearing = _dismissal_appealed(chikan, cast)
    decide_hearing(hearing, cast, "revised")  # the second instance set the dismissal aside
    with pytest.raises(DomainError) as e:
        settle(case, cast, judge="judge")
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert "未维持驳回起诉的裁定" in e.value.message
    assert not FeeSettlement.objects.exists()


def test_dismissal_appeal_withdrawn_refunds_as_an_unappealed_dismissal_fee_art_27(chikan, cast):
    case, hearing = _dismissal_appealed(chikan, cast)
    decide_hearing(hearing, cast, "withdrawn")  # the ruling stands as the first instance made it
    with time_machine.travel(date(2026, 6, 3)):
        # Here the second instance's ruling allowing the withdrawal is the one marked effective.
        ruling = actions.generate_document(
            hearing.pk,
            doc_type="ruling",
            title="民事裁定书",
            text="准许上诉人张三撤回上诉",
            decided_on=APPEAL_DECIDED,
            acting_user=cast["higher_judge"],
        )
        actions.mark_effective(
            ruling.pk, effective_on=APPEAL_DECIDED, acting_user=cast["higher_judge"]
        )
    s = settle(case, cast, judge="judge")
    assert (s.final_fee, s.refund_amount) == (Decimal("0.00"), Decimal("2300.00"))
    assert (s.effective_on, s.refund_due) == (APPEAL_DECIDED, date(2026, 6, 16))
    assert "裁定驳回起诉，退还当事人已交纳的案件受理费 2300.00 元" in s.basis
    assert events_for(case).get(action="trial.fees_settled").after["full_refund"] == "dismissal"


# --- console page before settlement ----------------------------------------------------------


def test_console_fee_page_of_a_dismissal_says_all_is_refunded_and_has_no_shares(chikan, cast):
    case, _doc = _dismissed(chikan, cast)
    c = Client()
    c.force_login(cast["judge"])
    with time_machine.travel(date(2026, 5, 25)):
        body = c.get(f"/console/trial/cases/{case.pk}/fees/").content.decode()
    assert "本案裁定驳回起诉：退还当事人已交纳的案件受理费，全额退还" in body
    assert "判决由败诉方负担" not in body
    assert 'name="share_' not in body
    assert 'data-fee-submit="full_refund"' in body


def test_console_fee_page_of_a_remand_says_all_is_refunded_and_has_no_shares(chikan, cast, courts):
    _case, hearing = one_appellant(chikan, cast, courts, "remanded")
    c = Client()
    c.force_login(cast["higher_judge"])
    with time_machine.travel(date(2026, 6, 3)):
        body = c.get(f"/console/trial/cases/{hearing.pk}/fees/").content.decode()
        assert "本案发回重审：退还各上诉人已交纳的第二审案件受理费，全额退还" in body
        assert "改判的由被上诉人负担" not in body
        assert 'name="share_' not in body
        r = c.post(f"/console/trial/cases/{hearing.pk}/fees/", {})
    assert r.status_code == 302
    assert FeeSettlement.objects.get(case=hearing).refund_amount == Decimal("2300.00")


def test_console_fee_page_shows_the_pending_dismissal_appeal_inline(chikan, cast):
    case, hearing = _dismissal_appealed(chikan, cast)
    c = Client()
    c.force_login(cast["judge"])
    with time_machine.travel(date(2026, 5, 25)):
        r = c.post(f"/console/trial/cases/{case.pk}/fees/", {})
    assert r.status_code == 409
    body = r.content.decode()
    assert 'data-error="wrong_state"' in body
    assert f"驳回起诉的裁定已被上诉（二审 {hearing.number}）" in body
    assert not FeeSettlement.objects.exists()


def test_console_fee_page_of_a_dismissal_in_english(chikan, cast):
    case, _doc = _dismissed(chikan, cast)
    c = Client()
    c.force_login(cast["judge"])
    c.cookies["django_language"] = "en"
    with time_machine.travel(date(2026, 5, 25)):
        body = c.get(f"/console/trial/cases/{case.pk}/fees/").content.decode()
    assert "the acceptance fee paid is refunded in full and nobody bears a fee" in body
    assert "Settle (full refund)" in body


# --- 驳回起诉: no refund before the ruling takes effect, no judgment appeal ---------------------


def _serve_ruling(case, doc, cast, role=CaseRole.PLAINTIFF):
    with time_machine.travel(date(2026, 5, 11)):
        serve(case, doc, cast, role, date(2026, 5, 11))


def test_dismissal_is_not_refunded_before_the_ruling_takes_effect_fee_art_27_and_53(chikan, cast):
    # Before: settled on 05-12, inside the 10-day appeal period (CPL23 Art 171), with
    # 2,300.00 refunded although the ruling could still be appealed (FEE Art 27 ¶2, second
    # sentence: an appealed dismissal is refunded only once upheld).
    case, doc = _dismissed(chikan, cast)
    with time_machine.travel(date(2026, 5, 12)), pytest.raises(DomainError) as e:
        actions.settle_fees(case.pk, acting_user=cast["judge"])
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert "驳回起诉的裁定尚未发生法律效力" in e.value.message
    assert not FeeSettlement.objects.exists()
    assert not events_for(case).filter(action="trial.fees_settled").exists()
    with time_machine.travel(date(2026, 5, 25)):
        actions.mark_effective(doc.pk, effective_on=date(2026, 5, 19), acting_user=cast["judge"])
        s = actions.settle_fees(case.pk, acting_user=cast["judge"])
    assert (s.refund_amount, s.effective_on, s.refund_due) == (
        Decimal("2300.00"),
        date(2026, 5, 19),
        date(2026, 6, 3),
    )


def test_judgment_appeal_on_a_dismissal_is_refused_there_is_no_judgment_fee_art_8(chikan, cast):
    # Before: 张三's appeal against="judgment" was registered with a 2,300.00 民终 fee (FEE
    # Art 8: a 驳回起诉 ruling's appeal pays nothing), and the first instance settled the next
    # day refunding 2,300.00 while that appeal was pending.
    case, doc = _dismissed(chikan, cast)
    _serve_ruling(case, doc, cast)
    with time_machine.travel(date(2026, 5, 15)), pytest.raises(DomainError) as e:
        actions.register_appeal(
            case.pk,
            against="judgment",
            appellant_party_id=party(case, CaseRole.PLAINTIFF).pk,
            acting_user=cast["judge"],
        )
    assert (e.value.code, e.value.status) == ("invalid_input", 422)
    assert set(e.value.fields) == {"against"}
    assert "本案以裁定结案（驳回起诉），没有判决" in e.value.message
    assert not AppealRecord.objects.exists()
    assert not Case.objects.filter(type_code="民终").exists()


def test_api_judgment_appeal_on_a_dismissal_is_refused_and_a_ruling_appeal_accepted(chikan, cast):
    from yizhan.filing.tests.helpers import Api

    case, doc = _dismissed(chikan, cast)
    _serve_ruling(case, doc, cast)
    api = Api(cast["judge"])
    body = {"appellant_party_id": party(case, CaseRole.PLAINTIFF).pk}
    with time_machine.travel(date(2026, 5, 15)):
        bad = api.post(f"/trial/cases/{case.pk}/appeals", {**body, "against": "judgment"})
        assert (bad.status_code, bad.json()["code"]) == (422, "invalid_input")
        assert set(bad.json()["fields"]) == {"against"}
        assert not Case.objects.filter(type_code="民终").exists()
        ok = api.post(f"/trial/cases/{case.pk}/appeals", {**body, "against": "ruling"})
    assert ok.status_code == 201
    second = Case.objects.get(pk=ok.json()["second_case_id"])
    assert (second.fee_notice.fee_kind, second.fee_notice.amount_due) == ("none", Decimal("0.00"))


def test_dismissal_with_any_pending_appeal_is_not_refunded_fee_art_27_para_2(chikan, cast):
    # An appeal recorded against="judgment" on a dismissal (registered before such appeals
    # were refused) is still an appeal against the dismissal: no refund while it is pending,
    # even with the ruling wrongly marked effective.
    case, hearing = _dismissal_appealed(chikan, cast)
    AppealRecord.objects.filter(second_case=hearing).update(against="judgment")
    doc = case.documents.get()
    with time_machine.travel(date(2026, 5, 26)):
        actions.mark_effective(doc.pk, effective_on=date(2026, 5, 26), acting_user=cast["judge"])
        with pytest.raises(DomainError) as e:
            actions.settle_fees(case.pk, acting_user=cast["judge"])
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert f"驳回起诉的裁定已被上诉（二审 {hearing.number}）" in e.value.message
    assert not FeeSettlement.objects.exists()


def test_docket_names_the_art_27_reason_when_nothing_was_paid(chikan, cast):
    # The fee was never paid: nothing comes back, but the docket still says why nobody bears
    # a fee (before: 诉讼费用结算：受理费 0.00 元, with no reason).
    case, doc = _dismissed(chikan, cast)
    case.fee_notice.status = "due"
    case.fee_notice.save(update_fields=["status"])
    with time_machine.travel(date(2026, 5, 25)):
        actions.mark_effective(doc.pk, effective_on=date(2026, 5, 19), acting_user=cast["judge"])
        s = actions.settle_fees(case.pk, acting_user=cast["judge"])
    assert (s.final_fee, s.prepaid, s.refund_amount) == (
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert case.docket.filter(
        kind="fees_settled",
        text="诉讼费用结算：受理费 0.00 元（驳回起诉，无已交纳的受理费可退，"
        "《诉讼费用交纳办法》第二十七条）",
    ).exists()
