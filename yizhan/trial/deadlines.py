"""Statutory time limits (审限): the limit per case type and procedure, suspensions (审限扣除),
extensions (延长审限), procedure conversion, warnings and the figures disclosed to parties.

How the due date is computed (all on the court calendar, yizhan.core.calendar):

1. the statutory period runs from the day after docketing (TL2000 Art 8; CPL23 Art 85);
   month periods end on the corresponding day (CC Arts 201–203);
2. approved extensions continue the period from its nominal end;
3. suspended days (the union of the Suspension intervals, start and end inclusive; an open
   interval runs to today) are added, overlapping intervals counted once (CPLI Art 243);
4. a last day on a rest day or holiday moves to the next working day (CPL23 Art 85 ¶3;
   setting YIZHAN_LIMIT_HOLIDAY_EXTENSION, default True).

After simple → ordinary conversion the ordinary limit counts continuously from docketing
(TL2000 Art 8; CPLI Art 258 ¶3); extensions granted under the old procedure lapse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from yizhan.accounts.models import Role
from yizhan.accounts.permissions import has_role, require_login
from yizhan.audit import services as audit
from yizhan.cases.actions import issue_conversion_fee_notice
from yizhan.cases.models import Case, CaseStatus, Procedure
from yizhan.core.calendar import court_calendar
from yizhan.core.errors import CommonError
from yizhan.core.time import today
from yizhan.rules.periods import CourtCalendar, period_end

from .common import docket
from .errors import TrialError
from .models import (
    AppealRecord,
    Extension,
    ExtensionStatus,
    HearingStatus,
    ProcedureConversion,
    Suspension,
    SuspensionKind,
)
from .permissions import access_trial_case

PRESIDENT = "president"
HIGHER_COURT = "higher_court"


@dataclass(frozen=True)
class Grant:
    """One extension an approver may grant: the amount and who approves."""

    level: str
    months: int = 0
    days: int = 0
    article: str = ""


@dataclass(frozen=True)
class LimitSpec:
    label: str
    article: str
    months: int = 0
    days: int = 0
    grants: tuple[Grant, ...] = field(default_factory=tuple)


_NO_EXT: tuple[Grant, ...] = ()

# The limits, per type code and procedure (domain-rules §3.3–3.4).
CIVIL_ORDINARY = LimitSpec(
    "民事一审普通程序",
    "民事诉讼法第一百五十二条",
    months=6,
    grants=(
        Grant(PRESIDENT, months=6, article="民事诉讼法第一百五十二条"),
        Grant(HIGHER_COURT, months=3, article="审限规定（2000）第二条"),
    ),
)
CIVIL_SIMPLE = LimitSpec(
    "民事一审简易程序",
    "民事诉讼法第一百六十四条",
    months=3,
    # CPLI Art 258: one extension of at most 1 month; total no more than 4 months.
    grants=(Grant(PRESIDENT, months=1, article="民诉法解释第二百五十八条"),),
)
CIVIL_SMALL_CLAIMS = LimitSpec(
    "小额诉讼程序",
    "民事诉讼法第一百六十八条",
    months=2,
    grants=(Grant(PRESIDENT, months=1, article="民事诉讼法第一百六十八条"),),
)
CIVIL_SECOND_JUDGMENT = LimitSpec(
    "民事二审（判决上诉）",
    "民事诉讼法第一百八十三条",
    months=3,
    grants=(Grant(PRESIDENT, months=3, article="审限规定（2000）第二条"),),
)
CIVIL_SECOND_RULING = LimitSpec(
    "民事二审（裁定上诉）",
    "民事诉讼法第一百八十三条第二款",
    days=30,
    grants=(Grant(PRESIDENT, days=30, article="民诉法解释第三百三十九条"),),
)
CIVIL_SPECIAL = LimitSpec(
    "特别程序",
    "民事诉讼法第一百八十七条",
    days=30,
    grants=(Grant(PRESIDENT, days=30, article="审限规定（2000）第二条"),),
)
PAYMENT_ORDER = LimitSpec("督促程序", "民事诉讼法第二百二十七条", days=15)
RETRIAL_REVIEW = LimitSpec(
    "再审审查",
    "民事诉讼法第二百一十五条",
    months=3,
    grants=(Grant(PRESIDENT, months=3, article="审限规定（2000）第二条"),),
)
ENFORCEMENT = LimitSpec(
    "执行案件",
    "执行工作规定第六十三条",
    months=6,
    grants=(
        Grant(PRESIDENT, months=3, article="审限规定（2000）第五条"),
        Grant(HIGHER_COURT, months=3, article="审限规定（2000）第五条"),
    ),
)
ADMIN_ORDINARY = LimitSpec(
    "行政一审普通程序",
    "行政诉讼法第八十一条",
    months=6,
    # ALL Art 81: extensions are approved by the high court; the amount is not fixed by
    # the statute (UNCONFIRMED: 3 months, as TL2000 Art 3).
    grants=(Grant(HIGHER_COURT, months=3, article="行政诉讼法第八十一条"),),
)
ADMIN_SIMPLE = LimitSpec("行政一审简易程序", "行政诉讼法第八十三条", days=45)
ADMIN_SECOND = LimitSpec(
    "行政二审",
    "行政诉讼法第八十八条",
    months=3,
    grants=(Grant(HIGHER_COURT, months=3, article="行政诉讼法第八十八条"),),
)
CRIMINAL_FIRST = LimitSpec(
    "刑事一审（公诉）",
    "刑事诉讼法第二百零八条",
    months=2,
    # CRPL Art 208: "至迟不得超过三个月" – one more month by the president is within the
    # statute; a further 3 months need the higher court.
    grants=(
        Grant(PRESIDENT, months=1, article="刑事诉讼法第二百零八条"),
        Grant(HIGHER_COURT, months=3, article="刑事诉讼法第二百零八条"),
    ),
)
CRIMINAL_SIMPLE = LimitSpec(
    "刑事简易程序",
    "刑事诉讼法第二百二十条",
    days=20,
    grants=(
        Grant(PRESIDENT, days=25, article="刑事诉讼法第二百二十条（可能判处三年以上：一个半月）"),
    ),
)
CRIMINAL_SECOND = LimitSpec(
    "刑事二审",
    "刑事诉讼法第二百四十三条",
    months=2,
    grants=(Grant(HIGHER_COURT, months=2, article="刑事诉讼法第二百四十三条"),),
)
BANKRUPTCY_REVIEW = LimitSpec(
    "破产申请审查",
    "企业破产法第十条",
    days=15,
    grants=(Grant(HIGHER_COURT, days=15, article="企业破产法第十条第三款"),),
)


def limit_spec(case: Case) -> LimitSpec | None:
    """The statutory limit of the case, or None where the law sets none (e.g. 破)."""
    t, p = case.type_code, case.procedure
    if t in {"民初", "民再"}:
        if p == Procedure.SIMPLE:
            return CIVIL_SIMPLE
        if p == Procedure.SMALL_CLAIMS:
            return CIVIL_SMALL_CLAIMS
        return CIVIL_ORDINARY
    if t == "民终":
        appeal = AppealRecord.objects.filter(second_case=case).order_by("id").first()
        if appeal is not None and appeal.against == "ruling":
            return CIVIL_SECOND_RULING
        return CIVIL_SECOND_JUDGMENT
    if t == "民特":
        return CIVIL_SPECIAL
    if t == "民督":
        return PAYMENT_ORDER
    if t in {"民申", "行申"}:
        return RETRIAL_REVIEW
    if t in {"执", "执恢", "执保"}:
        return ENFORCEMENT
    if t == "行初":
        return ADMIN_SIMPLE if p == Procedure.SIMPLE else ADMIN_ORDINARY
    if t == "行终":
        return ADMIN_SECOND
    if t == "刑初":
        return CRIMINAL_SIMPLE if p == Procedure.SIMPLE else CRIMINAL_FIRST
    if t == "刑终":
        return CRIMINAL_SECOND
    if t == "破申":
        return BANKRUPTCY_REVIEW
    return None


# --- computation ---------------------------------------------------------------------------


def suspended_days(
    intervals: list[tuple[date, date | None]], *, until: date, not_before: date | None = None
) -> int:
    """Days covered by the union of the intervals (inclusive), open ones running to
    ``until``; overlapping intervals are counted once (CPLI Art 243)."""
    spans: list[tuple[date, date]] = []
    for start, end in intervals:
        stop = end if end is not None else until
        if not_before is not None and start < not_before:
            start = not_before
        if stop >= start:
            spans.append((start, stop))
    spans.sort()
    total = 0
    cur_start: date | None = None
    cur_end: date | None = None
    for s, e in spans:
        if cur_end is None or s > cur_end + timedelta(days=1):
            if cur_end is not None and cur_start is not None:
                total += (cur_end - cur_start).days + 1
            cur_start, cur_end = s, e
        elif e > cur_end:
            cur_end = e
    if cur_end is not None and cur_start is not None:
        total += (cur_end - cur_start).days + 1
    return total


@dataclass(frozen=True)
class LimitFigures:
    spec: LimitSpec
    start: date
    base_end: date
    extensions: tuple[Extension, ...]
    suspended_days: int
    open_suspension: bool
    nominal_due: date
    due: date


def _add(d: date, months: int, days: int, cal: CourtCalendar) -> date:
    if months:
        d = period_end(d, months=months, calendar=cal, extend_on_rest_day=False).nominal_end
    if days:
        d = d + timedelta(days=days)
    return d


def _since_conversion(case: Case) -> date | None:
    conv = ProcedureConversion.objects.filter(case=case).order_by("-converted_on", "-id").first()
    return conv.converted_on if conv else None


def approved_extensions(case: Case) -> list[Extension]:
    qs = Extension.objects.filter(case=case, status=ExtensionStatus.APPROVED)
    since = _since_conversion(case)
    if since is not None:  # extensions granted under the old procedure lapse
        qs = qs.filter(requested_on__gte=since)
    return list(qs.order_by("decided_on", "id"))


def compute_limit(
    case: Case, *, on: date | None = None, cal: CourtCalendar | None = None
) -> LimitFigures | None:
    spec = limit_spec(case)
    if spec is None:
        return None
    on = on or today()
    cal = cal or court_calendar()
    base_end = _add(case.filed_on, spec.months, spec.days, cal)
    exts = approved_extensions(case)
    end = base_end
    for e in exts:
        end = _add(end, e.months, e.days, cal)
    rows = list(Suspension.objects.filter(case=case).values_list("start_on", "end_on"))
    until = case.closed_on or on
    sus = suspended_days(rows, until=until, not_before=case.filed_on + timedelta(days=1))
    nominal = end + timedelta(days=sus)
    due = nominal
    if getattr(settings, "YIZHAN_LIMIT_HOLIDAY_EXTENSION", True):
        due = cal.next_working_day(nominal)  # CPL23 Art 85 ¶3
    return LimitFigures(
        spec=spec,
        start=case.filed_on,
        base_end=base_end,
        extensions=tuple(exts),
        suspended_days=sus,
        open_suspension=any(r[1] is None for r in rows),
        nominal_due=nominal,
        due=due,
    )


def refresh_limit(case: Case, *, on: date | None = None) -> LimitFigures | None:
    """Recompute and store Case.limit_due / suspended_days / extended (the figures the
    statistics read)."""
    fig = compute_limit(case, on=on)
    case.limit_due = fig.due if fig else None
    case.suspended_days = fig.suspended_days if fig else 0
    case.extended = bool(fig and fig.extensions)
    Case.objects.filter(pk=case.pk).update(
        limit_due=case.limit_due, suspended_days=case.suspended_days, extended=case.extended
    )
    return fig


def _days_left(case: Case, on: date) -> int | None:
    return (case.limit_due - on).days if case.limit_due else None


def next_grant(case: Case) -> Grant | None:
    """The extension that may be requested next, or None when the law allows no more."""
    spec = limit_spec(case)
    if spec is None:
        return None
    used = len(approved_extensions(case))
    return spec.grants[used] if used < len(spec.grants) else None


# --- actions -------------------------------------------------------------------------------


def start_suspension(
    case_id: int,
    *,
    kind: str,
    start_on: date,
    reason: str = "",
    end_on: date | None = None,
    acting_user: Any,
) -> Suspension:
    """Record a period not counted in the limit (审限扣除; CPLI Art 243, TL2000 Art 9)."""
    if kind not in SuspensionKind.values:
        raise TrialError.SUSPENSION_INVALID.exc(fields={"kind": "扣除事由不正确。"})
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True)
        if start_on <= case.filed_on or start_on > today() or (end_on and end_on < start_on):
            raise TrialError.SUSPENSION_INVALID.exc(
                fields={"start_on": "起始日须在立案次日之后且不晚于今天，结束日不早于起始日。"}
            )
        s = Suspension.objects.create(
            case=case,
            kind=kind,
            start_on=start_on,
            end_on=end_on,
            reason=reason,
            created_by=acting_user,
        )
        before = {"limit_due": case.limit_due}
        refresh_limit(case)
        label = SuspensionKind(kind).label
        docket(
            case,
            "limit_suspended",
            f"扣除审限：{label}，自 {start_on:%Y-%m-%d} 起"
            + (f"至 {end_on:%Y-%m-%d}" if end_on else ""),
            acting_user,
        )
        audit.record(
            "trial.limit_suspended",
            actor=acting_user,
            subject=case,
            court=case.court,
            before=before,
            after={
                "kind": kind,
                "start_on": start_on,
                "end_on": end_on,
                "limit_due": case.limit_due,
            },
        )
    return s


def end_suspension(suspension_id: int, *, end_on: date, acting_user: Any) -> Suspension:
    with transaction.atomic():
        s = Suspension.objects.select_related("case").filter(pk=suspension_id).first()
        if s is None:
            raise CommonError.NOT_FOUND.exc()
        case = access_trial_case(acting_user, s.case_id, for_write=True)
        s = Suspension.objects.select_for_update().get(pk=suspension_id)
        if s.end_on is not None:
            raise TrialError.SUSPENSION_ENDED.exc()
        if end_on < s.start_on or end_on > today():
            raise TrialError.SUSPENSION_INVALID.exc(fields={"end_on": "结束日不正确。"})
        s.end_on = end_on
        s.save(update_fields=["end_on"])
        before = {"limit_due": case.limit_due}
        refresh_limit(case)
        docket(
            case,
            "limit_resumed",
            f"扣除审限结束（{s.get_kind_display()}），{end_on:%Y-%m-%d} 恢复计算",
            acting_user,
        )
        audit.record(
            "trial.limit_resumed",
            actor=acting_user,
            subject=case,
            court=case.court,
            before=before,
            after={"suspension": s.pk, "end_on": end_on, "limit_due": case.limit_due},
        )
    return s


def request_extension(
    case_id: int,
    *,
    reason: str,
    acting_user: Any,
    months: int | None = None,
    days: int | None = None,
) -> Extension:
    """延长审限 request: at least 15 days before expiry (EXT2019 Art 1)."""
    if not reason.strip():
        raise TrialError.REASON_REQUIRED.exc(fields={"reason": "请写明延长审限的理由。"})
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True)
        fig = refresh_limit(case)
        if fig is None:
            raise TrialError.NO_LIMIT.exc()
        grant = next_grant(case)
        if grant is None:
            raise TrialError.EXTENSION_NOT_ALLOWED.exc()
        if Extension.objects.filter(case=case, status=ExtensionStatus.PENDING).exists():
            raise TrialError.EXTENSION_PENDING.exc()
        m = grant.months if months is None and days is None else (months or 0)
        d = grant.days if months is None and days is None else (days or 0)
        if (
            (m, d) == (0, 0)
            or m < 0
            or d < 0
            # More days than the grant's months and days could hold (a month has at most 31):
            # surely beyond it. 2**63 days raised OverflowError on saving, a 500.
            or d > grant.days + 31 * (grant.months - m)
            or m > grant.months
            or (m == grant.months and d > grant.days)
            or (grant.months == 0 and d > grant.days)
        ):
            raise TrialError.EXTENSION_NOT_ALLOWED.exc(
                fields={"months": f"最多可延长 {grant.months} 个月 {grant.days} 日。"}
            )
        on = today()
        lead = int(getattr(settings, "YIZHAN_EXTENSION_REQUEST_DAYS", 15))
        if (fig.due - on).days < lead:
            raise TrialError.EXTENSION_TOO_LATE.exc(
                fields={
                    "limit_due": fig.due.isoformat(),
                    "latest": (fig.due - timedelta(days=lead)).isoformat(),
                }
            )
        ext = Extension.objects.create(
            case=case,
            months=m,
            days=d,
            reason=reason.strip(),
            level=grant.level,
            requested_by=acting_user,
            requested_on=on,
        )
        who = "院长" if grant.level == PRESIDENT else "上级人民法院"
        docket(
            case,
            "extension_requested",
            f"申请延长审限 {m} 个月 {d} 日，报{who}审批（审限届满日 {fig.due:%Y-%m-%d}）",
            acting_user,
        )
        audit.record(
            "trial.extension_requested",
            actor=acting_user,
            subject=case,
            court=case.court,
            after={
                "extension": ext.pk,
                "months": m,
                "days": d,
                "level": grant.level,
                "reason": ext.reason,
            },
        )
    return ext


def _approver_court_id(ext: Extension, case: Case) -> int | None:
    return case.court.parent_id if ext.level == HIGHER_COURT else case.court_id


def access_extension(user: Any, extension_id: int) -> Extension:
    """Visible to the case's court staff and to the presidents who decide it."""
    u = require_login(user)
    ext = Extension.objects.select_related("case", "case__court").filter(pk=extension_id).first()
    if ext is None:
        raise CommonError.NOT_FOUND.exc()
    court_id = _approver_court_id(ext, ext.case)
    if not (has_role(u, Role.PRESIDENT, court_id) if court_id else False):
        access_trial_case(u, ext.case_id)  # 404 for strangers, else visible but ...
        raise (
            TrialError.PRESIDENT_ONLY if ext.level == PRESIDENT else TrialError.HIGHER_COURT_ONLY
        ).exc()
    return ext


def decide_extension(
    extension_id: int, *, approve: bool, acting_user: Any, reason: str = ""
) -> Extension:
    """The president (first extension) or the higher court's president (further ones)
    decides at least 5 days before expiry (EXT2019 Art 1)."""
    with transaction.atomic():
        ext = access_extension(acting_user, extension_id)
        ext = (
            Extension.objects.select_for_update()
            .select_related("case", "case__court")
            .get(pk=ext.pk)
        )
        case = ext.case
        if ext.status != ExtensionStatus.PENDING:
            raise TrialError.WRONG_STATE.exc()
        if case.status != CaseStatus.PENDING:
            raise TrialError.CASE_CLOSED.exc()
        on = today()
        fig = compute_limit(case, on=on)
        assert fig is not None
        lead = int(getattr(settings, "YIZHAN_EXTENSION_DECISION_DAYS", 5))
        if approve and (fig.due - on).days < lead:
            raise TrialError.DECISION_TOO_LATE.exc(fields={"limit_due": fig.due.isoformat()})
        ext.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
        ext.decided_by = acting_user
        ext.decided_on = on
        ext.decision_reason = reason
        ext.save()
        before = {"limit_due": case.limit_due}
        refresh_limit(case)
        docket(
            case,
            "extension_decided",
            f"延长审限申请{'获批准' if approve else '未获批准'}"
            + (f"，审限届满日变更为 {case.limit_due:%Y-%m-%d}" if approve else ""),
            acting_user,
        )
        audit.record(
            "trial.extension_decided",
            actor=acting_user,
            subject=case,
            court=case.court,
            before=before,
            after={
                "extension": ext.pk,
                "status": ext.status,
                "limit_due": case.limit_due,
                "reason": reason,
            },
        )
    return ext


def convert_procedure(
    case_id: int, *, reason: str, acting_user: Any, converted_on: date | None = None
) -> ProcedureConversion:
    """简易程序转普通程序 (CPL23 Art 170; CPLI Art 258): the limit counts from docketing."""
    if not reason.strip():
        raise TrialError.REASON_REQUIRED.exc(fields={"reason": "请写明转换程序的理由。"})
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True)
        if case.procedure not in {Procedure.SIMPLE, Procedure.SMALL_CLAIMS}:
            raise TrialError.CONVERSION_INVALID.exc()
        on = converted_on or today()
        conv = ProcedureConversion.objects.create(
            case=case,
            from_procedure=case.procedure,
            to_procedure=Procedure.ORDINARY,
            converted_on=on,
            reason=reason.strip(),
            by=acting_user,
        )
        before = {"procedure": case.procedure, "limit_due": case.limit_due}
        from_procedure = case.procedure
        case.procedure = Procedure.ORDINARY
        Case.objects.filter(pk=case.pk).update(procedure=Procedure.ORDINARY)
        refresh_limit(case)
        docket(
            case,
            "procedure_converted",
            f"转为普通程序，审限自立案次日起连续计算，届满日 {case.limit_due:%Y-%m-%d}",
            acting_user,
        )
        # CPLI Art 199: the plaintiff tops up the halved simple-procedure fee (FEE Art 16).
        top_up = issue_conversion_fee_notice(case, from_procedure=from_procedure)
        after: dict[str, Any] = {"procedure": case.procedure, "limit_due": case.limit_due}
        if top_up is not None:
            after["fee_top_up"] = {
                "notice": top_up.pk,
                "amount": top_up.amount_due,
                "status": top_up.status,
                "due_on": top_up.due_on,
            }
        audit.record(
            "trial.procedure_converted",
            actor=acting_user,
            subject=case,
            court=case.court,
            before=before,
            after=after,
        )
    return conv


# --- selectors -----------------------------------------------------------------------------


def warning_days() -> tuple[int, ...]:
    return tuple(sorted(getattr(settings, "YIZHAN_LIMIT_WARNING_DAYS", (30, 15, 7)), reverse=True))


@dataclass(frozen=True)
class LimitRow:
    case: Case
    due: date | None
    days_left: int | None
    level: str  # "overdue" | "suspended" | "warn_<n>" | "ok" | "none"


def limit_rows(cases: QuerySet[Case], *, on: date | None = None) -> list[LimitRow]:
    """Open cases with their countdown and warning level (thresholds from settings)."""
    on = on or today()
    suspended = set(
        Suspension.objects.filter(case__in=cases, end_on__isnull=True).values_list(
            "case_id", flat=True
        )
    )
    out = []
    for c in cases.filter(status=CaseStatus.PENDING).select_related("court", "judge", "team"):
        left = _days_left(c, on)
        if left is None:
            level = "none"
        elif c.pk in suspended:
            level = "suspended"
        elif left < 0:
            level = "overdue"
        else:
            hit = [n for n in warning_days() if left <= n]
            level = f"warn_{min(hit)}" if hit else "ok"
        out.append(LimitRow(c, c.limit_due, left, level))
    out.sort(key=lambda r: (r.days_left is None, r.days_left if r.days_left is not None else 0))
    return out


def overdue_cases(
    court_id: int,
    *,
    judge_id: int | None = None,
    team_id: int | None = None,
    on: date | None = None,
) -> QuerySet[Case]:
    """Open cases past their limit and not currently suspended (超审限)."""
    on = on or today()
    qs = Case.objects.filter(court_id=court_id, status=CaseStatus.PENDING, limit_due__lt=on)
    qs = qs.exclude(pk__in=Suspension.objects.filter(end_on__isnull=True).values("case_id"))
    if judge_id:
        qs = qs.filter(judge_id=judge_id)
    if team_id:
        qs = qs.filter(team_id=team_id)
    return qs.select_related("judge", "team")


def overdue_summary(court_id: int, *, on: date | None = None) -> dict[str, Any]:
    rows = list(overdue_cases(court_id, on=on))
    by_judge: dict[str, int] = {}
    by_team: dict[str, int] = {}
    for c in rows:
        by_judge[str(c.judge) if c.judge else "未分案"] = (
            by_judge.get(str(c.judge) if c.judge else "未分案", 0) + 1
        )
        by_team[str(c.team) if c.team else "未分团队"] = (
            by_team.get(str(c.team) if c.team else "未分团队", 0) + 1
        )
    return {"court": len(rows), "by_judge": by_judge, "by_team": by_team, "cases": rows}


def disclosed_figures(case: Case, *, on: date | None = None) -> dict[str, Any]:
    """What parties are entitled to see (EXT2019 Art 7): filing date, limit, deductions,
    extensions, adjournments."""
    fig = compute_limit(case, on=on)
    sus = [
        {"kind": s.get_kind_display(), "start_on": s.start_on, "end_on": s.end_on}
        for s in Suspension.objects.filter(case=case)
    ]
    exts = [
        {
            "months": e.months,
            "days": e.days,
            "status": e.get_status_display(),
            "requested_on": e.requested_on,
            "decided_on": e.decided_on,
            "approver": "本院院长" if e.level == PRESIDENT else "上级人民法院",
        }
        for e in Extension.objects.filter(case=case).order_by("requested_on", "id")
    ]
    adjourned = case.hearings.filter(status=HearingStatus.ADJOURNED).count()
    return {
        "case_number": case.number,
        "filed_on": case.filed_on,
        "limit": (f"{fig.spec.months} 个月" if fig.spec.months else f"{fig.spec.days} 日")
        if fig
        else None,
        "limit_rule": fig.spec.article if fig else None,
        "base_end": fig.base_end if fig else None,
        "suspended_days": fig.suspended_days if fig else 0,
        "suspensions": sus,
        "extensions": exts,
        "adjournments": adjourned,
        "limit_due": fig.due if fig else None,
    }
