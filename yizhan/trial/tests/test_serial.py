"""Serial cases (系列案, part B of issue #6): suggestions, groups, batch assignment, batch
scheduling in consecutive slots, batch 传票 as a zip; denials and bad input."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
import time_machine

from yizhan.audit.models import AuditEvent
from yizhan.cases.models import Case, DocketEntry
from yizhan.factories import resident_id
from yizhan.filing.tests.helpers import Api, assert_error
from yizhan.trial.models import Hearing

from .hearing_helpers import BANK_CODE, Cast, at, cause_row, iso, make_case, party

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db: Any) -> Cast:
    return Cast()


LAWYER = ("陈律师", "14408201810000001")


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(at(2026, 3, 10, 8), tick=False) as t:
        yield t


def bank() -> Any:
    return party("湛江某银行股份有限公司", credit_code=BANK_CODE, kind="legal", lawyer=LAWYER)


@pytest.fixture
def loans(cast: Cast) -> dict[str, Any]:
    """The bank sues three borrowers for 金融借款 (a group), and one for another cause; two
    workers sue the same employer (a group, matched by name); one closed case; one case of
    the same bank at another court."""
    loan = cause_row("9086", "金融借款合同纠纷")
    labour = cause_row("9401", "劳动争议")
    other = cause_row("9089", "民间借贷纠纷")
    c = cast.chikan
    borrowers = [party(f"借款人{i}", id_number=resident_id(10 + i)) for i in range(4)]
    cases = {
        "b1": make_case(c, cause=loan, plaintiffs=[bank()], defendants=[borrowers[0]]),
        "b2": make_case(c, cause=loan, plaintiffs=[bank()], defendants=[borrowers[1]]),
        "b3": make_case(c, cause=loan, plaintiffs=[bank()], defendants=[borrowers[2]]),
        "b_other": make_case(c, cause=other, plaintiffs=[bank()], defendants=[borrowers[3]]),
        "w1": make_case(c, cause=labour, plaintiffs=[party("工人甲", id_number=resident_id(21))],
                        defendants=[party("湛江某制衣厂", kind="legal")]),
        "w2": make_case(c, cause=labour, plaintiffs=[party("工人乙", id_number=resident_id(22))],
                        defendants=[party("湛江某制衣厂", kind="legal")]),
        "closed": make_case(c, cause=loan, plaintiffs=[bank()], status="closed"),
        "elsewhere": make_case(cast.xiashan, cause=loan, plaintiffs=[bank()]),
    }  # fmt: skip
    return cases


def test_suggestions_are_the_exact_groups(cast: Cast, loans: dict[str, Any]):
    r = Api(cast.judge).get("/trial/serial/suggestions", court_id=cast.chikan.pk)
    assert r.status_code == 200, r.content
    got = [(s["case_ids"], s["reason"]) for s in r.json()]
    assert got == [
        ([loans["b1"].pk, loans["b2"].pk, loans["b3"].pk],
         f"原告方均为湛江某银行股份有限公司（统一社会信用代码 {BANK_CODE}），"
         "案由均为金融借款合同纠纷，共 3 件"),
        ([loans["w1"].pk, loans["w2"].pk],
         "被告方均为湛江某制衣厂（名称相同），案由均为劳动争议，共 2 件"),
    ]  # fmt: skip


def test_grouped_cases_are_no_longer_suggested(cast: Cast, loans: dict[str, Any]):
    create(cast.chief, cast, [loans["w1"].pk, loans["w2"].pk])
    r = Api(cast.judge).get("/trial/serial/suggestions", court_id=cast.chikan.pk)
    assert [s["side"] for s in r.json()] == ["plaintiff"]


def create(user: Any, cast: Cast, ids: list[int], name: str = "某银行金融借款系列案") -> Any:
    return Api(user).post(
        "/trial/serial/groups", {"court_id": cast.chikan.pk, "case_ids": ids, "name": name}
    )


def loan_group(cast: Cast, loans: dict[str, Any]) -> int:
    r = create(cast.chief, cast, [loans["b3"].pk, loans["b1"].pk, loans["b2"].pk])
    assert r.status_code == 201, r.content
    return int(r.json()["id"])


def test_creating_a_group_attaches_the_cases_and_is_audited(cast: Cast, loans: dict[str, Any]):
    r = create(cast.chief, cast, [loans["b3"].pk, loans["b1"].pk, loans["b2"].pk])
    assert r.status_code == 201, r.content
    body = r.json()
    assert [c["number"] for c in body["cases"]] == [loans[k].number for k in ("b1", "b2", "b3")]
    assert Case.objects.filter(serial_group_id=body["id"]).count() == 3
    assert DocketEntry.objects.filter(kind="serial_grouped").count() == 3
    event = AuditEvent.objects.get(action="trial.serial_group_created")
    assert event.after["cases"] == [loans["b3"].pk, loans["b1"].pk, loans["b2"].pk]


def test_group_bad_input(cast: Cast, loans: dict[str, Any]):
    assert_error(create(cast.chief, cast, [loans["b1"].pk]), 422, "serial_too_few")
    assert_error(create(cast.chief, cast, [loans["b1"].pk, loans["closed"].pk]), 409,
                 "case_closed")  # fmt: skip
    assert_error(create(cast.chief, cast, [loans["b1"].pk, loans["elsewhere"].pk]), 404,
                 "not_found")  # fmt: skip
    loan_group(cast, loans)
    assert_error(create(cast.chief, cast, [loans["b1"].pk, loans["b_other"].pk]), 422,
                 "serial_case_invalid")  # fmt: skip
    assert not Case.objects.filter(pk=loans["b_other"].pk, serial_group__isnull=False).exists()


def test_a_judge_outside_the_cases_cannot_group_them(cast: Cast, loans: dict[str, Any]):
    assert_error(create(cast.outsider, cast, [loans["b1"].pk, loans["b2"].pk]), 403,
                 "not_on_panel")  # fmt: skip


def test_batch_assignment_by_the_division_chief(cast: Cast, loans: dict[str, Any]):
    gid = loan_group(cast, loans)
    r = Api(cast.chief).post(
        f"/trial/serial/groups/{gid}/assign",
        {"judge_id": cast.judge.pk, "reason": "同一原告系列案集中审理"},
    )
    assert r.status_code == 200, r.content
    assert {c["judge_id"] for c in r.json()["cases"]} == {cast.judge.pk}
    assert set(
        Case.objects.filter(serial_group_id=gid).values_list("assignment_method", flat=True)
    ) == {"manual"}
    assert AuditEvent.objects.filter(action="trial.case_assigned_manually").count() == 3
    assert AuditEvent.objects.get(action="trial.serial_assigned").after["judge"] == cast.judge.pk


def test_batch_assignment_denied_to_a_judge(cast: Cast, loans: dict[str, Any]):
    gid = loan_group(cast, loans)
    for k in ("b1", "b2", "b3"):
        Case.objects.filter(pk=loans[k].pk).update(judge=cast.judge)
    r = Api(cast.judge).post(
        f"/trial/serial/groups/{gid}/assign", {"judge_id": cast.judge2.pk, "reason": "换人"}
    )
    assert_error(r, 403, "chief_only")
    assert set(Case.objects.filter(serial_group_id=gid).values_list("judge_id", flat=True)) == {
        cast.judge.pk}  # fmt: skip


def batch_schedule(user: Any, gid: int, **extra: Any) -> Any:
    return Api(user).post(f"/trial/serial/groups/{gid}/schedule", {
        "courtroom_id": extra.pop("room"), "starts_at": iso(2026, 3, 20, 9),
        "minutes_each": 40, "gap_minutes": 10, **extra,
    })  # fmt: skip


def test_batch_scheduling_gives_consecutive_slots_in_one_courtroom(
    cast: Cast, loans: dict[str, Any]
):
    gid = loan_group(cast, loans)
    for k in ("b1", "b2", "b3"):
        Case.objects.filter(pk=loans[k].pk).update(judge=cast.judge)
    r = batch_schedule(cast.judge, gid, room=cast.room1.pk)
    assert r.status_code == 201, r.content
    assert [(h["case_number"], h["starts_at"][11:16], h["ends_at"][11:16]) for h in r.json()] == [
        (loans["b1"].number, "09:00", "09:40"),
        (loans["b2"].number, "09:50", "10:30"),
        (loans["b3"].number, "10:40", "11:20"),
    ]  # the shared lawyer and judge do not conflict with themselves across slots
    assert AuditEvent.objects.filter(action="trial.hearing_scheduled").count() == 3


def test_batch_scheduling_is_all_or_nothing_on_a_conflict(cast: Cast, loans: dict[str, Any]):
    gid = loan_group(cast, loans)
    blocker = make_case(cast.chikan, judge=cast.judge2)
    r = Api(cast.judge2).post(f"/trial/cases/{blocker.pk}/hearings", {
        "starts_at": iso(2026, 3, 20, 10), "ends_at": iso(2026, 3, 20, 10, 45),
        "courtroom_id": cast.room1.pk,
    })  # fmt: skip
    assert r.status_code == 201
    r = batch_schedule(cast.chief, gid, room=cast.room1.pk)
    body = assert_error(r, 409, "hearing_conflicts")
    conflicts = body["fields"]["conflicts"]
    assert sorted(conflicts) == sorted([loans["b2"].number, loans["b3"].number])
    assert [c["kind"] for c in conflicts[loans["b2"].number]] == ["courtroom"]
    assert Hearing.objects.filter(case__serial_group_id=gid).count() == 0


def test_batch_scheduling_must_fit_in_the_day(cast: Cast, loans: dict[str, Any]):
    gid = loan_group(cast, loans)
    r = Api(cast.chief).post(f"/trial/serial/groups/{gid}/schedule", {
        "courtroom_id": cast.room1.pk, "starts_at": iso(2026, 3, 20, 22),
        "minutes_each": 60,
    })  # fmt: skip
    assert_error(r, 422, "slots_overflow")


@pytest.mark.slow
def test_batch_documents_are_a_zip_with_one_pdf_per_scheduled_case(
    cast: Cast, loans: dict[str, Any]
):
    gid = loan_group(cast, loans)
    api = Api(cast.chief)
    assert_error(api.post(f"/trial/serial/groups/{gid}/documents"), 409, "wrong_state")
    assert batch_schedule(cast.chief, gid, room=cast.room1.pk).status_code == 201
    r = api.post(f"/trial/serial/groups/{gid}/documents")
    assert r.status_code == 200, r.content
    assert r["Content-Type"] == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(r.content))
    names = zf.namelist()
    assert names == [f"{loans[k].number}-传票.pdf" for k in ("b1", "b2", "b3")]
    assert all(zf.read(n).startswith(b"%PDF") for n in names)
    assert DocketEntry.objects.filter(kind="summons_issued").count() == 3
    assert AuditEvent.objects.filter(action="trial.serial_documents_issued").count() == 1


def test_another_courts_staff_get_404_on_groups(cast: Cast, loans: dict[str, Any]):
    gid = loan_group(cast, loans)
    api = Api(cast.xs_chief)
    assert_error(api.get(f"/trial/serial/groups/{gid}"), 404, "not_found")
    assert_error(api.post(f"/trial/serial/groups/{gid}/documents"), 404, "not_found")
    assert_error(batch_schedule(cast.xs_chief, gid, room=cast.room1.pk), 404, "not_found")
    assert_error(api.get("/trial/serial/suggestions", court_id=cast.chikan.pk), 404, "not_found")
