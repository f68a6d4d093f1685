"""Case endpoints: what a party and the court see of a case, and its notices."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from yizhan.accounts.models import User
from yizhan.api.auth import user_of
from yizhan.audit.services import events_for
from yizhan.core.errors import CommonError
from yizhan.pdf import pdf_response

from . import actions, documents
from .models import Case, FeeNotice, FeeStatus, SupplementaryFeeNotice, SupplementaryFeeReason
from .selectors import access_case, is_staff_viewer, visible_cases

router = Router(tags=["cases"])


class CaseListOut(Schema):
    id: int
    number: str
    court_name: str
    cause: str | None
    procedure: str
    status: str
    filed_on: date


class CaseOut(CaseListOut):
    procedure_label: str
    claims: str
    claim_amount: str | None
    parties: list[dict[str, Any]]
    docket: list[dict[str, Any]]
    fee_notice: dict[str, Any] | None
    supplementary_fees: list[dict[str, Any]]
    deadlines: list[dict[str, Any]]
    documents: list[dict[str, str]]
    audit: list[dict[str, Any]] | None


def case_summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "court_name": case.court.name,
        "cause": case.cause.name if case.cause else None,
        "procedure": case.procedure,
        "status": case.status,
        "filed_on": case.filed_on,
    }


def case_detail(case: Case, viewer: User) -> dict[str, Any]:
    notice = FeeNotice.objects.filter(case=case).first()
    deadlines = []
    if notice and notice.due_on:
        deadlines.append(
            {
                "name": "预交诉讼费",
                "due_on": notice.due_on,
                "rule": "《诉讼费用交纳办法》第二十二条",
            }
        )
    top_ups = list(SupplementaryFeeNotice.objects.filter(case=case).select_related("party"))
    for t in top_ups:
        if t.status == FeeStatus.DUE and t.due_on:
            if t.reason == SupplementaryFeeReason.APPEAL_SECOND_APPELLANT:
                deadlines.append(
                    {
                        "name": f"交纳上诉费（{t.party.name if t.party else ''}）",
                        "due_on": t.due_on,
                        "rule": "《诉讼费用交纳办法》第十七条、第二十二条",
                    }
                )
                continue
            deadlines.append(
                {
                    "name": "补交诉讼费",
                    "due_on": t.due_on,
                    "rule": "《民事诉讼法解释》第一百九十九条",
                }
            )
    staff = is_staff_viewer(viewer, case)
    parties = []
    for cp in case.case_parties.select_related("party").prefetch_related("party__agents"):
        parties.append(
            {
                "role": cp.role,
                "role_label": cp.get_role_display(),
                "name": cp.party.name,
                "kind": cp.party.kind,
                "agents": [
                    {
                        "name": a.name,
                        "kind": a.get_kind_display(),
                        "law_firm": a.law_firm,
                        "powers": a.get_powers_display(),
                    }
                    for a in cp.party.agents.all()
                ],
            }
        )
    docs = [{"name": "受理通知书", "url": f"/api/v1/cases/{case.pk}/acceptance-notice.pdf"}]
    if notice:
        docs.append(
            {"name": "交纳诉讼费用通知书", "url": f"/api/v1/cases/{case.pk}/fee-notice.pdf"}
        )
    audit_rows = None
    if staff:
        audit_rows = [
            {
                "seq": e.seq,
                "at": e.occurred_at,
                "actor": e.actor_label,
                "action": e.action,
                "channel": e.channel,
            }
            for e in events_for(case)
        ]
    return {
        **case_summary(case),
        "procedure_label": case.get_procedure_display(),
        "claims": case.claims,
        "claim_amount": None if case.claim_amount is None else f"{case.claim_amount:.2f}",
        "parties": parties,
        "docket": [
            {"kind": d.kind, "text": d.text, "at": d.occurred_at} for d in case.docket.all()
        ],
        "fee_notice": None
        if notice is None
        else {
            "full_fee": f"{notice.full_fee:.2f}",
            "amount_due": f"{notice.amount_due:.2f}",
            "status": notice.status,
            "status_label": notice.get_status_display(),
            "issued_on": notice.issued_on,
            "due_on": notice.due_on,
            "basis": notice.basis,
            "paid_on": notice.paid_on,
        },
        "supplementary_fees": [
            {
                "id": t.pk,
                "reason": t.reason,
                "reason_label": t.get_reason_display(),
                "party_id": t.party_id,
                "party_name": t.party.name if t.party else None,
                "full_fee": f"{t.full_fee:.2f}",
                "amount_due": f"{t.amount_due:.2f}",
                "status": t.status,
                "status_label": t.get_status_display(),
                "issued_on": t.issued_on,
                "due_on": t.due_on,
                "paid_on": t.paid_on,
                "basis": t.basis,
            }
            for t in top_ups
        ],
        "deadlines": deadlines,
        "documents": docs,
        "audit": audit_rows,
    }


@router.get("", response=list[CaseListOut], summary="我的案件 / 本院案件")
def list_cases(request: HttpRequest) -> list[dict[str, Any]]:
    qs = visible_cases(user_of(request)).select_related("court", "cause")[:200]
    return [case_summary(c) for c in qs]


@router.get("/{case_id}", response=CaseOut, summary="案件详情")
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = access_case(request.user, case_id)
    return case_detail(case, request.user)  # type: ignore[arg-type]


@router.get("/{case_id}/acceptance-notice.pdf", summary="受理通知书 PDF")
def acceptance_notice_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    return pdf_response(documents.acceptance_notice(case), "acceptance-notice.pdf")


@router.get("/{case_id}/fee-notice.pdf", summary="交纳诉讼费用通知书 PDF")
def fee_notice_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    notice = FeeNotice.objects.filter(case=case).first()
    if notice is None:
        raise CommonError.NOT_FOUND.exc()
    return pdf_response(documents.fee_notice(case, notice), "fee-notice.pdf")


class PaymentOut(Schema):
    status: str
    paid_on: date | None
    amount_due: str


@router.post("/{case_id}/fee-payment", response=PaymentOut, summary="登记诉讼费已交纳（立案人员）")
def fee_payment(request: HttpRequest, case_id: int) -> dict[str, Any]:
    notice = actions.record_fee_payment(case_id, acting_user=request.user)
    return {
        "status": notice.status,
        "paid_on": notice.paid_on,
        "amount_due": f"{notice.amount_due:.2f}",
    }


class SupplementaryPaymentOut(PaymentOut):
    id: int
    reason: str


@router.post(
    "/{case_id}/supplementary-fees/{notice_id}/payment",
    response=SupplementaryPaymentOut,
    summary="登记补交诉讼费已交纳（立案人员）",
)
def supplementary_fee_payment(request: HttpRequest, case_id: int, notice_id: int) -> dict[str, Any]:
    notice = actions.record_supplementary_fee_payment(case_id, notice_id, acting_user=request.user)
    return {
        "id": notice.pk,
        "reason": notice.reason,
        "status": notice.status,
        "paid_on": notice.paid_on,
        "amount_due": f"{notice.amount_due:.2f}",
    }
