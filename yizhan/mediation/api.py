"""API router (mounted at /api/v1/mediation): pre-litigation mediation (诉前调解)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from yizhan.accounts.permissions import COURT_READERS, courts_with_role, require_login
from yizhan.api.idempotency import run_idempotent
from yizhan.core.errors import CommonError
from yizhan.core.models import Court
from yizhan.pdf import pdf_response

from . import actions, selectors
from .documents import agreement_pdf
from .models import Mediator, Organisation, Session
from .permissions import access_matter, require_clerk
from .schemas import (
    AvailabilityIn,
    ConfirmationApplyIn,
    ConsentIn,
    ConvertOut,
    CounterMatterIn,
    CourtOrderOut,
    DecisionIn,
    DiversionIn,
    ExtensionConsentIn,
    ExtensionIn,
    IdOut,
    MatterIn,
    MatterOut,
    MatterSummaryOut,
    MediatorChoiceIn,
    MediatorIn,
    MediatorOut,
    OrganisationIn,
    OrganisationOut,
    ReasonIn,
    RuleIn,
    SessionIn,
    SessionOut,
    SessionRecordIn,
    SettlementIn,
    SignatureIn,
)

router = Router(tags=["mediation"])


def _input(payload: MatterIn) -> actions.MatterInput:
    return actions.MatterInput(
        court_code=payload.court_code,
        claims=payload.claims,
        parties=[actions.PartyInput(**p.dict()) for p in payload.parties],
        cause_code=payload.cause_code,
        claim_amount=payload.claim_amount,
        facts=payload.facts,
        specialty=payload.specialty,
        region=payload.region,
        language=payload.language,
        evidence=[e.dict() for e in payload.evidence],
    )


def _court(code: str) -> Court:
    court = Court.objects.filter(code=code.replace("(", "（")).first()
    if court is None:
        raise CommonError.INVALID_INPUT.exc(fields={"court_code": "所选法院不存在。"})
    return court


def _detail(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    return selectors.detail(access_matter(request.user, matter_id), request.user)  # type: ignore[arg-type]


def _json(request: HttpRequest, matter_id: int) -> Any:
    return MatterOut.model_validate(_detail(request, matter_id)).model_dump(mode="json")


# --- matters ---------------------------------------------------------------------------------


@router.get("/matters", response=list[MatterSummaryOut], summary="我的（或本院的）调解案件")
def list_matters(request: HttpRequest, status: str | None = None) -> list[dict[str, Any]]:
    qs = selectors.my_matters(require_login(request.user))
    if status:
        qs = qs.filter(status=status)
    return [selectors.summary(m) for m in qs[:200]]


@router.post("/matters", response={201: MatterOut}, summary="申请诉前调解（支持 Idempotency-Key）")
def apply(request: HttpRequest, payload: MatterIn) -> Status[Any]:
    def work() -> tuple[int, Any]:
        m = actions.apply_for_mediation(_input(payload), acting_user=request.user)
        return 201, _json(request, m.pk)

    return Status(*run_idempotent(request, "mediation.apply", payload.dict(), work))


@router.post("/counter/matters", response={201: MatterOut}, summary="窗口代为申请诉前调解")
def apply_at_counter(request: HttpRequest, payload: CounterMatterIn) -> Status[Any]:
    m = actions.apply_for_mediation(
        _input(payload), acting_user=request.user, counter=_court(payload.counter_court_code)
    )
    return Status(201, _detail(request, m.pk))


@router.post("/handovers", response={201: MatterOut}, summary="调解组织移交纠纷")
def hand_over(request: HttpRequest, payload: MatterIn) -> Status[Any]:
    m = actions.hand_over(_input(payload), acting_user=request.user)
    return Status(201, _detail(request, m.pk))


@router.post("/diversions", response={201: MatterOut}, summary="立案分流至诉前调解（待申请人同意）")
def divert(request: HttpRequest, payload: DiversionIn) -> Status[Any]:
    m = actions.propose_diversion(payload.filing_id, acting_user=request.user)
    return Status(201, _detail(request, m.pk))


@router.get("/matters/{matter_id}", response=MatterOut, summary="调解案件详情与进度")
def get_matter(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    return _detail(request, matter_id)


@router.post(
    "/matters/{matter_id}/diversion-consent", response=MatterOut, summary="申请人同意或不同意分流"
)
def diversion_consent(request: HttpRequest, matter_id: int, payload: ConsentIn) -> dict[str, Any]:
    actions.respond_to_diversion(
        matter_id, consent=payload.consent, note=payload.note, acting_user=request.user
    )
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/attachments", response={201: IdOut}, summary="提交材料")
def upload(
    request: HttpRequest, matter_id: int, category: Form[str], file: File[UploadedFile]
) -> Status[Any]:
    att = actions.add_attachment(
        matter_id, category=category, upload=file, acting_user=request.user
    )
    return Status(201, {"id": att.pk})


@router.get(
    "/matters/{matter_id}/suggestions", summary="推荐调解员（擅长领域、区域、负荷、成功率）"
)
def suggestions(request: HttpRequest, matter_id: int) -> list[dict[str, Any]]:
    matter = access_matter(request.user, matter_id)
    return selectors.suggest_mediators(matter)


@router.post("/matters/{matter_id}/choose", response=MatterOut, summary="当事人选择调解员")
def choose(request: HttpRequest, matter_id: int, payload: MediatorChoiceIn) -> dict[str, Any]:
    actions.choose_mediator(
        matter_id, payload.mediator_id, party_id=payload.party_id, acting_user=request.user
    )
    return _detail(request, matter_id)


@router.post(
    "/matters/{matter_id}/request-appointment", response=MatterOut, summary="申请由法院指定调解员"
)
def request_appointment(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    actions.request_appointment(matter_id, acting_user=request.user)
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/appoint", response=MatterOut, summary="法院指定调解员")
def appoint(request: HttpRequest, matter_id: int, payload: MediatorChoiceIn) -> dict[str, Any]:
    actions.appoint_mediator(matter_id, payload.mediator_id, acting_user=request.user)
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/accept", response=MatterOut, summary="调解员确认接受")
def accept(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    actions.accept_assignment(matter_id, acting_user=request.user)
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/decline", response=MatterOut, summary="调解员不接受")
def decline(request: HttpRequest, matter_id: int, payload: ReasonIn) -> dict[str, Any]:
    actions.decline_assignment(matter_id, reason=payload.reason, acting_user=request.user)
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/extensions", response={201: IdOut}, summary="申请延长调解期限")
def extend(request: HttpRequest, matter_id: int, payload: ExtensionIn) -> Status[Any]:
    ext = actions.request_extension(
        matter_id, days=payload.days, reason=payload.reason, acting_user=request.user
    )
    return Status(201, {"id": ext.pk})


@router.post(
    "/matters/{matter_id}/extensions/{extension_id}/consent",
    response=MatterOut,
    summary="当事人对延长表示同意与否",
)
def extension_consent(
    request: HttpRequest, matter_id: int, extension_id: int, payload: ExtensionConsentIn
) -> dict[str, Any]:
    actions.consent_to_extension(
        matter_id,
        extension_id,
        consent=payload.consent,
        party_id=payload.party_id,
        acting_user=request.user,
    )
    return _detail(request, matter_id)


@router.post(
    "/matters/{matter_id}/appraisal", response=MatterOut, summary="委托鉴定（期间不计入调解期限）"
)
def appraisal_start(request: HttpRequest, matter_id: int, payload: ReasonIn) -> dict[str, Any]:
    actions.start_appraisal(matter_id, reason=payload.reason, acting_user=request.user)
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/appraisal/end", response=MatterOut, summary="鉴定结束")
def appraisal_end(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    actions.end_appraisal(matter_id, acting_user=request.user)
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/sessions", response={201: SessionOut}, summary="安排调解")
def schedule(request: HttpRequest, matter_id: int, payload: SessionIn) -> Status[Session]:
    s = actions.schedule_session(
        matter_id,
        mode=payload.mode,
        scheduled_at=payload.scheduled_at,
        place=payload.place,
        acting_user=request.user,
    )
    return Status(201, s)


@router.post("/sessions/{session_id}/record", response=SessionOut, summary="记录调解笔录与出席")
def record_session(request: HttpRequest, session_id: int, payload: SessionRecordIn) -> Session:
    return actions.record_session(
        session_id, minutes=payload.minutes, attendance=payload.attendance, acting_user=request.user
    )


@router.post("/sessions/{session_id}/cancel", response=SessionOut, summary="取消调解安排")
def cancel_session(request: HttpRequest, session_id: int, payload: ReasonIn) -> Session:
    return actions.cancel_session(session_id, reason=payload.reason, acting_user=request.user)


@router.post("/matters/{matter_id}/settle", response=MatterOut, summary="达成调解协议（拟定）")
def settle(request: HttpRequest, matter_id: int, payload: SettlementIn) -> dict[str, Any]:
    actions.record_settlement(matter_id, terms=payload.terms, acting_user=request.user)
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/sign", response=MatterOut, summary="当事人签署调解协议")
def sign(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    actions.sign_agreement(matter_id, acting_user=request.user)
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/signatures", response=MatterOut, summary="登记书面签署")
def record_signature(request: HttpRequest, matter_id: int, payload: SignatureIn) -> dict[str, Any]:
    actions.record_signature(matter_id, payload.party_id, acting_user=request.user)
    return _detail(request, matter_id)


@router.get("/matters/{matter_id}/agreement.pdf", summary="调解协议书 PDF")
def agreement(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = access_matter(request.user, matter_id)
    if not hasattr(matter, "agreement"):
        raise CommonError.NOT_FOUND.exc()
    return pdf_response(agreement_pdf(matter), f"agreement-{matter.pk}.pdf")


@router.post(
    "/matters/{matter_id}/confirmation",
    response=MatterOut,
    summary="申请司法确认（双方共同申请，30 日内）",
)
def apply_confirmation(
    request: HttpRequest, matter_id: int, payload: ConfirmationApplyIn
) -> dict[str, Any]:
    actions.apply_for_confirmation(matter_id, joint=payload.joint, acting_user=request.user)
    return _detail(request, matter_id)


@router.post(
    "/matters/{matter_id}/confirmation/decide", response=CourtOrderOut, summary="司法确认裁定"
)
def decide(request: HttpRequest, matter_id: int, payload: DecisionIn) -> Any:
    return actions.decide_confirmation(
        matter_id, grant=payload.grant, reason=payload.reason, acting_user=request.user
    )


@router.post(
    "/matters/{matter_id}/document", response={201: CourtOrderOut}, summary="出具调解书（诉前调书）"
)
def document(request: HttpRequest, matter_id: int) -> Status[Any]:
    return Status(201, actions.issue_mediation_document(matter_id, acting_user=request.user))


@router.post("/matters/{matter_id}/fail", response=MatterOut, summary="调解不成")
def fail(request: HttpRequest, matter_id: int, payload: ReasonIn) -> dict[str, Any]:
    actions.record_failure(matter_id, reason=payload.reason, acting_user=request.user)
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/withdraw", response=MatterOut, summary="撤回调解申请")
def withdraw(request: HttpRequest, matter_id: int, payload: ReasonIn) -> dict[str, Any]:
    actions.withdraw(matter_id, reason=payload.reason, acting_user=request.user)
    return _detail(request, matter_id)


@router.post("/matters/{matter_id}/convert", response={201: ConvertOut}, summary="转入立案")
def convert(request: HttpRequest, matter_id: int) -> Status[Any]:
    filing = actions.convert_to_filing(matter_id, acting_user=request.user)
    matter = access_matter(request.user, matter_id)
    return Status(
        201,
        {
            "filing_id": filing.pk,
            "filing_status": filing.status,
            "mediation_days": matter.mediation_days,
        },
    )


@router.get("/matters/{matter_id}/fees", summary="费用说明（司法确认免费；转诉后调解结案减半）")
def fees(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    return selectors.fee_preview(access_matter(request.user, matter_id))


# --- court views: due dates, figures ---------------------------------------------------------


def _staff_courts(request: HttpRequest) -> list[int]:
    user = require_login(request.user)
    courts = courts_with_role(user, COURT_READERS)
    if not courts:
        raise CommonError.PERMISSION_DENIED.exc()
    return courts


@router.get("/due", response=list[MatterSummaryOut], summary="即将届满的调解案件")
def due(request: HttpRequest, days: int | None = None) -> list[dict[str, Any]]:
    if days is not None and not 0 <= days <= 365:
        raise CommonError.INVALID_INPUT.exc(fields={"days": "天数须为 0 至 365。"})
    return [selectors.summary(m) for m in selectors.due_within(_staff_courts(request), days)]


@router.get("/figures", summary="调解组织与调解员统计")
def figures(
    request: HttpRequest, court_code: str, start: date | None = None, end: date | None = None
) -> dict[str, Any]:
    court = _court(court_code)
    if court.pk not in _staff_courts(request):
        raise CommonError.PERMISSION_DENIED.exc()
    return selectors.figures(court.pk, start, end)


# --- roster ----------------------------------------------------------------------------------


@router.get(
    "/organisations", response=list[OrganisationOut], auth=None, summary="特邀调解组织名册（公开）"
)
def organisations(request: HttpRequest, court_code: str) -> Any:
    return Organisation.objects.filter(court__code=court_code, is_active=True)


@router.post("/organisations", response={201: OrganisationOut}, summary="新增特邀调解组织")
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Any]:
    court = _court(payload.court_code)
    org = actions.create_organisation(
        court.pk,
        actions.OrganisationInput(
            name=payload.name,
            kind=payload.kind,
            regions=payload.regions,
            contact=payload.contact,
            phone=payload.phone,
        ),
        acting_user=request.user,
    )
    return Status(201, org)


@router.get("/mediators", response=list[MediatorOut], auth=None, summary="特邀调解员名册（公开）")
def mediators(request: HttpRequest, court_code: str) -> Any:
    return Mediator.objects.filter(
        organisation__court__code=court_code, is_active=True, organisation__is_active=True
    )


@router.post(
    "/organisations/{org_id}/mediators", response={201: MediatorOut}, summary="新增特邀调解员"
)
def create_mediator(request: HttpRequest, org_id: int, payload: MediatorIn) -> Status[Any]:
    m = actions.create_mediator(
        org_id, actions.MediatorInput(**payload.dict()), acting_user=request.user
    )
    return Status(201, m)


@router.post(
    "/mediators/{mediator_id}/availability",
    response=MediatorOut,
    summary="设置调解员可接案状态与上限",
)
def availability(request: HttpRequest, mediator_id: int, payload: AvailabilityIn) -> Any:
    return actions.set_availability(
        mediator_id,
        available=payload.available,
        unavailable_until=payload.unavailable_until,
        capacity=payload.capacity,
        acting_user=request.user,
    )


@router.post("/rules", response={201: IdOut}, summary="新增诉前分流规则")
def create_rule(request: HttpRequest, payload: RuleIn) -> Status[Any]:
    court = _court(payload.court_code)
    require_clerk(request.user, court.pk)
    rule = actions.create_rule(
        court.pk,
        cause_code=payload.cause_code,
        min_amount=payload.min_amount,
        max_amount=payload.max_amount,
        max_parties=payload.max_parties,
        natural_persons_only=payload.natural_persons_only,
        specialty=payload.specialty,
        note=payload.note,
        acting_user=request.user,
    )
    return Status(201, {"id": rule.pk})
