"""Console pages for hearings and serial cases (part B of issue #6): the court's hearing
calendar per courtroom (day / week), the scheduling form with a live conflict check (htmx),
a hearing's page (adjourn, hold, cancel), serial-case suggestions and batch actions.

Views parse forms and call ``yizhan.trial.hearings`` / ``yizhan.trial.serial``; they never
write models themselves."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_time
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yizhan.accounts.models import Membership
from yizhan.cases.models import SerialGroup
from yizhan.console.access import staff_view
from yizhan.core.errors import CommonError, DomainError
from yizhan.core.time import today
from yizhan.trial import hearings, serial
from yizhan.trial.models import AdjournmentGround, Courtroom, HearingStatus
from yizhan.trial.permissions import JUDGE_ROLES, access_trial_case, is_supervisor


def _ctx(request: HttpRequest) -> Any:
    return request.console  # type: ignore[attr-defined]


def _date(value: str | None) -> date | None:
    """A form date; None when absent or not a date (parse_date raises ValueError on a
    well-formed impossible one such as 2026-02-30, which was a 500)."""
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def _day(value: str | None) -> date:
    return _date(value) or today()


def _dt(day: str | None, clock: str | None) -> datetime | None:
    """Court time from a day and a clock field; None when either is empty or invalid."""
    d = _date(day)
    try:
        t = parse_time(clock or "")
    except ValueError:  # 24:00 is well formed
        t = None
    if d is None or t is None:
        return None
    return timezone.make_aware(datetime.combine(d, t))


def _given_dt(day: str | None, clock: str | None) -> datetime | None:
    """As :func:`_dt`, but a day and clock that were typed and are no time (2026-02-30, 25:00)
    are refused, not read as "none given" (which adjourns a hearing without its new time)."""
    when = _dt(day, clock)
    if when is None and (day or clock):
        raise CommonError.INVALID_INPUT.exc(fields={"day": _("日期或时间无效。")})
    return when


def _int(value: str | None) -> int | None:
    """A form or query id/number; None when absent or not an integer the database can hold
    (a 64-bit signed integer: 2**63 raised OverflowError in the queries, a 500)."""
    try:
        number = int(value) if value not in (None, "") else None
    except ValueError:
        return None
    if number is not None and not -(2**63) <= number < 2**63:
        return None
    return number


def _error(request: HttpRequest, e: DomainError) -> None:
    detail = ""
    conflicts = e.fields.get("conflicts") if e.fields else None
    if isinstance(conflicts, list):
        detail = "；".join(c["reason"] for c in conflicts)
    elif isinstance(conflicts, dict):
        detail = "；".join(f"{n}：{c['reason']}" for n, cs in conflicts.items() for c in cs)
    elif e.fields:
        detail = "；".join(str(v) for v in e.fields.values())
    messages.error(request, f"{e.message}{'（' + detail + '）' if detail else ''}")


# --- calendar --------------------------------------------------------------------------------


@staff_view
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    ctx = _ctx(request)
    court = ctx.court
    hearings.require_court_staff(request.user, court.pk)
    view = "week" if request.GET.get("view") == "week" else "day"
    day = _day(request.GET.get("day"))
    start = day - timedelta(days=day.weekday()) if view == "week" else day
    days = [start + timedelta(days=i) for i in range(7 if view == "week" else 1)]
    judge_id = _int(request.GET.get("judge"))
    rows = list(hearings.court_hearings(court.pk, days[0], days[-1], judge_id=judge_id))
    rooms = list(Courtroom.objects.filter(court=court).order_by("name"))
    grid: list[dict[str, Any]] = []
    for room in [*rooms, None]:
        cells = []
        for d in days:
            cells.append([
                h for h in rows
                if h.courtroom_id == (room.pk if room else None)
                and hearings.local(h.starts_at).date() == d
            ])  # fmt: skip
        if room is not None or any(cells):
            grid.append({"room": room, "cells": cells})
    judges = Membership.objects.filter(court=court, role__in=JUDGE_ROLES).select_related("user")
    step = timedelta(days=7 if view == "week" else 1)
    return render(request, "console/trial/hearings/calendar.html", {
        "view": view, "day": day, "days": days, "grid": grid, "judge_id": judge_id,
        "judges": sorted({m.user for m in judges}, key=lambda u: u.pk),
        "prev": day - step, "next": day + step, "today": today(),
    })  # fmt: skip


# --- scheduling ------------------------------------------------------------------------------


def _schedule_values(request: HttpRequest) -> dict[str, Any]:
    src = request.POST if request.method == "POST" else request.GET
    return {
        "day": src.get("day", ""),
        "start": src.get("start", "09:00"),
        "end": src.get("end", "10:00"),
        "courtroom": _int(src.get("courtroom")),
        "online": src.get("online") == "on",
        "override_reason": src.get("override_reason", ""),
    }


@staff_view
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access_trial_case(request.user, case_id)
    values = _schedule_values(request)
    if request.method == "POST":
        starts, ends = _dt(values["day"], values["start"]), _dt(values["day"], values["end"])
        if starts is None or ends is None:
            messages.error(request, _("请填写开庭日期和起止时间。"))
        else:
            try:
                h = hearings.schedule_hearing(
                    case.pk, starts_at=starts, ends_at=ends, courtroom_id=values["courtroom"],
                    online=values["online"], override_reason=values["override_reason"],
                    acting_user=request.user,
                )  # fmt: skip
            except DomainError as e:
                _error(request, e)
            else:
                messages.success(request, _("已排期并向当事人发出开庭通知。"))
                return redirect("console_trial:hearing", hearing_id=h.pk)
    return render(request, "console/trial/hearings/schedule.html", {
        "case": case, "v": values,
        "rooms": Courtroom.objects.filter(court_id=case.court_id).order_by("name"),
        "existing": hearings.court_hearings(case.court_id, today(), today() + timedelta(days=365))
        .filter(case=case),
        "summary": hearings.case_hearing_summary(case),
        "supervisor": is_supervisor(request.user, case.court_id),  # type: ignore[arg-type]
    })  # fmt: skip


@staff_view
@require_GET
def conflicts(request: HttpRequest, case_id: int) -> HttpResponse:
    """htmx partial: the conflicts of the slot being typed into the form."""
    values = _schedule_values(request)
    starts, ends = _dt(values["day"], values["start"]), _dt(values["day"], values["end"])
    found: list[Any] = []
    error = ""
    if starts and ends:
        try:
            found = hearings.check_conflicts(
                case_id, starts_at=starts, ends_at=ends, courtroom_id=values["courtroom"],
                acting_user=request.user,
            )  # fmt: skip
        except DomainError as e:
            if e.status in (401, 403, 404):
                raise
            error = e.message
    return render(
        request,
        "console/trial/hearings/_conflicts.html",
        {"conflicts": found, "error": error, "checked": bool(starts and ends)},
    )


# --- one hearing -----------------------------------------------------------------------------


@staff_view
@require_GET
def hearing(request: HttpRequest, hearing_id: int) -> HttpResponse:
    h = hearings.access_hearing(request.user, hearing_id)
    return render(request, "console/trial/hearings/hearing.html", {
        "h": h, "case": h.case, "notices": h.notices.select_related("party"),  # type: ignore[attr-defined]
        "summary": hearings.case_hearing_summary(h.case),
        "grounds": AdjournmentGround.choices, "scheduled": h.status == HearingStatus.SCHEDULED,
        "rooms": Courtroom.objects.filter(court_id=h.case.court_id).order_by("name"),
    })  # fmt: skip


@staff_view
@require_POST
def hearing_act(request: HttpRequest, hearing_id: int, name: str) -> HttpResponse:
    p = request.POST
    try:
        if name == "adjourn":
            hearings.adjourn_hearing(
                hearing_id, ground=p.get("ground", ""), reason=p.get("reason", ""),
                new_starts_at=_given_dt(p.get("day"), p.get("start")),
                new_ends_at=_given_dt(p.get("day"), p.get("end")),
                courtroom_id=_int(p.get("courtroom")),
                override_reason=p.get("override_reason", ""), acting_user=request.user,
            )  # fmt: skip
            messages.success(request, _("已延期开庭并通知当事人。"))
        elif name == "hold":
            hearings.hold_hearing(
                hearing_id, pronounced_in_court=p.get("pronounced_in_court") == "on",
                note=p.get("note", ""), acting_user=request.user,
            )  # fmt: skip
            messages.success(request, _("已记录开庭情况。"))
        elif name == "cancel":
            hearings.cancel_hearing(hearing_id, reason=p.get("reason", ""),
                                    acting_user=request.user)  # fmt: skip
            messages.success(request, _("已撤销排期并通知当事人。"))
        else:
            raise CommonError.NOT_FOUND.exc()
    except DomainError as e:
        if e.status in (401, 404):
            raise
        _error(request, e)
    return redirect("console_trial:hearing", hearing_id=hearing_id)


# --- serial cases ----------------------------------------------------------------------------


@staff_view
@require_http_methods(["GET", "POST"])
def serial_list(request: HttpRequest) -> HttpResponse:
    court = _ctx(request).court
    hearings.require_court_staff(request.user, court.pk)
    if request.method == "POST":
        ids = [i for i in (_int(v) for v in request.POST.getlist("case_ids")) if i is not None]
        try:
            group = serial.create_group(court.pk, case_ids=ids, name=request.POST.get("name", ""),
                                        acting_user=request.user)  # fmt: skip
        except DomainError as e:
            if e.status == 401:
                raise
            _error(request, e)
        else:
            messages.success(request, _("已建立系列案。"))
            return redirect("console_trial:serial_group", group_id=group.pk)
    groups = SerialGroup.objects.filter(court=court).order_by("-created_at")[:100]
    return render(request, "console/trial/hearings/serial.html", {
        "suggestions": [(s, list(zip(s.case_ids, s.case_numbers, strict=True)))
                        for s in serial.suggest_groups(court.pk)],
        "groups": groups,
    })  # fmt: skip


@staff_view
@require_GET
def serial_group(request: HttpRequest, group_id: int) -> HttpResponse:
    group = serial.access_group(request.user, group_id)
    judges = Membership.objects.filter(court=group.court, role__in=JUDGE_ROLES).select_related(
        "user"
    )
    cases = serial.group_cases(group)
    return render(request, "console/trial/hearings/serial_group.html", {
        "group": group, "cases": [(c, hearings.next_hearing(c)) for c in cases],
        "judges": sorted({m.user for m in judges}, key=lambda u: u.pk),
        "rooms": Courtroom.objects.filter(court=group.court).order_by("name"),
        "supervisor": is_supervisor(request.user, group.court_id),  # type: ignore[arg-type]
        "day": today() + timedelta(days=1),
    })  # fmt: skip


@staff_view
@require_POST
def serial_act(request: HttpRequest, group_id: int, name: str) -> HttpResponse:
    p = request.POST
    try:
        if name == "assign":
            serial.batch_assign(group_id, judge_id=_int(p.get("judge")) or 0,
                                reason=p.get("reason", ""), acting_user=request.user)  # fmt: skip
            messages.success(request, _("已集中分案。"))
        elif name == "schedule":
            starts = _dt(p.get("day"), p.get("start"))
            if starts is None:
                raise CommonError.INVALID_INPUT.exc(fields={"day": _("请填写开庭日期和时间。")})
            serial.batch_schedule(
                group_id, courtroom_id=_int(p.get("courtroom")), starts_at=starts,
                minutes_each=_int(p.get("minutes_each")) or 30,
                gap_minutes=_int(p.get("gap_minutes")) or 0,
                online=p.get("online") == "on", override_reason=p.get("override_reason", ""),
                acting_user=request.user,
            )  # fmt: skip
            messages.success(request, _("已集中排期。"))
        elif name == "documents":
            filename, data = serial.batch_documents(group_id, acting_user=request.user)
            resp = HttpResponse(data, content_type="application/zip")
            resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
            return resp
        else:
            raise CommonError.NOT_FOUND.exc()
    except DomainError as e:
        if e.status in (401, 404):
            raise
        _error(request, e)
    return redirect("console_trial:serial_group", group_id=group_id)
