"""Fixtures for the trial tests: the demo courts, a cast per role, cases made directly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction

from yizhan.accounts.models import Membership, Role, User
from yizhan.cases.models import Case, CaseParty, CaseRole, FeeNotice, FeeStatus
from yizhan.cases.numbering import next_number
from yizhan.core.models import Court, Department, Team
from yizhan.factories import CauseFactory, demo_courts, resident_id, user_with_role
from yizhan.parties.models import Party
from yizhan.trial.deadlines import refresh_limit


def staff(role: str, court: Court, name: str, **kw: Any) -> User:
    return user_with_role(role, court, real_name=name, id_number=kw.pop("id_number", None), **kw)


def make_case(
    court: Court,
    *,
    filed_on: date,
    type_code: str = "民初",
    procedure: str = "ordinary",
    amount: str | None = "100000",
    judge: User | None = None,
    parties: bool = True,
    fee: bool = False,
) -> Case:
    with transaction.atomic():
        n = next_number(court, filed_on.year, type_code)
        case = Case.objects.create(
            court=court,
            year=n.year,
            type_code=type_code,
            seq=n.seq,
            number=n.render(),
            cause=CauseFactory(),
            procedure=procedure,
            filed_on=filed_on,
            claim_amount=Decimal(amount) if amount else None,
            judge=judge,
        )
        if parties:
            p1 = Party.objects.create(kind="natural", name="张三", id_number=resident_id(1))
            p2 = Party.objects.create(kind="natural", name="王五", id_number=resident_id(3))
            CaseParty.objects.create(case=case, party=p1, role=CaseRole.PLAINTIFF)
            CaseParty.objects.create(case=case, party=p2, role=CaseRole.DEFENDANT)
        if fee:
            FeeNotice.objects.create(
                case=case,
                fee_kind="property",
                full_fee=Decimal("2300"),
                amount_due=Decimal("2300"),
                status=FeeStatus.PAID,
                issued_on=filed_on,
                paid_on=filed_on,
            )
        refresh_limit(case, on=filed_on)
    case.refresh_from_db()
    return case


def judged_case(
    court: Court,
    cast: dict[str, User],
    doc_type: str = "judgment",
    served: tuple[str, ...] = (CaseRole.DEFENDANT,),
    **case_kw: Any,
) -> Case:
    """A first-instance case filed 2026-03-02, decided 04-10 (judgment or ruling, closed by
    it) and served on the parties in ``served`` on 04-13."""
    import time_machine

    from yizhan.trial import actions

    case = make_case(court, filed_on=date(2026, 3, 2), judge=cast["judge"], **case_kw)
    with time_machine.travel(date(2026, 4, 13)):
        doc = actions.generate_document(
            case.pk,
            doc_type=doc_type,
            title="民事判决书" if doc_type == "judgment" else "民事裁定书",
            text="判决如下",
            decided_on=date(2026, 4, 10),
            acting_user=cast["judge"],
        )
        actions.close_case(
            case.pk,
            method="judgment" if doc_type == "judgment" else "ruling",
            decided_on=date(2026, 4, 10),
            acting_user=cast["judge"],
        )
        for role in served:
            actions.record_service(
                case.pk,
                party_id=party(case, role).pk,
                method="direct",
                served_on=date(2026, 4, 13),
                document_id=doc.pk,
                acting_user=cast["judge"],
            )
    return case


def party(case: Case, role: str) -> Party:
    return case.case_parties.get(role=role).party


@pytest.fixture
def courts(db: None) -> dict[str, Court]:
    return demo_courts()


@pytest.fixture
def chikan(courts: dict[str, Court]) -> Court:
    return courts["粤0802"]


@pytest.fixture
def cast(chikan: Court, courts: dict[str, Court]) -> dict[str, User]:
    civil = Department.objects.create(court=chikan, name="民一庭", kind="civil")
    judges = {
        "judge": staff(Role.JUDGE, chikan, "王法官"),
        "judge2": staff(Role.JUDGE, chikan, "李法官"),
        "outsider": staff(Role.JUDGE, chikan, "赵法官"),
        "chief": staff(Role.DIVISION_CHIEF, chikan, "周庭长"),
        "president": staff(Role.PRESIDENT, chikan, "吴院长"),
        "clerk": staff(Role.FILING_CLERK, chikan, "陈立案"),
        "higher_president": staff(Role.PRESIDENT, courts["粤08"], "郑院长"),
        "higher_judge": staff(Role.JUDGE, courts["粤08"], "钱法官"),
        "xiashan_judge": staff(Role.JUDGE, courts["粤0803"], "孙法官"),
        "xiashan_clerk": staff(Role.FILING_CLERK, courts["粤0803"], "林立案"),
    }
    Membership.objects.filter(user=judges["chief"]).update(department=civil)
    Membership.objects.filter(
        user__in=[judges["judge"], judges["judge2"], judges["outsider"]]
    ).update(department=civil)
    Team.objects.create(department=civil, name="民一庭第一团队")
    return judges
