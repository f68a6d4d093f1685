"""Console pages of the service desk: the 12368 agent console, ticket handling, the petitions
dashboard, the knowledge base and the SMS log. Views call ``yizhan.services`` actions and
selectors only."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yizhan.accounts.models import Role, User
from yizhan.accounts.permissions import courts_with_role
from yizhan.console.access import error_page, staff_view
from yizhan.core.errors import CommonError, DomainError
from yizhan.core.models import Department
from yizhan.services import actions, selectors
from yizhan.services.models import (
    KbCategory,
    KnowledgeEntry,
    PetitionForm,
    SmsMessage,
    TicketChannel,
    TicketKind,
    Urgency,
)
from yizhan.services.permissions import (
    access_petition,
    access_ticket,
    require_desk,
    require_kb_editor,
    require_petition_reader,
    require_ticket_reader,
)


def _page(
    request: HttpRequest, template: str, ctx: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(
        request,
        template,
        {"console": request.console, **ctx},  # type: ignore[attr-defined]
        status=status,
    )


def _court(request: HttpRequest) -> Any:
    return request.console.court  # type: ignore[attr-defined]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@staff_view
@require_http_methods(["GET", "POST"])
def agent(request: HttpRequest) -> HttpResponse:
    """12368 坐席: find the caller by phone or ID, see their history, create a ticket."""
    court = _court(request)
    require_desk(request.user, court.pk)
    phone = request.GET.get("phone") or request.POST.get("caller_phone") or ""
    id_number = request.GET.get("id_number") or request.POST.get("caller_id_number") or ""
    error = None
    if request.method == "POST":
        p = request.POST
        try:
            t = actions.create_ticket(
                actions.TicketInput(
                    court_code=court.code,
                    kind=p.get("kind", ""),
                    subject=p.get("subject", ""),
                    content=p.get("content", ""),
                    channel=p.get("channel", "phone"),
                    urgency=p.get("urgency", "ordinary"),
                    caller_name=p.get("caller_name", ""),
                    caller_phone=phone,
                    caller_id_number=id_number,
                    case_number=p.get("case_number", ""),
                ),
                acting_user=request.user,
            )
            messages.success(request, _("已登记工单 %(n)s。") % {"n": t.number})
            return redirect("console_services:ticket", ticket_id=t.pk)
        except DomainError as e:
            error = e.message
    profile = (
        selectors.caller_profile(
            cast(User, request.user),
            court,
            phone=phone,  # type: ignore[arg-type]
            id_number=id_number,
        )
        if (phone or id_number)
        else None
    )
    return _page(
        request,
        "console/services/agent.html",
        {
            "phone": phone,
            "id_number": id_number,
            "profile": profile,
            "error": error,
            "kinds": TicketKind.choices,
            "channels": TicketChannel.choices,
            "urgencies": Urgency.choices,
        },
        status=422 if error else 200,
    )


@staff_view
def tickets(request: HttpRequest) -> HttpResponse:
    court = _court(request)
    overdue = request.GET.get("overdue") == "1"
    rows = [
        selectors.ticket_row(t)
        for t in selectors.ticket_list(
            request.user,
            court_id=court.pk,
            status=request.GET.get("status") or None,
            overdue=overdue,
        )[:200]
    ]
    return _page(request, "console/services/tickets.html", {"tickets": rows, "overdue": overdue})


@staff_view
@require_http_methods(["GET", "POST"])
def ticket(request: HttpRequest, ticket_id: int) -> HttpResponse:
    t = access_ticket(request.user, ticket_id)
    if request.method == "POST":
        op, p, u = request.POST.get("op"), request.POST, request.user
        try:
            if op == "route":
                actions.route_ticket(
                    ticket_id,
                    department_id=_int(p.get("department_id")),
                    assignee_id=_int(p.get("assignee_id")),
                    note=p.get("note", ""),
                    acting_user=u,
                )
            elif op == "start":
                actions.start_ticket(ticket_id, acting_user=u)
            elif op == "reply":
                actions.reply_ticket(ticket_id, p.get("reply", ""), acting_user=u)
            elif op == "callback":
                actions.record_callback(
                    ticket_id,
                    p.get("note", ""),
                    satisfaction=_int(p.get("satisfaction")),
                    acting_user=u,
                )
            else:
                raise CommonError.INVALID_INPUT.exc()
            messages.success(request, _("已保存。"))
        except DomainError as e:
            messages.error(request, e.message)
        return redirect("console_services:ticket", ticket_id=ticket_id)
    return _page(
        request,
        "console/services/ticket.html",
        {
            "t": selectors.ticket_detail(t),
            "departments": Department.objects.filter(court=t.court),
            "judges": User.objects.filter(
                memberships__court=t.court, memberships__role=Role.JUDGE
            ).distinct(),
            "case": selectors.process_info(t.case) if t.case else None,
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def petitions(request: HttpRequest) -> HttpResponse:
    court = _court(request)
    require_petition_reader(request.user, court.pk)
    error = None
    if request.method == "POST":
        p = request.POST
        try:
            received = date.fromisoformat(p["received_on"]) if p.get("received_on") else None
            pet = actions.register_petition(
                actions.PetitionInput(
                    court_code=court.code,
                    form=p.get("form", ""),
                    subject=p.get("subject", ""),
                    content=p.get("content", ""),
                    petitioner_name=p.get("petitioner_name", ""),
                    petitioner_id_number=p.get("petitioner_id_number", ""),
                    petitioner_phone=p.get("petitioner_phone", ""),
                    case_number=p.get("case_number", ""),
                    received_on=received,
                ),
                acting_user=request.user,
            )
            messages.success(request, _("已登记信访 %(n)s。") % {"n": pet.number})
            return redirect("console_services:petition", petition_id=pet.pk)
        except ValueError:
            error = _("收到日期格式应为 YYYY-MM-DD。")
        except DomainError as e:
            error = e.message
    return _page(
        request,
        "console/services/petitions.html",
        {
            "d": selectors.petition_dashboard(request.user, court.pk),
            "forms": PetitionForm.choices,
            "error": error,
        },
        status=422 if error else 200,
    )


@staff_view
@require_http_methods(["GET", "POST"])
def petition(request: HttpRequest, petition_id: int) -> HttpResponse:
    pet = access_petition(request.user, petition_id)
    if request.method == "POST":
        op, p, u = request.POST.get("op"), request.POST, request.user
        try:
            if op == "accept":
                actions.accept_petition(petition_id, note=p.get("note", ""), acting_user=u)
            elif op == "decline":
                actions.decline_petition(petition_id, reason=p.get("reason", ""), acting_user=u)
            elif op == "reply":
                actions.reply_petition(
                    petition_id,
                    reply=p.get("reply", ""),
                    conclude=p.get("conclude") == "1",
                    acting_user=u,
                )
            else:
                raise CommonError.INVALID_INPUT.exc()
            messages.success(request, _("已保存。"))
        except DomainError as e:
            messages.error(request, e.message)
        return redirect("console_services:petition", petition_id=petition_id)
    return _page(request, "console/services/petition.html", {"p": selectors.petition_detail(pet)})


@staff_view
def kb(request: HttpRequest) -> HttpResponse:
    if not courts_with_role(
        cast(User, request.user),
        (
            Role.HOTLINE_AGENT,
            Role.FILING_CLERK,  # type: ignore[arg-type]
            Role.ADMINISTRATOR,
        ),
    ):
        return error_page(request, 403, _("您无权维护咨询知识库。"))
    entries = KnowledgeEntry.objects.select_related("court").order_by("category", "id")
    return _page(request, "console/services/kb.html", {"entries": entries})


@staff_view
@require_http_methods(["GET", "POST"])
def kb_edit(request: HttpRequest, entry_id: int | None = None) -> HttpResponse:
    entry = KnowledgeEntry.objects.filter(pk=entry_id).first() if entry_id else None
    if entry_id and entry is None:
        return error_page(request, 404, _("未找到该条目。"))
    require_kb_editor(request.user, entry.court_id if entry else None)
    error = None
    if request.method == "POST":
        p = request.POST
        try:
            saved = actions.save_kb_entry(
                actions.KbInput(
                    category=p.get("category", "other"),
                    question=p.get("question", ""),
                    answer=p.get("answer", ""),
                    keywords=p.get("keywords", ""),
                    basis=p.get("basis", ""),
                    court_code=p.get("court_code") or None,
                    is_published=p.get("is_published") == "1",
                ),
                acting_user=request.user,
                entry_id=entry_id,
            )
            messages.success(request, _("已保存，检索立即生效。"))
            return redirect("console_services:kb_edit", entry_id=saved.pk)
        except DomainError as e:
            error = e.message
    return _page(
        request,
        "console/services/kb_edit.html",
        {
            "entry": entry,
            "categories": KbCategory.choices,
            "error": error,
        },
        status=422 if error else 200,
    )


@staff_view
def sms_log(request: HttpRequest) -> HttpResponse:
    court = _court(request)
    require_ticket_reader(request.user, court.pk)
    if not courts_with_role(cast(User, request.user), (Role.HOTLINE_AGENT, Role.ADMINISTRATOR)):  # type: ignore[arg-type]
        return error_page(request, 403, _("您无权查看短信记录。"))
    return _page(request, "console/services/sms.html", {"rows": SmsMessage.objects.all()[:200]})


@staff_view
@require_POST
def escalate(request: HttpRequest) -> HttpResponse:
    """Run the escalation now (the same function the daily task runs)."""
    require_ticket_reader(request.user, _court(request).pk)
    done = actions.escalate_overdue_tickets()
    messages.success(request, _("已督办 %(n)d 件超期工单。") % {"n": len(done)})
    return redirect("console_services:tickets")
