"""API router (mounted at /api/v1/services): case inquiry, consultation, 12368 tickets,
appointments, petitions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Header, Router, Status

from yizhan.accounts.models import Role
from yizhan.accounts.permissions import courts_with_role, require_login
from yizhan.core.errors import CommonError
from yizhan.core.models import Court

from . import actions, search, selectors
from .models import KnowledgeEntry, SmsMessage
from .permissions import (
    access_petition,
    access_ticket,
    require_desk,
    require_petition_reader,
    require_ticket_reader,
    visible_petitions,
)
from .schemas import (
    AppointmentIn,
    AppointmentOut,
    AskIn,
    AskOut,
    CallbackIn,
    CallerOut,
    DashboardOut,
    DeclineIn,
    InquiryCodeIn,
    InquiryTokenOut,
    InquiryVerifyIn,
    KbEntryIn,
    KbEntryOut,
    MessageOut,
    NoteIn,
    PetitionIn,
    PetitionOut,
    PetitionReplyIn,
    PetitionRowOut,
    ProcessInfoOut,
    RateIn,
    ReplyIn,
    RouteIn,
    SearchOut,
    SlotOut,
    SmsOut,
    TicketIn,
    TicketOut,
    TicketRowOut,
)

router = Router(tags=["services"])

INQUIRY_SENT = {
    "code": "inquiry_code_sent",
    "message": "如所填信息与案件登记信息一致，验证码已发送至预留手机号，请在 10 分钟内输入。",
}


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _court(code: str) -> Court:
    court = Court.objects.filter(code=code, is_active=True).first()
    if court is None:
        raise CommonError.INVALID_INPUT.exc(fields={"court_code": "所选法院不存在。"})
    return court


# --- case inquiry (案件查询) -------------------------------------------------------------------


@router.post(
    "/inquiry/code",
    auth=None,
    response={202: MessageOut},
    summary="案件查询：核验身份并发送验证码（不透露案件是否存在）",
)
def inquiry_code(request: HttpRequest, payload: InquiryCodeIn) -> Status[Any]:
    actions.request_inquiry_code(
        payload.case_number, payload.identity_kind, payload.identity_number, ip=_ip(request)
    )
    return Status(202, INQUIRY_SENT)


@router.post(
    "/inquiry/verify",
    auth=None,
    response=InquiryTokenOut,
    summary="案件查询：输入验证码，取得短期查询凭证",
)
def inquiry_verify(request: HttpRequest, payload: InquiryVerifyIn) -> dict[str, Any]:
    grant = actions.verify_inquiry_code(
        payload.case_number,
        payload.identity_kind,
        payload.identity_number,
        payload.code,
        ip=_ip(request),
    )
    return {"token": grant.token, "expires_at": grant.expires_at}


@router.get(
    "/inquiry/case",
    auth=None,
    response=ProcessInfoOut,
    summary="案件查询：审判流程信息（凭 X-Inquiry-Token）",
)
def inquiry_case(
    request: HttpRequest, x_inquiry_token: str = Header("", alias="X-Inquiry-Token")
) -> dict[str, Any]:
    return selectors.inquiry_case(actions.inquiry_case_id(x_inquiry_token))


# --- consultation (诉讼咨询) ------------------------------------------------------------------


def _search(q: str, court_code: str | None) -> dict[str, Any]:
    court_id = _court(court_code).pk if court_code else None
    hits = search.search(q, court_id=court_id)
    return {
        "query": q,
        "answered": bool(hits) and hits[0].score >= actions.conf.kb_min_score(),
        "hits": [h.__dict__ for h in hits],
    }


@router.get("/consultation/search", auth=None, response=SearchOut, summary="咨询知识库检索")
def consultation_search(request: HttpRequest, q: str, court_code: str | None = None) -> Any:
    if not q.strip() or len(q) > 200:
        raise CommonError.INVALID_INPUT.exc(fields={"q": "请输入 1–200 字的问题。"})
    return _search(q, court_code)


@router.post("/consultation/ask", response=AskOut, summary="提问：知识库无满意答案时转为咨询工单")
def consultation_ask(request: HttpRequest, payload: AskIn) -> Any:
    result = _search(payload.question, payload.court_code)
    ticket = None
    if not result["answered"]:
        t = actions.create_ticket(
            actions.TicketInput(
                court_code=payload.court_code,
                kind="consultation",
                subject=payload.question[:200],
                content=payload.question,
                channel="web",
            ),
            acting_user=request.user,
        )
        ticket = selectors.ticket_row(t)
    return {**result, "ticket": ticket}


def _kb_out(e: KnowledgeEntry) -> dict[str, Any]:
    return {
        "id": e.pk,
        "slug": e.slug,
        "category": e.category,
        "question": e.question,
        "answer": e.answer,
        "keywords": e.keywords,
        "basis": e.basis,
        "court_code": e.court.code if e.court else None,
        "is_published": e.is_published,
    }


@router.get("/consultation/entries", auth=None, response=list[KbEntryOut], summary="咨询知识库条目")
def kb_entries(request: HttpRequest, category: str | None = None) -> list[dict[str, Any]]:
    qs = KnowledgeEntry.objects.filter(is_published=True).select_related("court")
    if category:
        qs = qs.filter(category=category)
    return [_kb_out(e) for e in qs[:500]]


def _kb_input(p: KbEntryIn) -> actions.KbInput:
    return actions.KbInput(**p.dict())


@router.post(
    "/consultation/entries", response={201: KbEntryOut}, summary="新增知识库条目（工作人员）"
)
def kb_create(request: HttpRequest, payload: KbEntryIn) -> Status[Any]:
    entry = actions.save_kb_entry(_kb_input(payload), acting_user=request.user)
    return Status(201, _kb_out(entry))


@router.put(
    "/consultation/entries/{int:entry_id}",
    response=KbEntryOut,
    summary="修改知识库条目（工作人员）",
)
def kb_update(request: HttpRequest, entry_id: int, payload: KbEntryIn) -> dict[str, Any]:
    entry = actions.save_kb_entry(_kb_input(payload), acting_user=request.user, entry_id=entry_id)
    return _kb_out(entry)


# --- 12368 tickets (工单) --------------------------------------------------------------------


def _ticket_out(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    return selectors.ticket_detail(access_ticket(request.user, ticket_id))


@router.post("/tickets", response={201: TicketOut}, summary="登记工单（收）")
def ticket_create(request: HttpRequest, payload: TicketIn) -> Status[Any]:
    t = actions.create_ticket(actions.TicketInput(**payload.dict()), acting_user=request.user)
    return Status(201, _ticket_out(request, t.pk))


@router.get(
    "/tickets",
    response=list[TicketRowOut],
    summary="工单列表：当事人看自己的，工作人员看本院的或转给自己的",
)
def ticket_list(
    request: HttpRequest,
    court_code: str | None = None,
    status: str | None = None,
    overdue: bool = False,
) -> list[dict[str, Any]]:
    court_id = _court(court_code).pk if court_code else None
    qs = selectors.ticket_list(request.user, court_id=court_id, status=status, overdue=overdue)
    return [selectors.ticket_row(t) for t in qs[:200]]


@router.get("/tickets/{int:ticket_id}", response=TicketOut, summary="工单详情")
def ticket_get(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    return _ticket_out(request, ticket_id)


@router.post("/tickets/{int:ticket_id}/route", response=TicketOut, summary="转办（转）")
def ticket_route(request: HttpRequest, ticket_id: int, payload: RouteIn) -> dict[str, Any]:
    actions.route_ticket(
        ticket_id,
        department_id=payload.department_id,
        assignee_id=payload.assignee_id,
        note=payload.note,
        acting_user=request.user,
    )
    return _ticket_out(request, ticket_id)


@router.post("/tickets/{int:ticket_id}/start", response=TicketOut, summary="开始办理（办）")
def ticket_start(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    actions.start_ticket(ticket_id, acting_user=request.user)
    return _ticket_out(request, ticket_id)


@router.post("/tickets/{int:ticket_id}/reply", response=TicketOut, summary="答复（复）")
def ticket_reply(request: HttpRequest, ticket_id: int, payload: ReplyIn) -> dict[str, Any]:
    actions.reply_ticket(ticket_id, payload.reply, acting_user=request.user)
    return _ticket_out(request, ticket_id)


@router.post("/tickets/{int:ticket_id}/callback", response=TicketOut, summary="回访记录")
def ticket_callback(request: HttpRequest, ticket_id: int, payload: CallbackIn) -> dict[str, Any]:
    actions.record_callback(
        ticket_id, payload.note, satisfaction=payload.satisfaction, acting_user=request.user
    )
    return _ticket_out(request, ticket_id)


@router.post("/tickets/{int:ticket_id}/rate", response=TicketOut, summary="满意度评价（评）")
def ticket_rate(request: HttpRequest, ticket_id: int, payload: RateIn) -> dict[str, Any]:
    actions.rate_ticket(ticket_id, payload.satisfaction, payload.comment, acting_user=request.user)
    return _ticket_out(request, ticket_id)


@router.get("/tickets/overdue", response=list[TicketRowOut], summary="超期工单（督办）")
def tickets_overdue(request: HttpRequest, court_code: str) -> list[dict[str, Any]]:
    court = _court(court_code)
    require_ticket_reader(request.user, court.pk)
    return [selectors.ticket_row(t) for t in selectors.overdue_tickets(court.pk)[:200]]


@router.get("/callers", response=CallerOut, summary="12368 坐席：按电话或身份证号查找来电人")
def caller_lookup(
    request: HttpRequest, court_code: str, phone: str = "", id_number: str = ""
) -> dict[str, Any]:
    court = _court(court_code)
    user = require_desk(request.user, court.pk)
    return selectors.caller_profile(user, court, phone=phone, id_number=id_number)


# --- appointments (预约) ----------------------------------------------------------------------


@router.get(
    "/appointments/slots", auth=None, response=list[SlotOut], summary="诉讼服务大厅可预约时段"
)
def appointment_slots(request: HttpRequest, court_code: str, day: date) -> list[dict[str, Any]]:
    return selectors.slots_for(_court(court_code), day)


@router.post("/appointments", response={201: AppointmentOut}, summary="预约诉讼服务大厅窗口")
def appointment_book(request: HttpRequest, payload: AppointmentIn) -> Status[Any]:
    appt = actions.book_appointment(
        actions.AppointmentInput(**payload.dict()), acting_user=request.user
    )
    return Status(201, selectors.appointment_row(appt))


@router.get("/appointments", response=list[AppointmentOut], summary="我的预约")
def appointment_list(request: HttpRequest) -> list[dict[str, Any]]:
    user = require_login(request.user)
    return [selectors.appointment_row(a) for a in selectors.my_appointments(user)[:100]]


@router.post(
    "/appointments/{int:appointment_id}/cancel", response=AppointmentOut, summary="取消预约"
)
def appointment_cancel(request: HttpRequest, appointment_id: int) -> dict[str, Any]:
    appt = actions.cancel_appointment(appointment_id, acting_user=request.user)
    return selectors.appointment_row(appt)


# --- petitions (信访) -------------------------------------------------------------------------


def _petition_out(request: HttpRequest, petition_id: int) -> dict[str, Any]:
    return selectors.petition_detail(access_petition(request.user, petition_id))


@router.post("/petitions", response={201: PetitionOut}, summary="登记信访（来访、来信、网上信访）")
def petition_create(request: HttpRequest, payload: PetitionIn) -> Status[Any]:
    p = actions.register_petition(actions.PetitionInput(**payload.dict()), acting_user=request.user)
    return Status(201, _petition_out(request, p.pk))


@router.get("/petitions", response=list[PetitionRowOut], summary="信访列表")
def petition_list(request: HttpRequest) -> list[dict[str, Any]]:
    qs = visible_petitions(request.user).select_related("case", "repeat_of")
    return [selectors.petition_row(p) for p in qs[:200]]


@router.get("/petitions/dashboard", response=DashboardOut, summary="信访督办看板")
def petition_dashboard(request: HttpRequest, court_code: str) -> dict[str, Any]:
    court = _court(court_code)
    require_petition_reader(request.user, court.pk)
    return selectors.petition_dashboard(request.user, court.pk)


@router.get("/petitions/{int:petition_id}", response=PetitionOut, summary="信访详情")
def petition_get(request: HttpRequest, petition_id: int) -> dict[str, Any]:
    return _petition_out(request, petition_id)


@router.post("/petitions/{int:petition_id}/accept", response=PetitionOut, summary="受理信访")
def petition_accept(request: HttpRequest, petition_id: int, payload: NoteIn) -> dict[str, Any]:
    actions.accept_petition(petition_id, note=payload.note, acting_user=request.user)
    return _petition_out(request, petition_id)


@router.post("/petitions/{int:petition_id}/decline", response=PetitionOut, summary="不予受理")
def petition_decline(request: HttpRequest, petition_id: int, payload: DeclineIn) -> dict[str, Any]:
    actions.decline_petition(petition_id, reason=payload.reason, acting_user=request.user)
    return _petition_out(request, petition_id)


@router.post("/petitions/{int:petition_id}/reply", response=PetitionOut, summary="答复信访")
def petition_reply(
    request: HttpRequest, petition_id: int, payload: PetitionReplyIn
) -> dict[str, Any]:
    actions.reply_petition(
        petition_id, reply=payload.reply, conclude=payload.conclude, acting_user=request.user
    )
    return _petition_out(request, petition_id)


# --- SMS log -----------------------------------------------------------------------------------


@router.get("/sms-log", response=list[SmsOut], summary="短信发送记录（默认短信通道）")
def sms_log(request: HttpRequest) -> list[SmsMessage]:
    user = require_login(request.user)
    if not courts_with_role(user, (Role.HOTLINE_AGENT, Role.ADMINISTRATOR)):
        raise CommonError.PERMISSION_DENIED.exc()
    return list(SmsMessage.objects.all()[:200])
