"""简易程序转普通程序后补交诉讼费 (CPLI Art 199; the simple fee was halved, FEE Art 16)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.test import Client

from yizhan.audit.services import events_for
from yizhan.cases.actions import issue_conversion_fee_notice, record_supplementary_fee_payment
from yizhan.cases.models import (
    CaseRole,
    FeeNotice,
    FeeStatus,
    SupplementaryFeeNotice,
)
from yizhan.cases.selectors import overdue_supplementary_fees
from yizhan.core.errors import DomainError
from yizhan.factories import CauseFactory, litigant, resident_id
from yizhan.filing import actions as filing_actions
from yizhan.filing.tests.helpers import Api, submitted_filing_direct
from yizhan.trial import actions

from .conftest import make_case, party

pytestmark = pytest.mark.django_db
FILED = date(2026, 3, 2)
CONVERTED = date(2026, 4, 28)  # + 7 days = 05-05, inside the Labour Day holiday


def _simple_case(chikan, cast, *, status=FeeStatus.PAID, amount_due="1150.00", **kw):
    """Property claim 100,000 on the simple procedure: 2,300.00 halved to 1,150.00."""
    case = make_case(
        chikan, filed_on=FILED, procedure=kw.pop("procedure", "simple"), judge=cast["judge"]
    )
    FeeNotice.objects.create(
        case=case,
        fee_kind=kw.pop("fee_kind", "property"),
        full_fee=Decimal("2300.00"),
        amount_due=Decimal(amount_due),
        status=status,
        relief=kw.pop("relief", ""),
        issued_on=FILED,
        due_on=None if status != FeeStatus.DUE else date(2026, 3, 9),
        paid_on=FILED if status == FeeStatus.PAID else None,
    )
    return case


def _convert(case, cast, on=CONVERTED):
    with time_machine.travel(on):
        return actions.convert_procedure(case.pk, reason="案情复杂", acting_user=cast["judge"])


def test_conversion_issues_the_top_up_of_the_halved_fee_cpli_art_199_fee_art_16(chikan, cast):
    case = _simple_case(chikan, cast)
    _convert(case, cast)
    top_up = SupplementaryFeeNotice.objects.get(case=case)
    # Ordinary fee 2,300.00 (50 + 2.5% x 90,000, FEE Art 13) − simple 1,150.00 (FEE Art 16).
    assert (top_up.reason, top_up.fee_kind, top_up.full_fee, top_up.amount_due) == (
        "procedure_conversion",
        "property",
        Decimal("2300.00"),
        Decimal("1150.00"),
    )
    assert (top_up.status, top_up.issued_on, top_up.paid_on) == ("due", CONVERTED, None)
    # 7 days from 04-28 end on 05-05, a holiday (Labour Day 05-01..05-05): next working day.
    assert top_up.due_on == date(2026, 5, 6)
    assert top_up.basis[0].startswith(
        "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第一百九十九条"
    )
    assert "普通程序应交：2300.00 元" in top_up.basis[1]
    assert "简易程序减半应交（《诉讼费用交纳办法》第十六条）：1150.00 元" in top_up.basis[1]
    entry = case.docket.get(kind="fee_top_up_notice")
    assert entry.text == (
        "发出补交诉讼费用通知：1150.00 元，请于 2026-05-06 前补交；逾期未补交的，按撤诉处理"
        "（民诉法解释第一百九十九条）"
    )
    event = events_for(case).get(action="trial.procedure_converted")
    assert event.after["fee_top_up"]["notice"] == top_up.pk
    assert Decimal(str(event.after["fee_top_up"]["amount"])) == Decimal("1150.00")
    assert event.after["fee_top_up"]["due_on"] == "2026-05-06"
    # The first notice is untouched (it stays one per case).
    assert FeeNotice.objects.get(case=case).amount_due == Decimal("1150.00")


def test_small_claims_conversion_tops_up_the_same_half(chikan, cast):
    case = _simple_case(chikan, cast, procedure="small_claims")
    _convert(case, cast)
    assert SupplementaryFeeNotice.objects.get(case=case).amount_due == Decimal("1150.00")


def test_a_fee_still_due_is_topped_up_by_the_difference_only(chikan, cast):
    case = _simple_case(chikan, cast, status=FeeStatus.DUE)
    _convert(case, cast)
    assert SupplementaryFeeNotice.objects.get(case=case).amount_due == Decimal("1150.00")


def test_no_top_up_when_the_fee_was_waived_fee_art_45(chikan, cast):
    case = _simple_case(chikan, cast, status=FeeStatus.WAIVED, amount_due="0.00", relief="waive")
    _convert(case, cast)
    assert not SupplementaryFeeNotice.objects.exists()
    assert not case.docket.filter(kind="fee_top_up_notice").exists()
    event = events_for(case).get(action="trial.procedure_converted")
    assert "fee_top_up" not in event.after


def test_no_top_up_without_a_fee_notice_or_when_no_fee_is_charged(chikan, cast):
    bare = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    free = _simple_case(chikan, cast, fee_kind="none", amount_due="0.00")
    _convert(bare, cast)
    _convert(free, cast)
    assert not SupplementaryFeeNotice.objects.exists()


def test_a_flat_labour_fee_is_topped_up_too(chikan, cast):
    # Labour disputes: 10 yuan per case (FEE Art 13(4)), halved to 5.00 on simple procedure.
    case = _simple_case(chikan, cast, fee_kind="labour", amount_due="5.00")
    _convert(case, cast)
    top_up = SupplementaryFeeNotice.objects.get(case=case)
    assert (top_up.full_fee, top_up.amount_due) == (Decimal("10.00"), Decimal("5.00"))


def test_a_deferred_fee_defers_the_top_up_fee_art_48(chikan, cast):
    case = _simple_case(chikan, cast, status=FeeStatus.DEFERRED, relief="defer")
    _convert(case, cast)
    top_up = SupplementaryFeeNotice.objects.get(case=case)
    assert (top_up.amount_due, top_up.status, top_up.due_on) == (
        Decimal("1150.00"),
        "deferred",
        None,
    )


def test_converting_twice_is_refused_and_never_issues_a_second_notice(chikan, cast):
    case = _simple_case(chikan, cast)
    _convert(case, cast)
    with pytest.raises(DomainError) as e:
        _convert(case, cast)
    assert e.value.code == "conversion_invalid"
    # A retried issue inside a transaction is a no-op too (one notice per case and reason).
    case.refresh_from_db()
    with transaction.atomic():
        assert issue_conversion_fee_notice(case, from_procedure="simple") is None
    assert SupplementaryFeeNotice.objects.filter(case=case).count() == 1
    assert case.docket.filter(kind="fee_top_up_notice").count() == 1


def test_api_conversion_issues_the_top_up_and_the_case_shows_it(chikan, cast):
    case = _simple_case(chikan, cast)
    with time_machine.travel(CONVERTED):
        r = Api(cast["judge"]).post(f"/trial/cases/{case.pk}/conversion", {"reason": "案情复杂"})
        assert r.status_code == 200, r.content
        detail = Api(cast["clerk"]).get(f"/cases/{case.pk}").json()
    [top_up] = detail["supplementary_fees"]
    assert (top_up["amount_due"], top_up["status"], top_up["due_on"]) == (
        "1150.00",
        "due",
        "2026-05-06",
    )
    assert {
        "name": "补交诉讼费",
        "due_on": "2026-05-06",
        "rule": "《民事诉讼法解释》第一百九十九条",
    } in (detail["deadlines"])


# --- recording the payment ------------------------------------------------------------------


def _top_up(chikan, cast):
    case = _simple_case(chikan, cast)
    _convert(case, cast)
    return case, SupplementaryFeeNotice.objects.get(case=case)


def test_clerk_records_the_top_up_payment(chikan, cast):
    case, top_up = _top_up(chikan, cast)
    with time_machine.travel(date(2026, 5, 6)):
        paid = record_supplementary_fee_payment(case.pk, top_up.pk, acting_user=cast["clerk"])
    assert (paid.status, paid.paid_on) == ("paid", date(2026, 5, 6))
    assert case.docket.filter(kind="fee_top_up_paid", text="已补交诉讼费 1150.00 元").exists()
    event = events_for(case).get(action="case.fee_top_up_paid")
    assert (event.before, event.after["status"]) == ({"status": "due"}, "paid")
    with pytest.raises(DomainError) as e:
        record_supplementary_fee_payment(case.pk, top_up.pk, acting_user=cast["clerk"])
    assert (e.value.status, e.value.code) == (409, "wrong_state")


def test_api_top_up_payment_and_its_denials(chikan, cast):
    case, top_up = _top_up(chikan, cast)
    plaintiff = party(case, CaseRole.PLAINTIFF)
    plaintiff.user = litigant()
    plaintiff.save()
    url = f"/cases/{case.pk}/supplementary-fees/{top_up.pk}/payment"
    with time_machine.travel(date(2026, 5, 6)):
        anonymous = Api().post(url)
        other_court = Api(cast["xiashan_clerk"]).post(url)
        judge = Api(cast["judge"]).post(url)
        party_itself = Api(plaintiff.user).post(url)
        wrong_notice = Api(cast["clerk"]).post(
            f"/cases/{case.pk}/supplementary-fees/{top_up.pk + 999}/payment"
        )
        top_up.refresh_from_db()
        assert top_up.status == "due"  # the denials changed nothing
        assert not events_for(case).filter(action="case.fee_top_up_paid").exists()
        ok = Api(cast["clerk"]).post(url)
        again = Api(cast["clerk"]).post(url)
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "not_authenticated")
    assert other_court.status_code == 404
    assert judge.status_code == 403
    assert party_itself.status_code == 403
    assert wrong_notice.status_code == 404
    assert ok.status_code == 200, ok.content
    assert ok.json() == {
        "id": top_up.pk,
        "reason": "procedure_conversion",
        "status": "paid",
        "paid_on": "2026-05-06",
        "amount_due": "1150.00",
    }
    assert again.status_code == 409


def test_console_top_up_payment_and_its_denials(chikan, cast):
    case, top_up = _top_up(chikan, cast)
    url = f"/console/cases/{case.pk}/top-ups/{top_up.pk}/paid/"

    def client(user):
        c = Client()
        c.force_login(user)
        return c

    with time_machine.travel(date(2026, 5, 6)):
        page = client(cast["clerk"]).get(f"/console/cases/{case.pk}/").content.decode()
        assert "补交诉讼费" in page
        assert url in page
        judge_page = client(cast["judge"]).get(f"/console/cases/{case.pk}/").content.decode()
        assert url not in judge_page  # only the filing clerk sees the button
        assert client(cast["xiashan_clerk"]).post(url).status_code == 404
        assert client(cast["judge"]).post(url).status_code == 403
        top_up.refresh_from_db()
        assert top_up.status == "due"
        r = client(cast["clerk"]).post(url)
        assert r.status_code == 302
        top_up.refresh_from_db()
        assert top_up.status == "paid"
        assert client(cast["clerk"]).post(url).status_code == 409
        english = client(cast["clerk"])
        english.cookies["django_language"] = "en"
        page = english.get(f"/console/cases/{case.pk}/").content.decode()
        assert "Court fee top-up" in page
        assert "Top-up due" in page


# --- overdue: the clerk's worklist and the consequence (CPLI Art 199) -----------------------


def test_overdue_top_ups_for_the_clerks_worklist(chikan, cast, courts):
    case, top_up = _top_up(chikan, cast)
    assert list(overdue_supplementary_fees([chikan.pk], on=date(2026, 5, 6))) == []
    assert list(overdue_supplementary_fees([chikan.pk], on=date(2026, 5, 7))) == [top_up]
    assert list(overdue_supplementary_fees([courts["粤0803"].pk], on=date(2026, 5, 7))) == []
    with time_machine.travel(date(2026, 5, 7)):
        record_supplementary_fee_payment(case.pk, top_up.pk, acting_user=cast["clerk"])
    assert list(overdue_supplementary_fees([chikan.pk], on=date(2026, 5, 8))) == []


def _close(case, cast, method, on):
    with time_machine.travel(on):
        actions.close_case(case.pk, method=method, decided_on=on, acting_user=cast["judge"])
        return actions.settle_fees(case.pk, acting_user=cast["judge"])


def test_a_paid_top_up_is_part_of_the_prepaid_fee_at_settlement(chikan, cast):
    case, top_up = _top_up(chikan, cast)
    with time_machine.travel(date(2026, 5, 6)):
        record_supplementary_fee_payment(case.pk, top_up.pk, acting_user=cast["clerk"])
    s = _close(case, cast, "judgment", date(2026, 6, 10))
    # The defendant loses and bears the ordinary fee; the plaintiff's 1,150 + 1,150 comes back.
    assert (s.full_fee, s.final_fee, s.prepaid, s.refund_amount) == (
        Decimal("2300.00"),
        Decimal("2300.00"),
        Decimal("2300.00"),
        Decimal("2300.00"),
    )


def test_withdrawal_after_a_paid_top_up_halves_the_ordinary_fee_fee_art_15(chikan, cast):
    case, top_up = _top_up(chikan, cast)
    with time_machine.travel(date(2026, 5, 6)):
        record_supplementary_fee_payment(case.pk, top_up.pk, acting_user=cast["clerk"])
    s = _close(case, cast, "withdrawal", date(2026, 6, 10))
    assert (s.final_fee, s.halved, s.prepaid, s.refund_amount) == (
        Decimal("1150.00"),
        True,
        Decimal("2300.00"),
        Decimal("1150.00"),
    )


def test_unpaid_top_up_treated_as_withdrawn_refunds_half_of_what_was_paid_cpli_art_199(
    chikan, cast
):
    case, top_up = _top_up(chikan, cast)
    s = _close(case, cast, "withdrawal", date(2026, 5, 12))  # due 05-06, never paid
    # 1,150.00 was paid on the simple schedule; half of it is refunded, the plaintiff bears
    # the other half (not the FEE Art 15 halving of the ordinary 2,300.00 = 1,150.00).
    assert (s.final_fee, s.halved, s.prepaid, s.refund_amount) == (
        Decimal("575.00"),
        False,
        Decimal("1150.00"),
        Decimal("575.00"),
    )
    assert [(r["name"], r["amount"]) for r in s.shares] == [("张三", "575.00")]  # FEE Art 34
    assert any("第一百九十九条" in b and "退还一半" in b for b in s.basis)
    # The case is closed: the lapsed top-up can no longer be paid, nor is it on the worklist.
    with pytest.raises(DomainError) as e:
        record_supplementary_fee_payment(case.pk, top_up.pk, acting_user=cast["clerk"])
    assert e.value.code == "wrong_state"
    assert list(overdue_supplementary_fees([chikan.pk], on=date(2026, 5, 13))) == []


def test_withdrawal_before_the_top_up_falls_due_is_an_ordinary_withdrawal(chikan, cast):
    case, _ = _top_up(chikan, cast)
    s = _close(case, cast, "withdrawal", date(2026, 5, 6))
    # FEE Art 15 on the ordinary fee: 1,150.00, exactly what was paid; nothing refunded.
    assert (s.final_fee, s.halved, s.refund_amount) == (
        Decimal("1150.00"),
        True,
        Decimal("0.00"),
    )


def test_end_to_end_reduced_fee_relief_applies_to_the_top_up_fee_art_47(chikan, cast):
    """Filed online, 40 % reduction granted, accepted on the simple procedure: the first notice
    asks 1,150.00 x 60 % = 690.00; after conversion the top-up is 1,150.00 x 60 % = 690.00."""
    CauseFactory()
    alice = litigant(real_name="张三", id_number=resident_id(1))
    with time_machine.travel(date(2026, 4, 1)):
        filing = submitted_filing_direct(alice)
        filing_actions.apply_fee_relief(
            filing.pk, kind="reduce", grounds="家庭困难", reduce_percent=40, acting_user=alice
        )
        filing_actions.decide_fee_relief(filing.pk, grant=True, acting_user=cast["clerk"])
        case = filing_actions.accept_filing(
            filing.pk, procedure="simple", acting_user=cast["clerk"]
        )
    assert FeeNotice.objects.get(case=case).amount_due == Decimal("690.00")
    case.judge = cast["judge"]
    case.save(update_fields=["judge"])
    _convert(case, cast)
    top_up = SupplementaryFeeNotice.objects.get(case=case)
    assert (top_up.full_fee, top_up.amount_due, top_up.due_on) == (
        Decimal("2300.00"),
        Decimal("690.00"),
        date(2026, 5, 6),
    )
    assert "已准予减交 40%（《诉讼费用交纳办法》第四十七条）" in top_up.basis
