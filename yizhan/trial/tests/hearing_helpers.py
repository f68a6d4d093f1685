"""Fixtures and builders for the hearing and serial-case tests (part B).

Cases are made directly (numbering, parties, lawyers) for speed; one test goes through the
real filing flow (test_hearings.py::test_a_case_docketed_through_the_filing_flow_is_scheduled).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from yizhan.accounts.models import Role, User
from yizhan.cases.models import Case, CaseParty, Cause
from yizhan.cases.numbering import next_number
from yizhan.core.models import Court
from yizhan.factories import CauseFactory, demo_courts, resident_id, user_with_role
from yizhan.parties.models import Party, Representation
from yizhan.trial.models import Courtroom, PanelMember

TZ = ZoneInfo("Asia/Shanghai")
BANK_CODE = "91440800MA4UABCD1X"


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def iso(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> str:
    return at(y, m, d, hh, mm).isoformat()


def staff(role: str, court: Court, name: str) -> User:
    return user_with_role(role, court, real_name=name, id_number=None)


def party(
    name: str, *, id_number: str = "", credit_code: str = "",
    lawyer: tuple[str, str] | None = None, kind: str = "natural",
) -> Party:  # fmt: skip
    p = Party.objects.create(kind=kind, name=name, id_number=id_number, credit_code=credit_code,
                             mobile="13800138000")  # fmt: skip
    if lawyer:
        Representation.objects.create(
            party=p, kind="lawyer", name=lawyer[0], licence_no=lawyer[1], law_firm="某律师事务所"
        )
    return p


def cause_row(code: str = "9089", name: str = "民间借贷纠纷") -> Cause:
    row: Cause = CauseFactory(code=code, name=name)
    return row


def make_case(
    court: Court,
    *,
    procedure: str = "ordinary",
    judge: User | None = None,
    plaintiffs: list[Party] | None = None,
    defendants: list[Party] | None = None,
    cause: Cause | None = None,
    status: str = "pending",
) -> Case:
    with transaction.atomic():
        n = next_number(court, 2026, "民初")
        case = Case.objects.create(
            court=court, year=n.year, type_code=n.type_code, seq=n.seq, number=n.render(),
            cause=cause or cause_row(), procedure=procedure, filed_on="2026-03-02",
            judge=judge, status=status,
        )  # fmt: skip
        for p in (
            plaintiffs if plaintiffs is not None else [party("张三", id_number=resident_id(1))]
        ):
            CaseParty.objects.create(case=case, party=p, role="plaintiff")
        for p in (
            defendants if defendants is not None else [party("王五", id_number=resident_id(3))]
        ):
            CaseParty.objects.create(case=case, party=p, role="defendant")
    return case


def seat(case: Case, user: User, role: str = "judge") -> None:
    PanelMember.objects.create(case=case, user=user, role=role)


class Cast:
    """Two courts (赤坎 粤0802, 霞山 粤0803) with their courtrooms and staff."""

    def __init__(self) -> None:
        self.courts = demo_courts()
        self.chikan = self.courts["粤0802"]
        self.xiashan = self.courts["粤0803"]
        self.room1 = Courtroom.objects.create(court=self.chikan, name="第一法庭")
        self.room2 = Courtroom.objects.create(court=self.chikan, name="第二法庭")
        self.online_room = Courtroom.objects.create(court=self.chikan, name="在线庭审室")
        self.offline_room = Courtroom.objects.create(court=self.chikan, name="第三法庭",
                                                     online_capable=False)  # fmt: skip
        self.xs_room = Courtroom.objects.create(court=self.xiashan, name="第一法庭")
        self.judge = staff(Role.JUDGE, self.chikan, "王法官")
        self.judge2 = staff(Role.JUDGE, self.chikan, "李法官")
        self.outsider = staff(Role.JUDGE, self.chikan, "赵法官")
        self.assistant = staff(Role.JUDGE_ASSISTANT, self.chikan, "钱助理")
        self.chief = staff(Role.DIVISION_CHIEF, self.chikan, "孙庭长")
        self.xs_judge = staff(Role.JUDGE, self.xiashan, "周法官")
        self.xs_chief = staff(Role.DIVISION_CHIEF, self.xiashan, "吴庭长")
