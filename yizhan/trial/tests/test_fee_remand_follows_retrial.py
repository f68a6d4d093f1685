"""The first-instance acceptance fee after the second instance set the decision aside.

- 发回重审 (remand, CPL23 Art 177): FEE Art 27 ¶1 refunds only the second-instance fee; the
  first-instance fee is neither refunded nor charged again for the retrial, it is settled with
  the retried case (relation ``remand``) when that closes, by the retrial's outcome (FEE Arts
  15, 29, 34). The remanded first-instance case itself is refused (409) and names the retrial.
- 驳回起诉 set aside (CPLI Art 330: 撤销原裁定，指令第一审人民法院审理): no refund (FEE Art 27
  ¶2 only when the dismissal is upheld); settled once the case tried on that order closes,
  which this model does not open: 409 saying so. A dismissal remanded follows the retrial."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from yizhan.accounts.models import Role
from yizhan.cases.actions import record_fee_payment
from yizhan.cases.models import Case, CaseRole
from yizhan.core.errors import DomainError
from yizhan.trial import actions
from yizhan.trial.models import FeeSettlement

from .conftest import decide_hearing, one_appellant, party, settle, staff
from .test_fee_refund_art_27 import _dismissal_appealed

pytestmark = pytest.mark.django_db

RETRIED = date(2026, 7, 10)
REMAND_LINE = (
    "发回重审（原一审 {n}）：不另行交纳案件受理费，原一审已交纳的案件受理费随本案结算"
    "（《诉讼费用交纳办法》第二十七条第一款只退还第二审案件受理费）"
)


def _figures(s: FeeSettlement) -> tuple[Decimal, Decimal, bool, Decimal, Decimal]:
    return (s.full_fee, s.final_fee, s.halved, s.prepaid, s.refund_amount)


def _close_retrial(
    retrial: Case, cast, method: str, on: date = RETRIED, judge: str = "judge2"
) -> Case:
    """李法官 (not a judge of the earlier instances, CPL23 Art 41) closes the retrial on
    07-10 by ``method``."""
    Case.objects.filter(pk=retrial.pk).update(judge=cast[judge])
    with time_machine.travel(on):
        doc = actions.generate_document(
            retrial.pk,
            doc_type="judgment" if method == "judgment" else "ruling",
            title="民事判决书" if method == "judgment" else "民事裁定书",
            text="重审结果",
            decided_on=on,
            acting_user=cast[judge],
        )
        actions.close_case(
            retrial.pk,
            method=method,
            decided_on=on,
            document_id=doc.pk,
            acting_user=cast[judge],
        )
    retrial.refresh_from_db()
    return retrial


def _settle_retrial(
    retrial: Case, cast, on: date = date(2026, 7, 13), judge: str = "judge2"
) -> FeeSettlement:
    with time_machine.travel(on):
        return actions.settle_fees(retrial.pk, acting_user=cast[judge])


def test_remanded_first_instance_is_settled_with_the_retrial_not_refunded_fee_art_27(
    chikan, cast, courts
):
    # 100,000 judgment (2,300.00 paid by 张三 on filing); 王五 appeals, remanded.
    case, hearing = one_appellant(chikan, cast, courts, "remanded")
    retrial = Case.objects.get(relation="remand")
    # Before: the remanded case settled as if its judgment stood (王五 bore 2,300.00).
    with pytest.raises(DomainError) as e:
        settle(case, cast, judge="judge")
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert e.value.message == (
        f"二审 {hearing.number} 已撤销本案裁判、发回重审，本案已交纳的案件受理费不予退还"
        "（《诉讼费用交纳办法》第二十七条第一款只退还第二审案件受理费），重审不另行交纳案件受理费："
        f"由重审案件 {retrial.number}审结后一并结算。"
    )
    assert e.value.fields == {"retrial": retrial.number, "appeal": hearing.number}
    assert not FeeSettlement.objects.filter(case=case).exists()

    # The retrial judges for 张三: 王五 bears the 2,300.00 (FEE Art 29), 张三 gets back what it
    # prepaid on the first instance. Before: the retrial settled 0.00 (it has no fee notice).
    s = _settle_retrial(_close_retrial(retrial, cast, "judgment"), cast)
    assert s.fee_kind == "property"
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]
    assert REMAND_LINE.format(n=case.number) in s.basis
    # The remanded case stays refused (its fee was settled with the retrial).
    with pytest.raises(DomainError):
        settle(case, cast, judge="judge")


def test_retrial_withdrawn_halves_the_first_instance_fee_fee_art_15_34(chikan, cast, courts):
    _case, _hearing = one_appellant(chikan, cast, courts, "remanded")
    retrial = _close_retrial(Case.objects.get(relation="remand"), cast, "withdrawal")
    s = _settle_retrial(retrial, cast)
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("1150.00"),
        True,
        Decimal("2300.00"),
        Decimal("1150.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("张三", "1150.00")]


def test_retrial_of_a_first_instance_settled_before_the_appeal_is_refused(chikan, cast, courts):
    case, hearing = one_appellant(chikan, cast, courts, "affirmed")
    settle(case, cast, judge="judge")  # settled while the judgment stood
    # Recorded as remanded after all (data as it stands): the retrial does not settle the
    # same fee a second time.
    Case.objects.filter(pk=hearing.pk).update(closure_method="remanded")
    retrial = Case.objects.create(
        court=case.court,
        year=2026,
        type_code="民初",
        seq=99,
        number="（2026）粤0802民初99号",
        cause=case.cause,
        procedure="ordinary",
        filed_on=date(2026, 6, 2),
        claim_amount=case.claim_amount,
        parent=hearing,
        relation="remand",
        origin=case,
        judge=cast["judge2"],
        status="closed",
        closure_method="judgment",
        closed_on=RETRIED,
    )
    with pytest.raises(DomainError) as e:
        _settle_retrial(retrial, cast)
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert case.number in e.value.message
    assert not FeeSettlement.objects.filter(case=retrial).exists()


# --- 驳回起诉 set aside on appeal ---------------------------------------------------------


def test_dismissal_set_aside_names_the_order_to_try_the_case_cpli_art_330(chikan, cast):
    case, hearing = _dismissal_appealed(chikan, cast)
    decide_hearing(hearing, cast, "revised")
    with pytest.raises(DomainError) as e:
        settle(case, cast, judge="judge")
    assert (e.value.code, e.value.status) == ("wrong_state", 409)
    assert e.value.message == (
        f"二审 {hearing.number} 未维持驳回起诉的裁定（改判）：撤销驳回起诉裁定的，应当指令第一审"
        "人民法院审理（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百三十条），"
        "本案已交纳的案件受理费不予退还（《诉讼费用交纳办法》第二十七条第二款只在二审维持驳回起诉"
        "裁定时退还），待指令审理的案件审结后按其结果结算。"
    )
    assert not FeeSettlement.objects.exists()


def test_dismissal_remanded_follows_the_retrial_fee_art_27(chikan, cast):
    case, hearing = _dismissal_appealed(chikan, cast)
    decide_hearing(hearing, cast, "remanded")
    retrial = Case.objects.get(relation="remand")
    with pytest.raises(DomainError) as e:
        settle(case, cast, judge="judge")
    # Before: 二审 … 未维持驳回起诉的裁定（发回重审）… with nothing to settle anywhere.
    assert e.value.fields == {"retrial": retrial.number, "appeal": hearing.number}
    # Retried and judged for 张三: 王五 bears the 2,300.00 张三 paid on the first filing.
    s = _settle_retrial(_close_retrial(retrial, cast, "judgment"), cast)
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert [(r["name"], r["amount"], r["role"]) for r in s.shares] == [
        ("王五", "2300.00", CaseRole.DEFENDANT)
    ]


def test_retrial_remanded_again_still_settles_the_first_filing_fee_fee_art_27(chikan, cast, courts):
    case, _hearing = one_appellant(chikan, cast, courts, "remanded")
    retrial = _close_retrial(Case.objects.get(relation="remand"), cast, "judgment")
    wangwu = party(case, CaseRole.DEFENDANT)
    with time_machine.travel(date(2026, 7, 13)):
        actions.record_service(
            retrial.pk,
            party_id=wangwu.pk,
            method="direct",
            served_on=date(2026, 7, 13),
            document_id=retrial.documents.get().pk,
            acting_user=cast["judge2"],
        )
    with time_machine.travel(date(2026, 7, 20)):
        second = actions.register_appeal(
            retrial.pk, against="judgment", appellant_party_id=wangwu.pk, acting_user=cast["judge2"]
        ).second_case
        # FEE Art 17 on the retrial's judgment, with the first filing's fee kind (the retrial
        # has no notice of its own). Before: a free notice (本类案件不交纳案件受理费).
        assert (second.fee_notice.fee_kind, second.fee_notice.amount_due) == (
            "property",
            Decimal("2300.00"),
        )
        record_fee_payment(
            second.pk, acting_user=staff(Role.FILING_CLERK, courts["粤08"], "高立案")
        )
    Case.objects.filter(pk=second.pk).update(judge=cast["higher_president"])
    with time_machine.travel(date(2026, 8, 21)):
        actions.decide_appeal(
            second.pk,
            outcome="remanded",
            decided_on=date(2026, 8, 20),
            acting_user=cast["higher_president"],
        )
    again = Case.objects.get(relation="remand", parent=second)
    # The first retrial was remanded in turn: refused, naming the second retrial.
    with pytest.raises(DomainError) as e:
        _settle_retrial(retrial, cast, on=date(2026, 8, 24))
    assert e.value.fields == {"retrial": again.number, "appeal": second.number}
    # The second retrial (no fee notice either) settles the 2,300.00 paid on the first filing.
    again = _close_retrial(again, cast, "judgment", on=date(2026, 9, 10), judge="outsider")
    s = _settle_retrial(again, cast, on=date(2026, 9, 14), judge="outsider")
    assert _figures(s) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        False,
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]
    assert REMAND_LINE.format(n=case.number) in s.basis
