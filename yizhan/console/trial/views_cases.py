"""Console pages of the trial module (part A): assignment (division chiefs), my limits and
overdue lists, the extension approval queue (presidents). Views parse forms and call
``yizhan.trial.actions`` / ``selectors``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yizhan.accounts.models import Role
from yizhan.console.access import staff_view
from yizhan.core.errors import CommonError, DomainError
from yizhan.trial import actions, selectors
from yizhan.trial.deadlines import warning_days


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


@staff_view
@require_GET
def limits(request: HttpRequest) -> HttpResponse:
    """我的审限 (the judge's open cases with countdowns) and the court's overdue lists."""
    court = _court(request)
    mine = selectors.limit_rows(selectors.my_cases(request.user, court.pk))
    roles = request.console.roles  # type: ignore[attr-defined]
    summary = (
        selectors.overdue_summary(court.pk)
        if roles & {Role.DIVISION_CHIEF, Role.PRESIDENT}
        else None
    )
    return _page(
        request,
        "console/trial/limits.html",
        {"rows": mine, "summary": summary, "thresholds": warning_days()},
    )


@staff_view
@require_GET
def assignment(request: HttpRequest) -> HttpResponse:
    court = _court(request)
    roles = request.console.roles  # type: ignore[attr-defined]
    if not roles & {Role.DIVISION_CHIEF, Role.PRESIDENT, Role.FILING_CLERK}:
        raise CommonError.PERMISSION_DENIED.exc(message=_("只有庭长、院长或立案人员可以分案。"))
    return _page(
        request,
        "console/trial/assignment.html",
        {
            "cases": list(selectors.unassigned_cases(court.pk)[:200]),
            "judges": selectors.court_judges(court.pk),
            "can_assign_by_hand": bool(roles & {Role.DIVISION_CHIEF, Role.PRESIDENT}),
        },
    )


@staff_view
@require_POST
def assign(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        if request.POST.get("judge_id"):
            actions.assign_manually(
                case_id,
                judge_id=int(request.POST["judge_id"]),
                reason=request.POST.get("reason", ""),
                acting_user=request.user,
            )
        else:
            actions.assign_case(case_id, acting_user=request.user)
    except (DomainError, ValueError) as e:
        if isinstance(e, DomainError) and e.status in (401, 403, 404):
            raise
        messages.error(request, getattr(e, "message", _("提交的内容有误。")))
    else:
        messages.success(request, _("已分案。"))
    return redirect("console_trial:assignment")


@staff_view
@require_GET
def extensions(request: HttpRequest) -> HttpResponse:
    ctx = request.console  # type: ignore[attr-defined]
    if Role.PRESIDENT not in ctx.roles:
        raise CommonError.PERMISSION_DENIED.exc(message=_("只有院长可以审批延长审限。"))
    queue = list(selectors.pending_extensions([ctx.court.pk], [ctx.court.pk]))
    return _page(request, "console/trial/extensions.html", {"queue": queue})


@staff_view
@require_POST
def decide(request: HttpRequest, extension_id: int) -> HttpResponse:
    try:
        actions.decide_extension(
            extension_id,
            approve=request.POST.get("approve") == "1",
            reason=request.POST.get("reason", ""),
            acting_user=request.user,
        )
    except DomainError as e:
        if e.status in (401, 403, 404):
            raise
        messages.error(request, e.message)
    else:
        messages.success(request, _("已作出审批决定。"))
    return redirect("console_trial:extensions")
