"""Hearings (part B of issue #6): scheduling with conflict detection, override, adjournment
limits (EXT2019 Arts 3, 5), online objections (ONLINE Art 21), in-court pronouncement, the
denials and bad input."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from yizhan.audit.models import AuditEvent
from yizhan.cases.models import Case, DocketEntry
from yizhan.factories import CauseFactory, resident_id
from yizhan.filing.tests.helpers import Api, assert_error
from yizhan.trial.models import (
    Adjournment,
    ConflictOverride,
    Hearing,
    HearingNotice,
    OnlineObjection,
)

from .hearing_helpers import Cast, at, iso, make_case, party, seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db: Any) -> Cast:
    return Cast()


NOW = at(2026, 3, 10, 8, 0)  # a Tuesday
LAWYER = ("陈律师", "14408201810000001")


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(NOW, tick=False) as t:
        yield t


def schedule(user: Any, case: Case, start: str, end: str, room: int | None, **extra: Any) -> Any:
    body = {"starts_at": start, "ends_at": end, "courtroom_id": room, **extra}
    return Api(user).post(f"/trial/cases/{case.pk}/hearings", body)


def kinds(response: Any) -> list[tuple[str, int]]:
    return [(c["kind"], c["case_id"]) for c in response.json()["fields"]["conflicts"]]


# --- scheduling ------------------------------------------------------------------------------


def test_schedule_writes_the_hearing_a_notice_per_party_the_docket_and_the_audit(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    r = schedule(cast.judge, case, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["starts_at"] == "2026-03-20T09:00:00+08:00"
    assert body["ends_at"] == "2026-03-20T10:00:00+08:00"
    assert body["courtroom"] == "第一法庭"
    assert body["status"] == "scheduled"
    notices = HearingNotice.objects.filter(hearing_id=body["id"]).order_by("id")
    assert [n.party.name for n in notices] == ["张三", "王五"]
    assert notices[0].kind == "scheduled"
    assert notices[0].text == (
        f"{case.number}定于2026年03月20日 09:00在湛江市赤坎区人民法院第一法庭开庭审理，"
        "请准时到庭（在线庭审请提前登录）。"
    )
    texts = list(DocketEntry.objects.filter(case=case).values_list("text", flat=True))
    assert texts == ["排期：2026-03-20 09:00–10:00 第一法庭", "向当事人发出开庭传票/通知 2 份"]
    event = AuditEvent.objects.get(action="trial.hearing_scheduled")
    assert event.subject_id == str(case.pk)
    assert event.actor == cast.judge


def test_a_panel_assistant_may_schedule(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    seat(case, cast.assistant, "assistant")
    r = schedule(cast.assistant, case, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    assert r.status_code == 201, r.content


def test_a_case_docketed_through_the_filing_flow_is_scheduled(cast: Cast):
    from yizhan.factories import clerk, litigant
    from yizhan.filing.actions import accept_filing
    from yizhan.filing.tests.helpers import submitted_filing_direct

    CauseFactory()
    alice = litigant(real_name="张三", id_number=resident_id(1))
    filing = submitted_filing_direct(alice)
    case = accept_filing(filing.pk, acting_user=clerk(cast.chikan))
    Case.objects.filter(pk=case.pk).update(judge=cast.judge)
    r = schedule(cast.judge, case, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    assert r.status_code == 201, r.content
    assert HearingNotice.objects.filter(hearing_id=r.json()["id"]).count() == 2


def test_same_courtroom_overlap_is_a_conflict(cast: Cast):
    first = make_case(cast.chikan, judge=cast.judge)
    second = make_case(cast.chikan, judge=cast.judge2)
    assert schedule(cast.judge, first, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10),
                    cast.room1.pk).status_code == 201  # fmt: skip
    r = schedule(cast.judge2, second, iso(2026, 3, 20, 9, 30), iso(2026, 3, 20, 11), cast.room1.pk)
    body = assert_error(r, 409, "hearing_conflicts")
    assert kinds(r) == [("courtroom", first.pk)]
    assert body["fields"]["conflicts"][0]["reason"] == (
        f"湛江市赤坎区人民法院第一法庭在 2026-03-20 09:00–10:00 已排定{first.number}的庭审"
    )
    assert Hearing.objects.filter(case=second).count() == 0


def test_back_to_back_hearings_do_not_conflict(cast: Cast):
    first = make_case(cast.chikan, judge=cast.judge)
    second = make_case(cast.chikan, judge=cast.judge)
    assert schedule(cast.judge, first, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10),
                    cast.room1.pk).status_code == 201  # fmt: skip
    r = schedule(cast.judge, second, iso(2026, 3, 20, 10), iso(2026, 3, 20, 11), cast.room1.pk)
    assert r.status_code == 201, r.content


def test_same_judge_in_another_courtroom_is_a_conflict(cast: Cast):
    first = make_case(cast.chikan, judge=cast.judge)
    second = make_case(cast.chikan, judge=cast.judge)
    schedule(cast.judge, first, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    r = schedule(cast.judge, second, iso(2026, 3, 20, 9, 30), iso(2026, 3, 20, 10, 30),
                 cast.room2.pk)  # fmt: skip
    body = assert_error(r, 409, "hearing_conflicts")
    assert kinds(r) == [("judge", first.pk)]
    assert body["fields"]["conflicts"][0]["reason"] == (
        f"本案承办法官王法官同时担任{first.number}的承办法官，该案于 2026-03-20 09:00 开庭"
    )


def test_a_panel_member_sitting_on_both_cases_is_a_conflict(cast: Cast):
    first = make_case(cast.chikan, judge=cast.judge)
    second = make_case(cast.chikan, judge=cast.judge2)
    seat(first, cast.outsider, "assessor")
    seat(second, cast.outsider, "assessor")
    schedule(cast.judge, first, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    r = schedule(cast.judge2, second, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room2.pk)
    body = assert_error(r, 409, "hearing_conflicts")
    assert kinds(r) == [("panel", first.pk)]
    assert "人民陪审员赵法官" in body["fields"]["conflicts"][0]["reason"]


def test_a_lawyer_shared_with_a_case_at_another_court_is_a_conflict(cast: Cast):
    here = make_case(
        cast.chikan,
        judge=cast.judge,
        plaintiffs=[party("张三", id_number=resident_id(1), lawyer=LAWYER)],
    )
    there = make_case(
        cast.xiashan,
        judge=cast.xs_judge,
        defendants=[party("刘六", id_number=resident_id(6), lawyer=LAWYER)],
    )
    assert schedule(cast.xs_judge, there, iso(2026, 3, 20, 9), iso(2026, 3, 20, 11),
                    cast.xs_room.pk).status_code == 201  # fmt: skip
    r = schedule(cast.judge, here, iso(2026, 3, 20, 10), iso(2026, 3, 20, 11), cast.room1.pk)
    body = assert_error(r, 409, "hearing_conflicts")
    assert kinds(r) == [("lawyer", there.pk)]
    c = body["fields"]["conflicts"][0]
    assert c["court"] == "湛江市霞山区人民法院"
    assert c["reason"] == (
        f"代理律师陈律师（执业证号 14408201810000001）同时代理湛江市霞山区人民法院"
        f"{there.number}，该案于 2026-03-20 09:00 开庭"
    )


def test_adjourned_and_cancelled_hearings_do_not_conflict(cast: Cast):
    first = make_case(cast.chikan, judge=cast.judge)
    second = make_case(cast.chikan, judge=cast.judge)
    hid = schedule(cast.judge, first, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10),
                   cast.room1.pk).json()["id"]  # fmt: skip
    Api(cast.judge).post(f"/trial/hearings/{hid}/cancel", {"reason": "原告撤诉"})
    r = schedule(cast.judge, second, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    assert r.status_code == 201, r.content


def test_the_conflict_check_lists_every_reason_and_writes_nothing(cast: Cast):
    first = make_case(cast.chikan, judge=cast.judge)
    second = make_case(cast.chikan, judge=cast.judge)
    schedule(cast.judge, first, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    before = (Hearing.objects.count(), AuditEvent.objects.count())
    r = Api(cast.judge).post(f"/trial/cases/{second.pk}/hearing-conflicts", {
        "starts_at": iso(2026, 3, 20, 9), "ends_at": iso(2026, 3, 20, 9, 30),
        "courtroom_id": cast.room1.pk,
    })  # fmt: skip
    assert r.status_code == 200, r.content
    assert [(c["kind"], c["case_id"]) for c in r.json()["conflicts"]] == [
        ("courtroom", first.pk), ("judge", first.pk),
    ]  # fmt: skip
    assert (Hearing.objects.count(), AuditEvent.objects.count()) == before


def test_a_division_chief_may_override_conflicts_with_a_reason(cast: Cast):
    first = make_case(cast.chikan, judge=cast.judge)
    second = make_case(cast.chikan, judge=cast.judge2)
    schedule(cast.judge, first, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    r = schedule(cast.chief, second, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk,
                 override_reason="第一法庭上午案件预计半小时结束")  # fmt: skip
    assert r.status_code == 201, r.content
    override = ConflictOverride.objects.get(hearing_id=r.json()["id"])
    assert override.by == cast.chief
    assert override.reason == "第一法庭上午案件预计半小时结束"
    assert [c["kind"] for c in override.conflicts] == ["courtroom"]
    event = AuditEvent.objects.get(action="trial.hearing_conflict_overridden")
    assert event.after["reason"] == "第一法庭上午案件预计半小时结束"


def test_a_judge_may_not_override_conflicts(cast: Cast):
    first = make_case(cast.chikan, judge=cast.judge)
    second = make_case(cast.chikan, judge=cast.judge2)
    schedule(cast.judge, first, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    r = schedule(cast.judge2, second, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk,
                 override_reason="我想排在这里")  # fmt: skip
    assert_error(r, 403, "override_chief_only")
    assert not Hearing.objects.filter(case=second).exists()
    assert not ConflictOverride.objects.exists()


# --- adjournment (EXT2019 Arts 3, 5) -----------------------------------------------------------


def adjourn(user: Any, hearing_id: int, **extra: Any) -> Any:
    body = {"ground": "party_absent", "reason": "被告因病不能到庭", **extra}
    return Api(user).post(f"/trial/hearings/{hearing_id}/adjourn", body)


def hearing_for(cast: Cast, case: Case, day: int) -> int:
    r = schedule(cast.judge, case, iso(2026, 3, day, 9), iso(2026, 3, day, 10), cast.room1.pk)
    assert r.status_code == 201, r.content
    return int(r.json()["id"])


def test_ordinary_procedure_allows_two_adjournments_ext2019_art3(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge, procedure="ordinary")
    for day in (16, 17):
        assert adjourn(cast.judge, hearing_for(cast, case, day)).status_code == 200
    r = adjourn(cast.judge, hearing_for(cast, case, 18))
    body = assert_error(r, 409, "adjournment_limit")
    assert body["fields"] == {"procedure": "普通程序", "limit": 2, "adjourned": 2}
    assert Adjournment.objects.filter(case=case).count() == 2


@pytest.mark.parametrize(
    ("procedure", "label"), [("simple", "简易程序"), ("small_claims", "小额诉讼程序")]
)
def test_simple_and_small_claims_allow_one_adjournment_ext2019_art3(cast: Cast, procedure: str,
                                                                     label: str):  # fmt: skip
    case = make_case(cast.chikan, judge=cast.judge, procedure=procedure)
    assert adjourn(cast.judge, hearing_for(cast, case, 16)).status_code == 200
    r = adjourn(cast.judge, hearing_for(cast, case, 17))
    body = assert_error(r, 409, "adjournment_limit")
    assert body["fields"] == {"procedure": label, "limit": 1, "adjourned": 1}


def test_adjournment_notifies_the_parties(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    hid = hearing_for(cast, case, 20)
    r = adjourn(cast.judge, hid)
    assert r.status_code == 200
    assert r.json()["status"] == "adjourned"
    notices = HearingNotice.objects.filter(hearing_id=hid, kind="adjourned")
    assert notices.count() == 2
    assert notices[0].text == (
        f"{case.number}原定于2026年03月20日 09:00的庭审延期，再次开庭不晚于2026年04月20日，"
        "开庭时间另行通知。"
    )
    assert Hearing.objects.get(pk=hid).adjournment_reason == "被告因病不能到庭"


def test_next_session_within_one_month_on_the_2026_calendar_ext2019_art5(cast: Cast):
    # Adjourned on Thu 2026-04-30: one month ends Sat 2026-05-30, moved to Mon 2026-06-01.
    case = make_case(cast.chikan, judge=cast.judge)
    hid = schedule(cast.judge, case, iso(2026, 4, 30, 9), iso(2026, 4, 30, 10),
                   cast.room1.pk).json()["id"]  # fmt: skip
    late = adjourn(
        cast.judge, hid, new_starts_at=iso(2026, 6, 2, 9), new_ends_at=iso(2026, 6, 2, 10)
    )
    body = assert_error(late, 409, "adjournment_gap")
    assert body["fields"] == {
        "starts_at": "再次开庭应不晚于 2026-06-01",
        "adjourned_hearing": "2026-04-30 09:00",
        "next_due": "2026-06-01",
    }
    assert Hearing.objects.get(pk=hid).status == "scheduled"  # nothing changed
    ok = adjourn(cast.judge, hid, new_starts_at=iso(2026, 6, 1, 9), new_ends_at=iso(2026, 6, 1, 10))
    assert ok.status_code == 200, ok.content
    nxt = Hearing.objects.filter(case=case, status="scheduled").get()
    assert Adjournment.objects.get(hearing_id=hid).next_hearing == nxt


def test_the_gap_rule_also_applies_when_the_next_session_is_scheduled_later(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    hid = hearing_for(cast, case, 10 + 10)  # 2026-03-20 → due 2026-04-20 (Mon)
    adjourn(cast.judge, hid)
    r = schedule(cast.judge, case, iso(2026, 4, 21, 9), iso(2026, 4, 21, 10), cast.room1.pk)
    assert_error(r, 409, "adjournment_gap")
    r = schedule(cast.judge, case, iso(2026, 4, 20, 9), iso(2026, 4, 20, 10), cast.room1.pk)
    assert r.status_code == 201, r.content


@pytest.mark.parametrize("ground", ["force_majeure", "consent"])
def test_force_majeure_or_consent_allow_a_longer_gap_ext2019_art5(cast: Cast, ground: str):
    case = make_case(cast.chikan, judge=cast.judge)
    hid = hearing_for(cast, case, 20)
    r = adjourn(cast.judge, hid, ground=ground, new_starts_at=iso(2026, 7, 15, 9),
                new_ends_at=iso(2026, 7, 15, 10))  # fmt: skip
    assert r.status_code == 200, r.content
    assert Hearing.objects.filter(case=case, status="scheduled").get().starts_at == at(2026, 7, 15)


# --- online hearings (ONLINE Art 21) ----------------------------------------------------------


def object_online(cast: Cast, case: Case, name: str, **extra: Any) -> Any:
    pid = case.case_parties.get(party__name=name).party_id
    return Api(cast.judge).post(
        f"/trial/cases/{case.pk}/online-objections",
        {"party_id": pid, "reason": "不熟悉线上操作", **extra},
    )


def online(cast: Cast, case: Case, day: int = 20) -> Any:
    return schedule(cast.judge, case, iso(2026, 3, day, 9), iso(2026, 3, day, 10),
                    cast.online_room.pk, online=True)  # fmt: skip


def test_online_hearing_allowed_when_only_one_side_objects_without_good_reason(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    assert object_online(cast, case, "王五").status_code == 201
    r = online(cast, case)
    assert r.status_code == 201
    assert r.json()["online"] is True


def test_online_hearing_refused_when_both_sides_object_online_art21(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    object_online(cast, case, "王五")
    object_online(cast, case, "张三")
    body = assert_error(online(cast, case), 409, "online_objected")
    assert body["fields"] == {"online": "双方当事人均不同意在线庭审"}
    # an offline hearing is still possible
    r = schedule(cast.judge, case, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    assert r.status_code == 201


def test_online_hearing_refused_on_one_objection_with_good_reason_and_allowed_once_withdrawn(
    cast: Cast,
):
    case = make_case(cast.chikan, judge=cast.judge)
    object_online(cast, case, "王五", good_reason=True, reason="年逾八旬，无智能设备")
    body = assert_error(online(cast, case), 409, "online_objected")
    assert body["fields"] == {"online": "王五有正当理由不同意在线庭审"}
    assert object_online(cast, case, "王五", withdrawn=True).status_code == 201
    assert OnlineObjection.objects.get(case=case).withdrawn is True
    assert online(cast, case).status_code == 201


def test_online_hearing_needs_an_online_capable_room(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    r = schedule(cast.judge, case, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10),
                 cast.offline_room.pk, online=True)  # fmt: skip
    assert_error(r, 422, "courtroom_invalid")


def test_objection_by_someone_not_a_party_is_refused(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    other = party("路人甲")
    r = Api(cast.judge).post(f"/trial/cases/{case.pk}/online-objections", {"party_id": other.pk})
    assert_error(r, 422, "not_a_party")


def test_objection_by_a_party_id_no_column_can_hold_is_refused(cast: Cast):
    # 2**63 raised OverflowError on the SQLite query, a 500.
    case = make_case(cast.chikan, judge=cast.judge)
    r = Api(cast.judge).post(f"/trial/cases/{case.pk}/online-objections", {"party_id": 2**63})
    assert_error(r, 422, "not_a_party")
    assert not OnlineObjection.objects.exists()


def test_the_conflict_check_takes_a_naive_and_an_aware_time(cast: Cast):
    # A naive time (court time) against an aware one raised TypeError comparing them, a 500.
    case = make_case(cast.chikan, judge=cast.judge)
    r = Api(cast.judge).post(f"/trial/cases/{case.pk}/hearing-conflicts", {
        "starts_at": "9999-12-31T23:59:59", "ends_at": iso(2026, 3, 20, 10), "courtroom_id": None,
    })  # fmt: skip
    assert_error(r, 422, "hearing_bad_times")
    r = Api(cast.judge).post(f"/trial/cases/{case.pk}/hearing-conflicts", {
        "starts_at": iso(2026, 3, 20, 9), "ends_at": "2026-03-20T10:00:00", "courtroom_id": None,
    })  # fmt: skip
    assert r.status_code == 200, r.content


# --- holding the hearing and 当庭宣判 ------------------------------------------------------------


def test_in_court_pronouncement_is_recorded_on_hearing_and_case(cast: Cast, frozen: Any):
    case = make_case(cast.chikan, judge=cast.judge)
    hid = hearing_for(cast, case, 20)
    early = Api(cast.judge).post(f"/trial/hearings/{hid}/hold", {"pronounced_in_court": True})
    assert_error(early, 409, "hearing_not_started")
    frozen.move_to(at(2026, 3, 20, 10, 30))
    r = Api(cast.judge).post(f"/trial/hearings/{hid}/hold", {"pronounced_in_court": True})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "held"
    assert r.json()["pronounced_in_court"] is True
    case.refresh_from_db()
    assert case.pronounced_in_court is True
    assert DocketEntry.objects.filter(case=case, kind="pronounced_in_court").count() == 1
    again = Api(cast.judge).post(f"/trial/hearings/{hid}/hold", {})
    assert_error(again, 409, "hearing_not_scheduled")


def test_holding_without_pronouncement_leaves_the_case_flag(cast: Cast, frozen: Any):
    case = make_case(cast.chikan, judge=cast.judge)
    hid = hearing_for(cast, case, 20)
    frozen.move_to(at(2026, 3, 20, 10, 30))
    r = Api(cast.judge).post(f"/trial/hearings/{hid}/hold", {"note": "法庭调查、辩论终结"})
    assert r.status_code == 200
    assert r.json()["pronounced_in_court"] is False
    case.refresh_from_db()
    assert case.pronounced_in_court is False


# --- lists -----------------------------------------------------------------------------------


def test_court_list_by_day_and_judge(cast: Cast):
    a = make_case(cast.chikan, judge=cast.judge)
    b = make_case(cast.chikan, judge=cast.judge2)
    schedule(cast.judge, a, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    schedule(cast.judge2, b, iso(2026, 3, 20, 14), iso(2026, 3, 20, 15), cast.room1.pk)
    schedule(cast.judge2, b, iso(2026, 3, 23, 14), iso(2026, 3, 23, 15), cast.room1.pk)
    api = Api(cast.chief)
    day = api.get("/trial/hearings", court_id=cast.chikan.pk, day="2026-03-20").json()
    assert [h["case_number"] for h in day] == [a.number, b.number]
    week = api.get("/trial/hearings", court_id=cast.chikan.pk, day="2026-03-17", days=7,
                   judge_id=cast.judge2.pk).json()  # fmt: skip
    assert [h["starts_at"] for h in week] == [
        "2026-03-20T14:00:00+08:00",
        "2026-03-23T14:00:00+08:00",
    ]
    rooms = api.get("/trial/courtrooms", court_id=cast.chikan.pk).json()
    assert [r["name"] for r in rooms] == ["在线庭审室", "第一法庭", "第三法庭", "第二法庭"]


# --- denials ---------------------------------------------------------------------------------


def test_a_judge_outside_the_panel_cannot_schedule_or_adjourn(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    r = schedule(cast.outsider, case, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.room1.pk)
    assert_error(r, 403, "not_on_panel")
    hid = hearing_for(cast, case, 20)
    assert_error(adjourn(cast.outsider, hid), 403, "not_on_panel")
    assert_error(Api(cast.outsider).post(f"/trial/hearings/{hid}/hold", {}), 403, "not_on_panel")
    assert not Adjournment.objects.exists()


def test_another_courts_staff_get_404(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    hid = hearing_for(cast, case, 20)
    for user in (cast.xs_judge, cast.xs_chief):
        api = Api(user)
        r = api.post(f"/trial/cases/{case.pk}/hearings",
                      {"starts_at": iso(2026, 3, 21), "ends_at": iso(2026, 3, 21, 10),
                       "courtroom_id": cast.room1.pk})  # fmt: skip
        assert_error(r, 404, "not_found")
        assert_error(api.get(f"/trial/hearings/{hid}"), 404, "not_found")
        assert_error(adjourn(user, hid), 404, "not_found")
        assert_error(api.get("/trial/hearings", court_id=cast.chikan.pk), 404, "not_found")


def test_litigants_and_anonymous_are_refused(cast: Cast):
    from yizhan.factories import litigant

    case = make_case(cast.chikan, judge=cast.judge)
    hid = hearing_for(cast, case, 20)
    assert_error(Api(litigant()).get(f"/trial/hearings/{hid}"), 404, "not_found")
    assert_error(Api().get(f"/trial/hearings/{hid}"), 401, "not_authenticated")


# --- bad input -------------------------------------------------------------------------------


def test_bad_input_changes_nothing(cast: Cast):
    case = make_case(cast.chikan, judge=cast.judge)
    before = (Hearing.objects.count(), AuditEvent.objects.count(), HearingNotice.objects.count())
    j = cast.judge
    assert_error(schedule(j, case, iso(2026, 3, 20, 10), iso(2026, 3, 20, 9), cast.room1.pk),
                 422, "hearing_bad_times")  # fmt: skip
    assert_error(schedule(j, case, iso(2026, 3, 9, 9), iso(2026, 3, 9, 10), cast.room1.pk),
                 422, "hearing_bad_times")  # fmt: skip
    assert_error(schedule(j, case, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), cast.xs_room.pk),
                 422, "courtroom_invalid")  # fmt: skip
    assert_error(schedule(j, case, iso(2026, 3, 20, 9), iso(2026, 3, 20, 10), None),
                 422, "courtroom_invalid")  # fmt: skip
    assert_error(schedule(j, case, "tomorrow", iso(2026, 3, 20, 10), cast.room1.pk),
                 422, "invalid_input")  # fmt: skip
    hid = hearing_for(cast, case, 20)
    before = (Hearing.objects.count(), AuditEvent.objects.count(), HearingNotice.objects.count())
    assert_error(adjourn(j, hid, ground="bored"), 422, "invalid_input")
    assert_error(adjourn(j, hid, reason=" "), 422, "reason_required")
    assert_error(adjourn(j, hid, new_starts_at=iso(2026, 3, 25)), 422, "hearing_bad_times")
    assert (Hearing.objects.count(), AuditEvent.objects.count(),
            HearingNotice.objects.count()) == before  # fmt: skip
    assert_error(Api(j).get("/trial/hearings", court_id=cast.chikan.pk, days=99), 422,
                 "invalid_input")  # fmt: skip
