"""Filing endpoints for litigants and lawyers (网上立案), the counter, and filing clerks."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from yizhan.accounts.permissions import courts_with_role, require_role
from yizhan.api.auth import user_of
from yizhan.api.idempotency import run_idempotent
from yizhan.core.errors import CommonError
from yizhan.core.models import Court
from yizhan.core.uploads import blob_response

from . import actions
from .models import FilingAttachment
from .permissions import access_filing, visible_filings
from .schemas import (
    AcceptIn,
    AttachmentOut,
    CounterFilingIn,
    FilingIn,
    FilingOut,
    PreviewOut,
    QueueItemOut,
    RefuseIn,
    ReliefDecisionIn,
    ReliefIn,
    ReturnIn,
)
from .selectors import (
    acceptance_preview,
    access_attachment,
    filing_detail,
    queue_item,
    review_queue,
)

router = Router(tags=["filing"])
review = Router(tags=["filing review"])


def _input(payload: FilingIn) -> actions.FilingInput:
    return actions.FilingInput(
        court_code=payload.court_code,
        kind=payload.kind,
        cause_code=payload.cause_code,
        claims=payload.claims,
        claim_amount=payload.claim_amount,
        facts=payload.facts,
        evidence=[e.dict() for e in payload.evidence],
        parties=[
            actions.PartyInput(
                **{k: v for k, v in p.dict().items() if k != "agents"},
                agents=[actions.AgentInput(**a.dict()) for a in p.agents],
            )
            for p in payload.parties
        ],
    )


def _detail(request: HttpRequest, filing_id: int) -> dict[str, Any]:
    return filing_detail(access_filing(request.user, filing_id))


def _json_detail(request: HttpRequest, filing_id: int) -> dict[str, Any]:
    return FilingOut.model_validate(_detail(request, filing_id)).model_dump(mode="json")


@router.get("", response=list[QueueItemOut], summary="我的立案申请")
def my_filings(request: HttpRequest) -> list[dict[str, Any]]:
    qs = visible_filings(user_of(request)).select_related("court", "received_by", "owner")
    return [queue_item(f) for f in qs.order_by("-created_at")[:200]]


@router.post("", response={201: FilingOut}, summary="起草立案申请（支持 Idempotency-Key）")
def create_filing(request: HttpRequest, payload: FilingIn) -> Status[Any]:
    def work() -> tuple[int, Any]:
        filing = actions.create_filing(_input(payload), acting_user=request.user)
        return 201, _json_detail(request, filing.pk)

    return Status(*run_idempotent(request, "filing.create", payload.dict(), work))


# --- counter (窗口代为立案 / 跨域立案) -----------------------------------------------------
# Declared before "/{filing_id}": Django tries the patterns in order, and "counter" would
# otherwise match the filing-id route (GET/PUT only) and be answered with 405.


@router.post(
    "/counter",
    response={201: FilingOut},
    summary="窗口代为立案或跨域立案（立案人员；支持 Idempotency-Key）",
)
def counter_filing(request: HttpRequest, payload: CounterFilingIn) -> Status[Any]:
    counter = Court.objects.filter(code=payload.counter_court_code).first()
    if counter is None:
        raise CommonError.INVALID_INPUT.exc(fields={"counter_court_code": "法院不存在。"})
    require_role(request.user, ["filing_clerk"], counter)

    def work() -> tuple[int, Any]:
        filing = actions.create_filing(_input(payload), acting_user=request.user, counter=counter)
        return 201, _json_detail(request, filing.pk)

    return Status(*run_idempotent(request, "filing.counter", payload.dict(), work))


@router.get("/{filing_id}", response=FilingOut, summary="立案申请详情")
def get_filing(request: HttpRequest, filing_id: int) -> dict[str, Any]:
    return _detail(request, filing_id)


@router.put("/{filing_id}", response=FilingOut, summary="修改立案申请（草稿或退回补正时）")
def update_filing(request: HttpRequest, filing_id: int, payload: FilingIn) -> dict[str, Any]:
    actions.update_filing(filing_id, _input(payload), acting_user=request.user)
    return _detail(request, filing_id)


@router.post("/{filing_id}/attachments", response={201: AttachmentOut}, summary="上传材料")
def upload(
    request: HttpRequest, filing_id: int, category: Form[str], file: File[UploadedFile]
) -> Status[FilingAttachment]:
    att = actions.add_attachment(
        filing_id, category=category, upload=file, acting_user=request.user
    )
    return Status(201, att)


@router.get("/{filing_id}/attachments/{attachment_id}", summary="下载材料")
def download(request: HttpRequest, filing_id: int, attachment_id: int) -> FileResponse:
    att = access_attachment(request.user, filing_id, attachment_id)
    return blob_response(att.sha256, att.content_type)


@router.post("/{filing_id}/submit", response=FilingOut, summary="提交（支持 Idempotency-Key）")
def submit(request: HttpRequest, filing_id: int) -> Status[Any]:
    def work() -> tuple[int, Any]:
        actions.submit_filing(filing_id, acting_user=request.user)
        return 200, _json_detail(request, filing_id)

    return Status(*run_idempotent(request, f"filing.submit.{filing_id}", {}, work))


@router.post("/{filing_id}/withdraw", response=FilingOut, summary="撤回立案申请")
def withdraw(request: HttpRequest, filing_id: int) -> dict[str, Any]:
    actions.withdraw_filing(filing_id, acting_user=request.user)
    return _detail(request, filing_id)


@router.post("/{filing_id}/fee-relief", response={201: FilingOut}, summary="申请司法救助")
def fee_relief(request: HttpRequest, filing_id: int, payload: ReliefIn) -> Status[Any]:
    actions.apply_fee_relief(
        filing_id,
        kind=payload.kind,
        grounds=payload.grounds,
        reduce_percent=payload.reduce_percent,
        acting_user=request.user,
    )
    return Status(201, _detail(request, filing_id))


# --- review (立案审查) -------------------------------------------------------------------------


@review.get("/queue", response=list[QueueItemOut], summary="待审核立案申请（剩余时间少者在前）")
def queue(request: HttpRequest, court: str | None = None) -> list[dict[str, Any]]:
    require_role(request.user, ["filing_clerk"])
    court_id = None
    if court:
        c = Court.objects.filter(code=court).first()
        if c is None or c.pk not in courts_with_role(user_of(request), ["filing_clerk"]):
            raise CommonError.PERMISSION_DENIED.exc()
        court_id = c.pk
    return [queue_item(f) for f in review_queue(user_of(request), court_id)[:500]]


@review.get("/filings/{filing_id}/preview", response=PreviewOut, summary="立案预览：案号与诉讼费")
def preview(request: HttpRequest, filing_id: int) -> dict[str, Any]:
    filing = access_filing(request.user, filing_id, as_reviewer=True)
    return acceptance_preview(filing)


@review.post("/filings/{filing_id}/accept", response=FilingOut, summary="登记立案")
def accept(request: HttpRequest, filing_id: int, payload: AcceptIn) -> dict[str, Any]:
    actions.accept_filing(filing_id, acting_user=request.user, procedure=payload.procedure)
    return _detail(request, filing_id)


@review.post("/filings/{filing_id}/return", response=FilingOut, summary="退回补正（一次性告知）")
def return_filing(request: HttpRequest, filing_id: int, payload: ReturnIn) -> dict[str, Any]:
    actions.return_for_correction(
        filing_id,
        [actions.CorrectionItem(field=i.field, message=i.message) for i in payload.items],
        acting_user=request.user,
        correction_days=payload.correction_days,
    )
    return _detail(request, filing_id)


@review.post("/filings/{filing_id}/refuse", response=FilingOut, summary="不予受理")
def refuse(request: HttpRequest, filing_id: int, payload: RefuseIn) -> dict[str, Any]:
    actions.refuse_filing(filing_id, payload.reason, acting_user=request.user)
    return _detail(request, filing_id)


@review.post("/filings/{filing_id}/fee-relief", response=FilingOut, summary="审查司法救助申请")
def decide_relief(
    request: HttpRequest, filing_id: int, payload: ReliefDecisionIn
) -> dict[str, Any]:
    actions.decide_fee_relief(
        filing_id, grant=payload.grant, reason=payload.reason, acting_user=request.user
    )
    return _detail(request, filing_id)
