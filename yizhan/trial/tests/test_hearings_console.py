"""Console pages of hearings and serial cases (part B): calendar, scheduling form with the
htmx conflict check, hearing actions, serial suggestions and batch actions, the seed command."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from yizhan.cases.models import Case
from yizhan.trial.models import Courtroom, Hearing

from .hearing_helpers import BANK_CODE, Cast, at, make_case, party

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db: Any) -> Cast:
    return Cast()


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(at(2026, 3, 10, 8), tick=False) as t:
        yield t


def client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def post_schedule(c: Client, case: Case, room: int, start: str = "09:00", **extra: Any) -> Any:
    data = {"day": "2026-03-20", "start": start, "end": "10:00", "courtroom": room, **extra}
    return c.post(f"/console/trial/hearings/cases/{case.pk}/schedule/", data)


def test_schedule_form_then_calendar_shows_the_hearing(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    c = client(cast.judge)
    assert c.get(f"/console/trial/hearings/cases/{case.pk}/schedule/").status_code == 200
    r = post_schedule(c, case, cast.room1.pk)
    h = Hearing.objects.get(case=case)
    assert r.status_code == 302
    assert r["Location"] == f"/console/trial/hearings/{h.pk}/"
    page = c.get(f"/console/trial/hearings/{h.pk}/").content.decode()
    assert "张三" in page
    day = c.get("/console/trial/hearings/?day=2026-03-20").content.decode()
    assert case.number in day
    assert "第一法庭" in day
    week = c.get("/console/trial/hearings/?day=2026-03-18&view=week").content.decode()
    assert "09:00–10:00" in week


def test_live_conflict_check_and_refused_schedule_show_the_reason(cast: Cast):
    first = make_case(cast.chikan, judge=cast.judge)
    second = make_case(cast.chikan, judge=cast.judge2)
    post_schedule(client(cast.judge), first, cast.room1.pk)
    c = client(cast.judge2)
    params = {
        "day": "2026-03-20",
        "start": "09:30",
        "end": "10:30",
        "courtroom": str(cast.room1.pk),
    }
    partial = c.get(f"/console/trial/hearings/cases/{second.pk}/conflicts/", params)
    assert partial.status_code == 200
    assert f"已排定{first.number}的庭审" in partial.content.decode()
    r = post_schedule(c, second, cast.room1.pk, start="09:30")
    assert r.status_code == 200
    assert "排期冲突" in r.content.decode()
    assert not Hearing.objects.filter(case=second).exists()


def test_hold_with_pronouncement_from_the_hearing_page(cast: Cast, frozen: Any):
    case = make_case(cast.chikan, judge=cast.judge)
    c = client(cast.judge)
    post_schedule(c, case, cast.room1.pk)
    h = Hearing.objects.get(case=case)
    frozen.move_to(at(2026, 3, 20, 10, 5))
    r = c.post(f"/console/trial/hearings/{h.pk}/act/hold/", {"pronounced_in_court": "on"})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.pronounced_in_court is True


@pytest.mark.parametrize("day", ["2026-02-30", "0001-01-01"])
def test_an_impossible_or_past_day_in_the_adjournment_form_is_refused_not_a_500(
    cast: Cast, day: str
):
    # 2026-02-30 is well formed: parse_date raised ValueError, a 500.
    case = make_case(cast.chikan, judge=cast.judge)
    c = client(cast.judge)
    post_schedule(c, case, cast.room1.pk)
    h = Hearing.objects.get(case=case)
    r = c.post(f"/console/trial/hearings/{h.pk}/act/adjourn/", {
        "ground": "other", "reason": "当事人申请", "day": day, "start": "09:00", "end": "10:00",
    })  # fmt: skip
    assert r.status_code == 302
    h.refresh_from_db()
    assert h.status == "scheduled"


def test_other_courts_staff_and_outsiders_are_refused(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    post_schedule(client(cast.judge), case, cast.room1.pk)
    h = Hearing.objects.get(case=case)
    xs = client(cast.xs_judge)
    assert xs.get(f"/console/trial/hearings/{h.pk}/").status_code == 404
    assert xs.get(f"/console/trial/hearings/cases/{case.pk}/schedule/").status_code == 404
    out = client(cast.outsider)
    r = post_schedule(out, case, cast.room2.pk, start="11:00")
    assert r.status_code == 200
    assert "您不是本案的承办法官" in r.content.decode()
    assert Hearing.objects.filter(case=case).count() == 1


def test_serial_page_suggests_and_creates_a_group(cast: Cast):
    cases = [
        make_case(cast.chikan, plaintiffs=[party("某银行", credit_code=BANK_CODE, kind="legal")])
        for _ in range(2)
    ]
    c = client(cast.chief)
    page = c.get("/console/trial/serial/").content.decode()
    assert "原告方均为某银行" in page
    r = c.post("/console/trial/serial/", {"case_ids": [x.pk for x in cases], "name": "银行系列案"})
    assert r.status_code == 302
    gid = Case.objects.get(pk=cases[0].pk).serial_group_id
    assert r["Location"] == f"/console/trial/serial/{gid}/"
    assert "银行系列案" in c.get(r["Location"]).content.decode()
    r = c.post(f"/console/trial/serial/{gid}/act/schedule/", {
        "day": "2026-03-20", "start": "14:00", "minutes_each": "30", "courtroom": cast.room2.pk,
    })  # fmt: skip
    assert r.status_code == 302
    times = Hearing.objects.filter(case__serial_group_id=gid).order_by("starts_at")
    assert [h.starts_at for h in times] == [at(2026, 3, 20, 14), at(2026, 3, 20, 14, 30)]


def test_seed_courtrooms_is_idempotent(cast: Cast):
    call_command("seed_courtrooms", "--court", "粤0804")
    call_command("seed_courtrooms", "--court", "粤0804")
    names = list(
        Courtroom.objects.filter(court__code="粤0804").order_by("id").values_list("name", flat=True)
    )
    assert names == ["第一法庭", "第二法庭", "第三法庭", "第四法庭", "第五法庭", "在线庭审室"]
