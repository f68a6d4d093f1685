"""A second appellant's own appeal fee (FEE Art 17; rulings free, FEE Art 8; 7 days, FEE
Art 22): a later appellant joining the existing 民终 case gets its own supplementary notice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, transaction

from yizhan.accounts.models import Role
from yizhan.audit.services import events_for
from yizhan.cases.actions import (
    issue_appellant_fee_notice,
)
from yizhan.cases.models import CaseRole, FeeStatus, SupplementaryFeeNotice
from yizhan.core.errors import DomainError
from yizhan.core.fees import quote
from yizhan.factories import litigant
from yizhan.filing.tests.helpers import Api
from yizhan.trial import actions
from yizhan.trial.models import AppealRecord

from .conftest import (
    FIRST_APPEAL,
    SECOND_APPEAL,
    appeal_by,
    decide_hearing,
    judged_both_served,
    make_case,
    party,
    pay_appeal_fees,
    staff,
    two_appeals,
)

pytestmark = pytest.mark.django_db


def test_second_appellant_pays_on_its_own_contested_part_fee_art_17_and_art_22(chikan, cast):
    case, first, second = two_appeals(chikan, cast)
    assert first.second_case_id == second.second_case_id  # one 民终 case
    hearing = second.second_case
    # The first appellant's notice (domain-rules §2.6: 300,000 of 1,000,000 → 5,800.00).
    assert (hearing.fee_notice.amount_due, hearing.fee_notice.due_on) == (
        Decimal("5800.00"),
        date(2026, 4, 27),
    )
    [own] = SupplementaryFeeNotice.objects.filter(case=hearing)
    # FEE Art 13 on 100,000: 50 + 2.5 % x 90,000 = 2,300.00 (domain-rules §2.6), the ordinary
    # schedule (no halving on appeal).
    assert quote("property", Decimal("100000"), procedure="ordinary").fee == Decimal("2300.00")
    assert (own.reason, own.party, own.fee_kind, own.full_fee, own.amount_due) == (
        "appeal_second_appellant",
        party(case, CaseRole.PLAINTIFF),
        "property",
        Decimal("2300.00"),
        Decimal("2300.00"),
    )
    assert own.get_reason_display() == "上诉费（其他上诉人）"
    # FEE Art 22: 7 days from 04-28 end on 05-05, a holiday: next working day 05-06.
    assert (own.status, own.issued_on, own.due_on) == ("due", SECOND_APPEAL, date(2026, 5, 6))
    assert own.basis[0].startswith("《诉讼费用交纳办法》第十七条")
    entry = hearing.docket.get(kind="appellant_fee_notice")
    assert entry.text == (
        "向上诉人张三发出交纳诉讼费用通知书：2300.00 元，请于 2026-05-06 前交纳"
        "（《诉讼费用交纳办法》第十七条、第二十二条）"
    )
    assert hearing.docket.filter(kind="appealed").count() == 1
    event = events_for(case).filter(action="trial.appeal_registered").order_by("seq").last()
    assert (event.after["appeal_fee"], event.after["appellant_fee_notice"]) == ("2300.00", own.pk)
    # The first appellant's notice is unchanged.
    hearing.fee_notice.refresh_from_db()
    assert hearing.fee_notice.amount_due == Decimal("5800.00")


def test_second_appellant_without_an_amount_pays_on_the_whole_claim(chikan, cast):
    case = judged_both_served(chikan, cast)
    appeal_by(case, cast, CaseRole.DEFENDANT, FIRST_APPEAL, amount="300000")
    second = appeal_by(case, cast, CaseRole.PLAINTIFF, SECOND_APPEAL)
    own = SupplementaryFeeNotice.objects.get(case=second.second_case)
    assert own.amount_due == Decimal("13800.00")  # 1,000,000: 8,800 + 500,000 x 1 %


def test_second_appellant_against_a_ruling_pays_nothing_fee_art_8(chikan, cast):
    case = judged_both_served(chikan, cast, doc_type="ruling")
    appeal_by(case, cast, CaseRole.DEFENDANT, FIRST_APPEAL, against="ruling")
    second = appeal_by(case, cast, CaseRole.PLAINTIFF, date(2026, 4, 23), against="ruling")
    assert not SupplementaryFeeNotice.objects.exists()
    assert not second.second_case.docket.filter(kind="appellant_fee_notice").exists()
    event = events_for(case).filter(action="trial.appeal_registered").order_by("seq").last()
    assert (event.after["appeal_fee"], event.after["appellant_fee_notice"]) == ("0.00", None)


def test_the_same_party_appealing_twice_is_refused_and_never_gets_a_second_notice(chikan, cast):
    case, _first, second = two_appeals(chikan, cast)
    for role in (CaseRole.PLAINTIFF, CaseRole.DEFENDANT):
        with pytest.raises(DomainError) as e:
            appeal_by(case, cast, role, SECOND_APPEAL, amount="100000")
        assert (e.value.status, e.value.code) == (409, "wrong_state")
        assert e.value.message == "该当事人已对本案提起上诉。"
    assert AppealRecord.objects.filter(first_case=case).count() == 2
    assert SupplementaryFeeNotice.objects.count() == 1
    # Issuing again inside a transaction is a no-op, and the database refuses a duplicate.
    with time_machine.travel(SECOND_APPEAL), transaction.atomic():
        again = issue_appellant_fee_notice(
            second.second_case,
            case,
            appellant=second.appellant,
            against="judgment",
            appealed_amount=Decimal("100000"),
        )
    assert again is None
    duplicate = SupplementaryFeeNotice.objects.get()
    duplicate.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert SupplementaryFeeNotice.objects.count() == 1


def test_conversion_top_up_stays_one_per_case_party_null(chikan, cast):
    case = make_case(chikan, filed_on=date(2026, 3, 2), judge=cast["judge"])
    row = {
        "case": case,
        "reason": "procedure_conversion",
        "fee_kind": "property",
        "full_fee": Decimal("2300.00"),
        "amount_due": Decimal("1150.00"),
        "status": FeeStatus.DUE,
        "issued_on": date(2026, 4, 28),
    }
    SupplementaryFeeNotice.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        SupplementaryFeeNotice.objects.create(**row)
    # An appellant's notice must name the appellant.
    with pytest.raises(IntegrityError), transaction.atomic():
        SupplementaryFeeNotice.objects.create(**{**row, "reason": "appeal_second_appellant"})


def test_api_retried_appeal_with_the_same_idempotency_key_creates_no_second_notice(chikan, cast):
    case = judged_both_served(chikan, cast)
    appeal_by(case, cast, CaseRole.DEFENDANT, FIRST_APPEAL, amount="300000")
    api = Api(cast["judge"])
    body = {
        "appellant_party_id": party(case, CaseRole.PLAINTIFF).pk,
        "against": "judgment",
        "appealed_amount": "100000",
    }
    key = {"Idempotency-Key": "appeal-zhangsan-1"}
    with time_machine.travel(SECOND_APPEAL):
        ok = api.post(f"/trial/cases/{case.pk}/appeals", body, headers=key)
        retry = api.post(f"/trial/cases/{case.pk}/appeals", body, headers=key)
    assert ok.status_code == 201, ok.content
    assert (retry.status_code, retry.json()["code"]) == (409, "wrong_state")
    assert AppealRecord.objects.filter(first_case=case).count() == 2
    own = SupplementaryFeeNotice.objects.get()
    assert own.amount_due == Decimal("2300.00")


def test_case_api_lists_the_second_appellants_notice_and_its_deadline(chikan, cast):
    case, _first, second = two_appeals(chikan, cast)
    hearing = second.second_case
    with time_machine.travel(SECOND_APPEAL):
        detail = Api(cast["higher_president"]).get(f"/cases/{hearing.pk}").json()
    [own] = detail["supplementary_fees"]
    assert {k: own[k] for k in ("reason", "reason_label", "party_name", "amount_due")} == {
        "reason": "appeal_second_appellant",
        "reason_label": "上诉费（其他上诉人）",
        "party_name": "张三",
        "amount_due": "2300.00",
    }
    assert (own["status"], own["due_on"], own["party_id"]) == (
        "due",
        "2026-05-06",
        party(case, CaseRole.PLAINTIFF).pk,
    )
    assert {
        "name": "交纳上诉费（张三）",
        "due_on": "2026-05-06",
        "rule": "《诉讼费用交纳办法》第十七条、第二十二条",
    } in detail["deadlines"]


def test_api_payment_of_the_second_appellants_fee_and_its_denials(chikan, cast, courts):
    case, _first, second = two_appeals(chikan, cast)
    hearing = second.second_case
    own = SupplementaryFeeNotice.objects.get(case=hearing)
    higher_clerk = staff(Role.FILING_CLERK, courts["粤08"], "高立案")
    appellant = party(case, CaseRole.PLAINTIFF)
    appellant.user = litigant()
    appellant.save()
    url = f"/cases/{hearing.pk}/supplementary-fees/{own.pk}/payment"
    with time_machine.travel(date(2026, 5, 6)):
        anonymous = Api().post(url)
        other_court = Api(cast["xiashan_clerk"]).post(url)
        judge = Api(cast["higher_judge"]).post(url)
        litigant_itself = Api(appellant.user).post(url)
        own.refresh_from_db()
        assert own.status == "due"  # the denials changed nothing
        ok = Api(higher_clerk).post(url)
        again = Api(higher_clerk).post(url)
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "not_authenticated")
    assert other_court.status_code == 404
    assert judge.status_code == 403
    assert litigant_itself.status_code == 403
    assert ok.status_code == 200, ok.content
    assert ok.json() == {
        "id": own.pk,
        "reason": "appeal_second_appellant",
        "status": "paid",
        "paid_on": "2026-05-06",
        "amount_due": "2300.00",
    }
    assert (again.status_code, again.json()["code"]) == (409, "wrong_state")
    assert hearing.docket.filter(
        kind="fee_top_up_paid", text="上诉人张三已交纳上诉案件受理费 2300.00 元"
    ).exists()
    event = events_for(hearing).get(action="case.fee_top_up_paid")
    assert (event.after["reason"], event.after["party"]) == (
        "appeal_second_appellant",
        appellant.pk,
    )


def _paid_and_decided(chikan, cast, courts, outcome="affirmed"):
    case, _first, second = two_appeals(chikan, cast)
    hearing = second.second_case
    pay_appeal_fees(hearing, courts)
    return case, decide_hearing(hearing, cast, outcome)


def test_settlement_attributes_each_appellants_prepaid_fee_to_that_appellant(chikan, cast, courts):
    case, hearing = _paid_and_decided(chikan, cast, courts, outcome="partly_revised")
    wangwu = hearing.case_parties.get(role=CaseRole.DEFENDANT)
    # 张三's appeal succeeded, 王五's failed: the court puts the appeal fees on 王五.
    with time_machine.travel(date(2026, 6, 3)):
        s = actions.settle_fees(
            hearing.pk, shares=[(wangwu.pk, Decimal(100))], acting_user=cast["higher_judge"]
        )
    # FEE Art 17: 5,800.00 (王五 on 300,000) + 2,300.00 (张三 on 100,000) = 8,100.00, not the
    # fee on the whole 1,000,000 claim.
    assert (s.full_fee, s.final_fee, s.halved, s.prepaid) == (
        Decimal("8100.00"),
        Decimal("8100.00"),
        False,
        Decimal("8100.00"),
    )
    # 王五 prepaid 5,800.00 and bears 8,100.00: nothing back; 张三 prepaid 2,300.00 and bears
    # nothing: 2,300.00 back (FEE Art 53).
    assert s.refund_amount == Decimal("2300.00")
    assert "上诉人张三预交 2300.00 元，负担 0.00 元，应退 2300.00 元" in s.basis
    assert "上诉人王五预交 5800.00 元，负担 8100.00 元" in s.basis
    assert "上诉人张三已交纳上诉案件受理费 2300.00 元（《诉讼费用交纳办法》第十七条）" in s.basis
    event = events_for(hearing).get(action="trial.fees_settled")
    zhangsan = party(case, CaseRole.PLAINTIFF)
    assert Decimal(str(event.after["refunds"][str(zhangsan.pk)])) == Decimal("2300.00")


def test_settlement_when_each_appellant_bears_its_own_fee_refunds_nothing(chikan, cast, courts):
    _case, hearing = _paid_and_decided(chikan, cast, courts)
    wangwu = hearing.case_parties.get(role=CaseRole.DEFENDANT)
    zhangsan = hearing.case_parties.get(role=CaseRole.PLAINTIFF)
    own_share = Decimal(5800) * 100 / Decimal(8100)
    with time_machine.travel(date(2026, 6, 3)):
        s = actions.settle_fees(
            hearing.pk,
            shares=[(wangwu.pk, own_share), (zhangsan.pk, 100 - own_share)],
            acting_user=cast["higher_judge"],
        )
    assert [r["amount"] for r in s.shares] == ["5800.00", "2300.00"]
    assert (s.prepaid, s.refund_amount) == (Decimal("8100.00"), Decimal("0.00"))
