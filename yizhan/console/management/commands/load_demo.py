"""``manage.py load_demo``: the demo court system (湛江市中级人民法院 and its basic courts),
departments and teams, the cause catalogue, and a demo user for every role.

Idempotent: running it again changes nothing that exists. Demo passwords are documented in
README.md; never load this into a production database.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from yizhan.accounts.models import Membership, Role, User
from yizhan.cases.causes import CAUSES
from yizhan.cases.models import Cause
from yizhan.core.models import Court, Department, DepartmentKind, Team

DEMO_PASSWORD = "demo-pass-2026"

ADDRESSES = {
    "粤08": ("湛江市赤坎区南方路 38 号", "0759-3383000"),
    "粤0802": ("湛江市赤坎区康顺路 8 号", "0759-3332020"),
    "粤0803": ("湛江市霞山区人民大道南 100 号", "0759-2232000"),
    "粤0804": ("湛江市坡头区坡头镇政府大道", "0759-3591000"),
    "粤0811": ("湛江市麻章区瑞云北路", "0759-3621000"),
    "粤0823": ("遂溪县遂城镇中山路", "0759-7751000"),
    "粤0825": ("徐闻县徐城镇东方二路", "0759-4811000"),
    "粤0881": ("廉江市罗州街道人民大道", "0759-6651000"),
    "粤0882": ("雷州市雷城镇西湖大道", "0759-8821000"),
    "粤0883": ("吴川市梅菉街道人民东路", "0759-5551000"),
}
HOURS = "工作日 上午 8:30–12:00，下午 14:30–17:30（12368 自助语音 24 小时）"

# (username, real name, role, court code or None, extra)
USERS: list[tuple[str, str, str, str | None, dict[str, Any]]] = [
    (
        "litigant",
        "张三",
        Role.LITIGANT,
        None,
        {"id_number": "11010519491231002X", "mobile": "13800138000"},
    ),
    (
        "litigant2",
        "李四",
        Role.LITIGANT,
        None,
        {"id_number": "440802199001011234", "mobile": "13900139000"},
    ),
    (
        "lawyer",
        "王律师",
        Role.LAWYER,
        None,
        {
            "id_number": "440803198506061231",
            "mobile": "13700137000",
            "licence_no": "14408201010000001",
            "law_firm": "广东湛江海湾律师事务所",
        },
    ),
    ("clerk", "陈立案", Role.FILING_CLERK, "粤0802", {}),
    ("clerk_xs", "林立案", Role.FILING_CLERK, "粤0803", {}),
    ("clerk_zy", "黄立案", Role.FILING_CLERK, "粤08", {}),
    ("judge", "刘法官", Role.JUDGE, "粤0802", {}),
    ("assistant", "周助理", Role.JUDGE_ASSISTANT, "粤0802", {}),
    ("courtclerk", "吴书记员", Role.COURT_CLERK, "粤0802", {}),
    ("chief", "郑庭长", Role.DIVISION_CHIEF, "粤0802", {}),
    ("president", "冯院长", Role.PRESIDENT, "粤0802", {}),
    ("mediator", "何调解员", Role.MEDIATOR, "粤0802", {}),
    ("hotline", "许话务员", Role.HOTLINE_AGENT, "粤08", {}),
    ("petition", "邓信访", Role.PETITION_OFFICER, "粤08", {}),
    ("archivist", "曹档案", Role.ARCHIVIST, "粤0802", {}),
    ("statistician", "彭统计", Role.STATISTICIAN, "粤08", {}),
    ("admin", "谢管理员", Role.ADMINISTRATOR, "粤08", {}),
]


def _fix_ids(extra: dict[str, Any]) -> dict[str, Any]:
    """Demo resident IDs get a valid GB 11643 check character."""
    from yizhan.rules.identifiers import resident_id_check_char

    if "id_number" in extra:
        body = extra["id_number"][:17]
        extra = {**extra, "id_number": body + resident_id_check_char(body)}
    return extra


class Command(BaseCommand):
    help = "Load the demo court system (粤08 and its basic courts) with a user for every role."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            courts = self._courts()
            self._departments(courts)
            for code, name, category, fee_kind in CAUSES:
                Cause.objects.get_or_create(
                    code=code, defaults={"name": name, "category": category, "fee_kind": fee_kind}
                )
            created = self._users(courts)
        call_command("seed_courtrooms", stdout=self.stdout)
        self.stdout.write(
            f"demo court system: {len(courts)} courts, {Cause.objects.count()} causes, "
            f"{created} new users (password for every demo user: {DEMO_PASSWORD})"
        )

    def _courts(self) -> dict[str, Court]:
        courts: dict[str, Court] = {}
        for code, name, level, parent in settings.YIZHAN_DEMO_COURTS:
            address, phone = ADDRESSES.get(code, ("", ""))
            court, _ = Court.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "level": level,
                    "parent": courts.get(parent or ""),
                    "address": address,
                    "phone": phone,
                    "hours": HOURS,
                },
            )
            courts[code] = court
        return courts

    def _departments(self, courts: dict[str, Court]) -> None:
        for court in courts.values():
            for name, kind in (
                ("立案庭", DepartmentKind.FILING),
                ("民事审判庭", DepartmentKind.CIVIL),
                ("行政审判庭", DepartmentKind.ADMINISTRATIVE),
                ("执行局", DepartmentKind.ENFORCEMENT),
                ("速裁庭", DepartmentKind.FAST_TRACK),
            ):
                dept, _ = Department.objects.get_or_create(
                    court=court, name=name, defaults={"kind": kind}
                )
                if kind == DepartmentKind.FAST_TRACK:
                    Team.objects.get_or_create(
                        department=dept, name="速裁一组", defaults={"is_fast_track": True}
                    )

    def _users(self, courts: dict[str, Court]) -> int:
        created = 0
        for username, real_name, role, court_code, extra in USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username=username,
                    password=DEMO_PASSWORD,
                    real_name=real_name,
                    **_fix_ids(extra),
                )
                created += 1
            Membership.objects.get_or_create(
                user=user, role=role, court=courts[court_code] if court_code else None
            )
        # The intermediate court's filing clerk also serves a basic court (court switcher).
        clerk = User.objects.get(username="clerk_zy")
        Membership.objects.get_or_create(user=clerk, role=Role.FILING_CLERK, court=courts["粤0802"])
        admin = User.objects.get(username="admin")
        if not admin.is_superuser:
            admin.is_staff = admin.is_superuser = True
            admin.save(update_fields=["is_staff", "is_superuser"])
        return created
