"""Reads of the service desk: process information, caller history, dashboards. No writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from yizhan.accounts.models import User
from yizhan.cases.models import Case, CaseStatus, DocketEntry, FeeNotice
from yizhan.core.calendar import court_calendar
from yizhan.core.models import Court
from yizhan.core.time import today
from yizhan.rules.identifiers import mask_mobile
from yizhan.trial.deadlines import disclosed_figures
from yizhan.trial.models import Hearing, ServiceRecord

from . import conf
from .models import (
    OPEN_PETITION_STATUSES,
    OPEN_TICKET_STATUSES,
    Appointment,
    AppointmentStatus,
    Petition,
    PetitionStatus,
    ServiceSlot,
    Ticket,
)
from .permissions import visible_petitions, visible_tickets

# --- process information (FLOW Arts 7–9) ----------------------------------------------------

# Other apps (hearings, service of documents, …) register what they can show a party:
# ``register_process_section("hearings", fn)`` where ``fn(case) -> list[dict]``.
ProcessSection = Callable[[Case], list[dict[str, Any]]]
_SECTIONS: dict[str, ProcessSection] = {}
HOOKED_SECTIONS = ("hearings", "service", "documents")


def register_process_section(name: str, provider: ProcessSection) -> None:
    _SECTIONS[name] = provider


def trial_limit(case: Case) -> dict[str, Any] | None:
    """The statutory time limit (审限) with what parties are entitled to see of it
    (EXT2019 Art 7): the length and its article, the due date including approved extensions
    and deducted periods, the deductions and extensions themselves. Computed by the trial
    module, the single source of the limit."""
    figures = disclosed_figures(case)
    if not figures["limit"]:
        return None
    return {
        "length": figures["limit"],
        "ends_on": figures["limit_due"],
        "base_end": figures["base_end"],
        "rule": figures["limit_rule"],
        "suspended_days": figures["suspended_days"],
        "suspensions": figures["suspensions"],
        "extensions": figures["extensions"],
        "adjournments": figures["adjournments"],
    }


def _hearings(case: Case) -> list[dict[str, Any]]:
    """Hearings as a party may see them (FLOW Art 8): time, place, online or not, status."""
    return [
        {
            "starts_at": h.starts_at,
            "courtroom": h.courtroom.name if h.courtroom else None,
            "online": h.online,
            "status": h.get_status_display(),
        }
        for h in Hearing.objects.filter(case=case).select_related("courtroom")
    ]


def _service(case: Case) -> list[dict[str, Any]]:
    """Service of documents (送达, FLOW Art 8): which document, how, when."""
    return [
        {"document": r.document, "method": r.get_method_display(), "served_on": r.served_on}
        for r in ServiceRecord.objects.filter(case=case).order_by("served_on", "id")
    ]


def process_info(case: Case) -> dict[str, Any]:
    """What a party or agent may see of their case (FLOW Arts 7–9): filing, parties (names and
    roles only), bench, procedure, time limit, docket, fee notice, and the hooked sections.

    Never: claims text, facts, evidence, attachments, identity numbers, addresses, phone
    numbers, internal notes or the audit trail. The 12368 agent sees exactly this too."""
    notice = FeeNotice.objects.filter(case=case).first()
    docs: list[dict[str, Any]] = [{"name": "受理通知书", "served_on": case.filed_on}]
    if notice is not None:
        docs.append({"name": "交纳诉讼费用通知书", "served_on": notice.issued_on})
    info: dict[str, Any] = {
        "number": case.number,
        "court": case.court.name,
        "cause": case.cause.name if case.cause else None,
        "procedure": case.get_procedure_display(),
        "status": case.get_status_display(),
        "filed_on": case.filed_on,
        "closed": case.status == CaseStatus.CLOSED,
        "parties": [
            {"role": cp.get_role_display(), "name": cp.party.name}
            for cp in case.case_parties.select_related("party")
        ],
        "bench": {
            "department": case.department.name if case.department else None,
            "judge": case.judge.display_name if case.judge else None,
        },
        "time_limit": trial_limit(case),
        "docket": [
            {"at": d.occurred_at, "text": d.text}
            for d in DocketEntry.objects.filter(case=case).only("occurred_at", "text")
        ],
        "fee": None if notice is None else {
            "amount_due": f"{notice.amount_due:.2f}", "status": notice.get_status_display(),
            "issued_on": notice.issued_on, "due_on": notice.due_on, "paid_on": notice.paid_on,
        },
        "hearings": _hearings(case),
        "service": _service(case),
        "documents": docs,
    }  # fmt: skip
    for name, provider in _SECTIONS.items():
        info[name] = (info.get(name) or []) + provider(case)
    return info


def inquiry_case(case_id: int) -> dict[str, Any]:
    case = Case.objects.select_related("court", "cause", "department", "judge").get(pk=case_id)
    return process_info(case)


# --- tickets ---------------------------------------------------------------------------------


def ticket_row(t: Ticket) -> dict[str, Any]:
    return {
        "id": t.pk, "number": t.number, "court": t.court.name, "kind": t.kind,
        "kind_label": t.get_kind_display(), "channel": t.channel,
        "channel_label": t.get_channel_display(), "urgency": t.urgency, "status": t.status,
        "status_label": t.get_status_display(), "subject": t.subject,
        "received_on": t.received_on, "due_on": t.due_on, "escalated": t.escalated_at is not None,
        "overdue": t.status in OPEN_TICKET_STATUSES and t.due_on < today(),
        "case_number": t.case.number if t.case else None, "caller_name": t.caller_name,
        "satisfaction": t.satisfaction,
    }  # fmt: skip


def ticket_detail(t: Ticket) -> dict[str, Any]:
    return {
        **ticket_row(t),
        "content": t.content,
        "caller_phone": mask_mobile(t.caller_phone) if t.caller_phone else "",
        "department": t.department.name if t.department else None,
        "assignee": t.assignee.display_name if t.assignee else None,
        "supervisor": t.supervisor.display_name if t.supervisor else None,
        "reply": t.reply, "replied_at": t.replied_at,
        "callback_note": t.callback_note, "callback_at": t.callback_at,
        "rating_comment": t.rating_comment,
        "events": [
            {"kind": e.kind, "text": e.text, "at": e.at,
             "actor": e.actor.display_name if e.actor else "系统"}
            for e in t.events.select_related("actor")
        ],
    }  # fmt: skip


def ticket_list(
    user: Any, *, court_id: int | None = None, status: str | None = None, overdue: bool = False
) -> QuerySet[Ticket]:
    qs = visible_tickets(user).select_related("court", "case")
    if court_id:
        qs = qs.filter(court_id=court_id)
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status__in=OPEN_TICKET_STATUSES, due_on__lt=today())
    return qs.order_by("due_on", "id") if overdue else qs.order_by("-created_at", "-id")


def overdue_tickets(court_id: int, on: date | None = None) -> QuerySet[Ticket]:
    """Open tickets past their deadline at a court (the escalation task's input)."""
    return (
        Ticket.objects.filter(
            court_id=court_id, status__in=OPEN_TICKET_STATUSES, due_on__lt=on or today()
        )
        .select_related("court", "case", "supervisor")
        .order_by("due_on", "id")
    )


def caller_profile(
    user: User, court: Court, *, phone: str = "", id_number: str = ""
) -> dict[str, Any]:
    """The 12368 agent's view of a caller: their tickets and petitions at this court and the
    cases they are party to — as process information only (nothing sealed)."""
    phone = "".join(c for c in phone if c.isdigit())
    id_number = id_number.strip().upper()
    if not phone and not id_number:
        return {"tickets": [], "petitions": [], "cases": [], "name": None}
    tq = Q()
    if phone:
        tq |= Q(caller_phone=phone)
    if id_number:
        tq |= Q(caller_id_number=id_number)
    tickets = list(
        visible_tickets(user).filter(tq, court=court).select_related("court", "case")[:50]
    )
    pq = Q()
    if phone:
        pq |= Q(petitioner_phone=phone)
    if id_number:
        pq |= Q(petitioner_id_number=id_number)
    petitions = list(Petition.objects.filter(pq, court=court)[:50])
    cq = Q()
    if phone:
        cq |= Q(case_parties__party__mobile=phone)
    if id_number:
        cq |= Q(case_parties__party__id_number=id_number)
    cases = list(
        Case.objects.filter(cq, court=court)
        .distinct()
        .select_related("court", "cause", "department", "judge")[:20]
    )
    name = next((t.caller_name for t in tickets if t.caller_name), None)
    return {
        "name": name,
        "tickets": [ticket_row(t) for t in tickets],
        "petitions": [petition_row(p) for p in petitions],
        "cases": [process_info(c) for c in cases],
    }


# --- appointments ----------------------------------------------------------------------------


def slots_for(court: Court, day: date) -> list[dict[str, Any]]:
    """The day's counter slots with what is left (none on rest days)."""
    if not court_calendar().is_working_day(day):
        return []
    stored = {s.start: s for s in ServiceSlot.objects.filter(court=court, day=day)}
    out = []
    for start, end, capacity in conf.hall_slots():
        s = stored.get(start)
        cap = s.capacity if s else capacity
        booked = s.booked if s else 0
        out.append(
            {
                "start": f"{start:%H:%M}",
                "end": f"{end:%H:%M}",
                "capacity": cap,
                "left": max(cap - booked, 0),
            }
        )
    return out


def my_appointments(user: User) -> QuerySet[Appointment]:
    return Appointment.objects.filter(user=user).select_related("slot", "court", "ticket")


def appointment_row(a: Appointment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "court": a.court.name,
        "day": a.day,
        "start": f"{a.slot.start:%H:%M}",
        "end": f"{a.slot.end:%H:%M}",
        "purpose": a.purpose,
        "status": a.status,
        "status_label": a.get_status_display(),
        "ticket_number": a.ticket.number,
    }


def hall_day(court: Court, day: date) -> list[Appointment]:
    return list(
        Appointment.objects.filter(court=court, day=day, status=AppointmentStatus.BOOKED)
        .select_related("slot", "court", "ticket")
        .order_by("slot__start", "id")
    )


# --- petitions -------------------------------------------------------------------------------


def petition_row(p: Petition) -> dict[str, Any]:
    day = today()
    overdue = (p.status == PetitionStatus.REGISTERED and p.accept_due_on < day) or (
        p.status == PetitionStatus.ACCEPTED
        and p.conclude_due_on is not None
        and p.conclude_due_on < day
    )
    return {
        "id": p.pk, "number": p.number, "form": p.form, "form_label": p.get_form_display(),
        "status": p.status, "status_label": p.get_status_display(),
        "petitioner_name": p.petitioner_name, "subject": p.subject,
        "case_number": p.case.number if p.case_id and p.case else None,
        "received_on": p.received_on, "accept_due_on": p.accept_due_on,
        "conclude_due_on": p.conclude_due_on, "overdue": overdue,
        "repeat_of": p.repeat_of.number if p.repeat_of_id and p.repeat_of else None,
        "repeat_reason": p.repeat_reason,
    }  # fmt: skip


def petition_detail(p: Petition) -> dict[str, Any]:
    return {
        **petition_row(p), "content": p.content, "reply": p.reply, "replied_at": p.replied_at,
        "decision_note": p.decision_note, "accepted_on": p.accepted_on,
        "concluded_on": p.concluded_on,
        "events": [{"kind": e.kind, "text": e.text, "at": e.at,
                    "actor": e.actor.display_name if e.actor else "系统"}
                   for e in p.events.select_related("actor")],
    }  # fmt: skip


def petition_dashboard(user: Any, court_id: int, on: date | None = None) -> dict[str, Any]:
    """The supervisor's view: open, overdue (acceptance or conclusion) and repeat petitions."""
    day = on or today()
    qs = visible_petitions(user).filter(court_id=court_id).select_related("case", "repeat_of")
    open_qs = qs.filter(status__in=OPEN_PETITION_STATUSES)
    overdue_accept = open_qs.filter(status=PetitionStatus.REGISTERED, accept_due_on__lt=day)
    overdue_conclude = open_qs.filter(status=PetitionStatus.ACCEPTED, conclude_due_on__lt=day)
    repeats = qs.filter(repeat_of__isnull=False)
    return {
        "open": [petition_row(p) for p in open_qs.order_by("accept_due_on", "id")[:200]],
        "overdue_acceptance": [petition_row(p) for p in overdue_accept.order_by("accept_due_on")],
        "overdue_conclusion": [
            petition_row(p) for p in overdue_conclude.order_by("conclude_due_on")
        ],
        "repeats": [petition_row(p) for p in repeats.order_by("-received_on", "-id")[:200]],
        "counts": {
            "open": open_qs.count(),
            "overdue": overdue_accept.count() + overdue_conclude.count(),
            "repeat": repeats.count(),
        },
    }
