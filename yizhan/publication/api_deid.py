"""De-identification and publication-workflow endpoints (part A of issue #8).

Wired into ``api.py`` with ``router.add_router("", deid_router)``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from yizhan.core.errors import CommonError

from . import actions
from .deid import Party, deidentify
from .models import PublicationDraft
from .permissions import access_draft, require_staff
from .schemas import (
    ApproveIn,
    CorrectIn,
    DeidentifyIn,
    DeidentifyOut,
    DraftCreateIn,
    DraftOut,
    MasksIn,
    PublicationReasonIn,
    PublicOut,
    WithholdIn,
)
from .selectors import public_view, published_documents

router = Router(tags=["publication"])


@router.post("/deidentify", response=DeidentifyOut, summary="裁判文书脱敏（法院工作人员）")
def deidentify_text(request: HttpRequest, payload: DeidentifyIn) -> dict[str, Any]:
    """Rules: 2016 规定 Arts 8–10 (``policy="2016"``) or the current practice of pseudonymising
    every party and organisation (``all_parties``). Changes carry offsets into the input."""
    require_staff(request.user)
    parties = [Party(p.name, p.role, p.minor) for p in payload.parties]
    return deidentify(
        payload.text, parties, payload.policy, family_case=payload.family_case
    ).as_dict()


def _draft_out(d: PublicationDraft) -> dict[str, Any]:
    return {
        "id": d.pk,
        "document_id": d.document_id,
        "case_number": d.document.case_number,
        "status": d.status,
        "policy": d.policy,
        "due_on": d.due_on,
        "text": d.text,
        "changes": d.changes,
        "version": d.version,
        "withhold_ground": d.withhold_ground,
        "hold_reason": d.hold_reason,
        "extra_names": d.extra_names,
        "kept_words": d.kept_words,
        "text_edited": d.text_edited,
    }


@router.post("/drafts", response={201: DraftOut}, summary="生成脱敏公开稿")
def create_draft(request: HttpRequest, payload: DraftCreateIn) -> tuple[int, dict[str, Any]]:
    require_staff(request.user)
    draft = actions.create_draft(
        payload.document_id, acting_user=request.user, policy=payload.policy
    )
    return 201, _draft_out(draft)


@router.get("/drafts/{draft_id}", response=DraftOut, summary="公开稿详情（法院工作人员）")
def get_draft(request: HttpRequest, draft_id: int) -> dict[str, Any]:
    return _draft_out(access_draft(request.user, draft_id))


@router.post("/drafts/{draft_id}/approve", response=DraftOut, summary="审核通过并公开")
def approve(request: HttpRequest, draft_id: int, payload: ApproveIn) -> dict[str, Any]:
    return _draft_out(actions.approve(draft_id, acting_user=request.user, text=payload.text))


@router.post(
    "/drafts/{draft_id}/masks", response=DraftOut, summary="调整隐名（补充隐名、确认非人名）"
)
def masks(request: HttpRequest, draft_id: int, payload: MasksIn) -> dict[str, Any]:
    """The reviewer's corrections, as the whole lists: ``add`` names the engine left,
    ``keep`` originals it masked that are no names. The same lists again change nothing."""
    return _draft_out(
        actions.adjust_masks(draft_id, acting_user=request.user, add=payload.add, keep=payload.keep)
    )


@router.post("/drafts/{draft_id}/hold", response=DraftOut, summary="暂缓公开")
def hold(request: HttpRequest, draft_id: int, payload: PublicationReasonIn) -> dict[str, Any]:
    return _draft_out(actions.hold(draft_id, acting_user=request.user, reason=payload.reason))


@router.post("/drafts/{draft_id}/withhold", response=DraftOut, summary="不公开（公布第六条信息）")
def withhold(request: HttpRequest, draft_id: int, payload: WithholdIn) -> dict[str, Any]:
    return _draft_out(
        actions.withhold(
            draft_id, acting_user=request.user, ground=payload.ground, note=payload.note
        )
    )


@router.post("/drafts/{draft_id}/withdraw", response=DraftOut, summary="撤回已公开文书")
def withdraw(request: HttpRequest, draft_id: int, payload: PublicationReasonIn) -> dict[str, Any]:
    return _draft_out(actions.withdraw(draft_id, acting_user=request.user, reason=payload.reason))


@router.post("/drafts/{draft_id}/correct", response=DraftOut, summary="更正已公开文书")
def correct(request: HttpRequest, draft_id: int, payload: CorrectIn) -> dict[str, Any]:
    return _draft_out(
        actions.correct(
            draft_id, acting_user=request.user, text=payload.text, reason=payload.reason
        )
    )


@router.get("/published", response=list[PublicOut], auth=None, summary="已公开文书与不公开信息")
def list_published(request: HttpRequest) -> list[dict[str, Any]]:
    return [public_view(d) for d in published_documents()[:100]]


@router.get("/published/{item_id}", response=PublicOut, auth=None, summary="公开文书详情")
def get_published(request: HttpRequest, item_id: int) -> dict[str, Any]:
    draft = published_documents().filter(pk=item_id).first()
    if draft is None:
        raise CommonError.NOT_FOUND.exc()
    return public_view(draft)
