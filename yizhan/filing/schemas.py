from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


class AgentIn(Schema):
    kind: str = Field(..., description="lawyer / legal_worker / relative / employee / community")
    name: str = Field(..., max_length=60)
    id_number: str = Field("", max_length=20)
    mobile: str = Field("", max_length=20)
    licence_no: str = Field("", max_length=30)
    law_firm: str = Field("", max_length=100)
    powers: str = Field("general", pattern="^(general|special)$")


class PartyIn(Schema):
    role: str = Field(..., pattern="^(plaintiff|defendant|third_party|applicant|respondent)$")
    kind: str = Field(..., pattern="^(natural|legal|other_org)$")
    name: str = Field(..., min_length=1, max_length=150)
    id_number: str = Field("", max_length=20)
    credit_code: str = Field("", max_length=20)
    mobile: str = Field("", max_length=20)
    address: str = Field("", max_length=200)
    legal_representative: str = Field("", max_length=60)
    agents: list[AgentIn] = Field(default_factory=list, max_length=5)


class EvidenceIn(Schema):
    name: str = Field(..., max_length=200)
    source: str = Field("", max_length=200)
    purpose: str = Field("", max_length=500)


class FilingIn(Schema):
    court_code: str = Field(..., max_length=12, description="受诉法院代字，如 粤0802")
    kind: str = Field(..., description="civil_first / administrative_first / enforcement / ...")
    cause_code: str | None = Field(None, max_length=20)
    claims: str = Field("", max_length=5000)
    claim_amount: str | None = Field(None, max_length=20, description="元，最多两位小数")
    facts: str = Field("", max_length=20000)
    evidence: list[EvidenceIn] = Field(default_factory=list, max_length=200)
    parties: list[PartyIn] = Field(default_factory=list, max_length=50)


class CounterFilingIn(FilingIn):
    counter_court_code: str = Field(..., description="收件（窗口）法院代字")


class CorrectionItemIn(Schema):
    field: str = Field("", max_length=60)
    message: str = Field(..., min_length=1, max_length=500)


class ReturnIn(Schema):
    items: list[CorrectionItemIn] = Field(..., max_length=50)
    correction_days: int = Field(15, ge=1, le=60)


class RefuseIn(Schema):
    reason: str = Field(..., max_length=2000)


class AcceptIn(Schema):
    procedure: str | None = None


class ReliefIn(Schema):
    kind: str = Field(..., pattern="^(defer|reduce|waive)$")
    grounds: str = Field(..., max_length=2000)
    reduce_percent: int | None = Field(None, ge=0, le=100)


class ReliefDecisionIn(Schema):
    grant: bool
    reason: str = Field("", max_length=2000)


class EventOut(Schema):
    status: str
    text: str
    occurred_at: datetime


class AttachmentOut(Schema):
    id: int
    category: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class PartyOut(Schema):
    role: str
    kind: str
    name: str
    agents: list[dict[str, Any]]


class MaterialOut(Schema):
    category: str
    label: str
    required: bool
    present: bool
    rule: str


class FilingOut(Schema):
    id: int
    status: str
    status_label: str
    kind: str
    kind_label: str
    court_code: str
    court_name: str
    received_by_code: str | None
    cross_region: bool
    channel: str
    cause_code: str | None
    cause_name: str | None
    claims: str
    claim_amount: str | None
    facts: str
    evidence: list[dict[str, Any]]
    fee_estimate: str | None
    received_on: date | None
    review_due: date | None
    correction_items: list[dict[str, Any]]
    correction_due: date | None
    decision_reason: str
    case_id: int | None
    case_number: str | None
    fee_relief: dict[str, Any] | None
    parties: list[PartyOut]
    materials: list[MaterialOut]
    attachments: list[AttachmentOut]
    events: list[EventOut]


class QueueItemOut(Schema):
    id: int
    status: str
    kind_label: str
    court_code: str
    received_by_code: str | None
    cross_region: bool
    applicant: str
    received_on: date | None
    review_due: date | None
    days_left: int | None
    overdue: bool


class PreviewOut(Schema):
    case_number: str
    procedure: str
    procedure_label: str
    allowed_procedures: list[str]
    fee: str | None
    fee_basis: list[str]
    prepaid: bool
    missing_materials: list[str]
