"""Migration cases 0009: appeal fee notices issued before 0008 get the contested amount their
fee was computed on (FEE Art 17) where their basis lines give it exactly, so that a halving at
settlement (FEE Art 15) is the exact fee halved once, not the rounded fee halved again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from yizhan.accounts.models import Role
from yizhan.cases.actions import record_fee_payment
from yizhan.cases.models import CaseRole, FeeNotice, SupplementaryFeeNotice

from .conftest import (
    FIRST_APPEAL,
    appeal_by,
    decide_hearing,
    judged_case,
    settle,
    staff,
    two_appeals,
)

backfill = import_module("yizhan.cases.migrations.0009_backfill_appealed_amount")
BEFORE = [("cases", "0008_appeal_fee_appealed_amount")]
AFTER = [("cases", "0009_backfill_appealed_amount")]


def _run_backfill() -> None:
    """Unapply 0009 (a no-op backwards) and apply it again with the migration executor."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)


def _appeal_whole(chikan, cast, amount: str):
    case = judged_case(chikan, cast, served=(CaseRole.DEFENDANT,), amount=amount, fee=True)
    return appeal_by(case, cast, CaseRole.DEFENDANT, FIRST_APPEAL).second_case


@pytest.mark.django_db(transaction=True)
def test_backfill_sets_the_contested_amount_where_the_basis_gives_it_fee_art_17(
    chikan, cast, courts
):
    _case, first, second = two_appeals(chikan, cast)  # 王五 300,000; 张三 100,000
    odd = _appeal_whole(chikan, cast, "10001")  # 50.03 (50.025 rounded)
    flat = _appeal_whole(chikan, cast, "8000")  # 50.00 per case, whatever the amount
    tampered = _appeal_whole(chikan, cast, "20000")  # 300.00, its fee then altered
    FeeNotice.objects.filter(case=tampered).update(full_fee=Decimal("301.00"))
    # As issued before 0008: no amount stored.
    FeeNotice.objects.update(appealed_amount=None)
    SupplementaryFeeNotice.objects.update(appealed_amount=None)

    _run_backfill()

    amounts = dict(FeeNotice.objects.values_list("case_id", "appealed_amount"))
    assert amounts[first.second_case_id] == Decimal("300000.00")
    assert amounts[odd.pk] == Decimal("10001.00")
    assert amounts[flat.pk] is None  # FEE Art 13: 50 per case up to 10,000, amount not known
    assert amounts[tampered.pk] is None  # basis and fee disagree: not exact, left alone
    own = SupplementaryFeeNotice.objects.get(case=second.second_case)
    assert own.appealed_amount == Decimal("100000.00")
    # First-instance notices are not appeal notices: untouched.
    assert not FeeNotice.objects.filter(case__relation="", appealed_amount__isnull=False).exists()

    # Settled after the backfill, the 10,001 appeal withdrawn is halved exactly (FEE Art 15):
    # 50.025 / 2 = 25.0125 → 25.01 borne, 25.02 of the 50.03 back (25.02 / 25.01 before).
    with time_machine.travel(date(2026, 4, 27)):
        record_fee_payment(odd.pk, acting_user=staff(Role.FILING_CLERK, courts["粤08"], "高立案"))
    s = settle(decide_hearing(odd, cast, "withdrawn"), cast)
    assert (s.full_fee, s.final_fee, s.prepaid, s.refund_amount) == (
        Decimal("50.03"),
        Decimal("25.01"),
        Decimal("50.03"),
        Decimal("25.02"),
    )


@pytest.mark.parametrize(
    ("kind", "amount", "claim", "expected"),
    [
        ("property", "300000", "1000000", "300000"),
        ("property", "100000", "100000", "100000"),  # on a band boundary
        ("property", "10001.20", "20000", "10001.20"),
        ("property", "5000", "8000", None),  # flat 50 (FEE Art 13(1))
        ("divorce", "250000", "250000", "250000"),
        ("divorce", "150000", "150000", None),  # flat 300 up to 200,000 (Guangdong)
        ("personality", "80000", "80000", "80000"),
        ("labour", "30000", "30000", None),  # 10 per case
    ],
)
def test_derived_amount_is_the_one_the_fee_was_quoted_on_fee_art_13_17(
    kind, amount, claim, expected
):
    from yizhan.core.fees import quote

    q = quote(kind, Decimal(amount), procedure="ordinary")
    got = backfill.derive_appealed_amount(list(q.basis), kind, q.full_fee, Decimal(claim))
    assert got == (Decimal(expected) if expected else None)


def test_derived_amount_above_the_claim_is_refused_fee_art_17():
    from yizhan.core.fees import quote

    q = quote("property", Decimal("300000"), procedure="ordinary")
    assert (
        backfill.derive_appealed_amount(list(q.basis), "property", q.full_fee, Decimal(1)) is None
    )
    assert backfill.derive_appealed_amount(list(q.basis), "none", q.full_fee, None) is None
