"""Who bears a second instance's fee by default (domain-rules §2.4): the appeal's outcome
decides, not the first-instance roles. Affirmed (驳回上诉、维持原判) → each appellant its own
appeal fee (FEE Art 29: the loser pays); revised (改判) → the appellees, the appellants' prepaid
fees refunded (CPLI Art 207); partly revised (部分改判) → the court sets shares (FEE Art 29,
CPLI Art 203); appeal withdrawn (撤回上诉) → halved (FEE Art 15) and borne by the appellant
(FEE Art 34); mediated → shares (FEE Art 31).

Also FEE Art 27 ¶2, second sentence: the dismissal (驳回起诉) of a first-instance case was
appealed (a ruling appeal pays no fee, FEE Art 8); once the second instance upholds it, the
first-instance court refunds the acceptance fee paid."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from yizhan.accounts.models import Role
from yizhan.audit.services import events_for
from yizhan.cases.actions import record_fee_payment
from yizhan.cases.models import CaseParty, CaseRole, SupplementaryFeeNotice
from yizhan.core.errors import DomainError
from yizhan.factories import resident_id
from yizhan.parties.models import Party
from yizhan.trial import actions
from yizhan.trial.models import FeeSettlement

from .conftest import (
    FIRST_APPEAL,
    SECOND_APPEAL,
    decide_hearing,
    judged_case,
    one_appellant,
    party,
    pay_appeal_fees,
    settle,
    staff,
    two_appeals,
)

pytestmark = pytest.mark.django_db
BASE = "/console/trial/cases"


def _two_appellants(chikan, cast, courts, outcome):
    """1,000,000 claim; 王五 contests 300,000 (5,800.00), then 张三 contests 100,000 (2,300.00,
    its appeal_second_appellant notice); both paid."""
    case, _first, second = two_appeals(chikan, cast)
    hearing = second.second_case
    pay_appeal_fees(hearing, courts)
    return case, decide_hearing(hearing, cast, outcome)


def _refunds(case):
    event = events_for(case).get(action="trial.fees_settled")
    return {int(k): Decimal(str(v)) for k, v in event.after["refunds"].items()}


def _figures(s):
    return (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount)


# --- 维持原判 (FEE Art 29) ---------------------------------------------------------------------


def test_affirmed_plaintiff_appellant_bears_its_appeal_fee_fee_art_29(chikan, cast, courts):
    # 张三 (the first-instance plaintiff) appeals and loses the appeal: 张三 bears the 2,300.00
    # it prepaid, nothing back. Before: the first-instance defendant 王五 was charged and
    # 张三 got 2,300.00 back.
    case, hearing = one_appellant(chikan, cast, courts, "affirmed", CaseRole.PLAINTIFF)
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        False,
        Decimal("2300.00"),
        Decimal("0.00"),
    )
    assert [(r["name"], r["percent"], r["amount"]) for r in s.shares] == [
        ("张三", "100.00", "2300.00")
    ]
    assert (
        "《诉讼费用交纳办法》第二十九条：诉讼费用由败诉方负担；"
        "驳回上诉、维持原判，上诉人负担其上诉案件受理费"
    ) in s.basis
    assert "上诉人张三预交 2300.00 元，负担 2300.00 元" in s.basis
    assert _refunds(hearing) == {party(case, CaseRole.PLAINTIFF).pk: Decimal("0.00")}


def test_affirmed_defendant_appellant_bears_its_appeal_fee_fee_art_29(chikan, cast, courts):
    _case, hearing = one_appellant(chikan, cast, courts, "affirmed")
    s = settle(hearing, cast)
    assert (s.final_fee, s.refund_amount) == (Decimal("2300.00"), Decimal("0.00"))
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]


def test_affirmed_each_of_two_appellants_bears_its_own_appeal_fee_fee_art_29(chikan, cast, courts):
    # Both appeals failed: 王五 bears its 5,800.00, 张三 its 2,300.00 (FEE Art 17), no refund;
    # the same result the court got before only by passing 71.60 % / 28.40 % by hand.
    _case, hearing = _two_appellants(chikan, cast, courts, "affirmed")
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("8100.00"),
        Decimal("8100.00"),
        False,
        Decimal("8100.00"),
        Decimal("0.00"),
    )
    assert [(r["name"], r["percent"], r["amount"]) for r in s.shares] == [
        ("王五", "71.60", "5800.00"),
        ("张三", "28.40", "2300.00"),
    ]


# --- 改判 (FEE Art 29; CPLI Art 207) -------------------------------------------------------------


def test_revised_appellee_bears_the_appeal_fee_and_the_appellant_is_refunded_cpli_art_207(
    chikan, cast, courts
):
    # 王五 (defendant) wins the appeal: the appellee 张三 bears 2,300.00, and 王五's prepaid
    # 2,300.00 comes back. Before: 王五 bore it as the first-instance defendant.
    case, hearing = one_appellant(chikan, cast, courts, "revised")
    assert hearing.closure_method == "revised"
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert [(r["name"], r["role"], r["amount"]) for r in s.shares] == [
        ("张三", "plaintiff", "2300.00")
    ]
    assert (
        "《诉讼费用交纳办法》第二十九条：诉讼费用由败诉方负担；二审改判，被上诉人负担二审案件受理费"
    ) in s.basis
    assert "上诉人王五预交 2300.00 元，负担 0.00 元，应退 2300.00 元" in s.basis
    assert _refunds(hearing) == {party(case, CaseRole.DEFENDANT).pk: Decimal("2300.00")}
    assert hearing.docket.filter(
        kind="fees_settled", text="诉讼费用结算：受理费 2300.00 元，应退 2300.00 元"
    ).exists()


def test_revised_plaintiff_appellant_wins_the_defendant_bears_fee_art_29(chikan, cast, courts):
    case, hearing = one_appellant(chikan, cast, courts, "revised", CaseRole.PLAINTIFF)
    s = settle(hearing, cast)
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]
    assert s.refund_amount == Decimal("2300.00")
    assert _refunds(hearing) == {party(case, CaseRole.PLAINTIFF).pk: Decimal("2300.00")}


def test_revised_a_co_defendant_who_did_not_appeal_is_not_an_appellee(chikan, cast, courts):
    # 王五 and 赵六 were defendants; only 王五 appealed and won: the appellee is the plaintiff
    # 张三 (CPLI Art 317 lists 赵六 in its first-instance position), who bears all 2,300.00.
    first = judged_case(chikan, cast, served=(CaseRole.DEFENDANT,), amount="100000", fee=True)
    wangwu = party(first, CaseRole.DEFENDANT)
    zhao = Party.objects.create(kind="natural", name="赵六", id_number=resident_id(5))
    CaseParty.objects.create(case=first, party=zhao, role=CaseRole.DEFENDANT)
    with time_machine.travel(FIRST_APPEAL):
        hearing = actions.register_appeal(
            first.pk, against="judgment", appellant_party_id=wangwu.pk, acting_user=cast["judge"]
        ).second_case
    assert hearing.case_parties.filter(role=CaseRole.DEFENDANT).count() == 2
    with time_machine.travel(date(2026, 4, 27)):
        record_fee_payment(
            hearing.pk, acting_user=staff(Role.FILING_CLERK, courts["粤08"], "高立案")
        )
    hearing = decide_hearing(hearing, cast, "revised")
    s = settle(hearing, cast)
    assert [(r["name"], r["amount"]) for r in s.shares] == [("张三", "2300.00")]
    assert s.refund_amount == Decimal("2300.00")


def test_revised_when_both_sides_appealed_the_court_sets_shares_fee_art_29(chikan, cast, courts):
    _case, hearing = _two_appellants(chikan, cast, courts, "revised")
    with pytest.raises(DomainError) as e:
        settle(hearing, cast)
    assert (e.value.code, e.value.status) == ("shares_invalid", 422)
    assert "上诉人不在同一方" in e.value.message
    assert not FeeSettlement.objects.exists()


# --- 部分改判 (FEE Art 29; CPLI Art 203) -------------------------------------------------------


def test_partly_revised_without_shares_is_refused_the_court_apportions_cpli_art_203(
    chikan, cast, courts
):
    _case, hearing = one_appellant(chikan, cast, courts, "partly_revised")
    assert hearing.closure_method == "revised"  # the outcome tells it apart
    with pytest.raises(DomainError) as e:
        settle(hearing, cast)
    assert (e.value.code, e.value.status) == ("shares_invalid", 422)
    assert "二审部分改判" in e.value.message
    assert "第二百零三条" in e.value.message
    assert not FeeSettlement.objects.exists()
    assert not events_for(hearing).filter(action="trial.fees_settled").exists()


def test_partly_revised_with_the_courts_shares_fee_art_29(chikan, cast, courts):
    # 60 % on 张三, 40 % on 王五: 1,380.00 / 920.00; 王五 prepaid 2,300.00 → 1,380.00 back.
    case, hearing = one_appellant(chikan, cast, courts, "partly_revised")
    cps = {cp.role: cp.pk for cp in hearing.case_parties.all()}
    s = settle(
        hearing,
        cast,
        shares=[(cps[CaseRole.PLAINTIFF], Decimal(60)), (cps[CaseRole.DEFENDANT], Decimal(40))],
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [
        ("张三", "1380.00"),
        ("王五", "920.00"),
    ]
    assert s.refund_amount == Decimal("1380.00")
    assert _refunds(hearing) == {party(case, CaseRole.DEFENDANT).pk: Decimal("1380.00")}


# --- 撤回上诉 (FEE Arts 15, 34) -----------------------------------------------------------------


def test_withdrawn_appeal_is_halved_and_borne_by_the_appellant_fee_art_15_and_34(
    chikan, cast, courts
):
    # 王五 withdraws its appeal: 2,300.00 halved to 1,150.00, borne by 王五; the other
    # 1,150.00 of what it prepaid comes back. Before: the first-instance plaintiff 张三 bore
    # 1,150.00 and 王五 got all 2,300.00 back.
    case, hearing = one_appellant(chikan, cast, courts, "withdrawn")
    assert hearing.closure_method == "appeal_withdrawn"
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("1150.00"),
        True,
        Decimal("2300.00"),
        Decimal("1150.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "1150.00")]
    assert (
        "《诉讼费用交纳办法》第三十四条：上诉人撤回上诉的，案件受理费由上诉人负担（第十五条：减半）"
    ) in s.basis
    assert "上诉人王五预交 2300.00 元，负担 1150.00 元，应退 1150.00 元" in s.basis
    assert _refunds(hearing) == {party(case, CaseRole.DEFENDANT).pk: Decimal("1150.00")}


def test_withdrawn_appeals_each_appellant_bears_half_its_own_fee_fee_art_15_and_34(
    chikan, cast, courts
):
    # 5,800.00 → 2,900.00 (王五), 2,300.00 → 1,150.00 (张三): 4,050.00 borne, 4,050.00 back.
    case, hearing = _two_appellants(chikan, cast, courts, "withdrawn")
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("8100.00"),
        Decimal("4050.00"),
        True,
        Decimal("8100.00"),
        Decimal("4050.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [
        ("王五", "2900.00"),
        ("张三", "1150.00"),
    ]
    assert _refunds(hearing) == {
        party(case, CaseRole.DEFENDANT).pk: Decimal("2900.00"),
        party(case, CaseRole.PLAINTIFF).pk: Decimal("1150.00"),
    }


# --- a later appellant that never paid (按撤回上诉处理; FEE Art 22, CPLI Art 213) ---------------


def _unpaid_co_defendant(chikan, cast, courts, outcome):
    """1,000,000 judgment against 王五 and 赵六; 王五 contests 300,000 and pays 5,800.00, then
    co-defendant 赵六 contests 100,000 (2,300.00 on its appeal_second_appellant notice, due
    05-06) and never pays: its appeal is treated as withdrawn and no fee is collected for it."""
    case = judged_case(chikan, cast, served=(CaseRole.DEFENDANT,), amount="1000000", fee=True)
    wangwu = party(case, CaseRole.DEFENDANT)
    zhao = Party.objects.create(kind="natural", name="赵六", id_number=resident_id(5))
    CaseParty.objects.create(case=case, party=zhao, role=CaseRole.DEFENDANT)
    with time_machine.travel(date(2026, 4, 13)):
        actions.record_service(
            case.pk,
            party_id=zhao.pk,
            method="direct",
            served_on=date(2026, 4, 13),
            document_id=case.documents.get().pk,
            acting_user=cast["judge"],
        )
    appeals = {}
    for who, on, amount in ((wangwu, FIRST_APPEAL, "300000"), (zhao, SECOND_APPEAL, "100000")):
        with time_machine.travel(on):
            appeals[who.name] = actions.register_appeal(
                case.pk,
                against="judgment",
                appellant_party_id=who.pk,
                appealed_amount=Decimal(amount),
                acting_user=cast["judge"],
            )
    hearing = appeals["王五"].second_case
    with time_machine.travel(date(2026, 4, 27)):
        notice = record_fee_payment(
            hearing.pk, acting_user=staff(Role.FILING_CLERK, courts["粤08"], "高立案")
        )
    assert notice.amount_due == Decimal("5800.00")
    own = SupplementaryFeeNotice.objects.get(case=hearing)
    assert (own.party, own.amount_due, own.status) == (zhao, Decimal("2300.00"), "due")
    return wangwu, decide_hearing(hearing, cast, outcome)


UNPAID_LINE = (
    "上诉人赵六未交纳上诉案件受理费 2300.00 元（《诉讼费用交纳办法》第二十二条），"
    "按撤回上诉处理，不收取其上诉案件受理费"
)


def test_revised_an_unpaid_later_appeal_is_not_charged_to_the_appellee_fee_art_22(
    chikan, cast, courts
):
    # Before: 张三 bore 8,100.00, 赵六's unpaid 2,300.00 included.
    wangwu, hearing = _unpaid_co_defendant(chikan, cast, courts, "revised")
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("8100.00"),  # both appeals' fees as quoted (FEE Art 17)
        Decimal("5800.00"),  # only 王五's appeal was heard
        False,
        Decimal("5800.00"),
        Decimal("5800.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("张三", "5800.00")]
    assert UNPAID_LINE in s.basis
    assert "上诉人王五预交 5800.00 元，负担 0.00 元，应退 5800.00 元" in s.basis
    assert _refunds(hearing) == {wangwu.pk: Decimal("5800.00")}


def test_affirmed_an_unpaid_later_appellant_bears_nothing_fee_art_22(chikan, cast, courts):
    # Before: 赵六 was charged its unpaid 2,300.00 as if its appeal had been heard.
    wangwu, hearing = _unpaid_co_defendant(chikan, cast, courts, "affirmed")
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("8100.00"),
        Decimal("5800.00"),
        False,
        Decimal("5800.00"),
        Decimal("0.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "5800.00")]
    assert UNPAID_LINE in s.basis
    assert _refunds(hearing) == {wangwu.pk: Decimal("0.00")}


def test_withdrawn_an_unpaid_later_appellant_is_not_charged_half_fee_art_22(chikan, cast, courts):
    # Before: 赵六 was charged 1,150.00 (half of the 2,300.00 it never paid).
    wangwu, hearing = _unpaid_co_defendant(chikan, cast, courts, "withdrawn")
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("8100.00"),
        Decimal("2900.00"),
        True,
        Decimal("5800.00"),
        Decimal("2900.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2900.00")]
    assert _refunds(hearing) == {wangwu.pk: Decimal("2900.00")}


def test_appellant_missing_from_the_second_instance_is_a_wrong_state_not_bad_shares(
    chikan, cast, courts
):
    # The appellant is no party of the 民终 case: the data is inconsistent, no shares the
    # court could enter would fix it (409, not 422 shares_invalid).
    _case, hearing = one_appellant(chikan, cast, courts, "affirmed")
    hearing.case_parties.filter(role=CaseRole.DEFENDANT).delete()
    with pytest.raises(DomainError) as e:
        settle(hearing, cast)
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert "上诉人不在本案当事人中" in e.value.message
    assert not FeeSettlement.objects.exists()


# --- 调解, 其他 ---------------------------------------------------------------------------------


def test_mediated_second_instance_still_needs_shares_fee_art_31(chikan, cast, courts):
    _case, hearing = one_appellant(chikan, cast, courts, "mediated")
    with pytest.raises(DomainError) as e:
        settle(hearing, cast)
    assert e.value.code == "shares_invalid"
    assert not FeeSettlement.objects.exists()


def test_mediated_second_instance_settles_halved_with_the_agreed_shares_fee_art_15_and_31(
    chikan, cast, courts
):
    # 2,300.00 halved once to 1,150.00 (FEE Art 15); 50 % / 50 % agreed: 575.00 each; 王五
    # prepaid 2,300.00 and bears 575.00 → 1,725.00 back.
    case, hearing = one_appellant(chikan, cast, courts, "mediated")
    assert hearing.closure_method == "mediation"
    cps = {cp.role: cp.pk for cp in hearing.case_parties.all()}
    s = settle(
        hearing,
        cast,
        shares=[(cps[CaseRole.PLAINTIFF], Decimal(50)), (cps[CaseRole.DEFENDANT], Decimal(50))],
    )
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("1150.00"),
        True,
        Decimal("2300.00"),
        Decimal("1725.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("张三", "575.00"), ("王五", "575.00")]
    assert "《诉讼费用交纳办法》第十五条：调解或撤诉结案，减半交纳" in s.basis
    assert "《诉讼费用交纳办法》第二十九条、第三十一条：按法院确定的比例负担" in s.basis
    assert "上诉人王五预交 2300.00 元，负担 575.00 元，应退 1725.00 元" in s.basis
    assert _refunds(hearing) == {party(case, CaseRole.DEFENDANT).pk: Decimal("1725.00")}


def test_second_instance_closed_otherwise_needs_shares_fee_art_29(chikan, cast, courts):
    # No outcome to go on: the court decides, the first-instance roles no longer do.
    _case, hearing = one_appellant(chikan, cast, courts, "other")
    with pytest.raises(DomainError) as e:
        settle(hearing, cast)
    assert e.value.code == "shares_invalid"
    assert "二审以裁定或其他方式结案" in e.value.message
    assert not FeeSettlement.objects.exists()


# --- console -----------------------------------------------------------------------------------


def test_console_fee_page_of_an_appeal_states_the_outcome_defaults(chikan, cast, courts):
    _case, hearing = one_appellant(chikan, cast, courts, "revised")
    c = Client()
    c.force_login(cast["higher_judge"])
    with time_machine.travel(date(2026, 6, 3)):
        body = c.get(f"{BASE}/{hearing.pk}/fees/").content.decode()
        assert "改判的由被上诉人负担" in body
        assert "判决由败诉方负担（第二十九条），撤诉由原告负担" not in body
        assert 'name="share_' in body
        r = c.post(f"{BASE}/{hearing.pk}/fees/", {})
        assert r.status_code == 302
        body = c.get(f"{BASE}/{hearing.pk}/fees/").content.decode()
    assert '<dd data-fee="refund">2300.00 元</dd>' in body
    assert "二审改判，被上诉人负担二审案件受理费" in body


def test_console_fee_page_of_a_partly_revised_appeal_asks_for_shares(chikan, cast, courts):
    _case, hearing = one_appellant(chikan, cast, courts, "partly_revised")
    c = Client()
    c.force_login(cast["higher_judge"])
    with time_machine.travel(date(2026, 6, 3)):
        body = c.get(f"{BASE}/{hearing.pk}/fees/").content.decode()
        assert "本案二审部分改判，请填写各方负担比例。" in body
        r = c.post(f"{BASE}/{hearing.pk}/fees/", {})
    assert r.status_code == 422
    assert 'data-error="shares_invalid"' in r.content.decode()
    assert not FeeSettlement.objects.exists()
