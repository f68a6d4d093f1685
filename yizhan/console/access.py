"""Who may use the staff console, and which court they are working for.

Every console view is wrapped in :func:`staff_view`: anonymous users go to the login page,
logged-in users without a staff role get the 403 page, and a :class:`DomainError` raised by an
action or selector is rendered as a page with its status (never a 500).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render, resolve_url
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from yizhan.accounts.models import PUBLIC_ROLES, Role, User
from yizhan.accounts.permissions import memberships
from yizhan.core.errors import DomainError
from yizhan.core.models import Court

SESSION_COURT = "console_court_id"
SESSION_COUNTER = "counter_mode"  # read by yizhan.audit.middleware: channel "counter"


def login_url() -> str:
    """settings.LOGIN_URL (the portal's login page); Django admin's while it does not exist."""
    try:
        return resolve_url(settings.LOGIN_URL)
    except NoReverseMatch:
        return reverse("admin:login")


@dataclass
class ConsoleContext:
    """The user's staff courts, the court chosen in the switcher and their roles there."""

    user: User
    courts: list[Court]
    court: Court
    roles: set[str] = field(default_factory=set)
    counter_mode: bool = False

    @property
    def is_clerk(self) -> bool:
        return Role.FILING_CLERK in self.roles

    @property
    def is_judge(self) -> bool:
        return Role.JUDGE in self.roles

    @property
    def areas(self) -> list[tuple[str, str]]:
        """The console areas this user's roles at the chosen court open, as (label, url)."""
        r = self.roles
        trial_roles = {
            Role.JUDGE, Role.JUDGE_ASSISTANT, Role.COURT_CLERK, Role.DIVISION_CHIEF,
            Role.PRESIDENT,
        }  # fmt: skip
        out: list[tuple[str, str]] = []
        if Role.FILING_CLERK in r:  # next to 窗口立案: the fee top-ups (CPLI Art 199)
            out.append((_("逾期未交诉讼费"), reverse("console:top_ups")))
        if r & {Role.FILING_CLERK, Role.MEDIATOR, Role.DIVISION_CHIEF, Role.PRESIDENT}:
            out.append((_("诉前调解"), reverse("console_mediation:matters")))
        if r & trial_roles:
            out.append((_("审限管理"), reverse("console_trial:limits")))
            out.append((_("庭审排期"), reverse("console_trial:hearings")))
        if r & {Role.DIVISION_CHIEF, Role.PRESIDENT}:
            out.append((_("分案"), reverse("console_trial:assignment")))
            out.append((_("系列案"), reverse("console_trial:serial")))
        if Role.PRESIDENT in r:
            out.append((_("延长审限审批"), reverse("console_trial:extensions")))
        if r & {
            Role.HOTLINE_AGENT, Role.PETITION_OFFICER, Role.FILING_CLERK, Role.PRESIDENT,
            Role.ADMINISTRATOR,
        }:  # fmt: skip
            out.append((_("12368 与信访"), reverse("console_services:agent")))
        if r & {Role.DIVISION_CHIEF, Role.PRESIDENT, Role.ADMINISTRATOR}:
            out.append((_("文书公开"), reverse("console_publication:queue")))
        if r & {
            Role.STATISTICIAN, Role.PRESIDENT, Role.ADMINISTRATOR, Role.JUDGE,
            Role.DIVISION_CHIEF,
        }:  # fmt: skip
            out.append((_("审判质效"), reverse("console_stats:dashboard")))
        return out

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in sorted(self.roles)]


def staff_courts(user: User) -> list[Court]:
    seen: dict[int, Court] = {}
    for m in memberships(user):
        if m.role not in PUBLIC_ROLES and m.court is not None:
            seen.setdefault(m.court_id, m.court)  # type: ignore[arg-type]
    return sorted(seen.values(), key=lambda c: c.code)


def console_context(request: HttpRequest) -> ConsoleContext | None:
    user: User = request.user  # type: ignore[assignment]
    courts = staff_courts(user)
    if not courts:
        return None
    chosen = request.session.get(SESSION_COURT)
    court = next((c for c in courts if c.pk == chosen), courts[0])
    roles = {m.role for m in memberships(user) if m.court_id == court.pk}
    return ConsoleContext(
        user=user,
        courts=courts,
        court=court,
        roles=roles,
        counter_mode=bool(request.session.get(SESSION_COUNTER)),
    )


def error_page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    titles = {401: _("请先登录"), 403: _("无权访问"), 404: _("未找到"), 409: _("状态冲突")}
    return render(
        request,
        "console/error.html",
        {"status": status, "title": titles.get(status, _("操作未完成")), "message": message},
        status=status,
    )


def staff_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url())
        ctx = console_context(request)
        if ctx is None:
            return error_page(request, 403, _("法院工作平台仅供法院工作人员使用。"))
        request.console = ctx  # type: ignore[attr-defined]
        try:
            return view(request, *args, **kwargs)
        except DomainError as e:
            return error_page(request, e.status, e.message)

    return wrapper
