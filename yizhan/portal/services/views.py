"""Portal pages of the service desk: case inquiry, consultation, my tickets, appointments.

Views parse input and call ``yizhan.services`` actions and selectors; they never write models.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yizhan.accounts.models import User
from yizhan.cases.selectors import visible_cases
from yizhan.core.errors import DomainError
from yizhan.core.models import Court
from yizhan.core.time import today
from yizhan.services import actions, search, selectors
from yizhan.services.conf import booking_horizon_days, kb_min_score
from yizhan.services.models import IdentityKind, TicketKind
from yizhan.services.permissions import access_ticket

PORTAL_TICKET_KINDS = ("contact_judge", "consultation", "complaint", "suggestion", "report")
SESSION_PENDING = "inquiry_pending"
SESSION_TOKEN = "inquiry_token"


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _courts() -> list[Court]:
    return list(Court.objects.filter(is_active=True).order_by("code"))


@require_http_methods(["GET", "POST"])
def inquiry(request: HttpRequest) -> HttpResponse:
    """案件查询: case number + identity → SMS code → process information."""
    ctx: dict[str, Any] = {"kinds": IdentityKind.choices, "stage": "identity", "error": None}
    pending = request.session.get(SESSION_PENDING)
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "code":
                data = {
                    "case_number": request.POST.get("case_number", ""),
                    "identity_kind": request.POST.get("identity_kind", "id_number"),
                    "identity_number": request.POST.get("identity_number", ""),
                }
                if data["identity_kind"] not in IdentityKind.values:
                    data["identity_kind"] = IdentityKind.ID_NUMBER
                actions.request_inquiry_code(
                    data["case_number"],
                    data["identity_kind"],
                    data["identity_number"],
                    ip=_ip(request),
                )
                request.session[SESSION_PENDING] = data
                ctx["stage"] = "code"
            elif step == "verify" and pending:
                grant = actions.verify_inquiry_code(
                    pending["case_number"],
                    pending["identity_kind"],
                    pending["identity_number"],
                    request.POST.get("code", ""),
                    ip=_ip(request),
                )
                request.session[SESSION_TOKEN] = grant.token
                request.session.pop(SESSION_PENDING, None)
                return redirect("portal_services:inquiry_case")
        except DomainError as e:
            ctx["error"] = e.message
            ctx["stage"] = "code" if step == "verify" and pending else "identity"
            status = e.status
            return render(request, "portal/services/inquiry.html", ctx, status=status)
    return render(request, "portal/services/inquiry.html", ctx)


def inquiry_case(request: HttpRequest) -> HttpResponse:
    try:
        case_id = actions.inquiry_case_id(request.session.get(SESSION_TOKEN, ""))
    except DomainError as e:
        messages.info(request, e.message)
        return redirect("portal_services:inquiry")
    return render(
        request, "portal/services/inquiry_case.html", {"info": selectors.inquiry_case(case_id)}
    )


@require_http_methods(["GET", "POST"])
def consult(request: HttpRequest) -> HttpResponse:
    """诉讼咨询: search the knowledge base; an unanswered question becomes a ticket."""
    q = (request.GET.get("q") or request.POST.get("question") or "").strip()[:200]
    court_code = request.GET.get("court") or request.POST.get("court_code") or ""
    court = Court.objects.filter(code=court_code).first() if court_code else None
    hits = search.search(q, court_id=court.pk if court else None) if q else []
    answered = bool(hits) and hits[0].score >= kb_min_score()
    ctx: dict[str, Any] = {
        "q": q,
        "hits": hits,
        "answered": answered,
        "courts": _courts(),
        "court_code": court_code,
        "ticket": None,
    }
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/login/?next={request.path}")
        try:
            ticket = actions.create_ticket(
                actions.TicketInput(
                    court_code=court_code,
                    kind=TicketKind.CONSULTATION,
                    subject=q,
                    content=q,
                    channel="web",
                ),
                acting_user=request.user,
            )
            messages.success(
                request, _("您的问题已转交工作人员，工单号 %(n)s。") % {"n": ticket.number}
            )
            return redirect("portal_services:ticket", ticket_id=ticket.pk)
        except DomainError as e:
            ctx["error"] = e.message
    if request.headers.get("HX-Request"):
        return render(request, "portal/services/_hits.html", ctx)
    return render(request, "portal/services/consult.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def my_tickets(request: HttpRequest) -> HttpResponse:
    """My 12368 tickets, and a form to raise one: contact the judge (message relay),
    a complaint, a suggestion, a report or a question."""
    user = cast(User, request.user)
    form: dict[str, str] = {
        "kind": request.GET.get("kind", TicketKind.CONTACT_JUDGE),
        "court_code": "",
        "case_number": "",
        "subject": "",
        "content": "",
    }
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = {k: request.POST.get(k, "").strip() for k in form}
        if form["kind"] not in PORTAL_TICKET_KINDS:
            form["kind"] = TicketKind.CONTACT_JUDGE
        try:
            t = actions.create_ticket(
                actions.TicketInput(
                    court_code=form["court_code"],
                    kind=form["kind"],
                    subject=form["subject"],
                    content=form["content"],
                    channel="web",
                    case_number=form["case_number"],
                ),
                acting_user=user,
            )
        except DomainError as e:
            errors = {k: str(v) for k, v in e.fields.items()} or {"form": e.message}
        else:
            messages.success(request, _("已受理，工单号 %(n)s。") % {"n": t.number})
            return redirect("portal_services:ticket", ticket_id=t.pk)
    rows = [
        selectors.ticket_row(t) for t in selectors.ticket_list(user).filter(caller_user=user)[:100]
    ]
    my_cases = list(visible_cases(user).select_related("court").order_by("-filed_on")[:50])
    return render(
        request,
        "portal/services/tickets.html",
        {
            "tickets": rows,
            "form": form,
            "errors": errors,
            "courts": _courts(),
            "kinds": [(k, label) for k, label in TicketKind.choices if k in PORTAL_TICKET_KINDS],
            "my_cases": my_cases,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ticket(request: HttpRequest, ticket_id: int) -> HttpResponse:
    try:
        t = access_ticket(request.user, ticket_id)
        if t.caller_user_id != request.user.pk:
            raise DomainError("not_found", _("未找到该记录，或您无权查看。"), status=404)
        if request.method == "POST":
            try:
                actions.rate_ticket(
                    ticket_id,
                    int(request.POST.get("satisfaction", "0")),
                    request.POST.get("comment", ""),
                    acting_user=request.user,
                )
                messages.success(request, _("感谢您的评价。"))
            except ValueError:
                messages.error(request, _("请选择满意度。"))
            return redirect("portal_services:ticket", ticket_id=ticket_id)
    except DomainError as e:
        return render(
            request, "portal/error.html", {"error": e, "title": _("无法查看")}, status=e.status
        )
    return render(
        request,
        "portal/services/ticket.html",
        {"t": selectors.ticket_detail(t), "can_rate": t.status == "replied"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def appointments(request: HttpRequest) -> HttpResponse:
    """预约服务: choose a court and a day, then a slot."""
    court_code = request.GET.get("court") or request.POST.get("court_code") or ""
    try:
        day = date.fromisoformat(request.GET.get("day") or request.POST.get("day") or "")
    except ValueError:
        day = today() + timedelta(days=1)
    court = Court.objects.filter(code=court_code).first() if court_code else None
    error = None
    if request.method == "POST":
        try:
            appt = actions.book_appointment(
                actions.AppointmentInput(
                    court_code=court_code,
                    day=day,
                    start=request.POST.get("start", ""),
                    purpose=request.POST.get("purpose", ""),
                    phone=request.POST.get("phone", ""),
                ),
                acting_user=request.user,
            )
            messages.success(
                request,
                _("预约成功：%(d)s %(t)s。")
                % {"d": appt.day.isoformat(), "t": appt.slot.start.strftime("%H:%M")},
            )
            return redirect("portal_services:appointments")
        except DomainError as e:
            error = e.message
    ctx = {
        "courts": _courts(),
        "court": court,
        "day": day,
        "error": error,
        "slots": selectors.slots_for(court, day) if court else [],
        "mine": [
            selectors.appointment_row(a)
            for a in selectors.my_appointments(cast(User, request.user))[:50]
        ],  # type: ignore[arg-type]
        "min_day": today(),
        "max_day": today() + timedelta(days=booking_horizon_days()),
    }
    return render(request, "portal/services/appointments.html", ctx, status=409 if error else 200)


@login_required
@require_POST
def appointment_cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    try:
        actions.cancel_appointment(appointment_id, acting_user=request.user)
        messages.success(request, _("预约已取消。"))
    except DomainError as e:
        messages.error(request, e.message)
    return redirect("portal_services:appointments")
