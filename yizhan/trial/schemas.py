"""ninja schemas of the trial API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema


class AssignIn(Schema):
    judge_id: int
    reason: str
    team_id: int | None = None


class CaseAssignmentOut(Schema):
    id: int
    number: str
    judge_id: int | None
    team_id: int | None
    assignment_method: str
    is_leader_case: bool
    limit_due: date | None


class SuspensionIn(Schema):
    kind: str
    start_on: date
    end_on: date | None = None
    reason: str = Field("", max_length=300)


class EndSuspensionIn(Schema):
    end_on: date


class TimeLimitExtensionIn(Schema):
    reason: str
    months: int | None = None
    days: int | None = None


class ExtensionDecisionIn(Schema):
    approve: bool
    reason: str = ""


class ExtensionOut(Schema):
    id: int
    months: int
    days: int
    level: str
    status: str
    requested_on: date
    decided_on: date | None


class ConversionIn(Schema):
    reason: str = Field(..., max_length=300)


class LimitOut(Schema):
    case_number: str
    filed_on: date
    limit: str | None
    limit_rule: str | None
    base_end: date | None
    suspended_days: int
    suspensions: list[dict[str, object]]
    extensions: list[dict[str, object]]
    adjournments: int
    limit_due: date | None


class CloseIn(Schema):
    method: str
    decided_on: date | None = None
    document_id: int | None = None
    pronounced_in_court: bool = False


class ClosedOut(Schema):
    id: int
    status: str
    closure_method: str
    closed_on: date | None
    closed_within_limit: bool | None


class AppealIn(Schema):
    appellant_party_id: int
    against: str
    document_id: int | None = None
    filed_on: date | None = None
    appealed_amount: Decimal | None = Field(
        None,
        description="不服一审判决部分的上诉请求数额（元），按此交纳上诉案件受理费（诉讼费用交纳办法第十七条）；不填按一审诉讼请求数额",
    )


class AppealOut(Schema):
    id: int
    second_case_id: int
    second_case_number: str
    deadline: date
    copy_service_due: date


class OutcomeIn(Schema):
    outcome: str
    decided_on: date
    pronounced_in_court: bool = False


class EnforcementIn(Schema):
    applicant_party_id: int
    amount_due: Decimal


class MeasureIn(Schema):
    kind: str
    taken_on: date
    amount: Decimal | None = None
    note: str = Field("", max_length=300)


class EnforcementCloseIn(Schema):
    method: str
    closed_on: date


class CaseRefOut(Schema):
    id: int
    number: str
    limit_due: date | None
    recovered_amount: Decimal | None = None
