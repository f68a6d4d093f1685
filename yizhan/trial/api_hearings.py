"""API of hearings and serial cases (mounted inside the trial router at /api/v1/trial)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status

from yizhan.core.errors import CommonError
from yizhan.core.time import today

from . import hearings, serial
from .models import Courtroom

router = Router(tags=["trial-hearings"])


# --- schemas ---------------------------------------------------------------------------------


class ScheduleIn(Schema):
    starts_at: datetime
    ends_at: datetime
    courtroom_id: int | None = None
    online: bool = False
    override_reason: str = Field("", max_length=300)


class ConflictQuery(Schema):
    starts_at: datetime
    ends_at: datetime
    courtroom_id: int | None = None


class AdjournIn(Schema):
    ground: str
    reason: str = Field(..., max_length=300)
    new_starts_at: datetime | None = None
    new_ends_at: datetime | None = None
    courtroom_id: int | None = None
    online: bool | None = None
    override_reason: str = Field("", max_length=300)


class HoldIn(Schema):
    pronounced_in_court: bool = False
    note: str = Field("", max_length=300)


class HearingReasonIn(Schema):
    reason: str = Field(..., max_length=300)


class ObjectionIn(Schema):
    party_id: int
    reason: str = Field("", max_length=300)
    good_reason: bool = False
    withdrawn: bool = False


class GroupIn(Schema):
    court_id: int
    case_ids: list[int] = Field(..., max_length=500)
    name: str = Field("", max_length=200)


class AttachIn(Schema):
    case_ids: list[int] = Field(..., max_length=500)


class BatchAssignIn(Schema):
    judge_id: int
    reason: str = Field(..., max_length=300)


class BatchScheduleIn(Schema):
    courtroom_id: int | None = None
    starts_at: datetime
    minutes_each: int = 30
    gap_minutes: int = 0
    online: bool = False
    override_reason: str = Field("", max_length=300)


class ConflictOut(Schema):
    kind: str
    hearing_id: int
    case_id: int
    case_number: str
    court: str
    starts_at: str
    ends_at: str
    reason: str


class ConflictsOut(Schema):
    conflicts: list[ConflictOut]


class HearingOut(Schema):
    id: int
    case_id: int
    case_number: str
    courtroom_id: int | None
    courtroom: str
    starts_at: str
    ends_at: str
    online: bool
    status: str
    status_label: str
    judge: str
    adjournment_reason: str
    pronounced_in_court: bool


class CourtroomOut(Schema):
    id: int
    name: str
    online_capable: bool


class SuggestionOut(Schema):
    key: str
    reason: str
    cause: str
    side: str
    party: str
    case_ids: list[int]
    case_numbers: list[str]


class GroupOut(Schema):
    id: int
    name: str
    court_id: int
    cases: list[dict[str, Any]]


class IdOut(Schema):
    id: int


# --- helpers ---------------------------------------------------------------------------------


def _group(group: Any) -> dict[str, Any]:
    return {
        "id": group.pk,
        "name": group.name,
        "court_id": group.court_id,
        "cases": [
            {"id": c.pk, "number": c.number, "judge_id": c.judge_id, "status": c.status}
            for c in serial.group_cases(group)
        ],
    }


def _hearing(request: HttpRequest, hearing_id: int) -> dict[str, Any]:
    return hearings.hearing_dict(hearings.access_hearing(request.user, hearing_id))


# --- courtrooms and hearings -----------------------------------------------------------------


@router.get("/courtrooms", response=list[CourtroomOut], summary="本院法庭")
def courtrooms(request: HttpRequest, court_id: int) -> list[Courtroom]:
    hearings.require_court_staff(request.user, court_id)
    return list(Courtroom.objects.filter(court_id=court_id).order_by("name"))


@router.get("/hearings", response=list[HearingOut], summary="庭审排期（按法院、日期、法官、法庭）")
def list_hearings(
    request: HttpRequest,
    court_id: int,
    day: date | None = None,
    days: int = 1,
    judge_id: int | None = None,
    courtroom_id: int | None = None,
) -> list[dict[str, Any]]:
    hearings.require_court_staff(request.user, court_id)
    if not 1 <= days <= 31:
        raise CommonError.INVALID_INPUT.exc(fields={"days": "1–31 天。"})
    start = day or today()
    qs = hearings.court_hearings(
        court_id, start, start + timedelta(days=days - 1), judge_id=judge_id,
        courtroom_id=courtroom_id,
    )  # fmt: skip
    return [hearings.hearing_dict(h) for h in qs[:1000]]


@router.get("/hearings/{hearing_id}", response=HearingOut, summary="庭审详情")
def get_hearing(request: HttpRequest, hearing_id: int) -> dict[str, Any]:
    return _hearing(request, hearing_id)


@router.post(
    "/cases/{case_id}/hearing-conflicts", response=ConflictsOut, summary="排期冲突检查（不保存）"
)
def conflicts(request: HttpRequest, case_id: int, payload: ConflictQuery) -> dict[str, Any]:
    found = hearings.check_conflicts(
        case_id, starts_at=payload.starts_at, ends_at=payload.ends_at,
        courtroom_id=payload.courtroom_id, acting_user=request.user,
    )  # fmt: skip
    return {"conflicts": [c.as_dict() for c in found]}


@router.post(
    "/cases/{case_id}/hearings",
    response={201: HearingOut},
    summary="排期（冲突时拒绝；庭长、院长可说明理由强制排期）",
)
def schedule(request: HttpRequest, case_id: int, payload: ScheduleIn) -> Status[Any]:
    h = hearings.schedule_hearing(
        case_id, starts_at=payload.starts_at, ends_at=payload.ends_at,
        courtroom_id=payload.courtroom_id, online=payload.online,
        override_reason=payload.override_reason, acting_user=request.user,
    )  # fmt: skip
    return Status(201, _hearing(request, h.pk))


@router.get("/cases/{case_id}/hearings", response=list[HearingOut], summary="本案庭审")
def case_hearings(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    from .permissions import access_trial_case

    case = access_trial_case(request.user, case_id)
    return [
        hearings.hearing_dict(h)
        for h in case.hearings.select_related("case", "courtroom", "case__judge")  # type: ignore[attr-defined]
    ]


@router.post(
    "/cases/{case_id}/online-objections",
    response={201: IdOut},
    summary="记录当事人不同意在线庭审（在线诉讼规则第二十一条）",
)
def online_objection(request: HttpRequest, case_id: int, payload: ObjectionIn) -> Status[Any]:
    o = hearings.record_online_objection(
        case_id, party_id=payload.party_id, reason=payload.reason,
        good_reason=payload.good_reason, withdrawn=payload.withdrawn, acting_user=request.user,
    )  # fmt: skip
    return Status(201, {"id": o.pk})


@router.post("/hearings/{hearing_id}/adjourn", response=HearingOut, summary="延期开庭")
def adjourn(request: HttpRequest, hearing_id: int, payload: AdjournIn) -> dict[str, Any]:
    hearings.adjourn_hearing(
        hearing_id, ground=payload.ground, reason=payload.reason,
        new_starts_at=payload.new_starts_at, new_ends_at=payload.new_ends_at,
        courtroom_id=payload.courtroom_id, online=payload.online,
        override_reason=payload.override_reason, acting_user=request.user,
    )  # fmt: skip
    return _hearing(request, hearing_id)


@router.post("/hearings/{hearing_id}/hold", response=HearingOut, summary="记录开庭（可当庭宣判）")
def hold(request: HttpRequest, hearing_id: int, payload: HoldIn) -> dict[str, Any]:
    hearings.hold_hearing(
        hearing_id, pronounced_in_court=payload.pronounced_in_court, note=payload.note,
        acting_user=request.user,
    )  # fmt: skip
    return _hearing(request, hearing_id)


@router.post("/hearings/{hearing_id}/cancel", response=HearingOut, summary="撤销排期")
def cancel(request: HttpRequest, hearing_id: int, payload: HearingReasonIn) -> dict[str, Any]:
    hearings.cancel_hearing(hearing_id, reason=payload.reason, acting_user=request.user)
    return _hearing(request, hearing_id)


# --- serial cases ------------------------------------------------------------------------------


@router.get("/serial/suggestions", response=list[SuggestionOut], summary="系列案推荐")
def suggestions(request: HttpRequest, court_id: int) -> list[dict[str, Any]]:
    hearings.require_court_staff(request.user, court_id)
    return [s.as_dict() for s in serial.suggest_groups(court_id)]


@router.post("/serial/groups", response={201: GroupOut}, summary="建立系列案")
def create_group(request: HttpRequest, payload: GroupIn) -> Status[Any]:
    group = serial.create_group(
        payload.court_id, case_ids=payload.case_ids, name=payload.name, acting_user=request.user
    )
    return Status(201, _group(group))


@router.get("/serial/groups/{group_id}", response=GroupOut, summary="系列案详情")
def get_group(request: HttpRequest, group_id: int) -> dict[str, Any]:
    return _group(serial.access_group(request.user, group_id))


@router.post("/serial/groups/{group_id}/cases", response=GroupOut, summary="系列案追加案件")
def attach(request: HttpRequest, group_id: int, payload: AttachIn) -> dict[str, Any]:
    group = serial.attach_cases(group_id, case_ids=payload.case_ids, acting_user=request.user)
    return _group(group)


@router.post("/serial/groups/{group_id}/assign", response=GroupOut, summary="系列案集中分案")
def batch_assign(request: HttpRequest, group_id: int, payload: BatchAssignIn) -> dict[str, Any]:
    serial.batch_assign(
        group_id, judge_id=payload.judge_id, reason=payload.reason, acting_user=request.user
    )
    return _group(serial.access_group(request.user, group_id))


@router.post(
    "/serial/groups/{group_id}/schedule",
    response={201: list[HearingOut]},
    summary="系列案集中排期（同一法庭连续时段）",
)
def batch_schedule(request: HttpRequest, group_id: int, payload: BatchScheduleIn) -> Status[Any]:
    made = serial.batch_schedule(
        group_id, courtroom_id=payload.courtroom_id, starts_at=payload.starts_at,
        minutes_each=payload.minutes_each, gap_minutes=payload.gap_minutes,
        online=payload.online, override_reason=payload.override_reason,
        acting_user=request.user,
    )  # fmt: skip
    return Status(201, [hearings.hearing_dict(h) for h in made])


@router.post(
    "/serial/groups/{group_id}/documents",
    response={200: None},
    summary="系列案批量制作传票（ZIP，每案一份 PDF）",
)
def batch_documents(request: HttpRequest, group_id: int) -> HttpResponse:
    name, data = serial.batch_documents(group_id, acting_user=request.user)
    resp = HttpResponse(data, content_type="application/zip")
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp
