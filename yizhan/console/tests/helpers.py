"""A pending case with a fee top-up after simple -> ordinary conversion (CPLI Art 199), for the
worklist and PDF tests of the console and the portal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from yizhan.cases.models import (
    Case,
    CaseParty,
    CaseRole,
    FeeNotice,
    FeeStatus,
    SupplementaryFeeNotice,
)
from yizhan.cases.numbering import next_number
from yizhan.core.models import Court
from yizhan.factories import CauseFactory, resident_id
from yizhan.parties.models import Party

BASIS = [
    "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第一百九十九条：适用简易程序审理的"
    "案件转为普通程序的，原告自接到人民法院交纳诉讼费用通知之日起七日内补交案件受理费",
    "普通程序应交：2300.00 元；简易程序减半应交（《诉讼费用交纳办法》第十六条）：1150.00 元；"
    "应补交：1150.00 元",
    "本次应补交：1150.00 元",
]


def case_with_top_up(
    court: Court,
    *,
    plaintiff: Any = None,
    defendant: Any = None,
    amount: str = "1150.00",
    issued_on: date = date(2026, 4, 28),
    due_on: date | None = date(2026, 5, 6),
    status: str = FeeStatus.DUE,
    case_status: str = "pending",
) -> tuple[Case, SupplementaryFeeNotice]:
    """Property claim 100,000 filed 2026-03-02 on the simple procedure (1,150.00 paid),
    converted on ``issued_on``: ordinary 2,300.00, top-up ``amount`` due ``due_on``.
    ``plaintiff`` / ``defendant`` are litigant users linked to the parties (张三 / 王五)."""
    filed = date(2026, 3, 2)
    with transaction.atomic():
        n = next_number(court, filed.year, "民初")
        case = Case.objects.create(
            court=court,
            year=n.year,
            type_code="民初",
            seq=n.seq,
            number=n.render(),
            cause=CauseFactory(),
            procedure="ordinary",
            filed_on=filed,
            claim_amount=Decimal("100000"),
            status=case_status,
        )
        p1 = Party.objects.create(
            kind="natural", name="张三", id_number=resident_id(1), user=plaintiff
        )
        p2 = Party.objects.create(
            kind="natural", name="王五", id_number=resident_id(3), user=defendant
        )
        CaseParty.objects.create(case=case, party=p1, role=CaseRole.PLAINTIFF)
        CaseParty.objects.create(case=case, party=p2, role=CaseRole.DEFENDANT)
        FeeNotice.objects.create(
            case=case,
            fee_kind="property",
            full_fee=Decimal("2300.00"),
            amount_due=Decimal("1150.00"),
            status=FeeStatus.PAID,
            issued_on=filed,
            paid_on=filed,
        )
        top_up = SupplementaryFeeNotice.objects.create(
            case=case,
            reason="procedure_conversion",
            fee_kind="property",
            full_fee=Decimal("2300.00"),
            amount_due=Decimal(amount),
            basis=BASIS,
            status=status,
            issued_on=issued_on,
            due_on=due_on,
            paid_on=due_on if status == FeeStatus.PAID else None,
        )
    return case, top_up
