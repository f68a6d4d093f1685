"""Periodic jobs: due rules, once-only enqueueing, configuration errors (docs/operations.md)."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import override_settings

from yizhan.core import schedule
from yizhan.core.models import ScheduledJob

SH = ZoneInfo("Asia/Shanghai")
RAN: list[str] = []


class FakeResult:
    id = "task-1"


class FakeTask:
    def __init__(self, name: str) -> None:
        self.name = name

    def enqueue(self) -> FakeResult:
        RAN.append(self.name)
        return FakeResult()


every_5_min = FakeTask("every_5_min")
daily = FakeTask("daily")

JOBS = {
    "a.every": {"task": "yizhan.core.tests.test_schedule.every_5_min", "every": 300},
    "b.daily": {"task": "yizhan.core.tests.test_schedule.daily", "daily_at": "00:10"},
}


@pytest.fixture(autouse=True)
def _jobs():
    RAN.clear()
    with override_settings(YIZHAN_PERIODIC_TASKS=JOBS):
        yield


def at(y: int, mo: int, d: int, h: int, mi: int, s: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, s, tzinfo=SH)


@pytest.mark.django_db
def test_first_check_enqueues_every_job_once_and_records_it():
    assert schedule.enqueue_due(at(2026, 11, 27, 9, 0)) == ["a.every", "b.daily"]
    assert RAN == ["every_5_min", "daily"]
    row = ScheduledJob.objects.get(name="a.every")
    assert row.last_enqueued_at == at(2026, 11, 27, 9, 0)
    assert row.last_task_id == "task-1"
    # the same moment again: nothing is due
    assert schedule.enqueue_due(at(2026, 11, 27, 9, 0)) == []
    assert RAN == ["every_5_min", "daily"]


@pytest.mark.django_db
def test_interval_job_is_due_when_the_interval_has_passed():
    schedule.enqueue_due(at(2026, 11, 27, 9, 0))
    assert schedule.enqueue_due(at(2026, 11, 27, 9, 4, 59)) == []
    assert schedule.enqueue_due(at(2026, 11, 27, 9, 5)) == ["a.every"]
    assert schedule.enqueue_due(at(2026, 11, 27, 9, 9, 59)) == []


@pytest.mark.django_db
def test_daily_job_runs_once_per_local_day_after_its_time():
    schedule.enqueue_due(at(2026, 11, 27, 9, 0))  # first run, Friday 09:00 Shanghai
    # 00:05 the next day (16:05 UTC the day before): not yet
    assert "b.daily" not in schedule.enqueue_due(at(2026, 11, 28, 0, 5))
    # 00:10 Shanghai is 16:10 UTC on the 27th: due, and only once
    assert "b.daily" in schedule.enqueue_due(at(2026, 11, 28, 0, 10))
    assert "b.daily" not in schedule.enqueue_due(at(2026, 11, 28, 23, 59))
    # a scheduler that was down over midnight catches up when it comes back
    assert "b.daily" in schedule.enqueue_due(at(2026, 11, 30, 15, 0))


def test_is_due_rules_without_database():
    job = schedule.Job("x", "p", daily_at=dt.time(0, 10))
    last = at(2026, 11, 27, 0, 10)
    assert job.is_due(None, at(2026, 11, 27, 0, 0)) is True
    assert job.is_due(last, at(2026, 11, 27, 23, 0)) is False
    assert job.is_due(last, at(2026, 11, 28, 0, 9)) is False
    assert job.is_due(last, at(2026, 11, 28, 0, 10)) is True


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"task": "yizhan.core.tests.test_schedule.daily"}, "exactly one of"),
        (
            {"task": "yizhan.core.tests.test_schedule.daily", "every": 60, "daily_at": "01:00"},
            "exactly one of",
        ),
        ({"task": "yizhan.core.tests.test_schedule.daily", "every": 0}, "positive"),
        ({"task": "yizhan.nowhere.tasks.job", "every": 60}, "cannot import"),
        ({"task": "yizhan.core.tests.test_schedule.SH", "every": 60}, "is not a task"),
    ],
)
def test_bad_configuration_is_refused_at_start(spec, message):
    with override_settings(YIZHAN_PERIODIC_TASKS={"bad": spec}):
        with pytest.raises(ImproperlyConfigured, match=message):
            schedule.jobs()
        with pytest.raises(CommandError, match=message):
            call_command("run_schedule", "--once")


@pytest.mark.django_db
def test_command_once_prints_what_it_enqueued():
    out = StringIO()
    call_command("run_schedule", "--once", stdout=out)
    assert out.getvalue() == "enqueued a.every\nenqueued b.daily\n"
    out = StringIO()
    call_command("run_schedule", "--once", stdout=out)
    assert out.getvalue() == ""


def test_configured_jobs_are_real_tasks():
    """The shipped schedule names tasks that exist (the kernel imports them by path only)."""
    from config.settings import base

    with override_settings(YIZHAN_PERIODIC_TASKS=base.YIZHAN_PERIODIC_TASKS):
        names = [job.name for job in schedule.jobs()]
    assert names == [
        "mediation.advance_deadlines",
        "services.escalate_overdue",
        "services.remind_fees_due",
        "stats.refresh_summary",
        "trial.refresh_running_limits",
    ]
