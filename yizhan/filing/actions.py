"""Filing use cases (立案). The only place a filing's state changes.

Each action checks permission, changes state and writes an audit event in one transaction;
any error raised inside rolls the whole action back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from yizhan.accounts.models import Role, User
from yizhan.accounts.permissions import has_role, require_login
from yizhan.audit import services as audit
from yizhan.audit.context import current as audit_context
from yizhan.cases import actions as case_actions
from yizhan.cases.models import Case, Cause
from yizhan.core import uploads
from yizhan.core.calendar import period_from
from yizhan.core.errors import CommonError, DomainError
from yizhan.core.fees import quote
from yizhan.core.jurisdiction import bankruptcy_court_for
from yizhan.core.models import Court
from yizhan.core.time import now, today
from yizhan.parties.models import Party, PartyKind, Representation
from yizhan.rules.errors import RuleError
from yizhan.rules.identifiers import parse_credit_code, parse_mobile, parse_resident_id

from .checklists import spec_for
from .errors import FilingError
from .models import (
    FeeRelief,
    Filing,
    FilingAttachment,
    FilingEvent,
    FilingKind,
    FilingParty,
    FilingStatus,
    ReliefKind,
    ReliefStatus,
)
from .permissions import access_filing, require_applicant

EDITABLE = (FilingStatus.DRAFT, FilingStatus.RETURNED)
OPEN = (FilingStatus.DRAFT, FilingStatus.SUBMITTED, FilingStatus.RETURNED)
CORRECTION_DAYS = 15  # days given to correct a returned filing (REG2015 Art 7: 指定期限)


@dataclass
class AgentInput:
    kind: str
    name: str
    id_number: str = ""
    mobile: str = ""
    licence_no: str = ""
    law_firm: str = ""
    powers: str = "general"


@dataclass
class PartyInput:
    role: str
    kind: str
    name: str
    id_number: str = ""
    credit_code: str = ""
    mobile: str = ""
    address: str = ""
    legal_representative: str = ""
    agents: list[AgentInput] = field(default_factory=list)


@dataclass
class FilingInput:
    court_code: str
    kind: str
    cause_code: str | None = None
    claims: str = ""
    claim_amount: Decimal | str | None = None
    facts: str = ""
    evidence: list[dict[str, str]] = field(default_factory=list)
    parties: list[PartyInput] = field(default_factory=list)


# --- helpers ---------------------------------------------------------------------------------


def _event(filing: Filing, text: str, actor: User | None) -> None:
    FilingEvent.objects.create(
        filing=filing, status=filing.status, text=text, occurred_at=now(), actor=actor
    )


def _snapshot(filing: Filing) -> dict[str, Any]:
    return {
        "status": filing.status,
        "court": filing.court.code,
        "kind": filing.kind,
        "claim_amount": filing.claim_amount,
        "review_due": filing.review_due,
    }


def _check_identifiers(parties: list[PartyInput]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for i, p in enumerate(parties):
        prefix = f"parties[{i}]"
        if not p.name.strip():
            errors[f"{prefix}.name"] = "请填写姓名或名称。"
        if p.kind not in PartyKind.values:
            errors[f"{prefix}.kind"] = "当事人类型不正确。"
        try:
            if p.id_number:
                p.id_number = parse_resident_id(p.id_number).number
            if p.credit_code:
                p.credit_code = parse_credit_code(p.credit_code)
            if p.mobile:
                p.mobile = parse_mobile(p.mobile)
        except RuleError as e:
            errors[f"{prefix}.{e.field or 'id'}"] = e.message
        for j, a in enumerate(p.agents):
            try:
                if a.id_number:
                    a.id_number = parse_resident_id(a.id_number).number
                if a.mobile:
                    a.mobile = parse_mobile(a.mobile)
            except RuleError as e:
                errors[f"{prefix}.agents[{j}].{e.field or 'id'}"] = e.message
            if a.kind == "lawyer" and not a.licence_no.strip():
                errors[f"{prefix}.agents[{j}].licence_no"] = "律师代理人须填写执业证号。"
    return errors


def _parse_amount(value: Decimal | str | None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise CommonError.INVALID_INPUT.exc(fields={"claim_amount": "金额格式不正确。"}) from None
    if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise CommonError.INVALID_INPUT.exc(
            fields={"claim_amount": "金额须为非负数，最多两位小数。"}
        )
    if amount >= Decimal("1e14"):
        raise CommonError.INVALID_INPUT.exc(fields={"claim_amount": "金额过大。"})
    return amount


def _resolve(data: FilingInput) -> tuple[Court, Cause | None]:
    if data.kind not in FilingKind.values:
        raise CommonError.INVALID_INPUT.exc(fields={"kind": "立案类型不正确。"})
    court = Court.objects.filter(code=data.court_code.replace("(", "（"), is_active=True).first()
    if court is None:
        raise FilingError.UNKNOWN_COURT.exc(fields={"court_code": "所选法院不存在。"})
    cause = None
    if data.cause_code:
        cause = Cause.objects.filter(code=data.cause_code, is_active=True).first()
        if cause is None:
            raise FilingError.UNKNOWN_CAUSE.exc(fields={"cause_code": "所选案由不存在。"})
        if cause.category != spec_for(data.kind).cause_category:
            raise FilingError.CAUSE_MISMATCH.exc(fields={"cause_code": "所选案由与立案类型不符。"})
    if data.kind == FilingKind.BANKRUPTCY:
        target = bankruptcy_court_for(court)
        if target.pk != court.pk:
            # Centralised bankruptcy jurisdiction (集中管辖, YIZHAN_BANKRUPTCY_COURT).
            raise FilingError.BANKRUPTCY_JURISDICTION.exc(
                fields={"court_code": f"本市破产案件由{target.name}（{target.code}）集中管辖。"}
            )
    return court, cause


def _write_parties(filing: Filing, parties: list[PartyInput], owner: User) -> None:
    FilingParty.objects.filter(filing=filing).delete()
    for p in parties:
        party_user = None
        if p.id_number and owner.id_number and p.id_number == owner.id_number:
            party_user = owner
        party = Party.objects.create(
            kind=p.kind,
            name=p.name.strip(),
            id_number=p.id_number,
            credit_code=p.credit_code,
            mobile=p.mobile,
            address=p.address,
            legal_representative=p.legal_representative,
            user=party_user,
        )
        for a in p.agents:
            agent_user = None
            if a.licence_no and owner.licence_no and a.licence_no == owner.licence_no:
                agent_user = owner
            Representation.objects.create(
                party=party,
                kind=a.kind,
                name=a.name,
                id_number=a.id_number,
                mobile=a.mobile,
                licence_no=a.licence_no,
                law_firm=a.law_firm,
                powers=a.powers,
                user=agent_user,
            )
        FilingParty.objects.create(filing=filing, party=party, role=p.role)


def _apply(filing: Filing, data: FilingInput, court: Court, cause: Cause | None) -> None:
    filing.court = court
    filing.kind = data.kind
    filing.cause = cause
    filing.claims = data.claims
    filing.claim_amount = _parse_amount(data.claim_amount)
    filing.facts = data.facts
    filing.evidence = [
        {k: str(v)[:500] for k, v in item.items() if k in {"name", "source", "purpose"}}
        for item in data.evidence
    ]


def fee_kind_for(filing: Filing) -> str:
    spec = spec_for(filing.kind)
    if spec.fee_kind is not None:
        return spec.fee_kind
    return filing.cause.fee_kind if filing.cause else "property"


def estimate_fee(filing: Filing, procedure: str = "ordinary") -> Decimal | None:
    kind = fee_kind_for(filing)
    if not kind:
        return Decimal("0.00")
    try:
        return quote(kind, filing.claim_amount, procedure=procedure).fee
    except RuleError:
        return None


# --- drafting -------------------------------------------------------------------------------


def _owner_for(acting_user: User, parties: list[PartyInput], counter: Court | None) -> User:
    if counter is None:
        return acting_user
    # At the counter the clerk files for a walk-in: if the walk-in has an account (matched by
    # resident ID), the filing is theirs and shows up in "my matters".
    for p in parties:
        if p.role in {"plaintiff", "applicant"} and p.id_number:
            account = User.objects.filter(id_number=p.id_number).first()
            if account is not None:
                return account
    return acting_user


def create_filing(data: FilingInput, *, acting_user: Any, counter: Court | None = None) -> Filing:
    """Draft a filing (网上立案 / 窗口代为立案 / 跨域立案)."""
    user = require_login(acting_user)
    if counter is not None and not has_role(user, Role.FILING_CLERK, counter):
        raise CommonError.PERMISSION_DENIED.exc(message="只有该法院的立案人员可以在窗口代为立案。")
    errors = _check_identifiers(data.parties)
    if errors:
        raise CommonError.INVALID_INPUT.exc(fields=errors)
    with transaction.atomic():
        court, cause = _resolve(data)
        owner = _owner_for(user, data.parties, counter)
        filing = Filing(
            owner=owner,
            created_by=user,
            received_by=counter,
            channel="counter" if counter else audit_context().channel,
        )
        _apply(filing, data, court, cause)
        filing.fee_estimate = estimate_fee(filing)
        filing.save()
        _write_parties(filing, data.parties, owner)
        _event(filing, "起草立案申请", user)
        audit.record(
            "filing.created", actor=user, subject=filing, court=court, after=_snapshot(filing)
        )
    return filing


def update_filing(filing_id: int, data: FilingInput, *, acting_user: Any) -> Filing:
    errors = _check_identifiers(data.parties)
    if errors:
        raise CommonError.INVALID_INPUT.exc(fields=errors)
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True)
        user = require_applicant(acting_user, filing)
        if filing.status not in EDITABLE:
            raise FilingError.WRONG_STATE.exc()
        before = _snapshot(filing)
        court, cause = _resolve(data)
        _apply(filing, data, court, cause)
        filing.fee_estimate = estimate_fee(filing)
        filing.save()
        _write_parties(filing, data.parties, filing.owner)
        audit.record(
            "filing.updated",
            actor=user,
            subject=filing,
            court=filing.court,
            before=before,
            after=_snapshot(filing),
        )
    return filing


def add_attachment(
    filing_id: int, *, category: str, upload: UploadedFile, acting_user: Any
) -> FilingAttachment:
    """Store an uploaded file (checked by content) and attach it."""
    from .models import AttachmentCategory

    if category not in AttachmentCategory.values:
        raise CommonError.INVALID_INPUT.exc(fields={"category": "材料类别不正确。"})
    # Check permission and state before reading the body.
    filing = access_filing(acting_user, filing_id)
    user = require_applicant(acting_user, filing)
    if filing.status not in EDITABLE:
        raise FilingError.WRONG_STATE.exc()
    try:
        blob = uploads.store(upload.chunks())
    except uploads.UploadRejected as e:
        code = {
            "too_large": FilingError.UPLOAD_TOO_LARGE,
            "empty": FilingError.UPLOAD_EMPTY,
            "bad_type": FilingError.UPLOAD_BAD_TYPE,
            "corrupt": FilingError.UPLOAD_CORRUPT,
        }[e.reason]
        raise code.exc(fields={"file": e.detail or code.message}) from None
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True)
        if filing.status not in EDITABLE:
            raise FilingError.WRONG_STATE.exc()
        att = FilingAttachment.objects.create(
            filing=filing,
            category=category,
            original_name=(upload.name or "file")[:255],
            content_type=blob.content_type,
            size=blob.size,
            sha256=blob.sha256,
            uploaded_by=user,
        )
        audit.record(
            "filing.attachment_added",
            actor=user,
            subject=filing,
            court=filing.court,
            after={
                "attachment": att.pk,
                "category": category,
                "sha256": blob.sha256,
                "size": blob.size,
            },
        )
    return att


def missing_materials(filing: Filing) -> list[dict[str, str]]:
    present = set(filing.attachments.filter(superseded=False).values_list("category", flat=True))
    return [
        {"category": m.category, "label": m.label, "rule": m.rule}
        for m in spec_for(filing.kind).materials
        if m.required and m.category not in present
    ]


def completeness_problems(filing: Filing) -> dict[str, Any]:
    spec = spec_for(filing.kind)
    problems: dict[str, Any] = {}
    roles = set(filing.filing_parties.values_list("role", flat=True))
    if spec.roles[0] not in roles or spec.roles[1] not in roles:
        problems["parties"] = FilingError.NO_PARTIES.message
    if spec.amount_required and filing.claim_amount is None:
        problems["claim_amount"] = FilingError.AMOUNT_REQUIRED.message
    if (
        spec.cause_category in {"civil", "administrative"}
        and filing.kind in {FilingKind.CIVIL_FIRST, FilingKind.ADMINISTRATIVE_FIRST}
        and filing.cause_id is None
    ):
        problems["cause_code"] = "请选择案由。"
    if not filing.claims.strip():
        problems["claims"] = "请填写诉讼请求（申请事项）。"
    missing = missing_materials(filing)
    if missing:
        problems["materials"] = [m["label"] for m in missing]
    return problems


# --- submission and review ----------------------------------------------------------------


def submit_filing(filing_id: int, *, acting_user: Any) -> Filing:
    """Submit (or resubmit after correction). The 7-day review period (CPL23 Art 126,
    REG2015 Art 8) starts the day after receipt; after a correction it restarts the day after
    the corrected filing arrives (CPLI Art 126)."""
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True)
        user = require_applicant(acting_user, filing)
        if filing.status not in EDITABLE:
            raise FilingError.WRONG_STATE.exc()
        problems = completeness_problems(filing)
        if problems:
            raise FilingError.MATERIALS_INCOMPLETE.exc(fields=problems)
        from django.conf import settings

        before = _snapshot(filing)
        resubmission = filing.status == FilingStatus.RETURNED
        received = today()
        filing.status = FilingStatus.SUBMITTED
        filing.received_on = received
        filing.review_due = period_from(received, days=settings.YIZHAN_FILING_REVIEW_DAYS).end
        filing.submissions += 1
        filing.fee_estimate = estimate_fee(filing)
        filing.save()
        _event(
            filing,
            ("补正后重新提交" if resubmission else "提交立案申请")
            + f"，法院应于 {filing.review_due:%Y-%m-%d} 前作出是否立案的决定",
            user,
        )
        audit.record(
            "filing.resubmitted" if resubmission else "filing.submitted",
            actor=user,
            subject=filing,
            court=filing.court,
            before=before,
            after=_snapshot(filing),
        )
    return filing


@dataclass(frozen=True)
class CorrectionItem:
    field: str
    message: str


def return_for_correction(
    filing_id: int,
    items: Iterable[CorrectionItem],
    *,
    acting_user: Any,
    correction_days: int = CORRECTION_DAYS,
) -> Filing:
    """Return a defective filing with ONE written list of everything to correct
    (一次性告知, REG2015 Art 7; ONLINE Art 9)."""
    items = [i for i in items if i.message.strip()]
    if not items:
        raise FilingError.CORRECTIONS_REQUIRED.exc(fields={"items": "请列明补正事项。"})
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True, as_reviewer=True)
        if filing.status != FilingStatus.SUBMITTED:
            raise FilingError.WRONG_STATE.exc()
        before = _snapshot(filing)
        filing.status = FilingStatus.RETURNED
        filing.correction_items = [{"field": i.field, "message": i.message.strip()} for i in items]
        filing.correction_due = period_from(today(), days=correction_days).end
        filing.decided_by = acting_user
        filing.decided_at = now()
        filing.save()
        _event(
            filing,
            f"退回补正（共 {len(items)} 项），请于 {filing.correction_due:%Y-%m-%d} 前补正",
            acting_user,
        )
        audit.record(
            "filing.returned",
            actor=acting_user,
            subject=filing,
            court=filing.court,
            before=before,
            after={**_snapshot(filing), "items": filing.correction_items},
        )
    return filing


def refuse_filing(filing_id: int, reason: str, *, acting_user: Any) -> Filing:
    """Refuse to accept (裁定不予受理, CPL23 Art 126), with reasons."""
    if not reason.strip():
        raise FilingError.REASON_REQUIRED.exc(fields={"reason": "请填写不予受理的理由。"})
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True, as_reviewer=True)
        if filing.status != FilingStatus.SUBMITTED:
            raise FilingError.WRONG_STATE.exc()
        before = _snapshot(filing)
        filing.status = FilingStatus.REFUSED
        filing.decision_reason = reason.strip()
        filing.decided_by = acting_user
        filing.decided_at = now()
        filing.save()
        _event(filing, f"不予受理：{filing.decision_reason}", acting_user)
        audit.record(
            "filing.refused",
            actor=acting_user,
            subject=filing,
            court=filing.court,
            before=before,
            after={**_snapshot(filing), "reason": filing.decision_reason},
        )
    return filing


def accept_filing(filing_id: int, *, acting_user: Any, procedure: str | None = None) -> Case:
    """Docket an accepted filing (登记立案, REG2015 Art 2) and issue the fee notice."""
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True, as_reviewer=True)
        if filing.status != FilingStatus.SUBMITTED:
            raise FilingError.WRONG_STATE.exc()
        relief = FeeRelief.objects.filter(filing=filing).first()
        if relief is not None and relief.status == ReliefStatus.PENDING:
            raise FilingError.RELIEF_PENDING.exc()
        before = _snapshot(filing)
        spec = spec_for(filing.kind)
        case = case_actions.open_case(
            filing,
            acting_user=acting_user,
            procedure=procedure,
            fee_kind=fee_kind_for(filing),
            relief=relief,
            type_code=spec.type_code,
            prepaid=spec.prepaid,
        )
        filing.status = FilingStatus.ACCEPTED
        filing.decided_by = acting_user
        filing.decided_at = now()
        filing.save()
        _event(filing, f"已立案，案号 {case.number}", acting_user)
        audit.record(
            "filing.accepted",
            actor=acting_user,
            subject=filing,
            court=filing.court,
            before=before,
            after={**_snapshot(filing), "case": case.number},
        )
    return case


def divert_to_mediation(filing_id: int, *, matter_number: str, acting_user: Any) -> Filing:
    """The applicant consented to pre-litigation mediation (诉前调解, TEYAO Art 27): the filing
    leaves the review queue and its 7-day clock stops. If mediation fails, the matter
    converts into a new filing that carries everything over."""
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True)
        user = require_applicant(acting_user, filing)
        if filing.status not in OPEN:
            raise FilingError.WRONG_STATE.exc()
        before = _snapshot(filing)
        filing.status = FilingStatus.DIVERTED
        filing.save()
        _event(filing, f"经申请人同意转诉前调解（{matter_number}）", user)
        audit.record(
            "filing.diverted",
            actor=user,
            subject=filing,
            court=filing.court,
            before=before,
            after={**_snapshot(filing), "matter": matter_number},
        )
    return filing


def withdraw_filing(filing_id: int, *, acting_user: Any) -> Filing:
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True)
        user = require_applicant(acting_user, filing)
        if filing.status not in OPEN:
            raise FilingError.WRONG_STATE.exc()
        before = _snapshot(filing)
        filing.status = FilingStatus.WITHDRAWN
        filing.save()
        _event(filing, "申请人撤回立案申请", user)
        audit.record(
            "filing.withdrawn",
            actor=user,
            subject=filing,
            court=filing.court,
            before=before,
            after=_snapshot(filing),
        )
    return filing


# --- fee relief (司法救助, FEE Arts 44–51) ----------------------------------------------------


def apply_fee_relief(
    filing_id: int,
    *,
    kind: str,
    grounds: str,
    reduce_percent: int | None = None,
    acting_user: Any,
) -> FeeRelief:
    if kind not in ReliefKind.values or not grounds.strip():
        raise FilingError.RELIEF_INVALID.exc(fields={"kind": "请选择救助方式并填写理由。"})
    if kind == ReliefKind.REDUCE and (reduce_percent is None or not 30 <= reduce_percent < 100):
        # FEE Art 47: a reduction is at least 30 %.
        raise FilingError.RELIEF_INVALID.exc(
            fields={
                "reduce_percent": "减交比例不得低于 30%（《诉讼费用交纳办法》第四十七条），且须低于 100%。"
            }
        )
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True)
        user = require_applicant(acting_user, filing)
        if filing.status not in OPEN:
            raise FilingError.WRONG_STATE.exc()
        if FeeRelief.objects.filter(filing=filing).exists():
            raise FilingError.RELIEF_EXISTS.exc()
        if kind == ReliefKind.WAIVE:
            # FEE Art 45: exemption is for natural persons only.
            spec = spec_for(filing.kind)
            applicants = filing.filing_parties.filter(role=spec.roles[0])
            if applicants.exclude(party__kind=PartyKind.NATURAL).exists():
                raise FilingError.RELIEF_NOT_NATURAL_PERSON.exc()
        relief = FeeRelief.objects.create(
            filing=filing,
            kind=kind,
            grounds=grounds.strip(),
            reduce_percent=reduce_percent if kind == ReliefKind.REDUCE else None,
        )
        _event(filing, f"申请司法救助（{relief.get_kind_display()}）", user)
        audit.record(
            "filing.fee_relief_applied",
            actor=user,
            subject=filing,
            court=filing.court,
            after={"kind": kind, "reduce_percent": reduce_percent},
        )
    return relief


def decide_fee_relief(
    filing_id: int, *, grant: bool, reason: str = "", acting_user: Any
) -> FeeRelief:
    if not grant and not reason.strip():
        # FEE Art 50: a refusal is reasoned in writing.
        raise FilingError.REASON_REQUIRED.exc(fields={"reason": "不准许司法救助须书面说明理由。"})
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True, as_reviewer=True)
        relief = FeeRelief.objects.select_for_update().filter(filing=filing).first()
        if relief is None:
            raise CommonError.NOT_FOUND.exc()
        if relief.status != ReliefStatus.PENDING or filing.status != FilingStatus.SUBMITTED:
            raise FilingError.WRONG_STATE.exc()
        relief.status = ReliefStatus.GRANTED if grant else ReliefStatus.REFUSED
        relief.decision_reason = reason.strip()
        relief.decided_by = acting_user
        relief.decided_at = now()
        relief.save()
        _event(filing, f"司法救助申请{relief.get_status_display()}", acting_user)
        audit.record(
            "filing.fee_relief_decided",
            actor=acting_user,
            subject=filing,
            court=filing.court,
            after={"status": relief.status, "reason": reason},
        )
    return relief


__all__ = [
    "AgentInput",
    "CorrectionItem",
    "DomainError",
    "FilingInput",
    "PartyInput",
    "accept_filing",
    "add_attachment",
    "apply_fee_relief",
    "create_filing",
    "decide_fee_relief",
    "refuse_filing",
    "return_for_correction",
    "submit_filing",
    "update_filing",
    "withdraw_filing",
]
