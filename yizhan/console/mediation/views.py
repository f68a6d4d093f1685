"""Console pages for pre-litigation mediation: the roster, the court's matters, assignment,
sessions, outcomes and figures. Views parse forms and call ``yizhan.mediation.actions``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yizhan.accounts.models import Role
from yizhan.console.access import staff_view
from yizhan.core.errors import CommonError, DomainError
from yizhan.core.time import today
from yizhan.mediation import actions, selectors
from yizhan.mediation.models import (
    MatterStatus,
    Mediator,
    Organisation,
    OrgKind,
    SessionMode,
    Specialty,
    SuitabilityRule,
)
from yizhan.mediation.permissions import access_matter, is_clerk, mediator_of


def _ctx(request: HttpRequest) -> Any:
    return request.console  # type: ignore[attr-defined]


@staff_view
@require_GET
def matters(request: HttpRequest) -> HttpResponse:
    ctx = _ctx(request)
    me = mediator_of(request.user)  # type: ignore[arg-type]
    status = request.GET.get("status") or None
    # Visibility comes from the access rules: court staff see their court's matters, a
    # mediator only the matters assigned to them.
    qs = selectors.my_matters(request.user).filter(court=ctx.court)  # type: ignore[arg-type]
    if status:
        qs = qs.filter(status=status)
    rows = list(qs.order_by("due_on", "-created_at")[:300])
    due = list(selectors.due_within([ctx.court.pk])) if ctx.is_clerk else []
    return render(
        request,
        "console/mediation/matters.html",
        {
            "rows": [(m, selectors.days_left(m)) for m in rows],
            "due": due,
            "me": me,
            "statuses": MatterStatus.choices,
            "status": status,
        },
    )


@staff_view
@require_GET
def matter(request: HttpRequest, matter_id: int) -> HttpResponse:
    m = access_matter(request.user, matter_id)
    user = request.user
    me = mediator_of(user)  # type: ignore[arg-type]
    d = selectors.detail(m, user)  # type: ignore[arg-type]
    clerk = is_clerk(user, m)  # type: ignore[arg-type]
    return render(
        request,
        "console/mediation/matter.html",
        {
            "m": m,
            "d": d,
            "clerk": clerk,
            "mine": me is not None and m.mediator_id == me.pk,
            "judge": Role.JUDGE in _ctx(request).roles and m.court_id == _ctx(request).court.pk,
            "suggestions": selectors.suggest_mediators(m)
            if clerk and m.status in ("appointing", "choosing")
            else [],
            "modes": SessionMode.choices,
        },
    )


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise CommonError.INVALID_INPUT.exc(message=_("提交的内容有误。")) from None


def _when(value: str | None) -> Any:
    """A form's court time (Asia/Shanghai); None when absent or not a time (parse_datetime
    raises ValueError on a well-formed impossible one such as 2026-02-30T09:00, a 500)."""
    try:
        return parse_datetime(value + "+08:00") if value else None
    except ValueError:
        return None


def _dispatch(request: HttpRequest, matter_id: int, name: str) -> Any:
    p, u = request.POST, request.user
    handlers: dict[str, Callable[[], Any]] = {
        "appoint": lambda: actions.appoint_mediator(
            matter_id, _int(p.get("mediator_id")), acting_user=u
        ),
        "record_choice": lambda: actions.choose_mediator(
            matter_id, _int(p.get("mediator_id")), party_id=_int(p.get("party_id")), acting_user=u
        ),
        "accept": lambda: actions.accept_assignment(matter_id, acting_user=u),
        "decline": lambda: actions.decline_assignment(
            matter_id, reason=p.get("reason", ""), acting_user=u
        ),
        "schedule": lambda: actions.schedule_session(
            matter_id,
            mode=p.get("mode", ""),
            scheduled_at=_when(p.get("scheduled_at")),
            place=p.get("place", ""),
            acting_user=u,
        ),
        "record_session": lambda: actions.record_session(
            _int(p.get("session_id")),
            minutes=p.get("minutes", ""),
            attendance={_int(k): True for k in p.getlist("present")},
            acting_user=u,
        ),
        "extend": lambda: actions.request_extension(
            matter_id, days=_int(p.get("days")), reason=p.get("reason", ""), acting_user=u
        ),
        "record_consent": lambda: actions.consent_to_extension(
            matter_id,
            _int(p.get("extension_id")),
            consent=p.get("consent") == "yes",
            party_id=_int(p.get("party_id")),
            acting_user=u,
        ),
        "appraisal": lambda: actions.start_appraisal(
            matter_id, reason=p.get("reason", ""), acting_user=u
        ),
        "appraisal_end": lambda: actions.end_appraisal(matter_id, acting_user=u),
        "settle": lambda: actions.record_settlement(
            matter_id, terms=p.get("terms", ""), acting_user=u
        ),
        "record_signature": lambda: actions.record_signature(
            matter_id, _int(p.get("party_id")), acting_user=u
        ),
        "fail": lambda: actions.record_failure(
            matter_id, reason=p.get("reason", ""), acting_user=u
        ),
        "joint_confirmation": lambda: actions.apply_for_confirmation(
            matter_id, joint=True, acting_user=u
        ),
        "decide": lambda: actions.decide_confirmation(
            matter_id, grant=p.get("grant") == "yes", reason=p.get("reason", ""), acting_user=u
        ),
        "document": lambda: actions.issue_mediation_document(matter_id, acting_user=u),
        "convert": lambda: actions.convert_to_filing(matter_id, acting_user=u),
    }
    if name not in handlers:
        raise CommonError.NOT_FOUND.exc()
    return handlers[name]()


@staff_view
@require_POST
def act(request: HttpRequest, matter_id: int, name: str) -> HttpResponse:
    try:
        _dispatch(request, matter_id, name)
    except DomainError as e:
        if e.status in (401, 404):
            raise
        messages.error(request, e.message + "".join(f" {v}" for v in e.fields.values()))
    else:
        messages.success(request, _("操作已完成。"))
    if name in ("decline",) and not access_ok(request, matter_id):
        return redirect("console_mediation:matters")
    return redirect("console_mediation:matter", matter_id=matter_id)


def access_ok(request: HttpRequest, matter_id: int) -> bool:
    try:
        access_matter(request.user, matter_id)
    except DomainError:
        return False
    return True


@staff_view
@require_GET
def roster(request: HttpRequest) -> HttpResponse:
    court = _ctx(request).court
    orgs = Organisation.objects.filter(court=court).prefetch_related("mediators")
    loads = {
        m.pk: actions.active_load(m) for m in Mediator.objects.filter(organisation__court=court)
    }
    return render(
        request,
        "console/mediation/roster.html",
        {
            "orgs": orgs,
            "loads": loads,
            "kinds": OrgKind.choices,
            "specialties": Specialty.choices,
            "rules": SuitabilityRule.objects.filter(court=court).select_related("cause"),
            "can_edit": _ctx(request).is_clerk,
        },
    )


@staff_view
@require_POST
def roster_act(request: HttpRequest, name: str) -> HttpResponse:
    p, u, court = request.POST, request.user, _ctx(request).court
    try:
        if name == "organisation":
            actions.create_organisation(
                court.pk,
                actions.OrganisationInput(
                    name=p.get("name", ""),
                    kind=p.get("kind", ""),
                    regions=p.get("regions", "").replace("，", ",").split(","),
                    contact=p.get("contact", ""),
                    phone=p.get("phone", ""),
                ),
                acting_user=u,
            )
        elif name == "mediator":
            actions.create_mediator(
                _int(p.get("organisation_id")),
                actions.MediatorInput(
                    name=p.get("name", ""),
                    specialties=p.getlist("specialties"),
                    regions=p.get("regions", "").replace("，", ",").split(","),
                    languages=p.get("languages", "").replace("，", ",").split(","),
                    capacity=_int(p.get("capacity") or "10"),
                    user_id=_int(p.get("user_id")) if p.get("user_id") else None,
                    is_coordinator=p.get("is_coordinator") == "on",
                ),
                acting_user=u,
            )
        elif name == "availability":
            until = p.get("unavailable_until")
            actions.set_availability(
                _int(p.get("mediator_id")),
                available=p.get("available") == "yes",
                unavailable_until=date.fromisoformat(until) if until else None,
                acting_user=u,
            )
        elif name == "rule":
            actions.create_rule(
                court.pk,
                cause_code=p.get("cause_code") or None,
                min_amount=p.get("min_amount") or None,
                max_amount=p.get("max_amount") or None,
                max_parties=_int(p.get("max_parties")) if p.get("max_parties") else None,
                natural_persons_only=p.get("natural_persons_only") == "on",
                specialty=p.get("specialty", ""),
                note=p.get("note", ""),
                acting_user=u,
            )
        else:
            raise CommonError.NOT_FOUND.exc()
    except (DomainError, ValueError) as e:
        if isinstance(e, DomainError) and e.status == 404:
            raise
        messages.error(request, getattr(e, "message", _("提交的内容有误。")))
    else:
        messages.success(request, _("名册已更新。"))
    return redirect("console_mediation:roster")


@staff_view
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    court = _ctx(request).court
    start = request.GET.get("start") or None
    end = request.GET.get("end") or None
    try:
        s = date.fromisoformat(start) if start else None
        e = date.fromisoformat(end) if end else None
    except ValueError:
        s = e = None
    data = selectors.figures(court.pk, s, e)
    return render(
        request,
        "console/mediation/figures.html",
        {"data": data, "start": s, "end": e, "today": today()},
    )
