"""Fixtures for the trial tests: the demo courts, a cast per role, cases made directly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.db import transaction

from yizhan.accounts.models import Membership, Role, User
from yizhan.cases.actions import record_fee_payment, record_supplementary_fee_payment
from yizhan.cases.models import Case, CaseParty, CaseRole, FeeNotice, FeeStatus
from yizhan.cases.numbering import next_number
from yizhan.core.models import Court, Department, Team
from yizhan.factories import CauseFactory, demo_courts, resident_id, user_with_role
from yizhan.parties.models import Party
from yizhan.trial import actions
from yizhan.trial.deadlines import refresh_limit
from yizhan.trial.models import AppealRecord, FeeSettlement

if TYPE_CHECKING:
    from yizhan.cases.models import SupplementaryFeeNotice

FIRST_APPEAL = date(2026, 4, 20)  # + 7 = 04-27, a working day
SECOND_APPEAL = date(2026, 4, 28)  # + 7 = 05-05, in the Labour Day holiday → 05-06
APPEAL_DECIDED = date(2026, 6, 1)  # the second instance's ruling or judgment


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
            serve(case, doc, cast, role, date(2026, 4, 13))
    return case


def serve(case: Case, doc: Any, cast: dict[str, User], role: str, on: date) -> None:
    """The judge records ``doc`` served directly on the party in ``role`` on ``on``."""
    actions.record_service(
        case.pk,
        party_id=party(case, role).pk,
        method="direct",
        served_on=on,
        document_id=doc.pk,
        acting_user=cast["judge"],
    )


def party(case: Case, role: str) -> Party:
    return case.case_parties.get(role=role).party


def judged_both_served(court: Court, cast: dict[str, User], doc_type: str = "judgment") -> Case:
    """A 1,000,000 property case decided 04-10, served on both parties 04-13."""
    return judged_case(
        court,
        cast,
        doc_type,
        served=(CaseRole.DEFENDANT, CaseRole.PLAINTIFF),
        amount="1000000",
        fee=True,
    )


def appeal_by(
    case: Case,
    cast: dict[str, User],
    role: str,
    on: date,
    amount: str | None = None,
    against: str = "judgment",
) -> AppealRecord:
    """The party in ``role`` appeals on ``on`` (against the whole decision unless ``amount``)."""
    with time_machine.travel(on):
        return actions.register_appeal(
            case.pk,
            against=against,
            appellant_party_id=party(case, role).pk,
            appealed_amount=None if amount is None else Decimal(amount),
            acting_user=cast["judge"],
        )


def two_appeals(court: Court, cast: dict[str, User]) -> tuple[Case, AppealRecord, AppealRecord]:
    """王五 (defendant) contests 300,000, then 张三 (plaintiff) contests 100,000."""
    case = judged_both_served(court, cast)
    first = appeal_by(case, cast, CaseRole.DEFENDANT, FIRST_APPEAL, amount="300000")
    second = appeal_by(case, cast, CaseRole.PLAINTIFF, SECOND_APPEAL, amount="100000")
    return case, first, second


def pay_appeal_fees(
    hearing: Case, courts: dict[str, Court], *, second_pays: bool = True
) -> SupplementaryFeeNotice:
    """The higher court's clerk records the first appellant's fee paid on 04-27 and, unless
    ``second_pays`` is false, the second appellant's own notice paid on 05-06; returns that
    notice as read before its payment."""
    higher_clerk = staff(Role.FILING_CLERK, courts["粤08"], "高立案")
    with time_machine.travel(date(2026, 4, 27)):
        record_fee_payment(hearing.pk, acting_user=higher_clerk)
    own = hearing.supplementary_fee_notices.get()
    if second_pays:
        with time_machine.travel(date(2026, 5, 6)):
            record_supplementary_fee_payment(hearing.pk, own.pk, acting_user=higher_clerk)
    return own


def decide_hearing(hearing: Case, cast: dict[str, User], outcome: str) -> Case:
    """The higher court's judge decides the 民终 case ``hearing`` on 06-01 (recorded 06-02)."""
    Case.objects.filter(pk=hearing.pk).update(judge=cast["higher_judge"])
    with time_machine.travel(date(2026, 6, 2)):
        actions.decide_appeal(
            hearing.pk, outcome=outcome, decided_on=APPEAL_DECIDED, acting_user=cast["higher_judge"]
        )
    hearing.refresh_from_db()
    return hearing


def one_appellant(
    court: Court,
    cast: dict[str, User],
    courts: dict[str, Court],
    outcome: str,
    appellant: str = CaseRole.DEFENDANT,
    **case_kw: Any,
) -> tuple[Case, Case]:
    """100,000 claim; the appellant contests the whole judgment and pays 2,300.00 (FEE Art 13:
    50 + 2.5 % x 90,000; FEE Art 17); the appeal is decided with ``outcome``."""
    case = judged_case(court, cast, served=(appellant,), amount="100000", fee=True, **case_kw)
    hearing = appeal_by(case, cast, appellant, FIRST_APPEAL).second_case
    with time_machine.travel(date(2026, 4, 27)):
        notice = record_fee_payment(
            hearing.pk, acting_user=staff(Role.FILING_CLERK, courts["粤08"], "高立案")
        )
    assert notice.amount_due == Decimal("2300.00")
    return case, decide_hearing(hearing, cast, outcome)


def settle(
    case: Case, cast: dict[str, User], judge: str = "higher_judge", **kw: Any
) -> FeeSettlement:
    with time_machine.travel(date(2026, 6, 3)):
        return actions.settle_fees(case.pk, acting_user=cast[judge], **kw)


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
