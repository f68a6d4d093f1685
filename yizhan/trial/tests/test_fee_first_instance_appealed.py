"""The first-instance acceptance fee of a decision under appeal.

An appealed judgment has not taken effect; who bears the first-instance fee depends on the
second instance (FEE Art 29: the loser pays; FEE Art 30: a second instance that changes the
first-instance decision changes its fee decision accordingly). So ``settle_fees`` on the
first-instance case is refused (409 ``wrong_state``) while the 民终 case is open, as for an
appealed dismissal ruling (FEE Art 27 ¶2). Once decided: affirmed or withdrawn → as the first
instance decided; revised, partly revised, mediated → the court enters the shares the second
instance decided (422 ``shares_invalid`` without them). A remand follows the retrial
(``test_fee_remand_follows_retrial.py``). A case with no appeal settles as before."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from yizhan.cases.models import Case, CaseRole
from yizhan.core.errors import DomainError
from yizhan.trial.models import FeeSettlement

from .conftest import FIRST_APPEAL, appeal_by, decide_hearing, judged_case, one_appellant, settle

pytestmark = pytest.mark.django_db


def _pending_message(number: str) -> str:
    return (
        f"本案裁判已被上诉（二审 {number}），尚未发生法律效力；一审案件受理费由谁负担"
        "取决于二审结果（《诉讼费用交纳办法》第二十九条：诉讼费用由败诉方负担；第三十条：第二审"
        "人民法院改变第一审人民法院作出的判决、裁定的，应当相应变更第一审人民法院对诉讼费用负担的"
        "决定），二审审结后再结算。"
    )


def _figures(s: FeeSettlement) -> tuple[Decimal, Decimal, bool, Decimal, Decimal]:
    return (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount)


def _appealed(chikan, cast) -> tuple[Case, Case]:
    """100,000 judgment (2,300.00 paid by 张三 on filing), served on 王五 04-13; 王五 appeals
    on 04-20; the 民终 case is open."""
    case = judged_case(chikan, cast, amount="100000", fee=True)
    return case, appeal_by(case, cast, CaseRole.DEFENDANT, FIRST_APPEAL).second_case


def _cp(case: Case, role: str) -> int:
    return case.case_parties.get(role=role).pk


def test_first_instance_fee_is_not_settled_while_the_appeal_is_pending_fee_art_29_30(chikan, cast):
    case, hearing = _appealed(chikan, cast)
    # Before: settled at once, 王五 bearing 2,300.00 under a judgment not yet in effect.
    with pytest.raises(DomainError) as e:
        settle(case, cast, judge="judge")
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert e.value.message == _pending_message(hearing.number)
    assert e.value.fields == {"appeal": hearing.number}
    # Shares do not help either: the second instance has not decided.
    with pytest.raises(DomainError) as e:
        settle(
            case,
            cast,
            judge="judge",
            shares=[
                (_cp(case, CaseRole.PLAINTIFF), Decimal(50)),
                (_cp(case, CaseRole.DEFENDANT), Decimal(50)),
            ],
        )
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert not FeeSettlement.objects.filter(case=case).exists()
    assert not case.docket.filter(kind="fees_settled").exists()

    # Decided (维持原判): now it settles as the first instance decided.
    decide_hearing(hearing, cast, "affirmed")
    s = settle(case, cast, judge="judge")
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]
    assert (s.final_fee, s.refund_amount) == (Decimal("2300.00"), Decimal("2300.00"))


@pytest.mark.parametrize(
    ("outcome", "label"), [("affirmed", "维持原判"), ("withdrawn", "撤回上诉")]
)
def test_first_instance_fee_after_the_appeal_is_affirmed_or_withdrawn_follows_the_judgment_fee_art_29(
    chikan, cast, courts, outcome, label
):
    case, hearing = one_appellant(chikan, cast, courts, outcome)
    s = settle(case, cast, judge="judge")
    # 王五 lost at the first instance, which stands: he bears the 2,300.00, 张三 gets his
    # prepayment back.
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]
    assert (
        f"二审 {hearing.number} {label}，一审裁判生效，一审案件受理费按一审裁判负担"
        "（《诉讼费用交纳办法》第二十九条）"
    ) in s.basis
    assert "《诉讼费用交纳办法》第二十九条：诉讼费用由败诉方负担" in s.basis


def test_first_instance_fee_after_a_revised_judgment_needs_the_second_instances_shares_fee_art_30(
    chikan, cast, courts
):
    case, hearing = one_appellant(chikan, cast, courts, "revised")
    # Without shares: the first instance's loser may be the winner now; 422, nothing written.
    # The message is Chinese source text whatever the active language (改判, not its English).
    with translation.override("en"), pytest.raises(DomainError) as e:
        settle(case, cast, judge="judge")
    assert (e.value.code, e.value.status) == ("shares_invalid", 422)
    assert e.value.message == (
        f"二审 {hearing.number} 改判，一审案件受理费按二审变更后的负担决定结算"
        "（《诉讼费用交纳办法》第三十条：第二审人民法院改变第一审人民法院作出的判决、裁定的，"
        "应当相应变更第一审人民法院对诉讼费用负担的决定），请按二审裁判填写负担比例。"
    )
    assert e.value.fields == {
        "shares": f"二审 {hearing.number} 改判，一审案件受理费按二审变更后的负担决定结算，"
        "请按二审裁判填写负担比例。",
        "appeal": hearing.number,
    }
    assert not FeeSettlement.objects.filter(case=case).exists()

    # The second instance put the whole first-instance fee on 张三: he bears his 2,300.00.
    s = settle(case, cast, judge="judge", shares=[(_cp(case, CaseRole.PLAINTIFF), Decimal(100))])
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        False,
        Decimal("2300.00"),
        Decimal("0.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("张三", "2300.00")]
    assert (
        f"二审 {hearing.number} 改判：一审案件受理费按二审变更后的负担决定结算"
        "（《诉讼费用交纳办法》第三十条）"
    ) in s.basis


def test_first_instance_fee_after_a_partly_revised_judgment_split_as_decided_fee_art_30(
    chikan, cast, courts
):
    case, hearing = one_appellant(chikan, cast, courts, "partly_revised")
    with pytest.raises(DomainError) as e:
        settle(case, cast, judge="judge")
    assert (e.value.code, e.value.status) == ("shares_invalid", 422)
    assert e.value.message.startswith(f"二审 {hearing.number} 部分改判，")
    # 张三 60 %, 王五 40 %: 1,380.00 / 920.00; 张三 prepaid 2,300.00 → 920.00 back.
    s = settle(
        case,
        cast,
        judge="judge",
        shares=[
            (_cp(case, CaseRole.PLAINTIFF), Decimal(60)),
            (_cp(case, CaseRole.DEFENDANT), Decimal(40)),
        ],
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("张三", "1380.00"), ("王五", "920.00")]
    assert (s.final_fee, s.refund_amount) == (Decimal("2300.00"), Decimal("920.00"))


def test_first_instance_fee_after_second_instance_mediation_needs_shares_fee_art_30_31(
    chikan, cast, courts
):
    case, hearing = one_appellant(chikan, cast, courts, "mediated")
    with pytest.raises(DomainError) as e:
        settle(case, cast, judge="judge")
    assert (e.value.code, e.value.status) == ("shares_invalid", 422)
    assert e.value.message.startswith(f"二审 {hearing.number} 二审调解，")
    assert not FeeSettlement.objects.filter(case=case).exists()


def test_first_instance_fee_without_an_appeal_settles_as_before_fee_art_29(chikan, cast):
    case = judged_case(chikan, cast, amount="100000", fee=True)
    s = settle(case, cast, judge="judge")
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]
    assert not [b for b in s.basis if "二审" in b]


def test_second_instance_fee_is_still_settled_while_the_first_instance_waits(chikan, cast, courts):
    # The 民终 case's own fee is not affected: affirmed → 王五 bears his 2,300.00 appeal fee.
    _case, hearing = one_appellant(chikan, cast, courts, "affirmed")
    s = settle(hearing, cast)
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]
    assert s.refund_amount == Decimal("0.00")


def test_console_fee_page_shows_the_pending_appeal_inline_fee_art_29_30(chikan, cast):
    case, hearing = _appealed(chikan, cast)
    c = Client()
    c.force_login(cast["judge"])
    with time_machine.travel(date(2026, 5, 25)):
        body = c.get(f"/console/trial/cases/{case.pk}/fees/").content.decode()
        r = c.post(f"/console/trial/cases/{case.pk}/fees/", {})
    assert f"本案裁判已被上诉（二审 {hearing.number}），二审审结后再结算" in body
    assert r.status_code == 409
    assert 'data-error="wrong_state"' in r.content.decode()
    assert not FeeSettlement.objects.filter(case=case).exists()
