"""Pre-litigation mediation use cases (诉前调解). The only place mediation state changes.

Each action gates access, changes state, appends a history row (``Event``) and writes an audit
event in one transaction. Deadlines are on the court calendar (yizhan.core.calendar):

* OMED Art 11: the parties choose a mediator within 2 working days; otherwise the court
  appoints one within 3 working days.
* OMED Art 12: the mediator confirms acceptance within 3 working days, else the matter goes
  back to the court for re-assignment.
* TEYAO Art 27, OMED Art 24: 30 days from the mediator's acceptance, longer only with every
  party's consent; appraisal time is not counted (OMED Art 26).
* CPL23 Art 205: joint application for judicial confirmation within 30 days of the agreement
  taking effect; the confirmation matter (诉前调确) is decided within the special-procedure
  limit (CPL23 Art 187) and is free (SFQR Art 11).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from yizhan.accounts.models import Role, User
from yizhan.accounts.permissions import has_role, require_login
from yizhan.audit import services as audit
from yizhan.audit.context import current as audit_context
from yizhan.cases.models import Cause
from yizhan.cases.numbering import next_number
from yizhan.core import uploads
from yizhan.core.calendar import period_from, working_days_from
from yizhan.core.errors import CommonError
from yizhan.core.models import Court
from yizhan.core.time import now, today
from yizhan.filing import actions as filing_actions
from yizhan.filing.models import AttachmentCategory, Filing, FilingAttachment, FilingStatus
from yizhan.filing.permissions import access_filing, require_applicant
from yizhan.parties.models import Party, PartyKind, Representation
from yizhan.rules.errors import RuleError
from yizhan.rules.identifiers import parse_credit_code, parse_mobile, parse_resident_id

from .errors import MediationError
from .models import (
    ACTIVE_FOR_MEDIATOR,
    OPEN_STATUSES,
    Agreement,
    Attachment,
    Channel,
    CourtOrder,
    CourtOrderKind,
    CourtOrderStatus,
    Event,
    Extension,
    Matter,
    MatterParty,
    MatterStatus,
    Mediator,
    Notice,
    Organisation,
    OrgKind,
    PartyRole,
    RequestStatus,
    Session,
    SessionMode,
    SessionStatus,
    Specialty,
    SuitabilityRule,
    Suspension,
)
from .permissions import (
    access_matter,
    is_clerk,
    mediator_of,
    parties_of,
    require_assigned_mediator,
    require_clerk,
    require_judge,
    require_mediator_or_clerk,
    require_party,
)

ZERO = Decimal("0.00")


# --- settings (UNCONFIRMED values are settings; read with defaults) --------------------------


def type_code() -> str:
    return str(getattr(settings, "YIZHAN_PRE_MEDIATION_TYPE_CODE", "民诉前调"))


def confirmation_type_code() -> str:
    return str(getattr(settings, "YIZHAN_MEDIATION_CONFIRMATION_TYPE_CODE", "诉前调确"))


def document_type_code() -> str:
    return str(getattr(settings, "YIZHAN_MEDIATION_DOCUMENT_TYPE_CODE", "诉前调书"))


def limit_days() -> int:
    return int(getattr(settings, "YIZHAN_MEDIATION_LIMIT_DAYS", 30))  # TEYAO Art 27, OMED Art 24


def choose_working_days() -> int:
    return int(getattr(settings, "YIZHAN_MEDIATION_CHOOSE_WORKING_DAYS", 2))  # OMED Art 11


def appoint_working_days() -> int:
    return int(getattr(settings, "YIZHAN_MEDIATION_APPOINT_WORKING_DAYS", 3))  # OMED Art 11


def accept_working_days() -> int:
    return int(getattr(settings, "YIZHAN_MEDIATION_ACCEPT_WORKING_DAYS", 3))  # OMED Art 12


def confirmation_apply_days() -> int:
    return int(getattr(settings, "YIZHAN_MEDIATION_CONFIRMATION_APPLY_DAYS", 30))  # CPL23 Art 205


def confirmation_decision_days() -> int:
    # CPL23 Art 187: special procedure, 30 days (SFQR Art 5's 15 days: whether still applied
    # is UNCONFIRMED, so this is a setting).
    return int(getattr(settings, "YIZHAN_MEDIATION_CONFIRMATION_DECISION_DAYS", 30))


def warning_days() -> int:
    return int(getattr(settings, "YIZHAN_MEDIATION_WARNING_DAYS", 5))


def max_extension_days() -> int:
    return int(getattr(settings, "YIZHAN_MEDIATION_MAX_EXTENSION_DAYS", 60))


# --- inputs ----------------------------------------------------------------------------------


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


@dataclass
class MatterInput:
    court_code: str
    claims: str
    parties: list[PartyInput] = field(default_factory=list)
    cause_code: str | None = None
    claim_amount: Decimal | str | None = None
    facts: str = ""
    specialty: str = ""
    region: str = ""
    language: str = ""
    evidence: list[dict[str, str]] = field(default_factory=list)


@dataclass
class OrganisationInput:
    name: str
    kind: str
    regions: list[str] = field(default_factory=list)
    contact: str = ""
    phone: str = ""


@dataclass
class MediatorInput:
    name: str
    specialties: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    capacity: int = 10
    user_id: int | None = None
    is_coordinator: bool = False


# --- helpers ---------------------------------------------------------------------------------


def _event(matter: Matter, kind: str, text: str, actor: Any) -> None:
    Event.objects.create(
        matter=matter,
        kind=kind,
        status=matter.status,
        text=text[:500],
        occurred_at=now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _notify_parties(matter: Matter, kind: str, text: str) -> None:
    at = now()
    Notice.objects.bulk_create(
        Notice(matter=matter, party=mp, kind=kind, text=text[:500], created_at=at)
        for mp in matter.matter_parties.all()
    )


def _snapshot(matter: Matter) -> dict[str, Any]:
    return {
        "status": matter.status,
        "number": matter.number,
        "mediator": matter.mediator_id,
        "due_on": matter.due_on,
    }


def _record(
    action: str, actor: Any, matter: Matter, before: dict[str, Any] | None = None, **after: Any
) -> None:
    audit.record(
        f"mediation.{action}",
        actor=actor,
        subject=matter,
        court=matter.court,
        before=before,
        after={**_snapshot(matter), **after},
    )


def _require_status(matter: Matter, *statuses: str) -> None:
    if matter.status not in statuses:
        raise MediationError.WRONG_STATE.exc()


def _parse_amount(value: Decimal | str | None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise CommonError.INVALID_INPUT.exc(fields={"claim_amount": "金额格式不正确。"}) from None
    if (
        not amount.is_finite()
        or amount < 0
        or amount >= Decimal("1e14")
        or (
            amount.as_tuple().exponent < -2  # type: ignore[operator]
        )
    ):
        raise CommonError.INVALID_INPUT.exc(
            fields={"claim_amount": "金额须为非负数，最多两位小数。"}
        )
    return amount


def _check_parties(parties: list[PartyInput]) -> None:
    errors: dict[str, str] = {}
    for i, p in enumerate(parties):
        prefix = f"parties[{i}]"
        if p.role not in PartyRole.values:
            errors[f"{prefix}.role"] = "当事人地位不正确。"
        if p.kind not in PartyKind.values:
            errors[f"{prefix}.kind"] = "当事人类型不正确。"
        if not p.name.strip():
            errors[f"{prefix}.name"] = "请填写姓名或名称。"
        try:
            if p.id_number:
                p.id_number = parse_resident_id(p.id_number).number
            if p.credit_code:
                p.credit_code = parse_credit_code(p.credit_code)
            if p.mobile:
                p.mobile = parse_mobile(p.mobile)
        except RuleError as e:
            errors[f"{prefix}.{e.field or 'id'}"] = e.message
    if errors:
        raise CommonError.INVALID_INPUT.exc(fields=errors)
    roles = {p.role for p in parties}
    if PartyRole.APPLICANT not in roles or PartyRole.RESPONDENT not in roles:
        raise MediationError.PARTIES_REQUIRED.exc(
            fields={"parties": MediationError.PARTIES_REQUIRED.message}
        )


def _validate(data: MatterInput) -> tuple[Court, Cause | None, Decimal | None]:
    _check_parties(data.parties)
    if not data.claims.strip():
        raise CommonError.INVALID_INPUT.exc(fields={"claims": "请填写请求事项。"})
    if data.specialty and data.specialty not in Specialty.values:
        raise CommonError.INVALID_INPUT.exc(fields={"specialty": "纠纷领域不正确。"})
    amount = _parse_amount(data.claim_amount)
    court = Court.objects.filter(code=data.court_code.replace("(", "（"), is_active=True).first()
    if court is None:
        raise MediationError.UNKNOWN_COURT.exc(fields={"court_code": "所选法院不存在。"})
    cause = None
    if data.cause_code:
        cause = Cause.objects.filter(code=data.cause_code, is_active=True, category="civil").first()
        if cause is None:
            raise MediationError.UNKNOWN_CAUSE.exc(fields={"cause_code": "所选案由不存在。"})
    return court, cause, amount


def _account_for(id_number: str) -> User | None:
    if not id_number:
        return None
    return User.objects.filter(id_number=id_number).first()


def _write_parties(matter: Matter, parties: list[PartyInput]) -> None:
    for p in parties:
        party = Party.objects.create(
            kind=p.kind,
            name=p.name.strip(),
            id_number=p.id_number,
            credit_code=p.credit_code,
            mobile=p.mobile,
            address=p.address,
            legal_representative=p.legal_representative,
            user=_account_for(p.id_number),
        )
        MatterParty.objects.create(matter=matter, party=party, role=p.role)


def _open(matter: Matter) -> None:
    """Number the matter (§1.4: 民诉前调 by default) and start the choosing window."""
    received = today()
    number = next_number(matter.court, received.year, type_code())
    matter.number, matter.year, matter.seq = number.render(), number.year, number.seq
    matter.received_on = received
    matter.status = MatterStatus.CHOOSING
    matter.choose_due = working_days_from(received, choose_working_days()).end  # OMED Art 11


def _specialty_for(cause: Cause | None, requested: str) -> str:
    if requested:
        return requested
    if cause is None:
        return ""
    mapping: dict[str, str] = getattr(settings, "YIZHAN_MEDIATION_CAUSE_SPECIALTIES", {})
    return mapping.get(cause.code, "")


def _channel(counter: Court | None) -> str:
    if counter is not None:
        return Channel.COUNTER
    return Channel.API if audit_context().channel == "api" else Channel.PORTAL


# --- ways in ---------------------------------------------------------------------------------


def apply_for_mediation(
    data: MatterInput, *, acting_user: Any, counter: Court | None = None
) -> Matter:
    """A party applies for pre-litigation mediation (portal, API; at the counter a filing
    clerk enters it for a walk-in)."""
    user = require_login(acting_user)
    if counter is not None:
        require_clerk(user, counter.pk)
    with transaction.atomic():
        court, cause, amount = _validate(data)
        if counter is not None and counter.pk != court.pk:
            require_clerk(user, court.pk)
        applicant = user
        if counter is not None:
            applicant = next(
                (
                    a
                    for p in data.parties
                    if p.role == PartyRole.APPLICANT
                    if (a := _account_for(p.id_number)) is not None
                ),
                None,
            )  # type: ignore[assignment]
        matter = Matter(
            court=court,
            channel=_channel(counter),
            cause=cause,
            claims=data.claims.strip(),
            claim_amount=amount,
            facts=data.facts,
            specialty=_specialty_for(cause, data.specialty),
            region=data.region.strip(),
            language=data.language.strip(),
            evidence=[
                {k: str(v)[:500] for k, v in e.items() if k in {"name", "source", "purpose"}}
                for e in data.evidence
            ],
            applicant_user=applicant,
            created_by=user,
        )
        _open(matter)
        matter.save()
        _write_parties(matter, data.parties)
        _event(
            matter,
            "applied",
            f"收到诉前调解申请，案号 {matter.number}；当事人可于 {matter.choose_due:%Y-%m-%d} 前选择调解员",
            user,
        )
        _record("applied", user, matter, channel=matter.channel)
    return matter


def hand_over(data: MatterInput, *, acting_user: Any) -> Matter:
    """A partner organisation hands a dispute over to the court (调解组织移交)."""
    user = require_login(acting_user)
    mediator = mediator_of(user)
    if mediator is None or not mediator.is_coordinator or not mediator.organisation.is_active:
        raise CommonError.PERMISSION_DENIED.exc(message="只有在册调解组织的联络人可以移交纠纷。")
    org = mediator.organisation
    data.court_code = org.court.code
    with transaction.atomic():
        court, cause, amount = _validate(data)
        applicant = next(
            (
                a
                for p in data.parties
                if p.role == PartyRole.APPLICANT
                if (a := _account_for(p.id_number)) is not None
            ),
            None,
        )
        matter = Matter(
            court=court,
            channel=Channel.PARTNER,
            cause=cause,
            claims=data.claims.strip(),
            claim_amount=amount,
            facts=data.facts,
            specialty=_specialty_for(cause, data.specialty),
            region=data.region.strip(),
            language=data.language.strip(),
            evidence=data.evidence,
            applicant_user=applicant,
            created_by=user,
            handed_over_by=org,
        )
        _open(matter)
        matter.save()
        _write_parties(matter, data.parties)
        _event(matter, "handed_over", f"{org.name}移交纠纷，案号 {matter.number}", user)
        _record("handed_over", user, matter, organisation=org.pk)
    return matter


def suitability(filing: Filing) -> SuitabilityRule | None:
    """The first active rule of the filing's court that the filing meets, or None."""
    parties = list(filing.filing_parties.select_related("party"))
    for rule in SuitabilityRule.objects.filter(court=filing.court, is_active=True):
        if rule.cause_id is not None and rule.cause_id != filing.cause_id:
            continue
        amount = filing.claim_amount
        if rule.min_amount is not None and (amount is None or amount < rule.min_amount):
            continue
        if rule.max_amount is not None and (amount is None or amount > rule.max_amount):
            continue
        if rule.max_parties is not None and len(parties) > rule.max_parties:
            continue
        if rule.natural_persons_only and any(fp.party.kind != PartyKind.NATURAL for fp in parties):
            continue
        return rule
    return None


ROLE_FROM_FILING = {
    "plaintiff": PartyRole.APPLICANT,
    "applicant": PartyRole.APPLICANT,
    "defendant": PartyRole.RESPONDENT,
    "respondent": PartyRole.RESPONDENT,
    "third_party": PartyRole.THIRD_PARTY,
}
ROLE_TO_FILING: dict[str, str] = {
    PartyRole.APPLICANT: "plaintiff",
    PartyRole.RESPONDENT: "defendant",
    PartyRole.THIRD_PARTY: "third_party",
}


def propose_diversion(filing_id: int, *, acting_user: Any) -> Matter:
    """A filing clerk proposes to divert a suitable filing to pre-litigation mediation (诉前
    分流); the applicant must consent (:func:`respond_to_diversion`). Parties, claims and
    materials are taken over from the filing, not re-entered."""
    with transaction.atomic():
        filing = access_filing(acting_user, filing_id, for_write=True, as_reviewer=True)
        if filing.status != FilingStatus.SUBMITTED or filing.kind != "civil_first":
            raise MediationError.FILING_NOT_DIVERTIBLE.exc()
        if Matter.objects.filter(source_filing=filing, status=MatterStatus.PROPOSED).exists():
            raise MediationError.ALREADY_DONE.exc()
        rule = suitability(filing)
        if rule is None:
            raise MediationError.NOT_SUITABLE.exc()
        matter = Matter.objects.create(
            court=filing.court,
            status=MatterStatus.PROPOSED,
            channel=Channel.DIVERSION,
            cause=filing.cause,
            specialty=rule.specialty or _specialty_for(filing.cause, ""),
            claims=filing.claims,
            claim_amount=filing.claim_amount,
            facts=filing.facts,
            evidence=filing.evidence,
            applicant_user=filing.owner,
            created_by=acting_user,
            source_filing=filing,
        )
        for fp in filing.filing_parties.all():
            MatterParty.objects.create(
                matter=matter,
                party_id=fp.party_id,
                role=ROLE_FROM_FILING.get(fp.role, PartyRole.THIRD_PARTY),
            )
        for att in filing.attachments.filter(superseded=False):
            Attachment.objects.create(
                matter=matter,
                category=att.category,
                original_name=att.original_name,
                content_type=att.content_type,
                size=att.size,
                sha256=att.sha256,
                uploaded_by=att.uploaded_by,
            )
        _event(
            matter,
            "diversion_proposed",
            f"立案人员建议将立案申请 #{filing.pk} 分流至诉前调解，待申请人同意",
            acting_user,
        )
        _record("diversion_proposed", acting_user, matter, filing=filing.pk, rule=rule.pk)
    return matter


def respond_to_diversion(
    matter_id: int, *, consent: bool, acting_user: Any, note: str = ""
) -> Matter:
    """The applicant consents to (or declines) the diversion. A counter clerk who filed for a
    walk-in may record the walk-in's written consent (``note`` required)."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        _require_status(matter, MatterStatus.PROPOSED)
        assert matter.source_filing_id is not None
        filing = access_filing(acting_user, matter.source_filing_id)
        user = require_applicant(acting_user, filing)
        on_behalf = filing.owner_id != user.pk and not any(
            p.role == PartyRole.APPLICANT for p in parties_of(user, matter)
        )
        if on_behalf and not note.strip():
            raise MediationError.REASON_REQUIRED.exc(
                fields={"note": "代为记录同意的，请注明当事人书面同意的情况。"}
            )
        before = _snapshot(matter)
        if not consent:
            matter.status = MatterStatus.DECLINED
            matter.save()
            _event(matter, "diversion_declined", "申请人不同意诉前调解，立案申请继续审核", user)
            _record("diversion_declined", user, matter, before)
            return matter
        # The filing leaves the review queue: the dispute is now a mediation matter. If the
        # mediation fails, it converts into a new filing carrying everything over.
        _open(matter)
        matter.save()
        filing_actions.divert_to_mediation(filing.pk, matter_number=matter.number, acting_user=user)
        _event(
            matter,
            "diversion_consented",
            f"申请人同意诉前调解，案号 {matter.number}；当事人可于 {matter.choose_due:%Y-%m-%d} 前选择调解员"
            + (f"（{note.strip()}）" if note.strip() else ""),
            user,
        )
        _record("diversion_consented", user, matter, before, note=note)
    return matter


def add_attachment(
    matter_id: int, *, category: str, upload: UploadedFile, acting_user: Any
) -> Attachment:
    if category not in AttachmentCategory.values:
        raise CommonError.INVALID_INPUT.exc(fields={"category": "材料类别不正确。"})
    matter = access_matter(acting_user, matter_id)
    user = require_login(acting_user)
    if not (
        parties_of(user, matter)
        or is_clerk(user, matter)
        or matter.mediator_id == getattr(mediator_of(user), "pk", -1)
    ):
        raise CommonError.PERMISSION_DENIED.exc()
    if matter.status not in (MatterStatus.PROPOSED, *OPEN_STATUSES):
        raise MediationError.WRONG_STATE.exc()
    try:
        blob = uploads.store(upload.chunks())
    except uploads.UploadRejected as e:
        raise MediationError.UPLOAD_REJECTED.exc(fields={"file": e.detail or e.reason}) from None
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        att = Attachment.objects.create(
            matter=matter,
            category=category,
            original_name=(upload.name or "file")[:255],
            content_type=blob.content_type,
            size=blob.size,
            sha256=blob.sha256,
            uploaded_by=user,
        )
        _event(matter, "attachment", f"提交材料：{att.original_name}", user)
        _record("attachment_added", user, matter, attachment=att.pk, sha256=blob.sha256)
    return att


# --- choosing and appointing the mediator (OMED Arts 11–12) ---------------------------------


def active_load(mediator: Mediator) -> int:
    return Matter.objects.filter(mediator=mediator, status__in=ACTIVE_FOR_MEDIATOR).count()


def _eligible(matter: Matter, mediator_id: int) -> Mediator:
    mediator = (
        Mediator.objects.select_related("organisation")
        .filter(
            pk=mediator_id,
            is_active=True,
            available=True,
            organisation__is_active=True,
            organisation__court=matter.court,
        )
        .first()
    )
    if mediator is None or (
        mediator.unavailable_until is not None and mediator.unavailable_until >= today()
    ):
        raise MediationError.UNKNOWN_MEDIATOR.exc(fields={"mediator_id": "所选调解员不可选。"})
    if active_load(mediator) >= mediator.capacity:
        raise MediationError.MEDIATOR_FULL.exc()
    return mediator


def _assign(matter: Matter, mediator: Mediator, actor: Any, how: str) -> None:
    matter.mediator = mediator
    matter.status = MatterStatus.AWAITING_ACCEPTANCE
    matter.assigned_on = today()
    matter.accept_due = working_days_from(matter.assigned_on, accept_working_days()).end
    matter.save()
    _event(
        matter,
        "assigned",
        f"{how}调解员 {mediator.name}（{mediator.organisation.name}），"
        f"调解员应于 {matter.accept_due:%Y-%m-%d} 前确认接受",
        actor,
    )


def choose_mediator(
    matter_id: int, mediator_id: int, *, acting_user: Any, party_id: int | None = None
) -> Matter:
    """A party chooses a mediator from the roster (OMED Art 11). When every party has chosen
    the same mediator, the mediator is assigned. A filing clerk may record the choice a party
    made at the counter (``party_id``)."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_login(acting_user)
        if party_id is not None:
            require_clerk(user, matter.court_id)
            rows = list(matter.matter_parties.filter(pk=party_id))
            if not rows:
                raise CommonError.INVALID_INPUT.exc(fields={"party_id": "当事人不存在。"})
        else:
            user, rows = require_party(user, matter)
        _require_status(matter, MatterStatus.CHOOSING)
        assert matter.choose_due is not None
        if today() > matter.choose_due:
            raise MediationError.WRONG_STATE.exc(
                message="选择调解员的期限（二个工作日）已过，由法院指定调解员。"
            )
        mediator = _eligible(matter, mediator_id)
        before = _snapshot(matter)
        MatterParty.objects.filter(pk__in=[r.pk for r in rows]).update(chosen_mediator=mediator)
        _event(matter, "chosen", f"当事人选择调解员 {mediator.name}", user)
        choices = set(matter.matter_parties.values_list("chosen_mediator_id", flat=True))
        if choices == {mediator.pk}:
            _assign(matter, mediator, user, "当事人共同选定")
        _record("mediator_chosen", user, matter, before, chosen=mediator.pk)
    return matter


def request_appointment(matter_id: int, *, acting_user: Any) -> Matter:
    """A party asks the court to appoint the mediator; the court does so within 3 working
    days (OMED Art 11)."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user, _rows = require_party(acting_user, matter)
        _require_status(matter, MatterStatus.CHOOSING)
        before = _snapshot(matter)
        matter.status = MatterStatus.APPOINTING
        matter.appoint_due = working_days_from(today(), appoint_working_days()).end
        matter.save()
        _event(
            matter,
            "appointment_requested",
            f"当事人申请由法院指定调解员，法院应于 {matter.appoint_due:%Y-%m-%d} 前指定",
            user,
        )
        _record("appointment_requested", user, matter, before)
    return matter


def appoint_mediator(matter_id: int, mediator_id: int, *, acting_user: Any) -> Matter:
    """The court (filing division) appoints the mediator (OMED Art 11; Art 12 re-assignment)."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_clerk(acting_user, matter.court_id)
        if matter.status == MatterStatus.CHOOSING:
            assert matter.choose_due is not None
            if today() <= matter.choose_due:
                raise MediationError.STILL_CHOOSING.exc()
        elif matter.status != MatterStatus.APPOINTING:
            raise MediationError.WRONG_STATE.exc()
        if mediator_id in matter.excluded_mediators:
            raise MediationError.UNKNOWN_MEDIATOR.exc(
                fields={"mediator_id": "该调解员已拒绝或未按期确认本案，请另行指定。"}
            )
        mediator = _eligible(matter, mediator_id)
        before = _snapshot(matter)
        _assign(matter, mediator, user, "法院指定")
        _record("mediator_appointed", user, matter, before)
    return matter


def _start_period(matter: Matter) -> None:
    assert matter.started_on is not None
    # TEYAO Art 27, OMED Art 24: counted on the court calendar from the acceptance
    # (start day not counted, CPL23 Art 85); extensions and appraisal intervals added.
    matter.due_on = period_from(
        matter.started_on,
        days=limit_days() + matter.extension_days + matter.suspended_days,
    ).end


def accept_assignment(matter_id: int, *, acting_user: Any) -> Matter:
    """The mediator confirms acceptance within 3 working days (OMED Art 12); the 30-day limit
    starts (OMED Art 24 ¶2)."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_assigned_mediator(acting_user, matter)
        _require_status(matter, MatterStatus.AWAITING_ACCEPTANCE)
        assert matter.accept_due is not None
        if today() > matter.accept_due:
            raise MediationError.ACCEPTANCE_LAPSED.exc()
        before = _snapshot(matter)
        matter.status = MatterStatus.IN_MEDIATION
        matter.started_on = today()
        _start_period(matter)
        matter.save()
        _event(
            matter,
            "accepted",
            f"调解员确认接受，调解期限至 {matter.due_on:%Y-%m-%d}（三十日，不含鉴定期间）",
            user,
        )
        _notify_parties(
            matter,
            "accepted",
            f"调解员 {user.display_name} 已接受委派，调解期限至 {matter.due_on:%Y-%m-%d}",
        )
        _record("accepted", user, matter, before)
    return matter


def _back_to_court(matter: Matter, from_day: date) -> None:
    if matter.mediator_id is not None and matter.mediator_id not in matter.excluded_mediators:
        matter.excluded_mediators = [*matter.excluded_mediators, matter.mediator_id]
    matter.mediator = None
    matter.status = MatterStatus.APPOINTING
    matter.assigned_on = matter.accept_due = None
    matter.appoint_due = working_days_from(from_day, appoint_working_days()).end


def decline_assignment(matter_id: int, *, reason: str, acting_user: Any) -> Matter:
    """The mediator declines; the court re-assigns (OMED Art 12)."""
    if not reason.strip():
        raise MediationError.REASON_REQUIRED.exc(fields={"reason": "请填写不接受的理由。"})
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_assigned_mediator(acting_user, matter)
        _require_status(matter, MatterStatus.AWAITING_ACCEPTANCE)
        before = _snapshot(matter)
        _back_to_court(matter, today())
        matter.save()
        _event(
            matter,
            "declined",
            f"调解员不接受委派（{reason.strip()}），法院应于 {matter.appoint_due:%Y-%m-%d} 前重新指定",
            user,
        )
        _record("declined", user, matter, before, reason=reason)
    return matter


# --- the mediation period: extensions and appraisal -----------------------------------------


def request_extension(matter_id: int, *, days: int, reason: str, acting_user: Any) -> Extension:
    """Ask the parties to extend the period (TEYAO Art 27: 双方当事人同意的可以适当延长)."""
    if not 1 <= days <= max_extension_days():
        raise MediationError.BAD_DAYS.exc(fields={"days": MediationError.BAD_DAYS.message})
    if not reason.strip():
        raise MediationError.REASON_REQUIRED.exc(fields={"reason": "请填写延长理由。"})
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_mediator_or_clerk(acting_user, matter)
        _require_status(matter, MatterStatus.IN_MEDIATION, MatterStatus.APPRAISAL)
        assert matter.due_on is not None
        if matter.status == MatterStatus.IN_MEDIATION and today() > matter.due_on:
            raise MediationError.WRONG_STATE.exc(message="调解期限已届满，不能再申请延长。")
        if matter.extensions.filter(status=RequestStatus.PENDING).exists():
            raise MediationError.EXTENSION_PENDING.exc()
        ext = Extension.objects.create(
            matter=matter, days=days, reason=reason.strip(), requested_by=user, requested_at=now()
        )
        _event(matter, "extension_requested", f"申请延长调解期限 {days} 日，待全体当事人同意", user)
        _notify_parties(
            matter,
            "extension",
            f"调解员申请延长调解期限 {days} 日（{reason.strip()}），请表示是否同意",
        )
        _record("extension_requested", user, matter, extension=ext.pk, days=days)
    return ext


def consent_to_extension(
    matter_id: int,
    extension_id: int,
    *,
    consent: bool,
    acting_user: Any,
    party_id: int | None = None,
) -> Extension:
    """A party consents (or not). Granted only when every party consents; one refusal
    refuses it. A clerk or the mediator may record a party's written consent (``party_id``)."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_login(acting_user)
        if party_id is not None:
            require_mediator_or_clerk(user, matter)
            rows = list(matter.matter_parties.filter(pk=party_id))
            if not rows:
                raise CommonError.INVALID_INPUT.exc(fields={"party_id": "当事人不存在。"})
        else:
            user, rows = require_party(user, matter)
        ext = Extension.objects.select_for_update().filter(pk=extension_id, matter=matter).first()
        if ext is None:
            raise CommonError.NOT_FOUND.exc()
        if ext.status != RequestStatus.PENDING:
            raise MediationError.WRONG_STATE.exc()
        before = _snapshot(matter)
        consents = dict(ext.consents)
        for r in rows:
            consents[str(r.pk)] = bool(consent)
        ext.consents = consents
        all_ids = {str(pk) for pk in matter.matter_parties.values_list("pk", flat=True)}
        if not consent:
            ext.status = RequestStatus.REFUSED
            _event(matter, "extension_refused", "有当事人不同意延长调解期限", user)
        elif all_ids <= {k for k, v in consents.items() if v}:
            ext.status = RequestStatus.GRANTED
            matter.extension_days += ext.days
            if matter.status == MatterStatus.IN_MEDIATION:
                _start_period(matter)
            matter.warned_on = None
            matter.save()
            _event(
                matter,
                "extension_granted",
                f"全体当事人同意，调解期限延长 {ext.days} 日，至 {matter.due_on:%Y-%m-%d}",
                user,
            )
        ext.save()
        _record(
            "extension_consent",
            user,
            matter,
            before,
            extension=ext.pk,
            consent=consent,
            extension_status=ext.status,
        )
    return ext


def start_appraisal(matter_id: int, *, reason: str, acting_user: Any) -> Matter:
    """Pre-litigation appraisal (诉前委托鉴定): the period stops running (OMED Art 26)."""
    if not reason.strip():
        raise MediationError.REASON_REQUIRED.exc(fields={"reason": "请填写鉴定事项。"})
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_mediator_or_clerk(acting_user, matter)
        _require_status(matter, MatterStatus.IN_MEDIATION)
        before = _snapshot(matter)
        Suspension.objects.create(matter=matter, reason=reason.strip(), started_on=today())
        matter.status = MatterStatus.APPRAISAL
        matter.save()
        _event(
            matter,
            "appraisal_started",
            f"委托鉴定（{reason.strip()}），鉴定期间不计入调解期限",
            user,
        )
        _record("appraisal_started", user, matter, before)
    return matter


def end_appraisal(matter_id: int, *, acting_user: Any) -> Matter:
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_mediator_or_clerk(acting_user, matter)
        _require_status(matter, MatterStatus.APPRAISAL)
        before = _snapshot(matter)
        susp = matter.suspensions.select_for_update().filter(ended_on__isnull=True).get()
        susp.ended_on = today()
        susp.save()
        matter.suspended_days += susp.days
        matter.status = MatterStatus.IN_MEDIATION
        _start_period(matter)
        matter.warned_on = None
        matter.save()
        _event(
            matter,
            "appraisal_ended",
            f"鉴定结束，扣除 {susp.days} 日，调解期限至 {matter.due_on:%Y-%m-%d}",
            user,
        )
        _record("appraisal_ended", user, matter, before, suspended_days=susp.days)
    return matter


# --- sessions --------------------------------------------------------------------------------


def schedule_session(
    matter_id: int, *, mode: str, scheduled_at: Any, place: str, acting_user: Any
) -> Session:
    if mode not in SessionMode.values:
        raise CommonError.INVALID_INPUT.exc(fields={"mode": "调解方式不正确。"})
    if scheduled_at is None or scheduled_at < now():
        raise CommonError.INVALID_INPUT.exc(fields={"scheduled_at": "请选择将来的时间。"})
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_mediator_or_clerk(acting_user, matter)
        _require_status(matter, MatterStatus.IN_MEDIATION)
        session = Session.objects.create(
            matter=matter,
            mode=mode,
            scheduled_at=scheduled_at,
            place=place.strip(),
            created_by=user,
        )
        from django.utils import timezone

        when = timezone.localtime(scheduled_at)
        text = f"调解通知：定于 {when:%Y-%m-%d %H:%M} 进行{session.get_mode_display()}" + (
            f"，地点/链接：{session.place}" if session.place else ""
        )
        _notify_parties(matter, "session_notice", text)
        _event(matter, "session_scheduled", text, user)
        _record(
            "session_scheduled",
            user,
            matter,
            session=session.pk,
            mode=mode,
            scheduled_at=scheduled_at,
        )
    return session


def record_session(
    session_id: int, *, minutes: str, attendance: dict[int, bool], acting_user: Any
) -> Session:
    """Minutes (调解笔录) and attendance of a session held."""
    session = Session.objects.filter(pk=session_id).first()
    if session is None:
        raise CommonError.NOT_FOUND.exc()
    if not minutes.strip():
        raise CommonError.INVALID_INPUT.exc(fields={"minutes": "请填写调解笔录。"})
    with transaction.atomic():
        matter = access_matter(acting_user, session.matter_id, for_write=True)
        user = require_mediator_or_clerk(acting_user, matter)
        session = Session.objects.select_for_update().get(pk=session_id)
        if session.status != SessionStatus.SCHEDULED:
            raise MediationError.WRONG_STATE.exc()
        ids = set(matter.matter_parties.values_list("pk", flat=True))
        unknown = set(attendance) - ids
        if unknown:
            raise CommonError.INVALID_INPUT.exc(fields={"attendance": "出席名单中有非本案当事人。"})
        session.minutes = minutes.strip()
        session.attendance = {str(k): bool(attendance.get(k, False)) for k in sorted(ids)}
        session.status = SessionStatus.HELD
        session.save()
        present = sum(1 for v in session.attendance.values() if v)
        _event(matter, "session_held", f"调解已进行，到场当事人 {present}/{len(ids)}", user)
        _record("session_held", user, matter, session=session.pk, attendance=session.attendance)
    return session


def cancel_session(session_id: int, *, reason: str, acting_user: Any) -> Session:
    session = Session.objects.filter(pk=session_id).first()
    if session is None:
        raise CommonError.NOT_FOUND.exc()
    with transaction.atomic():
        matter = access_matter(acting_user, session.matter_id, for_write=True)
        user = require_mediator_or_clerk(acting_user, matter)
        session = Session.objects.select_for_update().get(pk=session_id)
        if session.status != SessionStatus.SCHEDULED:
            raise MediationError.WRONG_STATE.exc()
        session.status = SessionStatus.CANCELLED
        session.save()
        _notify_parties(
            matter, "session_cancelled", f"原定调解取消：{reason.strip() or '另行通知'}"
        )
        _event(matter, "session_cancelled", "调解安排取消", user)
        _record("session_cancelled", user, matter, session=session.pk)
    return session


# --- outcomes --------------------------------------------------------------------------------


def record_settlement(matter_id: int, *, terms: str, acting_user: Any) -> Agreement:
    """The parties reached agreement: the mediator drafts the mediation agreement, which takes
    effect when every party has signed."""
    if not terms.strip():
        raise CommonError.INVALID_INPUT.exc(fields={"terms": "请填写协议内容。"})
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_assigned_mediator(acting_user, matter)
        _require_status(matter, MatterStatus.IN_MEDIATION)
        assert matter.due_on is not None
        if today() > matter.due_on:
            raise MediationError.WRONG_STATE.exc(
                message="调解期限已届满（OMED 第二十五条），请先征得当事人同意延长。"
            )
        before = _snapshot(matter)
        agreement = Agreement.objects.create(
            matter=matter, terms=terms.strip(), drafted_by=user, drafted_at=now()
        )
        matter.status = MatterStatus.AGREEMENT_PENDING
        matter.save()
        _event(matter, "agreement_drafted", "达成调解协议，待各方当事人签署", user)
        _notify_parties(matter, "agreement", "调解协议已拟定，请登录签署")
        _record("agreement_drafted", user, matter, before)
    return agreement


def _sign(matter: Matter, rows: list[MatterParty], user: User) -> None:
    at = now()
    for r in rows:
        if r.signed_at is None:
            r.signed_at = at
            r.signature_recorded_by = user
            r.save(update_fields=["signed_at", "signature_recorded_by"])
    if not matter.matter_parties.filter(signed_at__isnull=True).exists():
        agreement = matter.agreement
        agreement.effective_on = today()
        # CPL23 Art 205: joint application within 30 days of the agreement taking effect.
        agreement.confirmation_due = period_from(
            agreement.effective_on, days=confirmation_apply_days()
        ).end
        agreement.save()
        matter.status = MatterStatus.SETTLED
        matter.ended_on = today()
        matter.save()
        _event(
            matter,
            "settled",
            f"各方已签署，调解协议生效；可于 {agreement.confirmation_due:%Y-%m-%d} 前共同申请司法确认",
            user,
        )


def sign_agreement(matter_id: int, *, acting_user: Any) -> Matter:
    """A party signs the agreement online (portal)."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user, rows = require_party(acting_user, matter)
        _require_status(matter, MatterStatus.AGREEMENT_PENDING)
        if all(r.signed_at is not None for r in rows):
            raise MediationError.ALREADY_DONE.exc()
        before = _snapshot(matter)
        _event(matter, "signed", f"{'、'.join(r.party.name for r in rows)} 签署调解协议", user)
        _sign(matter, rows, user)
        _record("agreement_signed", user, matter, before, parties=[r.pk for r in rows])
    return matter


def record_signature(matter_id: int, party_id: int, *, acting_user: Any) -> Matter:
    """The mediator or a clerk records a signature made on paper."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_mediator_or_clerk(acting_user, matter)
        _require_status(matter, MatterStatus.AGREEMENT_PENDING)
        rows = list(matter.matter_parties.select_related("party").filter(pk=party_id))
        if not rows:
            raise CommonError.INVALID_INPUT.exc(fields={"party_id": "当事人不存在。"})
        if rows[0].signed_at is not None:
            raise MediationError.ALREADY_DONE.exc()
        before = _snapshot(matter)
        _event(matter, "signed", f"{rows[0].party.name} 书面签署调解协议（代为登记）", user)
        _sign(matter, rows, user)
        _record("agreement_signed", user, matter, before, parties=[party_id], on_paper=True)
    return matter


def _court_order(
    matter: Matter,
    kind: str,
    code: str,
    status: str,
    decision_due: date | None,
    basis: str,
    user: User,
) -> CourtOrder:
    filed = today()
    number = next_number(matter.court, filed.year, code)
    return CourtOrder.objects.create(
        matter=matter,
        kind=kind,
        number=number.render(),
        year=number.year,
        seq=number.seq,
        type_code=code,
        status=status,
        filed_on=filed,
        decision_due=decision_due,
        fee=ZERO,
        fee_basis=basis,
        decided_on=filed if status == CourtOrderStatus.ISSUED else None,
        decided_by=user if status == CourtOrderStatus.ISSUED else None,
    )


CONFIRMATION_FEE_BASIS = "司法确认不收取费用（《关于人民调解协议司法确认程序的若干规定》第十一条；《诉讼费用交纳办法》第八条）"


def apply_for_confirmation(matter_id: int, *, acting_user: Any, joint: bool = False) -> Matter:
    """A party applies for judicial confirmation; the parties must apply jointly within 30
    days (CPL23 Art 205). When all have applied, a confirmation matter (诉前调确) is opened,
    decided within the special-procedure limit (CPL23 Art 187), free (SFQR Art 11). A clerk
    may record a joint application made at the counter (``joint=True``)."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_login(acting_user)
        if joint:
            require_clerk(user, matter.court_id)
            rows = list(matter.matter_parties.all())
        else:
            user, rows = require_party(user, matter)
        _require_status(matter, MatterStatus.SETTLED)
        if CourtOrder.objects.filter(matter=matter).exists():
            raise MediationError.ALREADY_DONE.exc()
        agreement = matter.agreement
        assert agreement.confirmation_due is not None
        if today() > agreement.confirmation_due:
            raise MediationError.CONFIRMATION_PERIOD_EXPIRED.exc()
        if all(r.applied_confirmation_at is not None for r in rows):
            raise MediationError.ALREADY_DONE.exc()
        before = _snapshot(matter)
        MatterParty.objects.filter(
            pk__in=[r.pk for r in rows], applied_confirmation_at__isnull=True
        ).update(applied_confirmation_at=now())
        _event(matter, "confirmation_applied", "申请司法确认", user)
        order = None
        if not matter.matter_parties.filter(applied_confirmation_at__isnull=True).exists():
            filed = today()
            order = _court_order(
                matter,
                CourtOrderKind.CONFIRMATION,
                confirmation_type_code(),
                CourtOrderStatus.PENDING,
                period_from(filed, days=confirmation_decision_days()).end,
                CONFIRMATION_FEE_BASIS,
                user,
            )
            _event(
                matter,
                "confirmation_filed",
                f"司法确认案件立案，案号 {order.number}，应于 {order.decision_due:%Y-%m-%d} 前作出裁定；不收取费用",
                user,
            )
        _record("confirmation_applied", user, matter, before, order=order.number if order else None)
    return matter


def decide_confirmation(
    matter_id: int, *, grant: bool, reason: str = "", acting_user: Any
) -> CourtOrder:
    """The judge rules: the agreement is valid (裁定确认有效) or the application is dismissed
    (裁定驳回申请, reasons required)."""
    if not grant and not reason.strip():
        raise MediationError.REASON_REQUIRED.exc(fields={"reason": "驳回申请须说明理由。"})
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_judge(acting_user, matter.court_id)
        order = (
            CourtOrder.objects.select_for_update()
            .filter(matter=matter, kind=CourtOrderKind.CONFIRMATION)
            .first()
        )
        if order is None or order.status != CourtOrderStatus.PENDING:
            raise MediationError.WRONG_STATE.exc()
        order.status = CourtOrderStatus.CONFIRMED if grant else CourtOrderStatus.REFUSED
        order.decided_on = today()
        order.decided_by = user
        order.reason = reason.strip()
        order.save()
        _event(
            matter, "confirmation_decided", f"{order.number}：{order.get_status_display()}", user
        )
        _notify_parties(
            matter, "confirmation", f"司法确认案件 {order.number}：{order.get_status_display()}"
        )
        _record("confirmation_decided", user, matter, order=order.number, result=order.status)
    return order


def issue_mediation_document(matter_id: int, *, acting_user: Any) -> CourtOrder:
    """The court issues a mediation document on the settled matter (诉前调书) instead of a
    confirmation."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_judge(acting_user, matter.court_id)
        _require_status(matter, MatterStatus.SETTLED)
        if CourtOrder.objects.filter(matter=matter).exists():
            raise MediationError.ALREADY_DONE.exc()
        order = _court_order(
            matter,
            CourtOrderKind.DOCUMENT,
            document_type_code(),
            CourtOrderStatus.ISSUED,
            None,
            str(
                getattr(
                    settings,
                    "YIZHAN_MEDIATION_DOCUMENT_FEE_BASIS",
                    "诉前调解出具调解书，不收取案件受理费",
                )
            ),
            user,
        )
        _event(matter, "document_issued", f"出具调解书，案号 {order.number}", user)
        _notify_parties(matter, "document", f"法院已出具调解书 {order.number}")
        _record("document_issued", user, matter, order=order.number)
    return order


def record_failure(matter_id: int, *, reason: str, acting_user: Any) -> Matter:
    """Mediation failed (调解不成); the matter can then convert into a filing."""
    if not reason.strip():
        raise MediationError.REASON_REQUIRED.exc(fields={"reason": "请填写调解不成的原因。"})
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_mediator_or_clerk(acting_user, matter)
        _require_status(
            matter,
            MatterStatus.IN_MEDIATION,
            MatterStatus.APPRAISAL,
            MatterStatus.AGREEMENT_PENDING,
        )
        before = _snapshot(matter)
        _close_suspension(matter)
        matter.status = MatterStatus.FAILED
        matter.ended_on = today()
        matter.outcome_reason = reason.strip()
        matter.save()
        _event(matter, "failed", f"调解不成：{matter.outcome_reason}", user)
        _notify_parties(matter, "failed", "调解未能达成协议，本案可转入立案程序")
        _record("failed", user, matter, before, reason=reason)
    return matter


def _close_suspension(matter: Matter) -> None:
    susp = matter.suspensions.filter(ended_on__isnull=True).first()
    if susp is not None:
        susp.ended_on = today()
        susp.save()
        matter.suspended_days += susp.days


def withdraw(matter_id: int, *, acting_user: Any, reason: str = "") -> Matter:
    """The applicant withdraws the application."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user, rows = require_party(acting_user, matter)
        if not any(r.role == PartyRole.APPLICANT for r in rows):
            raise CommonError.PERMISSION_DENIED.exc(message="只有申请人可以撤回调解申请。")
        _require_status(matter, *OPEN_STATUSES)
        before = _snapshot(matter)
        _close_suspension(matter)
        matter.status = MatterStatus.WITHDRAWN
        matter.ended_on = today()
        matter.outcome_reason = reason.strip()
        matter.save()
        _event(matter, "withdrawn", "申请人撤回调解申请", user)
        _record("withdrawn", user, matter, before)
    return matter


def convert_to_filing(matter_id: int, *, acting_user: Any) -> Filing:
    """Convert a failed or expired matter into a formal filing (诉调转立案): parties (with
    their agents), cause, claims, amount, facts, evidence list and materials carry over, so
    nothing is typed again. The filing is submitted at once when complete; otherwise it stays
    a draft for the applicant to complete. Mediation days stay on the matter, apart from any
    trial limit."""
    with transaction.atomic():
        matter = access_matter(acting_user, matter_id, for_write=True)
        user = require_clerk(acting_user, matter.court_id)
        _require_status(matter, MatterStatus.FAILED, MatterStatus.EXPIRED)
        before = _snapshot(matter)
        parties = []
        for mp in matter.matter_parties.select_related("party").order_by("id"):
            p = mp.party
            parties.append(
                filing_actions.PartyInput(
                    role=ROLE_TO_FILING[mp.role],
                    kind=p.kind,
                    name=p.name,
                    id_number=p.id_number,
                    credit_code=p.credit_code,
                    mobile=p.mobile,
                    address=p.address,
                    legal_representative=p.legal_representative,
                    agents=[
                        filing_actions.AgentInput(
                            kind=a.kind,
                            name=a.name,
                            id_number=a.id_number,
                            mobile=a.mobile,
                            licence_no=a.licence_no,
                            law_firm=a.law_firm,
                            powers=a.powers,
                        )
                        for a in Representation.objects.filter(party=p)
                    ],
                )
            )
        data = filing_actions.FilingInput(
            court_code=matter.court.code,
            kind="civil_first",
            cause_code=matter.cause.code if matter.cause else None,
            claims=matter.claims,
            claim_amount=matter.claim_amount,
            facts=matter.facts,
            evidence=matter.evidence,
            parties=parties,
        )
        filing = filing_actions.create_filing(data, acting_user=user, counter=matter.court)
        for att in matter.attachments.all():
            # The same stored blob (content-addressed by sha256): nothing is uploaded again.
            FilingAttachment.objects.create(
                filing=filing,
                category=att.category,
                original_name=att.original_name,
                content_type=att.content_type,
                size=att.size,
                sha256=att.sha256,
                uploaded_by=att.uploaded_by,
            )
        submitted = not filing_actions.completeness_problems(filing)
        if submitted:
            filing = filing_actions.submit_filing(filing.pk, acting_user=user)
        matter.status = MatterStatus.CONVERTED
        matter.converted_filing = filing
        matter.save()
        _event(
            matter,
            "converted",
            f"转入立案程序（立案申请 #{filing.pk}，{'已提交审核' if submitted else '待补充材料'}）；"
            f"调解用时 {matter.mediation_days or 0} 日，不计入审理期限",
            user,
        )
        _notify_parties(matter, "converted", "调解不成，已转入立案程序，无需重复提交材料")
        _record(
            "converted",
            user,
            matter,
            before,
            filing=filing.pk,
            attachments=matter.attachments.count(),
            submitted=submitted,
            mediation_days=matter.mediation_days,
        )
    return filing


# --- deadlines run by the task (OMED Arts 11, 12, 24, 25) -----------------------------------


def advance_deadlines(on: date | None = None) -> dict[str, int]:
    """Move matters whose deadline passed and warn before expiry. Idempotent; run daily.

    * choosing window over (OMED Art 11) → the court appoints within 3 working days;
    * no acceptance in 3 working days (Art 12) → back to the court for re-assignment;
    * 30-day limit over (Art 24) without agreement → expired (Art 25), may convert;
    * due within ``YIZHAN_MEDIATION_WARNING_DAYS`` → one warning to parties and mediator."""
    day = on or today()
    counts = {"appointing": 0, "lapsed": 0, "expired": 0, "warned": 0}
    for pk in Matter.objects.filter(status=MatterStatus.CHOOSING, choose_due__lt=day).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            m = Matter.objects.select_for_update().select_related("court").get(pk=pk)
            if m.status != MatterStatus.CHOOSING:
                continue
            before = _snapshot(m)
            assert m.choose_due is not None
            m.status = MatterStatus.APPOINTING
            m.appoint_due = working_days_from(m.choose_due, appoint_working_days()).end
            m.save()
            _event(
                m,
                "choose_period_over",
                f"当事人未在二个工作日内选定调解员，法院应于 {m.appoint_due:%Y-%m-%d} 前指定",
                None,
            )
            _record("choose_period_over", None, m, before)
            counts["appointing"] += 1
    for pk in Matter.objects.filter(
        status=MatterStatus.AWAITING_ACCEPTANCE, accept_due__lt=day
    ).values_list("pk", flat=True):
        with transaction.atomic():
            m = Matter.objects.select_for_update().select_related("court").get(pk=pk)
            if m.status != MatterStatus.AWAITING_ACCEPTANCE:
                continue
            before = _snapshot(m)
            assert m.accept_due is not None
            _back_to_court(m, m.accept_due)
            m.save()
            _event(
                m,
                "acceptance_lapsed",
                f"调解员未在三个工作日内确认接受，法院应于 {m.appoint_due:%Y-%m-%d} 前重新指定",
                None,
            )
            _record("acceptance_lapsed", None, m, before)
            counts["lapsed"] += 1
    for pk in Matter.objects.filter(status=MatterStatus.IN_MEDIATION, due_on__lt=day).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            m = Matter.objects.select_for_update().select_related("court").get(pk=pk)
            if m.status != MatterStatus.IN_MEDIATION:
                continue
            before = _snapshot(m)
            m.status = MatterStatus.EXPIRED
            m.ended_on = m.due_on
            m.save()
            _event(m, "expired", "调解期限届满未达成协议，调解终结，可转入立案程序", None)
            _notify_parties(m, "expired", "调解期限届满未达成协议，本案可转入立案程序")
            _record("expired", None, m, before)
            counts["expired"] += 1
    from datetime import timedelta

    horizon = day + timedelta(days=warning_days())
    for pk in Matter.objects.filter(
        status=MatterStatus.IN_MEDIATION,
        due_on__gte=day,
        due_on__lte=horizon,
        warned_on__isnull=True,
    ).values_list("pk", flat=True):
        with transaction.atomic():
            m = Matter.objects.select_for_update().select_related("court").get(pk=pk)
            if m.warned_on is not None:
                continue
            m.warned_on = day
            m.save(update_fields=["warned_on"])
            text = f"调解期限将于 {m.due_on:%Y-%m-%d} 届满；如需延长，须经全体当事人同意"
            _notify_parties(m, "expiry_warning", text)
            _event(m, "expiry_warning", text, None)
            _record("expiry_warning", None, m)
            counts["warned"] += 1
    return counts


# --- the roster (managed by the filing division) --------------------------------------------


def _check_org(data: OrganisationInput) -> None:
    errors = {}
    if not data.name.strip():
        errors["name"] = "请填写名称。"
    if data.kind not in OrgKind.values:
        errors["kind"] = "组织类型不正确。"
    if errors:
        raise CommonError.INVALID_INPUT.exc(fields=errors)


def create_organisation(
    court_id: int, data: OrganisationInput, *, acting_user: Any
) -> Organisation:
    _check_org(data)
    with transaction.atomic():
        user = require_clerk(acting_user, court_id)
        court = Court.objects.get(pk=court_id)
        if Organisation.objects.filter(court=court, name=data.name.strip()).exists():
            raise CommonError.INVALID_INPUT.exc(fields={"name": "名册中已有同名组织。"})
        org = Organisation.objects.create(
            court=court,
            name=data.name.strip(),
            kind=data.kind,
            regions=[r.strip() for r in data.regions if r.strip()],
            contact=data.contact,
            phone=data.phone,
        )
        audit.record(
            "mediation.organisation_created",
            actor=user,
            subject=org,
            court=court,
            after={"name": org.name, "kind": org.kind},
        )
    return org


def set_organisation_active(org_id: int, active: bool, *, acting_user: Any) -> Organisation:
    with transaction.atomic():
        org = Organisation.objects.select_for_update().filter(pk=org_id).first()
        if org is None:
            raise CommonError.NOT_FOUND.exc()
        user = require_clerk(acting_user, org.court_id)
        before = {"is_active": org.is_active}
        org.is_active = active
        org.save()
        audit.record(
            "mediation.organisation_updated",
            actor=user,
            subject=org,
            court=org.court,
            before=before,
            after={"is_active": active},
        )
    return org


def _check_mediator(data: MediatorInput) -> None:
    errors = {}
    if not data.name.strip():
        errors["name"] = "请填写姓名。"
    bad = [s for s in data.specialties if s not in Specialty.values]
    if bad:
        errors["specialties"] = "擅长领域不正确。"
    if not 1 <= data.capacity <= 200:
        errors["capacity"] = "承办上限须为 1 至 200。"
    if errors:
        raise CommonError.INVALID_INPUT.exc(fields=errors)


def create_mediator(org_id: int, data: MediatorInput, *, acting_user: Any) -> Mediator:
    """Put a mediator on the roster. A mediator who logs in is linked to an account holding
    the mediator role at this court."""
    _check_mediator(data)
    with transaction.atomic():
        org = Organisation.objects.select_related("court").filter(pk=org_id).first()
        if org is None:
            raise CommonError.NOT_FOUND.exc()
        user = require_clerk(acting_user, org.court_id)
        account = None
        if data.user_id is not None:
            account = User.objects.filter(pk=data.user_id).first()
            if account is None or not has_role(account, Role.MEDIATOR, org.court_id):
                raise CommonError.INVALID_INPUT.exc(
                    fields={"user_id": "该账号不存在或未被授予本院调解员角色。"}
                )
            if Mediator.objects.filter(user=account).exists():
                raise CommonError.INVALID_INPUT.exc(fields={"user_id": "该账号已关联其他调解员。"})
        mediator = Mediator.objects.create(
            organisation=org,
            user=account,
            name=data.name.strip(),
            specialties=list(dict.fromkeys(data.specialties)),
            regions=[r.strip() for r in data.regions if r.strip()],
            languages=[x.strip() for x in data.languages if x.strip()],
            capacity=data.capacity,
            is_coordinator=data.is_coordinator,
        )
        audit.record(
            "mediation.mediator_created",
            actor=user,
            subject=mediator,
            court=org.court,
            after={
                "name": mediator.name,
                "organisation": org.pk,
                "account": account.pk if account else None,
            },
        )
    return mediator


def set_availability(
    mediator_id: int,
    *,
    available: bool,
    unavailable_until: date | None = None,
    capacity: int | None = None,
    acting_user: Any,
) -> Mediator:
    """The filing division, or the mediator themself, sets availability and capacity."""
    with transaction.atomic():
        mediator = (
            Mediator.objects.select_for_update(of=("self",))
            .select_related("organisation__court")
            .filter(pk=mediator_id)
            .first()
        )
        if mediator is None:
            raise CommonError.NOT_FOUND.exc()
        user = require_login(acting_user)
        if mediator.user_id != user.pk:
            require_clerk(user, mediator.organisation.court_id)
        if capacity is not None and not 1 <= capacity <= 200:
            raise CommonError.INVALID_INPUT.exc(fields={"capacity": "承办上限须为 1 至 200。"})
        before = {
            "available": mediator.available,
            "capacity": mediator.capacity,
            "unavailable_until": mediator.unavailable_until,
        }
        mediator.available = available
        mediator.unavailable_until = unavailable_until
        if capacity is not None:
            mediator.capacity = capacity
        mediator.save()
        audit.record(
            "mediation.mediator_availability",
            actor=user,
            subject=mediator,
            court=mediator.organisation.court,
            before=before,
            after={
                "available": available,
                "capacity": mediator.capacity,
                "unavailable_until": unavailable_until,
            },
        )
    return mediator


def create_rule(
    court_id: int,
    *,
    acting_user: Any,
    cause_code: str | None = None,
    min_amount: Any = None,
    max_amount: Any = None,
    max_parties: int | None = None,
    natural_persons_only: bool = False,
    specialty: str = "",
    note: str = "",
) -> SuitabilityRule:
    """A diversion rule (诉前分流规则) of the court, configured by the filing division."""
    if specialty and specialty not in Specialty.values:
        raise CommonError.INVALID_INPUT.exc(fields={"specialty": "纠纷领域不正确。"})
    lo, hi = _parse_amount(min_amount), _parse_amount(max_amount)
    if lo is not None and hi is not None and lo > hi:
        raise CommonError.INVALID_INPUT.exc(fields={"max_amount": "上限须不低于下限。"})
    with transaction.atomic():
        user = require_clerk(acting_user, court_id)
        cause = None
        if cause_code:
            cause = Cause.objects.filter(code=cause_code).first()
            if cause is None:
                raise MediationError.UNKNOWN_CAUSE.exc(fields={"cause_code": "所选案由不存在。"})
        rule = SuitabilityRule.objects.create(
            court_id=court_id,
            cause=cause,
            min_amount=lo,
            max_amount=hi,
            max_parties=max_parties,
            natural_persons_only=natural_persons_only,
            specialty=specialty,
            note=note,
        )
        audit.record(
            "mediation.rule_created",
            actor=user,
            subject=rule,
            court=rule.court,
            after={"cause": cause_code, "min": lo, "max": hi, "max_parties": max_parties},
        )
    return rule
