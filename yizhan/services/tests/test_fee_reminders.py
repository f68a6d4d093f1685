"""催缴短信: one SMS per unpaid fee notice and payer, N working days before the due date on the
court calendar, so that a case (CPLI Arts 199, 213) or an appeal (CPLI Art 318) is not treated
as withdrawn for a forgotten fee."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings

from yizhan.audit.services import events_for
from yizhan.cases.models import (
    Case,
    CaseParty,
    CaseRelation,
    CaseStatus,
    FeeNotice,
    FeeReminder,
    FeeStatus,
    SupplementaryFeeNotice,
)
from yizhan.cases.numbering import next_number
from yizhan.core.models import Court
from yizhan.factories import CauseFactory, litigant
from yizhan.parties.models import Party
from yizhan.services import fee_reminders
from yizhan.services.models import SmsMessage
from yizhan.services.tasks import remind_fees_due
from yizhan.trial.models import AppealRecord

pytestmark = pytest.mark.django_db
FILED = date(2026, 3, 2)
DUE = date(2026, 5, 6)  # converted 04-28 + 7 days = 05-05, in the Labour Day holiday → 05-06
TOP_UP_TEXT = (
    "【湛江市赤坎区人民法院】张三：（2026）粤0802民初1号案补交诉讼费1150.00元，"
    "请于2026年5月6日前补交；逾期未补交的，按撤诉处理。"
)


def _case(court: Court, *, type_code: str = "民初", **kw: object) -> Case:
    with transaction.atomic():
        n = next_number(court, FILED.year, type_code)
        return Case.objects.create(
            court=court,
            year=n.year,
            type_code=type_code,
            seq=n.seq,
            number=n.render(),
            cause=CauseFactory(),
            procedure="ordinary",
            filed_on=FILED,
            claim_amount=Decimal("100000"),
            **kw,
        )


def _party(case: Case, name: str, role: str, mobile: str = "") -> Party:
    p = Party.objects.create(kind="natural", name=name, mobile=mobile)
    CaseParty.objects.create(case=case, party=p, role=role)
    return p


def _fee(case: Case, *, status: str = FeeStatus.PAID, due_on: date | None = None) -> FeeNotice:
    return FeeNotice.objects.create(
        case=case,
        fee_kind="property",
        full_fee=Decimal("2300.00"),
        amount_due=Decimal("2300.00"),
        status=status,
        issued_on=FILED,
        due_on=due_on,
        paid_on=FILED if status == FeeStatus.PAID else None,
    )


def _top_up(case: Case, **kw: object) -> SupplementaryFeeNotice:
    values: dict[str, object] = {
        "reason": "procedure_conversion",
        "fee_kind": "property",
        "full_fee": Decimal("2300.00"),
        "amount_due": Decimal("1150.00"),
        "status": FeeStatus.DUE,
        "issued_on": date(2026, 4, 28),
        "due_on": DUE,
    }
    values.update(kw)
    return SupplementaryFeeNotice.objects.create(case=case, **values)


@pytest.fixture
def converted(chikan: Court) -> tuple[Case, Party, SupplementaryFeeNotice]:
    """Simple → ordinary conversion on 2026-04-28: top-up 1,150.00 due 2026-05-06."""
    case = _case(chikan)
    plaintiff = _party(case, "张三", "plaintiff", "13900000001")
    _party(case, "李四", "defendant", "13900000002")
    _fee(case)
    return case, plaintiff, _top_up(case)


def _run(capture, on: str) -> dict[str, int]:
    with time_machine.travel(f"{on} 09:00 +0800", tick=False), capture(execute=True):
        return remind_fees_due.call()


def test_window_counts_working_days_across_labour_day():
    # 2 working days after 04-29 are 04-30 and 05-06 (05-01..05-05 holiday): the window ends
    # before the third, 05-07.
    assert fee_reminders.window_end(date(2026, 4, 29)) == date(2026, 5, 7)
    assert fee_reminders.window_end(date(2026, 4, 28)) == date(2026, 5, 6)


def test_top_up_reminded_two_working_days_before_due_once_cpli_art_199(
    converted, django_capture_on_commit_callbacks
):
    case, plaintiff, top_up = converted
    # 04-28: 04-29, 04-30 and 05-06 are left (3 working days): not yet.
    assert _run(django_capture_on_commit_callbacks, "2026-04-28") == {
        "sent": 0,
        "no_mobile": 0,
        "already": 0,
    }
    assert not SmsMessage.objects.exists()
    # 04-29: 04-30 and 05-06 are left (2 working days): the plaintiff only is reminded.
    assert _run(django_capture_on_commit_callbacks, "2026-04-29") == {
        "sent": 1,
        "no_mobile": 0,
        "already": 0,
    }
    sms = SmsMessage.objects.get()
    assert (sms.mobile, sms.purpose, sms.text) == ("13900000001", "fee_reminder", TOP_UP_TEXT)
    reminder = FeeReminder.objects.get()
    assert (
        reminder.notice_kind,
        reminder.notice_id,
        reminder.case,
        reminder.party,
        reminder.amount,
        reminder.due_on,
        reminder.sent_on,
    ) == (
        "supplementary",
        top_up.pk,
        case,
        plaintiff,
        Decimal("1150.00"),
        DUE,
        date(2026, 4, 29),
    )
    event = events_for(case).get(action="services.fee_reminder_sent")
    assert event.actor_label == "system"
    assert event.after == {
        "reminder": reminder.pk,
        "notice_kind": "supplementary",
        "notice": top_up.pk,
        "party": plaintiff.pk,
        "amount": "1150.00",
        "due_on": "2026-05-06",
    }
    # A retried run the same day, and the next days up to the due date, send nothing more.
    for day in ("2026-04-29", "2026-04-30", "2026-05-06"):
        assert _run(django_capture_on_commit_callbacks, day) == {
            "sent": 0,
            "no_mobile": 0,
            "already": 1,
        }
    assert SmsMessage.objects.count() == 1
    assert events_for(case).filter(action="services.fee_reminder_sent").count() == 1


def test_a_concurrent_run_that_recorded_first_wins(converted, django_capture_on_commit_callbacks):
    """The unique (notice kind, notice, party) row decides: a run that finds it already
    written (by another run between its query and its insert) sends nothing."""
    case, plaintiff, top_up = converted
    with time_machine.travel("2026-04-29 09:00 +0800", tick=False):
        (due,) = fee_reminders.dues(date(2026, 4, 29))
        FeeReminder.objects.create(
            notice_kind="supplementary",
            notice_id=top_up.pk,
            case=case,
            party=plaintiff,
            mobile="13900000001",
            amount=Decimal("1150.00"),
            due_on=DUE,
            sent_on=date(2026, 4, 29),
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert not fee_reminders._remind(due, plaintiff, "13900000001", "x", date(2026, 4, 29))
    assert not SmsMessage.objects.exists()
    assert not events_for(case).filter(action="services.fee_reminder_sent").exists()


def test_paid_overdue_deferred_and_closed_case_get_nothing(
    chikan, django_capture_on_commit_callbacks
):
    paid = _case(chikan)
    _party(paid, "甲", "plaintiff", "13900000011")
    _top_up(paid, status=FeeStatus.PAID, paid_on=date(2026, 4, 29))
    deferred = _case(chikan)
    _party(deferred, "乙", "plaintiff", "13900000012")
    _top_up(deferred, status=FeeStatus.DEFERRED, due_on=None)
    closed = _case(chikan, status=CaseStatus.CLOSED)
    _party(closed, "丙", "plaintiff", "13900000013")
    _top_up(closed)
    overdue = _case(chikan)
    _party(overdue, "丁", "plaintiff", "13900000014")
    _top_up(overdue, due_on=date(2026, 4, 28))
    assert _run(django_capture_on_commit_callbacks, "2026-04-29") == {
        "sent": 0,
        "no_mobile": 0,
        "already": 0,
    }
    assert not SmsMessage.objects.exists()
    assert not FeeReminder.objects.exists()


def test_payer_without_mobile_is_counted_and_reminded_once_a_number_is_known(
    chikan, django_capture_on_commit_callbacks
):
    case = _case(chikan)
    with_mobile = _party(case, "张三", "plaintiff", "13900000001")
    without = _party(case, "王五", "plaintiff")
    _top_up(case)
    assert _run(django_capture_on_commit_callbacks, "2026-04-29") == {
        "sent": 1,
        "no_mobile": 1,
        "already": 0,
    }
    assert list(SmsMessage.objects.values_list("mobile", flat=True)) == ["13900000001"]
    assert list(FeeReminder.objects.values_list("party", flat=True)) == [with_mobile.pk]
    # The party's linked account has a number: that one is used on the next run.
    without.user = litigant(mobile="13700000005")
    without.save()
    assert _run(django_capture_on_commit_callbacks, "2026-04-30") == {
        "sent": 1,
        "no_mobile": 0,
        "already": 1,
    }
    assert SmsMessage.objects.first().text == (
        "【湛江市赤坎区人民法院】王五：（2026）粤0802民初1号案补交诉讼费1150.00元，"
        "请于2026年5月6日前补交；逾期未补交的，按撤诉处理。"
    )


def test_first_fee_notice_reminds_the_plaintiffs_cpli_art_213(
    chikan, django_capture_on_commit_callbacks
):
    case = _case(chikan)
    _party(case, "张三", "plaintiff", "13900000001")
    _party(case, "李四", "defendant", "13900000002")
    _fee(case, status=FeeStatus.DUE, due_on=date(2026, 3, 9))  # Monday
    # 03-05 (Thu): 03-06 and 03-09 left.
    assert _run(django_capture_on_commit_callbacks, "2026-03-04")["sent"] == 0
    assert _run(django_capture_on_commit_callbacks, "2026-03-05")["sent"] == 1
    assert SmsMessage.objects.get().text == (
        "【湛江市赤坎区人民法院】张三：（2026）粤0802民初1号案诉讼费2300.00元，"
        "请于2026年3月9日前交纳；逾期未交纳的，按撤诉处理。"
    )


def test_appeal_fees_remind_each_appellant_only_cpli_art_318(
    courts, chikan, django_capture_on_commit_callbacks
):
    first = _case(chikan)
    second = _case(
        courts["粤08"], type_code="民终", parent=first, relation=CaseRelation.APPEAL, origin=first
    )
    plaintiff = _party(second, "张三", "plaintiff", "13900000001")
    defendant = _party(second, "王五", "defendant", "13900000002")
    _party(second, "赵六", "third_party", "13900000003")
    # 王五 (defendant) appealed first: the case's fee notice is his; 张三 appealed later.
    AppealRecord.objects.create(
        first_case=first,
        second_case=second,
        appellant=defendant,
        against="judgment",
        served_on=date(2026, 4, 10),
        deadline=date(2026, 4, 27),
        filed_on=date(2026, 4, 28),
        copy_service_due=date(2026, 5, 6),
        created_by=litigant(),
    )
    FeeNotice.objects.create(
        case=second,
        fee_kind="property",
        full_fee=Decimal("5800.00"),
        amount_due=Decimal("5800.00"),
        status=FeeStatus.DUE,
        issued_on=date(2026, 4, 28),
        due_on=DUE,
    )
    _top_up(
        second,
        reason="appeal_second_appellant",
        party=plaintiff,
        full_fee=Decimal("2300.00"),
        amount_due=Decimal("2300.00"),
    )
    assert _run(django_capture_on_commit_callbacks, "2026-04-29") == {
        "sent": 2,
        "no_mobile": 0,
        "already": 0,
    }
    texts = dict(SmsMessage.objects.values_list("mobile", "text"))
    assert texts == {
        "13900000002": "【湛江市中级人民法院】王五：（2026）粤08民终1号案上诉费5800.00元，"
        "请于2026年5月6日前交纳；逾期未交纳的，按撤回上诉处理。",
        "13900000001": "【湛江市中级人民法院】张三：（2026）粤08民终1号案上诉费2300.00元，"
        "请于2026年5月6日前交纳；逾期未交纳的，按撤回上诉处理。",
    }
    assert set(FeeReminder.objects.values_list("notice_kind", "party")) == {
        ("fee", defendant.pk),
        ("supplementary", plaintiff.pk),
    }


@override_settings(YIZHAN_FEE_REMINDER_DAYS=1)
def test_reminder_days_is_a_setting(converted, django_capture_on_commit_callbacks):
    assert _run(django_capture_on_commit_callbacks, "2026-04-29")["sent"] == 0
    assert _run(django_capture_on_commit_callbacks, "2026-04-30")["sent"] == 1
