"""Trial endpoints (part A): assignment, limits, closure, appeals, enforcement."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from yizhan.cases.models import Case
from yizhan.cases.selectors import access_case

from . import actions
from .deadlines import disclosed_figures
from .schemas import (
    AppealIn,
    AppealOut,
    AssignIn,
    CaseAssignmentOut,
    CaseRefOut,
    ClosedOut,
    CloseIn,
    ConversionIn,
    EndSuspensionIn,
    EnforcementCloseIn,
    EnforcementIn,
    ExtensionDecisionIn,
    ExtensionOut,
    LimitOut,
    MeasureIn,
    OutcomeIn,
    SuspensionIn,
    TimeLimitExtensionIn,
)

router = Router(tags=["trial"])


def _assignment(case: Case) -> dict[str, Any]:
    case.refresh_from_db()
    return {
        "id": case.pk,
        "number": case.number,
        "judge_id": case.judge_id,
        "team_id": case.team_id,
        "assignment_method": case.assignment_method,
        "is_leader_case": case.is_leader_case,
        "limit_due": case.limit_due,
    }


def _closed(case: Case) -> dict[str, Any]:
    case.refresh_from_db()
    return {
        "id": case.pk,
        "status": case.status,
        "closure_method": case.closure_method,
        "closed_on": case.closed_on,
        "closed_within_limit": case.closed_within_limit,
    }


@router.post("/cases/{case_id}/assign", response=CaseAssignmentOut, summary="随机分案")
def assign(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _assignment(actions.assign_case(case_id, acting_user=request.user))


@router.post(
    "/cases/{case_id}/assign-manual",
    response=CaseAssignmentOut,
    summary="指定分案（庭长，须说明理由）",
)
def assign_manual(request: HttpRequest, case_id: int, data: AssignIn) -> dict[str, Any]:
    return _assignment(
        actions.assign_manually(
            case_id,
            judge_id=data.judge_id,
            reason=data.reason,
            team_id=data.team_id,
            acting_user=request.user,
        )
    )


@router.get(
    "/cases/{case_id}/limit",
    response=LimitOut,
    summary="审限信息（当事人可查看：延长审限规定第七条）",
)
def limit(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = access_case(request.user, case_id)
    return disclosed_figures(case)


@router.post("/cases/{case_id}/suspensions", response={201: dict}, summary="扣除审限")
def suspend(request: HttpRequest, case_id: int, data: SuspensionIn) -> Status:
    s = actions.start_suspension(
        case_id,
        kind=data.kind,
        start_on=data.start_on,
        end_on=data.end_on,
        reason=data.reason,
        acting_user=request.user,
    )
    return Status(201, {"id": s.pk, "limit_due": s.case.limit_due})


@router.post("/suspensions/{suspension_id}/end", response=dict, summary="扣除期间结束")
def end_suspension(
    request: HttpRequest, suspension_id: int, data: EndSuspensionIn
) -> dict[str, Any]:
    s = actions.end_suspension(suspension_id, end_on=data.end_on, acting_user=request.user)
    return {"id": s.pk, "end_on": s.end_on}


@router.post("/cases/{case_id}/extensions", response={201: ExtensionOut}, summary="申请延长审限")
def request_extension(request: HttpRequest, case_id: int, data: TimeLimitExtensionIn) -> Status:
    return Status(
        201,
        actions.request_extension(
            case_id,
            reason=data.reason,
            months=data.months,
            days=data.days,
            acting_user=request.user,
        ),
    )


@router.post(
    "/extensions/{extension_id}/decision",
    response=ExtensionOut,
    summary="审批延长审限（院长 / 上级法院）",
)
def decide_extension(request: HttpRequest, extension_id: int, data: ExtensionDecisionIn) -> Any:
    return actions.decide_extension(
        extension_id, approve=data.approve, reason=data.reason, acting_user=request.user
    )


@router.post(
    "/cases/{case_id}/conversion", response=CaseAssignmentOut, summary="简易程序转普通程序"
)
def convert(request: HttpRequest, case_id: int, data: ConversionIn) -> dict[str, Any]:
    conv = actions.convert_procedure(case_id, reason=data.reason, acting_user=request.user)
    return _assignment(conv.case)


@router.post("/cases/{case_id}/close", response=ClosedOut, summary="结案")
def close(request: HttpRequest, case_id: int, data: CloseIn) -> dict[str, Any]:
    return _closed(
        actions.close_case(
            case_id,
            method=data.method,
            decided_on=data.decided_on,
            document_id=data.document_id,
            pronounced_in_court=data.pronounced_in_court,
            acting_user=request.user,
        )
    )


@router.post("/cases/{case_id}/appeals", response={201: AppealOut}, summary="登记上诉")
def appeal(request: HttpRequest, case_id: int, data: AppealIn) -> Status:
    a = actions.register_appeal(
        case_id,
        appellant_party_id=data.appellant_party_id,
        against=data.against,
        document_id=data.document_id,
        filed_on=data.filed_on,
        appealed_amount=data.appealed_amount,
        acting_user=request.user,
    )
    return Status(
        201,
        {
            "id": a.pk,
            "second_case_id": a.second_case_id,
            "second_case_number": a.second_case.number,
            "deadline": a.deadline,
            "copy_service_due": a.copy_service_due,
        },
    )


@router.post("/cases/{case_id}/appeal-outcome", response=ClosedOut, summary="二审结果")
def appeal_outcome(request: HttpRequest, case_id: int, data: OutcomeIn) -> dict[str, Any]:
    return _closed(
        actions.decide_appeal(
            case_id,
            outcome=data.outcome,
            decided_on=data.decided_on,
            pronounced_in_court=data.pronounced_in_court,
            acting_user=request.user,
        )
    )


@router.post("/cases/{case_id}/enforcement", response={201: CaseRefOut}, summary="申请执行立案")
def enforcement(request: HttpRequest, case_id: int, data: EnforcementIn) -> Status:
    return Status(
        201,
        actions.apply_for_enforcement(
            case_id,
            applicant_party_id=data.applicant_party_id,
            amount_due=data.amount_due,
            acting_user=request.user,
        ),
    )


@router.post("/cases/{case_id}/measures", response={201: CaseRefOut}, summary="登记执行措施")
def measure(request: HttpRequest, case_id: int, data: MeasureIn) -> Status:
    m = actions.record_measure(
        case_id,
        kind=data.kind,
        taken_on=data.taken_on,
        amount=data.amount,
        note=data.note,
        acting_user=request.user,
    )
    return Status(201, Case.objects.get(pk=m.case_id))


@router.post("/cases/{case_id}/enforcement-closure", response=ClosedOut, summary="执行结案")
def enforcement_close(
    request: HttpRequest, case_id: int, data: EnforcementCloseIn
) -> dict[str, Any]:
    return _closed(
        actions.close_enforcement(
            case_id, method=data.method, closed_on=data.closed_on, acting_user=request.user
        )
    )


@router.post(
    "/cases/{case_id}/bankruptcy-acceptance", response={201: CaseRefOut}, summary="裁定受理破产申请"
)
def bankruptcy(request: HttpRequest, case_id: int) -> Status:
    return Status(201, actions.accept_bankruptcy_petition(case_id, acting_user=request.user))
