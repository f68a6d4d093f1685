"""A halved second-instance fee (mediation or appeal withdrawal, FEE Art 15) is each
appellant's fee on the part it contests (FEE Art 17) halved exactly and rounded once, as the
fee rules do (``quote(..., closing=...)``), not its already-rounded fee halved and rounded
again (which was one fen too high, e.g. 10,001: 50.025 → 50.03 → 25.02 instead of
25.0125 → 25.01)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from yizhan.accounts.models import Role
from yizhan.audit.services import events_for
from yizhan.cases.actions import record_fee_payment
from yizhan.cases.models import CaseRole, FeeNotice
from yizhan.core.fees import quote

from .conftest import (
    FIRST_APPEAL,
    SECOND_APPEAL,
    appeal_by,
    decide_hearing,
    judged_both_served,
    judged_case,
    party,
    pay_appeal_fees,
    settle,
    staff,
)

pytestmark = pytest.mark.django_db


def _refunds(case):
    event = events_for(case).get(action="trial.fees_settled")
    return {int(k): Decimal(str(v)) for k, v in event.after["refunds"].items()}


def _withdrawn_10001(chikan, cast, courts):
    """10,001 claim; 王五 appeals against the whole judgment: 50 + 2.5 % x 1 = 50.025 →
    50.03, paid; the appeal is withdrawn."""
    case = judged_case(chikan, cast, amount="10001", fee=True)
    hearing = appeal_by(case, cast, CaseRole.DEFENDANT, FIRST_APPEAL).second_case
    with time_machine.travel(date(2026, 4, 27)):
        notice = record_fee_payment(
            hearing.pk, acting_user=staff(Role.FILING_CLERK, courts["粤08"], "高立案")
        )
    assert notice.amount_due == Decimal("50.03")
    return case, decide_hearing(hearing, cast, "withdrawn")


def test_withdrawn_appeal_halves_the_exact_fee_and_rounds_once_fee_art_15(chikan, cast, courts):
    # 50.025 / 2 = 25.0125 → 25.01 borne by 王五 (was 25.02); 50.03 - 25.01 = 25.02 back.
    case, hearing = _withdrawn_10001(chikan, cast, courts)
    assert FeeNotice.objects.get(case=hearing).appealed_amount == Decimal("10001.00")
    assert quote("property", Decimal("10001"), closing="withdrawal").fee == Decimal("25.01")
    s = settle(hearing, cast)
    assert (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount) == (
        Decimal("50.03"),
        Decimal("25.01"),
        True,
        Decimal("50.03"),
        Decimal("25.02"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "25.01")]
    assert "上诉人王五预交 50.03 元，负担 25.01 元，应退 25.02 元" in s.basis
    assert _refunds(hearing) == {party(case, CaseRole.DEFENDANT).pk: Decimal("25.02")}


def test_withdrawn_appeals_of_two_appellants_each_halved_exactly_fee_art_15_and_17(
    chikan, cast, courts
):
    # 1,000,000 judgment; 王五 contests 10,005: 50.125 → 50.13, halved 25.0625 → 25.06 (was
    # 25.07); 张三 contests 10,009: 50.225 → 50.23, halved 25.1125 → 25.11 (was 25.12).
    case = judged_both_served(chikan, cast)
    first = appeal_by(case, cast, CaseRole.DEFENDANT, FIRST_APPEAL, amount="10005")
    appeal_by(case, cast, CaseRole.PLAINTIFF, SECOND_APPEAL, amount="10009")
    hearing = first.second_case
    own = pay_appeal_fees(hearing, courts)
    assert FeeNotice.objects.get(case=hearing).amount_due == Decimal("50.13")
    assert FeeNotice.objects.get(case=hearing).appealed_amount == Decimal("10005.00")
    assert own.amount_due == Decimal("50.23")
    assert own.appealed_amount == Decimal("10009.00")
    hearing = decide_hearing(hearing, cast, "withdrawn")
    s = settle(hearing, cast)
    assert (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount) == (
        Decimal("100.36"),
        Decimal("50.17"),
        True,
        Decimal("100.36"),
        Decimal("50.19"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [
        ("王五", "25.06"),
        ("张三", "25.11"),
    ]
    assert "上诉人王五预交 50.13 元，负担 25.06 元，应退 25.07 元" in s.basis
    assert "上诉人张三预交 50.23 元，负担 25.11 元，应退 25.12 元" in s.basis
    assert _refunds(hearing) == {
        party(case, CaseRole.DEFENDANT).pk: Decimal("25.07"),
        party(case, CaseRole.PLAINTIFF).pk: Decimal("25.12"),
    }


def test_mediated_appeal_halves_the_exact_fee_fee_art_15(chikan, cast, courts):
    # 10,001 mediated, 50 % / 50 %: the halved fee is 25.01, not 25.02.
    case = judged_case(chikan, cast, amount="10001", fee=True)
    hearing = appeal_by(case, cast, CaseRole.DEFENDANT, FIRST_APPEAL).second_case
    with time_machine.travel(date(2026, 4, 27)):
        record_fee_payment(
            hearing.pk, acting_user=staff(Role.FILING_CLERK, courts["粤08"], "高立案")
        )
    hearing = decide_hearing(hearing, cast, "mediated")
    cps = {cp.role: cp.pk for cp in hearing.case_parties.all()}
    s = settle(
        hearing,
        cast,
        shares=[(cps[CaseRole.PLAINTIFF], Decimal(50)), (cps[CaseRole.DEFENDANT], Decimal(50))],
    )
    assert (s.final_fee, s.halved) == (Decimal("25.01"), True)


def test_notice_without_a_stored_contested_amount_halves_the_rounded_fee(chikan, cast, courts):
    # A notice issued before the contested amount was stored (appealed_amount null): the
    # rounded fee is halved and rounded again, as before (50.03 → 25.02, 25.01 back).
    _case, hearing = _withdrawn_10001(chikan, cast, courts)
    FeeNotice.objects.filter(case=hearing).update(appealed_amount=None)
    s = settle(hearing, cast)
    assert (s.final_fee, s.refund_amount) == (Decimal("25.02"), Decimal("25.01"))
