"""An appellant whose appeal fee is still unpaid when the 民终 case is settled counts as having
withdrawn its appeal, whether it is the first appellant (the case's fee notice, issued by
``issue_appeal_fee_notice``) or a later one (its ``appeal_second_appellant`` notice): CPLI
Art 318 "虽递交上诉状，但未在指定的期限内交纳上诉费的，按自动撤回上诉处理" (FEE Art 22 ¶2: the
appellant prepays on appealing, else within 7 days of the notice). Its fee is borne by nobody
else and nothing is refunded to it; when no appellant paid, the whole appeal is treated as
withdrawn and no second-instance fee is borne at all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from yizhan.accounts.models import Role
from yizhan.audit.services import events_for
from yizhan.cases.actions import record_supplementary_fee_payment
from yizhan.cases.models import CaseRole, FeeStatus
from yizhan.core.errors import DomainError
from yizhan.trial.models import FeeSettlement

from .conftest import (
    FIRST_APPEAL,
    appeal_by,
    decide_hearing,
    judged_case,
    party,
    settle,
    staff,
    two_appeals,
)

pytestmark = pytest.mark.django_db

UNPAID_WANGWU = (
    "上诉人王五未交纳上诉案件受理费 5800.00 元（《诉讼费用交纳办法》第二十二条），"
    "按撤回上诉处理，不收取其上诉案件受理费"
)
ALL_UNPAID = (
    "上诉人均未在指定的期限内交纳上诉案件受理费，本案按自动撤回上诉处理"
    "（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百一十八条），"
    "不收取二审案件受理费"
)


def _figures(s: FeeSettlement) -> tuple[Decimal, Decimal, bool, Decimal, Decimal]:
    return (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount)


def _refunds(hearing) -> dict[int, Decimal]:
    event = events_for(hearing).get(action="trial.fees_settled")
    return {int(k): Decimal(str(v)) for k, v in event.after["refunds"].items()}


def _first_unpaid(chikan, cast, courts, outcome):
    """1,000,000 judgment; 王五 (defendant) contests 300,000 first (5,800.00 on the 民终 case's
    fee notice, never paid), 张三 (plaintiff) contests 100,000 (2,300.00 on its own notice,
    paid 05-06); decided with ``outcome``."""
    case, first, _second = two_appeals(chikan, cast)
    hearing = first.second_case
    own = hearing.supplementary_fee_notices.get()
    with time_machine.travel(date(2026, 5, 6)):
        record_supplementary_fee_payment(
            hearing.pk, own.pk, acting_user=staff(Role.FILING_CLERK, courts["粤08"], "高立案")
        )
    notice = hearing.fee_notice
    notice.refresh_from_db()
    assert (notice.amount_due, notice.status) == (Decimal("5800.00"), FeeStatus.DUE)
    zhangsan = party(case, CaseRole.PLAINTIFF)
    return party(case, CaseRole.DEFENDANT), zhangsan, decide_hearing(hearing, cast, outcome)


def test_affirmed_an_unpaid_first_appellant_bears_nothing_cpli_art_318(chikan, cast, courts):
    # Before: 王五 was charged the 5,800.00 it never paid (8,100.00 in all).
    wangwu, zhangsan, hearing = _first_unpaid(chikan, cast, courts, "affirmed")
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("8100.00"),  # both appeals' fees as quoted (FEE Art 17)
        Decimal("2300.00"),  # only 张三's appeal was heard
        False,
        Decimal("2300.00"),
        Decimal("0.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("张三", "2300.00")]
    assert UNPAID_WANGWU in s.basis
    assert not any("上诉人王五预交" in b for b in s.basis)
    assert _refunds(hearing) == {zhangsan.pk: Decimal("0.00")}
    event = events_for(hearing).get(action="trial.fees_settled")
    assert event.after["unpaid_appellants"] == [wangwu.pk]


def test_revised_the_unpaid_first_appellant_is_the_appellee_cpli_art_318(chikan, cast, courts):
    # Before: appellants on both sides → 422, the court had to set shares. Now only 张三's
    # appeal was heard; 王五 is on the opposite side and bears 张三's 2,300.00 (FEE Art 29).
    _wangwu, zhangsan, hearing = _first_unpaid(chikan, cast, courts, "revised")
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("8100.00"),
        Decimal("2300.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]
    assert "上诉人张三预交 2300.00 元，负担 0.00 元，应退 2300.00 元" in s.basis
    assert _refunds(hearing) == {zhangsan.pk: Decimal("2300.00")}


def test_withdrawn_an_unpaid_first_appellant_is_not_charged_half_cpli_art_318(chikan, cast, courts):
    # Before: 王五 bore 2,900.00 (half of the 5,800.00 it never paid) + 张三 1,150.00.
    _wangwu, zhangsan, hearing = _first_unpaid(chikan, cast, courts, "withdrawn")
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("8100.00"),
        Decimal("1150.00"),  # 张三's 2,300.00 halved (FEE Art 15)
        True,
        Decimal("2300.00"),
        Decimal("1150.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("张三", "1150.00")]
    assert _refunds(hearing) == {zhangsan.pk: Decimal("1150.00")}


def test_remanded_nothing_is_refunded_to_the_unpaid_first_appellant_fee_art_27(
    chikan, cast, courts
):
    # Before: a 0.00 refund line for 王五 (发回重审，退还上诉人王五已交纳的… 0.00 元).
    _wangwu, zhangsan, hearing = _first_unpaid(chikan, cast, courts, "remanded")
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("8100.00"),
        Decimal("0.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert "发回重审，退还上诉人张三已交纳的第二审案件受理费 2300.00 元" in s.basis
    assert not any("退还上诉人王五" in b for b in s.basis)
    assert _refunds(hearing) == {zhangsan.pk: Decimal("2300.00")}


# --- the only appellant never paid: the whole appeal is treated as withdrawn ---------------


def _sole_unpaid(chikan, cast, outcome):
    """100,000 judgment; 王五 appeals the whole of it (2,300.00, FEE Arts 13, 17) and never
    pays; decided with ``outcome``."""
    case = judged_case(chikan, cast, served=(CaseRole.DEFENDANT,), amount="100000", fee=True)
    hearing = appeal_by(case, cast, CaseRole.DEFENDANT, FIRST_APPEAL).second_case
    assert (hearing.fee_notice.amount_due, hearing.fee_notice.status) == (
        Decimal("2300.00"),
        FeeStatus.DUE,
    )
    return decide_hearing(hearing, cast, outcome)


@pytest.mark.parametrize("outcome", ["withdrawn", "affirmed"])
def test_sole_appellant_never_paid_the_appeal_counts_as_withdrawn_cpli_art_318(
    chikan, cast, outcome
):
    # Before: 王五 was charged 1,150.00 (withdrawn: half of its unpaid fee) or 2,300.00
    # (affirmed). The appeal should have been 按自动撤回上诉处理; nothing is borne or refunded.
    hearing = _sole_unpaid(chikan, cast, outcome)
    s = settle(hearing, cast)
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("0.00"),
        False,
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert s.shares == []
    assert (
        "上诉人王五未交纳上诉案件受理费 2300.00 元（《诉讼费用交纳办法》第二十二条），"
        "按撤回上诉处理，不收取其上诉案件受理费"
    ) in s.basis
    assert ALL_UNPAID in s.basis
    assert hearing.docket.filter(
        kind="fees_settled",
        text="诉讼费用结算：受理费 0.00 元（上诉人均未交纳上诉案件受理费，按自动撤回上诉处理）",
    ).exists()
    assert _refunds(hearing) == {}


def test_sole_unpaid_appellant_takes_no_shares_cpli_art_318(chikan, cast):
    hearing = _sole_unpaid(chikan, cast, "mediated")
    cp = hearing.case_parties.get(role=CaseRole.DEFENDANT)
    with pytest.raises(DomainError) as e:
        settle(hearing, cast, shares=[(cp.pk, Decimal(100))])
    assert (e.value.code, e.value.status) == ("shares_invalid", 422)
    assert "第三百一十八条" in e.value.message
    assert not FeeSettlement.objects.exists()
    # Without shares a mediated 民终 case would need them (FEE Art 31); here nothing is borne.
    s = settle(hearing, cast)
    assert (s.final_fee, s.refund_amount, s.shares) == (Decimal("0.00"), Decimal("0.00"), [])
