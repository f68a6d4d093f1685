from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field


class MatterPartyIn(Schema):
    role: str = Field(max_length=20)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=150)
    id_number: str = Field("", max_length=18)
    credit_code: str = Field("", max_length=18)
    mobile: str = Field("", max_length=11)
    address: str = Field("", max_length=200)
    legal_representative: str = Field("", max_length=60)


class EvidenceIn(Schema):
    name: str = Field(max_length=200)
    source: str = Field("", max_length=200)
    purpose: str = Field("", max_length=500)


class MatterIn(Schema):
    court_code: str = Field(max_length=12)
    claims: str = Field(max_length=5000)
    parties: list[MatterPartyIn] = Field(max_length=50)
    cause_code: str | None = Field(None, max_length=20)
    claim_amount: Decimal | None = None
    facts: str = Field("", max_length=20000)
    specialty: str = Field("", max_length=20)
    region: str = Field("", max_length=60)
    language: str = Field("", max_length=30)
    evidence: list[EvidenceIn] = Field(default_factory=list, max_length=200)


class CounterMatterIn(MatterIn):
    counter_court_code: str = Field(max_length=12)


class MatterSummaryOut(Schema):
    id: int
    number: str
    status: str
    status_label: str
    court: str
    claims: str
    channel: str
    mediator: str | None
    choose_due: date | None
    appoint_due: date | None
    accept_due: date | None
    started_on: date | None
    due_on: date | None
    days_left: int | None
    mediation_days: int | None


class MatterOut(MatterSummaryOut):
    cause: str | None
    claim_amount: Decimal | None
    facts: str
    specialty: str
    region: str
    extension_days: int
    suspended_days: int
    ended_on: date | None
    outcome_reason: str
    converted_filing: int | None
    source_filing: int | None
    is_party: bool
    parties: list[dict[str, Any]]
    attachments: list[dict[str, Any]]
    events: list[dict[str, Any]]
    notices: list[dict[str, Any]]
    sessions: list[dict[str, Any]]
    extensions: list[dict[str, Any]]
    agreement: dict[str, Any] | None
    court_order: dict[str, Any] | None


class DiversionIn(Schema):
    filing_id: int


class ConsentIn(Schema):
    consent: bool
    note: str = Field("", max_length=500)


class MediatorChoiceIn(Schema):
    mediator_id: int
    party_id: int | None = None


class ReasonIn(Schema):
    reason: str = Field("", max_length=2000)


class ExtensionIn(Schema):
    days: int
    reason: str = Field(max_length=300)


class ExtensionConsentIn(Schema):
    consent: bool
    party_id: int | None = None


class SessionIn(Schema):
    mode: str = Field(max_length=20)
    scheduled_at: datetime
    place: str = Field("", max_length=200)


class SessionRecordIn(Schema):
    minutes: str = Field(max_length=50000)
    attendance: dict[int, bool] = Field(default_factory=dict)


class SessionOut(Schema):
    id: int
    mode: str
    scheduled_at: datetime
    place: str
    status: str


class SettlementIn(Schema):
    terms: str = Field(max_length=20000)


class SignatureIn(Schema):
    party_id: int


class ConfirmationApplyIn(Schema):
    joint: bool = False


class DecisionIn(Schema):
    grant: bool
    reason: str = Field("", max_length=2000)


class CourtOrderOut(Schema):
    kind: str
    number: str
    status: str
    filed_on: date
    decision_due: date | None
    fee: Decimal
    fee_basis: str
    decided_on: date | None


class ConvertOut(Schema):
    filing_id: int
    filing_status: str
    mediation_days: int | None


class OrganisationIn(Schema):
    court_code: str = Field(max_length=12)
    name: str = Field(max_length=150)
    kind: str = Field(max_length=30)
    regions: list[str] = Field(default_factory=list, max_length=50)
    contact: str = Field("", max_length=60)
    phone: str = Field("", max_length=40)


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    regions: list[str]
    is_active: bool


class MediatorIn(Schema):
    name: str = Field(max_length=60)
    specialties: list[str] = Field(default_factory=list, max_length=10)
    regions: list[str] = Field(default_factory=list, max_length=50)
    languages: list[str] = Field(default_factory=list, max_length=10)
    capacity: int = 10
    user_id: int | None = None
    is_coordinator: bool = False


class MediatorOut(Schema):
    id: int
    organisation_id: int
    name: str
    specialties: list[str]
    regions: list[str]
    languages: list[str]
    capacity: int
    available: bool
    unavailable_until: date | None


class AvailabilityIn(Schema):
    available: bool
    unavailable_until: date | None = None
    capacity: int | None = None


class RuleIn(Schema):
    court_code: str = Field(max_length=12)
    cause_code: str | None = Field(None, max_length=20)
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    max_parties: int | None = Field(None, ge=2, le=100)
    natural_persons_only: bool = False
    specialty: str = Field("", max_length=20)
    note: str = Field("", max_length=200)


class IdOut(Schema):
    id: int
