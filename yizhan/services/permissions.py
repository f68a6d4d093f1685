"""Access gates of the service desk.

* 12368 tickets: the court's service desk (hotline agents, filing clerks at the counter) and
  supervisors (division chiefs, presidents) see the court's tickets; a judge or department
  sees what was routed to them; a litigant sees only the tickets they raised.
* Petitions: petition officers and supervisors of the court; the petitioner their own.
* Nobody here sees sealed case content: callers' cases are shown as process information only
  (:func:`yizhan.services.selectors.process_info`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from yizhan.accounts.models import Role, User
from yizhan.accounts.permissions import (
    courts_with_role,
    has_role,
    memberships,
    not_found,
    require_login,
)
from yizhan.core.errors import CommonError

from .models import Petition, Ticket

DESK_ROLES = (Role.HOTLINE_AGENT, Role.FILING_CLERK)
SUPERVISOR_ROLES = (Role.DIVISION_CHIEF, Role.PRESIDENT)
TICKET_READERS = (*DESK_ROLES, *SUPERVISOR_ROLES, Role.ADMINISTRATOR)
KB_EDITORS = (Role.HOTLINE_AGENT, Role.FILING_CLERK, Role.ADMINISTRATOR)
PETITION_HANDLERS = (Role.PETITION_OFFICER,)
PETITION_READERS = (Role.PETITION_OFFICER, *SUPERVISOR_ROLES, Role.ADMINISTRATOR)


def department_ids(user: User) -> list[int]:
    return sorted({m.department_id for m in memberships(user) if m.department_id})


def is_desk(user: User, court_id: int) -> bool:
    return any(has_role(user, r, court_id) for r in DESK_ROLES)


def require_desk(user: Any, court_id: int) -> User:
    u = require_login(user)
    if not is_desk(u, court_id):
        raise CommonError.PERMISSION_DENIED.exc()
    return u


def visible_tickets(user: Any) -> QuerySet[Ticket]:
    u = require_login(user)
    q = Q(caller_user=u) | Q(assignee=u) | Q(supervisor=u)
    courts = courts_with_role(u, TICKET_READERS)
    if courts:
        q |= Q(court_id__in=courts)
    depts = department_ids(u)
    if depts:
        q |= Q(department_id__in=depts)
    return Ticket.objects.filter(q)


def access_ticket(user: Any, ticket_id: int, *, for_write: bool = False) -> Ticket:
    if not visible_tickets(user).filter(pk=ticket_id).exists():
        raise not_found()
    qs = Ticket.objects.select_related("court", "case", "department", "assignee")
    if for_write:
        qs = qs.select_for_update(of=("self",))
    return qs.get(pk=ticket_id)


def may_handle_ticket(user: User, ticket: Ticket) -> bool:
    """办: the assignee, the responsible department, the court's service desk."""
    return (
        ticket.assignee_id == user.pk
        or (ticket.department_id is not None and ticket.department_id in department_ids(user))
        or is_desk(user, ticket.court_id)
        or any(has_role(user, r, ticket.court_id) for r in SUPERVISOR_ROLES)
    )


def visible_petitions(user: Any) -> QuerySet[Petition]:
    u = require_login(user)
    q = Q(petitioner_user=u) | Q(handler=u)
    courts = courts_with_role(u, PETITION_READERS)
    if courts:
        q |= Q(court_id__in=courts)
    return Petition.objects.filter(q)


def access_petition(user: Any, petition_id: int, *, for_write: bool = False) -> Petition:
    if not visible_petitions(user).filter(pk=petition_id).exists():
        raise not_found()
    qs = Petition.objects.select_related("court", "case", "repeat_of")
    if for_write:
        qs = qs.select_for_update(of=("self",))
    return qs.get(pk=petition_id)


def require_petition_officer(user: Any, court_id: int) -> User:
    u = require_login(user)
    if not has_role(u, Role.PETITION_OFFICER, court_id):
        raise CommonError.PERMISSION_DENIED.exc()
    return u


def require_petition_reader(user: Any, court_id: int) -> User:
    u = require_login(user)
    if not any(has_role(u, r, court_id) for r in PETITION_READERS):
        raise CommonError.PERMISSION_DENIED.exc()
    return u


def require_kb_editor(user: Any, court_id: int | None) -> User:
    """Court-wide entries (court empty): any KB editor; a court's entries: its own staff."""
    u = require_login(user)
    ok = (
        bool(courts_with_role(u, KB_EDITORS))
        if court_id is None
        else any(has_role(u, r, court_id) for r in KB_EDITORS)
    )
    if not ok:
        raise CommonError.PERMISSION_DENIED.exc()
    return u


def require_ticket_reader(user: Any, court_id: int) -> User:
    u = require_login(user)
    if not any(has_role(u, r, court_id) for r in TICKET_READERS):
        raise CommonError.PERMISSION_DENIED.exc()
    return u
