"""Service-desk use cases: the only place the desk's state changes.

Each action checks access, changes state, appends a history row and records an audit event in
one transaction; text messages are sent after commit.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Q, Subquery

from yizhan.accounts.models import Membership, Role, User
from yizhan.accounts.permissions import has_role, require_login
from yizhan.audit import services as audit
from yizhan.cases.models import Case, CaseParty
from yizhan.cases.selectors import visible_cases
from yizhan.core.calendar import court_calendar, period_from, working_days_from
from yizhan.core.errors import CommonError
from yizhan.core.models import Court, Department
from yizhan.core.time import now, today
from yizhan.parties.models import Representation
from yizhan.rules.case_numbers import parse as parse_case_number
from yizhan.rules.errors import RuleError
from yizhan.rules.identifiers import parse_credit_code, parse_mobile, parse_resident_id

from . import conf, sms
from .errors import ServicesError
from .models import (
    OPEN_TICKET_STATUSES,
    Appointment,
    AppointmentStatus,
    IdentityKind,
    InquiryChallenge,
    KnowledgeEntry,
    Petition,
    PetitionEvent,
    PetitionForm,
    PetitionStatus,
    RateLimitHit,
    ServiceSlot,
    Ticket,
    TicketChannel,
    TicketEvent,
    TicketKind,
    TicketStatus,
    Urgency,
)
from .permissions import (
    access_petition,
    access_ticket,
    is_desk,
    may_handle_ticket,
    require_desk,
    require_kb_editor,
    require_petition_officer,
)
from .search import bigram_similarity

# =============================================================================================
# Case inquiry (案件查询): FLOW Art 5 identity check, then Arts 7–9 process information
# =============================================================================================


def _mac(*parts: str) -> str:
    msg = "\x1f".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), msg, hashlib.sha256).hexdigest()


def _sha(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def normalize_case_number(text: str) -> str:
    """The official form of a 案号 (brackets, digits); anything unparsable is kept as typed, so
    that it simply matches no case (a syntax error must not behave differently from a miss)."""
    cleaned = "".join((text or "").split())
    try:
        return parse_case_number(cleaned).render()
    except RuleError:
        return cleaned.replace("(", "（").replace(")", "）")


def normalize_identity(kind: str, number: str) -> str:
    """Validate the identity number's format (422 on a typo: this says nothing about a case)."""
    value = (number or "").strip().upper()
    try:
        if kind == IdentityKind.ID_NUMBER:
            return parse_resident_id(value, today=today()).number
        if kind == IdentityKind.CREDIT_CODE:
            return parse_credit_code(value)
    except RuleError as e:
        raise CommonError.INVALID_INPUT.exc(fields={"identity_number": e.message}) from None
    if kind == IdentityKind.LICENCE_NO and value.isalnum() and 5 <= len(value) <= 30:
        return value
    raise CommonError.INVALID_INPUT.exc(fields={"identity_number": "证件号码格式不正确。"})


def check_rate(keys: dict[str, str]) -> None:
    """Count one attempt under each ``scope -> key`` and refuse (429) once any key is over its
    limit within its window (``YIZHAN_INQUIRY_RATE_LIMITS``). Runs and commits on its own, so
    that attempts are counted even when the request then fails."""
    limits = conf.rate_limits()
    at = now()
    with transaction.atomic():
        q = Q(pk__in=[])
        for scope, key in keys.items():
            base = scope.split(":")[-1]
            q |= Q(scope=scope, key=key, at__gt=at - timedelta(seconds=limits[base][1]))
        counts: dict[str, int] = {}
        for scope in RateLimitHit.objects.filter(q).values_list("scope", flat=True):
            counts[scope] = counts.get(scope, 0) + 1
        over = [s for s in keys if counts.get(s, 0) >= limits[s.split(":")[-1]][0]]
        if over:
            raise ServicesError.RATE_LIMITED.exc(
                fields={"retry_after": max(limits[s.split(":")[-1]][1] for s in over)}
            )
        RateLimitHit.objects.bulk_create(
            RateLimitHit(scope=s, key=k, at=at) for s, k in keys.items()
        )


def _rate_keys(prefix: str, case_number: str, identity: str, ip: str | None) -> dict[str, str]:
    return {
        f"{prefix}:person": _mac("person", identity),
        f"{prefix}:case": _mac("case", case_number),
        f"{prefix}:ip": _mac("ip", ip or "-"),
    }


def _find_identity(case_number: str, kind: str, identity: str) -> tuple[Any, Any, Any, str]:
    """(case, party, agent, reserved mobile) for a matching identity, or Nones.

    Exactly one query whether or not the case exists, and every candidate is compared in
    constant time without stopping at the first hit."""
    candidates: list[tuple[str, Any]]
    if kind == IdentityKind.LICENCE_NO:
        on_case = CaseParty.objects.filter(case__number=case_number)
        agents = list(
            Representation.objects.filter(party_id__in=on_case.values("party_id")).annotate(
                found_case_id=Subquery(
                    on_case.filter(party_id=OuterRef("party_id")).values("case_id")[:1]
                )
            )
        )
        candidates = [(a.licence_no.upper(), a) for a in agents]
    else:
        attr = "id_number" if kind == IdentityKind.ID_NUMBER else "credit_code"
        parties = list(
            CaseParty.objects.filter(case__number=case_number).select_related("party", "case")
        )
        candidates = [(getattr(cp.party, attr).upper(), cp) for cp in parties]
    match = None
    given = identity.encode()
    for stored, obj in candidates or [("\x00" * len(identity), None)]:
        equal = hmac.compare_digest(stored.encode(), given)
        if equal and match is None and obj is not None and stored:
            match = obj
    if match is None:
        return None, None, None, ""
    if isinstance(match, Representation):
        return match.found_case_id, match.party_id, match.pk, match.mobile  # type: ignore[attr-defined]
    return match.case_id, match.party_id, None, match.party.mobile


def request_inquiry_code(
    case_number: str, identity_kind: str, identity_number: str, *, ip: str | None
) -> None:
    """Step 1 of the identity check (FLOW Art 5): case number + ID number (or licence number
    or credit code). If they match a party or agent of the case, a one-time code goes to the
    reserved mobile number. The caller learns nothing either way: the same work is done, the
    same answer given; the message is sent after commit by a background task."""
    number = normalize_case_number(case_number)
    identity = normalize_identity(identity_kind, identity_number)
    check_rate(_rate_keys("code", number, identity, ip))
    with transaction.atomic():
        case_id, party_id, agent_id, mobile = _find_identity(number, identity_kind, identity)
        challenge = InquiryChallenge.objects.create(
            lookup=_mac("inquiry", number, identity_kind, identity),
            case_id=case_id, party_id=party_id, agent_id=agent_id, mobile=mobile or "",
            code_hash="", expires_at=now() + timedelta(seconds=conf.code_ttl_seconds()), ip=ip,
        )  # fmt: skip
        audit.record(
            "services.inquiry_code_requested", actor=None, subject=challenge, after={"ip": ip}
        )
        transaction.on_commit(lambda: _enqueue_code(challenge.pk))


def _enqueue_code(challenge_id: int) -> None:
    from .tasks import send_inquiry_code

    send_inquiry_code.enqueue(challenge_id=challenge_id)


def deliver_inquiry_code(challenge_id: int) -> None:
    """Generate the code, keep only its MAC, and text it to the reserved mobile number (if the
    check matched one). Idempotent: a challenge gets one code."""
    with transaction.atomic():
        ch = InquiryChallenge.objects.select_for_update().filter(pk=challenge_id).first()
        if ch is None or ch.code_hash:
            return
        code = f"{secrets.randbelow(10**6):06d}"
        ch.code_hash = _mac("code", str(ch.pk), code)
        ch.code_sent_at = now()
        ch.save(update_fields=["code_hash", "code_sent_at"])
        if ch.case_id and ch.mobile:
            minutes = conf.code_ttl_seconds() // 60
            sms.send(
                ch.mobile,
                f"【一站】您正在查询案件进展，验证码 {code}，{minutes} 分钟内有效。"
                "如非本人操作请忽略。",
                "inquiry_code",
            )


@dataclass
class InquiryGrant:
    token: str
    expires_at: datetime


def verify_inquiry_code(
    case_number: str, identity_kind: str, identity_number: str, code: str, *, ip: str | None
) -> InquiryGrant:
    """Step 2: the one-time code. Success gives a short-lived inquiry token; any failure (no
    challenge, unknown case, wrong identity, wrong or expired code) the same 400."""
    number = normalize_case_number(case_number)
    identity = normalize_identity(identity_kind, identity_number)
    check_rate(_rate_keys("verify", number, identity, ip))
    given = (code or "").strip()
    ok = False
    with transaction.atomic():
        ch = (
            InquiryChallenge.objects.select_for_update()
            .filter(lookup=_mac("inquiry", number, identity_kind, identity),
                    verified_at__isnull=True, expires_at__gt=now())
            .order_by("-id").first()
        )  # fmt: skip
        expected = _mac("code", str(ch.pk) if ch else "-", given)
        stored = ch.code_hash if ch and ch.code_hash else _mac("unused", secrets.token_hex(8))
        ok = hmac.compare_digest(stored, expected)
        if ch is not None:
            ch.attempts += 1
            ok = ok and ch.attempts <= conf.code_max_attempts() and ch.case_id is not None
            if ok:
                raw = secrets.token_urlsafe(32)
                ch.verified_at = now()
                ch.session_hash = _sha(raw)
                ch.session_expires_at = now() + timedelta(seconds=conf.session_ttl_seconds())
            ch.save()
            if ok:
                audit.record(
                    "services.inquiry_verified",
                    actor=None,
                    subject=ch,
                    court=ch.case.court if ch.case else None,
                    after={"ip": ip},
                )
    if not ok:
        raise ServicesError.CODE_INVALID.exc()
    assert ch is not None
    assert ch.session_expires_at is not None
    return InquiryGrant(token=raw, expires_at=ch.session_expires_at)


def inquiry_case_id(token: str) -> int:
    """The case a valid inquiry token opens (401 otherwise)."""
    if not token:
        raise ServicesError.INQUIRY_SESSION_INVALID.exc()
    found = (
        InquiryChallenge.objects.filter(session_hash=_sha(token), session_expires_at__gt=now())
        .values_list("case_id", flat=True).first()
    )  # fmt: skip
    if not found:
        raise ServicesError.INQUIRY_SESSION_INVALID.exc()
    return int(found)


# =============================================================================================
# Knowledge base (咨询知识库)
# =============================================================================================


@dataclass
class KbInput:
    category: str
    question: str
    answer: str
    keywords: str = ""
    basis: str = ""
    court_code: str | None = None
    is_published: bool = True


def _court(code: str | None) -> Court | None:
    if not code:
        return None
    court = Court.objects.filter(code=code, is_active=True).first()
    if court is None:
        raise ServicesError.UNKNOWN_COURT.exc(fields={"court_code": "所选法院不存在。"})
    return court


def save_kb_entry(
    data: KbInput, *, acting_user: Any, entry_id: int | None = None
) -> KnowledgeEntry:
    """Create or edit a knowledge-base entry (staff). The search index notices the change."""
    court = _court(data.court_code)
    user = require_kb_editor(acting_user, court.pk if court else None)
    if not data.question.strip() or not data.answer.strip():
        raise CommonError.INVALID_INPUT.exc(fields={"question": "问题和答复不能为空。"})
    with transaction.atomic():
        entry: KnowledgeEntry | None
        if entry_id is None:
            entry = KnowledgeEntry(slug=f"kb-{secrets.token_hex(6)}")
            before = None
        else:
            entry = KnowledgeEntry.objects.select_for_update().filter(pk=entry_id).first()
            if entry is None:
                raise CommonError.NOT_FOUND.exc()
            require_kb_editor(user, entry.court_id)
            before = {"question": entry.question, "answer": entry.answer}
        entry.court = court
        entry.category = data.category
        entry.question = data.question.strip()[:200]
        entry.answer = data.answer.strip()
        entry.keywords = data.keywords.strip()[:200]
        entry.basis = data.basis.strip()[:200]
        entry.is_published = data.is_published
        entry.updated_by = user
        entry.save()
        audit.record(
            "services.kb_saved",
            actor=user,
            subject=entry,
            court=court,
            before=before,
            after={"question": entry.question, "published": entry.is_published},
        )
    return entry


# =============================================================================================
# 12368 tickets (工单): 收 → 转 → 办 → 督 → 复 → 评
# =============================================================================================


@dataclass
class TicketInput:
    court_code: str
    kind: str
    subject: str
    content: str = ""
    channel: str = TicketChannel.PHONE
    urgency: str = Urgency.ORDINARY
    caller_name: str = ""
    caller_phone: str = ""
    caller_id_number: str = ""
    case_number: str = ""
    department_id: int | None = None
    assignee_id: int | None = None


def _ticket_event(ticket: Ticket, kind: str, text: str, actor: User | None) -> None:
    TicketEvent.objects.create(ticket=ticket, kind=kind, text=text[:500], actor=actor, at=now())


def ticket_due(received_on: date, kind: str, urgency: str) -> date:
    """The handling deadline on the court calendar (working days; receipt day not counted)."""
    return working_days_from(received_on, conf.ticket_limit_days(kind, urgency)).end


def _ticket_snapshot(t: Ticket) -> dict[str, Any]:
    return {
        "status": t.status,
        "department": t.department_id,
        "assignee": t.assignee_id,
        "due_on": t.due_on,
        "satisfaction": t.satisfaction,
    }


def _clean_phone(phone: str) -> str:
    return "".join(ch for ch in (phone or "") if ch.isdigit())[:20]


def _notify_caller(ticket: Ticket, text: str) -> None:
    try:
        mobile = parse_mobile(ticket.caller_phone)
    except RuleError:
        return
    transaction.on_commit(lambda: sms.send(mobile, text, "ticket"))


def create_ticket(data: TicketInput, *, acting_user: Any) -> Ticket:
    """收: register a request. Desk staff record any channel for a caller; a logged-in
    litigant raises a web ticket for themselves."""
    user = require_login(acting_user)
    court = _court(data.court_code)
    if court is None:
        raise ServicesError.UNKNOWN_COURT.exc(fields={"court_code": "请选择法院。"})
    if data.kind not in TicketKind.values or data.urgency not in Urgency.values:
        raise CommonError.INVALID_INPUT.exc(fields={"kind": "取值不在允许范围内"})
    if data.channel not in TicketChannel.values:
        raise CommonError.INVALID_INPUT.exc(fields={"channel": "取值不在允许范围内"})
    if not data.subject.strip():
        raise CommonError.INVALID_INPUT.exc(fields={"subject": "请填写事项。"})
    desk = is_desk(user, court.pk)
    with transaction.atomic():
        case = None
        if data.case_number.strip():
            number = normalize_case_number(data.case_number)
            cases = Case.objects.filter(number=number, court=court)
            if not desk:
                cases = cases.filter(pk__in=visible_cases(user).values("pk"))
            case = cases.first()
            if case is None:
                raise ServicesError.UNKNOWN_CASE.exc(fields={"case_number": "未找到该案件。"})
        received = today()
        t = Ticket(
            court=court,
            kind=data.kind,
            urgency=data.urgency,
            subject=data.subject.strip()[:200],
            content=data.content.strip(),
            case=case,
            received_on=received,
            due_on=ticket_due(received, data.kind, data.urgency),
            created_by=user,
        )
        if desk:
            t.channel = data.channel
            t.caller_name = data.caller_name.strip()[:60]
            t.caller_phone = _clean_phone(data.caller_phone)
            t.caller_id_number = data.caller_id_number.strip().upper()[:18]
            if t.caller_id_number:
                t.caller_user = User.objects.filter(id_number=t.caller_id_number).first()
        else:
            t.channel = TicketChannel.WEB
            t.caller_user = user
            t.caller_name = user.display_name
            t.caller_phone = user.mobile
            t.caller_id_number = user.id_number or ""
        t.save()
        t.number = f"12368-{received:%Y%m%d}-{t.pk:06d}"
        t.save(update_fields=["number"])
        _ticket_event(t, "received", f"受理（{t.get_channel_display()}）：{t.subject}", user)
        audit.record(
            "services.ticket_created",
            actor=user,
            subject=t,
            court=court,
            after={**_ticket_snapshot(t), "kind": t.kind, "channel": t.channel},
        )
        # 联系法官: the message goes straight to the case's judge.
        target_judge = data.assignee_id
        if t.kind == TicketKind.CONTACT_JUDGE and case is not None and case.judge_id:
            target_judge = target_judge or case.judge_id
        if desk and (data.department_id or target_judge):
            _route(t, data.department_id, target_judge, "", user)
        elif not desk and target_judge:
            _route(t, None, target_judge, "转承办法官", user)
    return t


def _route(
    t: Ticket, department_id: int | None, assignee_id: int | None, note: str, user: User
) -> None:
    before = _ticket_snapshot(t)
    dept = None
    if department_id:
        dept = Department.objects.filter(pk=department_id, court=t.court).first()
        if dept is None:
            raise CommonError.INVALID_INPUT.exc(fields={"department_id": "该部门不属于本院。"})
    assignee = None
    if assignee_id:
        assignee = (
            User.objects.filter(
                pk=assignee_id,
                memberships__court=t.court,
            )
            .exclude(memberships__role__in=[Role.LITIGANT, Role.LAWYER])
            .distinct()
            .first()
        )
        if assignee is None:
            raise CommonError.INVALID_INPUT.exc(fields={"assignee_id": "承办人不是本院工作人员。"})
    if dept is None and assignee is None:
        raise ServicesError.NO_ROUTE_TARGET.exc()
    t.department = dept or t.department
    t.assignee = assignee
    t.status = TicketStatus.ROUTED
    t.save()
    target = "、".join(
        str(x) for x in (dept and dept.name, assignee and assignee.display_name) if x
    )
    _ticket_event(t, "routed", f"转办：{target}" + (f"（{note}）" if note else ""), user)
    audit.record(
        "services.ticket_routed",
        actor=user,
        subject=t,
        court=t.court,
        before=before,
        after=_ticket_snapshot(t),
    )


def route_ticket(
    ticket_id: int,
    *,
    department_id: int | None = None,
    assignee_id: int | None = None,
    note: str = "",
    acting_user: Any,
) -> Ticket:
    """转: route to the responsible department or judge."""
    with transaction.atomic():
        t = access_ticket(acting_user, ticket_id, for_write=True)
        user = require_desk(acting_user, t.court_id)
        if t.status not in OPEN_TICKET_STATUSES:
            raise ServicesError.TICKET_WRONG_STATE.exc()
        _route(t, department_id, assignee_id, note.strip()[:200], user)
    return t


def start_ticket(ticket_id: int, *, acting_user: Any) -> Ticket:
    """办: the handler takes the ticket up."""
    with transaction.atomic():
        t = access_ticket(acting_user, ticket_id, for_write=True)
        user = require_login(acting_user)
        if not may_handle_ticket(user, t):
            raise CommonError.PERMISSION_DENIED.exc()
        if t.status not in (TicketStatus.RECEIVED, TicketStatus.ROUTED):
            raise ServicesError.TICKET_WRONG_STATE.exc()
        before = _ticket_snapshot(t)
        t.status = TicketStatus.IN_PROGRESS
        t.save(update_fields=["status"])
        _ticket_event(t, "in_progress", "开始办理", user)
        audit.record(
            "services.ticket_started",
            actor=user,
            subject=t,
            court=t.court,
            before=before,
            after=_ticket_snapshot(t),
        )
    return t


def reply_ticket(ticket_id: int, text: str, *, acting_user: Any) -> Ticket:
    """复: the answer to the caller (texted to their mobile number if they gave one)."""
    if not (text or "").strip():
        raise CommonError.INVALID_INPUT.exc(fields={"reply": "请填写答复内容。"})
    with transaction.atomic():
        t = access_ticket(acting_user, ticket_id, for_write=True)
        user = require_login(acting_user)
        if not may_handle_ticket(user, t):
            raise CommonError.PERMISSION_DENIED.exc()
        if t.status not in OPEN_TICKET_STATUSES:
            raise ServicesError.TICKET_WRONG_STATE.exc()
        before = _ticket_snapshot(t)
        t.status = TicketStatus.REPLIED
        t.reply = text.strip()
        t.replied_at = now()
        t.replied_by = user
        t.save()
        _ticket_event(t, "replied", "答复：" + t.reply[:200], user)
        audit.record(
            "services.ticket_replied",
            actor=user,
            subject=t,
            court=t.court,
            before=before,
            after=_ticket_snapshot(t),
        )
        _notify_caller(t, f"【一站】您的诉讼服务工单 {t.number} 已答复，请登录查看或致电 12368。")
    return t


def _check_rating(satisfaction: int | None) -> None:
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise CommonError.INVALID_INPUT.exc(fields={"satisfaction": "满意度为 1–5 分。"})


def record_callback(
    ticket_id: int, note: str, *, satisfaction: int | None = None, acting_user: Any
) -> Ticket:
    """回访: the desk calls back; a rating given on the phone closes the ticket (评)."""
    _check_rating(satisfaction)
    if not (note or "").strip():
        raise CommonError.INVALID_INPUT.exc(fields={"note": "请填写回访记录。"})
    with transaction.atomic():
        t = access_ticket(acting_user, ticket_id, for_write=True)
        user = require_desk(acting_user, t.court_id)
        if t.status != TicketStatus.REPLIED:
            raise ServicesError.TICKET_WRONG_STATE.exc()
        before = _ticket_snapshot(t)
        t.callback_note = note.strip()
        t.callback_at = now()
        if satisfaction is not None:
            t.satisfaction = satisfaction
            t.status = TicketStatus.CLOSED
        t.save()
        _ticket_event(
            t,
            "callback",
            f"回访：{t.callback_note[:200]}"
            + (f"；满意度 {satisfaction} 分" if satisfaction else ""),
            user,
        )
        audit.record(
            "services.ticket_callback",
            actor=user,
            subject=t,
            court=t.court,
            before=before,
            after=_ticket_snapshot(t),
        )
    return t


def rate_ticket(
    ticket_id: int, satisfaction: int, comment: str = "", *, acting_user: Any
) -> Ticket:
    """评: the caller rates the answer (1–5); the ticket is closed."""
    _check_rating(satisfaction)
    with transaction.atomic():
        t = access_ticket(acting_user, ticket_id, for_write=True)
        user = require_login(acting_user)
        if t.caller_user_id != user.pk:
            raise CommonError.PERMISSION_DENIED.exc(message="只有来访（来电）人本人可以评价。")
        if t.status != TicketStatus.REPLIED:
            raise ServicesError.TICKET_WRONG_STATE.exc()
        before = _ticket_snapshot(t)
        t.satisfaction = satisfaction
        t.rating_comment = (comment or "").strip()[:300]
        t.status = TicketStatus.CLOSED
        t.save()
        _ticket_event(t, "rated", f"评价：{satisfaction} 分", user)
        audit.record(
            "services.ticket_rated",
            actor=user,
            subject=t,
            court=t.court,
            before=before,
            after=_ticket_snapshot(t),
        )
    return t


def supervisor_for(t: Ticket) -> User | None:
    """督: the responsible department's chief, else the court's president, else any division
    chief of the court."""
    base = Membership.objects.filter(court_id=t.court_id).select_related("user")
    if t.department_id:
        m = base.filter(role=Role.DIVISION_CHIEF, department_id=t.department_id).first()
        if m:
            return m.user
    for role in (Role.PRESIDENT, Role.DIVISION_CHIEF):
        m = base.filter(role=role).order_by("id").first()
        if m:
            return m.user
    return None


def escalate_overdue_tickets(on: date | None = None) -> list[int]:
    """督: every open ticket past its deadline goes to the supervisor, once. Idempotent; run
    daily by :func:`yizhan.services.tasks.escalate_overdue`."""
    day = on or today()
    done: list[int] = []
    ids = list(
        Ticket.objects.filter(
            status__in=OPEN_TICKET_STATUSES, due_on__lt=day, escalated_at__isnull=True
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            t = Ticket.objects.select_for_update().select_related("court").get(pk=pk)
            if t.escalated_at is not None or t.status not in OPEN_TICKET_STATUSES:
                continue
            before = _ticket_snapshot(t)
            t.supervisor = supervisor_for(t)
            t.escalated_at = now()
            t.save(update_fields=["supervisor", "escalated_at"])
            who = t.supervisor.display_name if t.supervisor else "本院"
            _ticket_event(
                t, "escalated", f"超期督办（期限 {t.due_on:%Y-%m-%d}），督办人：{who}", None
            )
            audit.record(
                "services.ticket_escalated",
                actor=None,
                subject=t,
                court=t.court,
                before=before,
                after={**_ticket_snapshot(t), "supervisor": t.supervisor_id},
            )
            done.append(pk)
    return done


# =============================================================================================
# Service-hall appointments (预约)
# =============================================================================================


@dataclass
class AppointmentInput:
    court_code: str
    day: date
    start: str
    purpose: str
    name: str = ""
    phone: str = ""
    id_number: str = ""
    channel: str = TicketChannel.WEB


def check_bookable_day(day: date) -> None:
    first = today()
    if not first <= day <= first + timedelta(days=conf.booking_horizon_days()):
        raise ServicesError.SLOT_UNAVAILABLE.exc(
            fields={"day": f"只能预约今天起 {conf.booking_horizon_days()} 日内的工作日。"}
        )
    if not court_calendar().is_working_day(day):
        raise ServicesError.SLOT_UNAVAILABLE.exc(fields={"day": "该日不是工作日。"})


def book_appointment(data: AppointmentInput, *, acting_user: Any) -> Appointment:
    """Book a counter slot at a court's service hall. Capacity is enforced with a guarded
    UPDATE, double booking (one person, one court, one day) with a partial unique index."""
    user = require_login(acting_user)
    court = _court(data.court_code)
    if court is None:
        raise ServicesError.UNKNOWN_COURT.exc(fields={"court_code": "请选择法院。"})
    check_bookable_day(data.day)
    slot_def = next((s for s in conf.hall_slots() if s[0].strftime("%H:%M") == data.start), None)
    if slot_def is None:
        raise ServicesError.SLOT_UNAVAILABLE.exc(fields={"start": "没有该时段。"})
    desk = is_desk(user, court.pk)
    if desk:
        name, phone, id_number = data.name.strip(), data.phone, data.id_number.strip().upper()
        channel = data.channel if data.channel in TicketChannel.values else TicketChannel.PHONE
    else:
        name, phone, id_number = user.display_name, data.phone or user.mobile, user.id_number or ""
        channel = TicketChannel.WEB
    try:
        phone = parse_mobile(phone)
    except RuleError as e:
        raise CommonError.INVALID_INPUT.exc(fields={"phone": e.message}) from None
    if not name or not (data.purpose or "").strip():
        raise CommonError.INVALID_INPUT.exc(fields={"purpose": "请填写姓名和办理事项。"})
    person_key = id_number or phone
    try:
        with transaction.atomic():
            slot, _ = ServiceSlot.objects.get_or_create(
                court=court,
                day=data.day,
                start=slot_def[0],
                defaults={"end": slot_def[1], "capacity": slot_def[2]},
            )
            if Appointment.objects.filter(
                court=court, day=data.day, person_key=person_key, status=AppointmentStatus.BOOKED
            ).exists():
                raise ServicesError.ALREADY_BOOKED.exc()
            taken = ServiceSlot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(
                booked=F("booked") + 1
            )
            if not taken:
                raise ServicesError.SLOT_FULL.exc()
            when = f"{data.day:%Y-%m-%d} {slot.start:%H:%M}–{slot.end:%H:%M}"
            t = Ticket.objects.create(
                court=court, kind=TicketKind.APPOINTMENT, channel=channel,
                status=TicketStatus.REPLIED, caller_name=name, caller_phone=phone,
                caller_id_number=id_number, caller_user=None if desk else user,
                subject=f"预约到诉讼服务大厅办理：{data.purpose.strip()[:150]}",
                received_on=today(), due_on=data.day, replied_at=now(), created_by=user,
                reply=f"已预约 {when}，请携带身份证件按时到场。",
            )  # fmt: skip
            t.number = f"12368-{t.received_on:%Y%m%d}-{t.pk:06d}"
            t.save(update_fields=["number"])
            appt = Appointment.objects.create(
                slot=slot,
                court=court,
                day=data.day,
                person_key=person_key,
                name=name,
                phone=phone,
                id_number=id_number,
                purpose=data.purpose.strip()[:200],
                user=None if desk else user,
                ticket=t,
            )
            _ticket_event(t, "received", f"预约 {when}", user)
            audit.record(
                "services.appointment_booked",
                actor=user,
                subject=appt,
                court=court,
                after={"slot": slot.pk, "day": data.day, "ticket": t.number},
            )
            transaction.on_commit(
                lambda: sms.send(
                    phone,
                    f"【一站】您已预约{court.name}诉讼服务大厅 {when}，请携带身份证件按时到场。",
                    "appointment",
                )
            )
    except IntegrityError:
        # The partial unique index caught a concurrent second booking by the same person.
        raise ServicesError.ALREADY_BOOKED.exc() from None
    return appt


def cancel_appointment(appointment_id: int, *, acting_user: Any) -> Appointment:
    user = require_login(acting_user)
    with transaction.atomic():
        appt = Appointment.objects.select_for_update().filter(pk=appointment_id).first()
        if appt is None or not (appt.user_id == user.pk or is_desk(user, appt.court_id)):
            raise CommonError.NOT_FOUND.exc()
        if appt.status != AppointmentStatus.BOOKED:
            raise ServicesError.TICKET_WRONG_STATE.exc()
        appt.status = AppointmentStatus.CANCELLED
        appt.save(update_fields=["status"])
        ServiceSlot.objects.filter(pk=appt.slot_id, booked__gt=0).update(booked=F("booked") - 1)
        Ticket.objects.filter(pk=appt.ticket_id).update(status=TicketStatus.CLOSED)
        _ticket_event(appt.ticket, "cancelled", "预约已取消", user)
        audit.record(
            "services.appointment_cancelled",
            actor=user,
            subject=appt,
            court=appt.court,
            before={"status": "booked"},
            after={"status": appt.status},
        )
    return appt


# =============================================================================================
# Petitions (信访)
# =============================================================================================


@dataclass
class PetitionInput:
    court_code: str
    form: str
    subject: str
    content: str
    petitioner_name: str = ""
    petitioner_id_number: str = ""
    petitioner_phone: str = ""
    case_number: str = ""
    received_on: date | None = None


def _petition_event(p: Petition, kind: str, text: str, actor: User | None) -> None:
    PetitionEvent.objects.create(petition=p, kind=kind, text=text[:500], actor=actor, at=now())


def petition_accept_due(received_on: date) -> date:
    """Decide acceptance within 15 days of receipt (YIZHAN_PETITION_ACCEPT_DAYS; 信访工作条例
    Art 31 as configured, UNCONFIRMED); counted like a civil period (CPL23 Art 85)."""
    return period_from(received_on, days=conf.petition_accept_days()).end


def petition_conclude_due(accepted_on: date) -> date:
    """Conclude within 60 days of acceptance (YIZHAN_PETITION_CONCLUDE_DAYS)."""
    return period_from(accepted_on, days=conf.petition_conclude_days()).end


def find_repeat(p: Petition) -> tuple[Petition | None, str]:
    """A repeat petition about the same matter: the same petitioner (ID number) about the same
    case, or with a similar text (bigram Dice ≥ YIZHAN_PETITION_REPEAT_SIMILARITY)."""
    if not p.petitioner_id_number:
        return None, ""
    earlier = list(
        Petition.objects.filter(petitioner_id_number=p.petitioner_id_number)
        .exclude(pk=p.pk)
        .order_by("received_on", "id")
    )
    text = f"{p.subject} {p.content}"
    for other in earlier:
        if p.case_id and other.case_id == p.case_id:
            return other.repeat_of or other, "同一信访人、同一案件"
    threshold = conf.repeat_similarity()
    for other in earlier:
        if bigram_similarity(text, f"{other.subject} {other.content}") >= threshold:
            return other.repeat_of or other, "同一信访人、内容相似"
    return None, ""


def register_petition(data: PetitionInput, *, acting_user: Any) -> Petition:
    """Register a visit or letter (petition officer) or an online petition (the petitioner)."""
    user = require_login(acting_user)
    court = _court(data.court_code)
    if court is None:
        raise ServicesError.UNKNOWN_COURT.exc(fields={"court_code": "请选择法院。"})
    if data.form not in PetitionForm.values:
        raise CommonError.INVALID_INPUT.exc(fields={"form": "取值不在允许范围内"})
    if not data.subject.strip() or not data.content.strip():
        raise CommonError.INVALID_INPUT.exc(fields={"content": "请填写信访事项和内容。"})
    officer = has_role(user, Role.PETITION_OFFICER, court.pk)
    received = today()
    if officer:
        if data.received_on is not None:
            if data.received_on > received:
                raise CommonError.INVALID_INPUT.exc(
                    fields={"received_on": "收到日期不能晚于今天。"}
                )
            received = data.received_on
        name, idn, phone, form = (
            data.petitioner_name.strip(),
            data.petitioner_id_number.strip().upper(),
            _clean_phone(data.petitioner_phone),
            data.form,
        )
        if not name:
            raise CommonError.INVALID_INPUT.exc(fields={"petitioner_name": "请填写信访人。"})
    else:
        name, idn, phone, form = (
            user.display_name,
            user.id_number or "",
            user.mobile,
            PetitionForm.ONLINE,
        )
    if idn:
        try:
            idn = parse_resident_id(idn, today=today()).number
        except RuleError as e:
            raise CommonError.INVALID_INPUT.exc(
                fields={"petitioner_id_number": e.message}
            ) from None
    with transaction.atomic():
        case = None
        if data.case_number.strip():
            cases = Case.objects.filter(number=normalize_case_number(data.case_number))
            if not officer:
                cases = cases.filter(pk__in=visible_cases(user).values("pk"))
            case = cases.first()
            if case is None:
                raise ServicesError.UNKNOWN_CASE.exc(fields={"case_number": "未找到该案件。"})
        p = Petition.objects.create(
            court=court, form=form, petitioner_name=name[:60], petitioner_id_number=idn,
            petitioner_phone=phone, petitioner_user=None if officer else user, case=case,
            subject=data.subject.strip()[:200], content=data.content.strip(),
            received_on=received, accept_due_on=petition_accept_due(received),
            conclude_due_on=None, created_by=user,
        )  # fmt: skip
        p.number = f"信{received:%Y%m%d}-{p.pk:05d}"
        repeat, reason = find_repeat(p)
        p.repeat_of, p.repeat_reason = repeat, reason
        p.save(update_fields=["number", "repeat_of", "repeat_reason"])
        _petition_event(p, "registered", f"登记（{p.get_form_display()}）", user)
        if repeat:
            _petition_event(
                p, "repeat", f"重复信访：与 {repeat.number} 为同一事项（{reason}）", None
            )
        audit.record(
            "services.petition_registered",
            actor=user,
            subject=p,
            court=court,
            after={"form": p.form, "case": p.case_id, "repeat_of": p.repeat_of_id},
        )
    return p


def _petition_for_officer(petition_id: int, user: Any) -> tuple[Petition, User]:
    p = access_petition(user, petition_id, for_write=True)
    return p, require_petition_officer(user, p.court_id)


def accept_petition(petition_id: int, *, note: str = "", acting_user: Any) -> Petition:
    with transaction.atomic():
        p, user = _petition_for_officer(petition_id, acting_user)
        if p.status != PetitionStatus.REGISTERED:
            raise ServicesError.PETITION_WRONG_STATE.exc()
        p.status = PetitionStatus.ACCEPTED
        p.accepted_on = today()
        p.conclude_due_on = petition_conclude_due(p.accepted_on)
        p.handler = user
        p.decision_note = note.strip()
        p.save()
        _petition_event(p, "accepted", f"受理，办结期限 {p.conclude_due_on:%Y-%m-%d}", user)
        audit.record(
            "services.petition_accepted",
            actor=user,
            subject=p,
            court=p.court,
            before={"status": PetitionStatus.REGISTERED},
            after={"status": p.status, "conclude_due_on": p.conclude_due_on},
        )
    return p


def decline_petition(petition_id: int, *, reason: str, acting_user: Any) -> Petition:
    if not (reason or "").strip():
        raise CommonError.INVALID_INPUT.exc(fields={"reason": "请说明不予受理的理由。"})
    with transaction.atomic():
        p, user = _petition_for_officer(petition_id, acting_user)
        if p.status != PetitionStatus.REGISTERED:
            raise ServicesError.PETITION_WRONG_STATE.exc()
        p.status = PetitionStatus.NOT_ACCEPTED
        p.decision_note = reason.strip()
        p.reply = reason.strip()
        p.replied_at = now()
        p.handler = user
        p.save()
        _petition_event(p, "not_accepted", "不予受理：" + p.reply[:200], user)
        audit.record(
            "services.petition_declined",
            actor=user,
            subject=p,
            court=p.court,
            before={"status": PetitionStatus.REGISTERED},
            after={"status": p.status},
        )
    return p


def reply_petition(
    petition_id: int, *, reply: str, conclude: bool = True, acting_user: Any
) -> Petition:
    """Record the written reply (答复意见); by default the petition is concluded with it."""
    if not (reply or "").strip():
        raise CommonError.INVALID_INPUT.exc(fields={"reply": "请填写答复意见。"})
    with transaction.atomic():
        p, user = _petition_for_officer(petition_id, acting_user)
        if p.status != PetitionStatus.ACCEPTED:
            raise ServicesError.PETITION_WRONG_STATE.exc()
        before = {"status": p.status}
        p.reply = reply.strip()
        p.replied_at = now()
        if conclude:
            p.status = PetitionStatus.CONCLUDED
            p.concluded_on = today()
        p.save()
        _petition_event(
            p, "replied", ("答复并办结：" if conclude else "答复：") + p.reply[:200], user
        )
        audit.record(
            "services.petition_replied",
            actor=user,
            subject=p,
            court=p.court,
            before=before,
            after={"status": p.status},
        )
    return p
