"""分案 (assignment) and 繁简分流 (fast track).

1. ``route``: the court's AssignmentRule rows, by priority, send simple cases (type, procedure,
   cause, amount, number of parties) to a team (e.g. a 速裁团队); otherwise the case goes to an
   ordinary team of the division matching its type.
2. ``pick_judge``: random within the team, balanced by current load. Each judge's load is
   pending cases ÷ JudgeQuota.weight; the judges within YIZHAN_ASSIGNMENT_BALANCE_WINDOW of
   the lightest load are eligible and one is drawn with probability ∝ weight. Judges at
   max_pending and excluded judges (回避, conflicts) never are.
3. A division chief or president may assign by hand with a reason (audited).
4. 院庭长办案: a case whose judge holds division_chief/president at that court is flagged, and
   ``leader_quota_report`` compares each leader's cases with the division's average judge
   caseload (法发〔2017〕10号 item 四, domain-rules §6.3).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q

from yizhan.accounts.models import Membership, Role, User
from yizhan.accounts.permissions import has_role
from yizhan.audit import services as audit
from yizhan.cases.models import Case, CaseStatus, Procedure
from yizhan.core.errors import CommonError
from yizhan.core.models import Court, CourtLevel, DepartmentKind, Team
from yizhan.core.time import now
from yizhan.parties.models import Party, Representation

from .common import docket, user_or_none
from .deadlines import refresh_limit
from .errors import TrialError
from .models import AssignmentRule, Exclusion, JudgeQuota, PanelMember, PanelRole
from .permissions import JUDGE_ROLES, SUPERVISORS, access_trial_case, require_supervisor

AUTO = "auto"
MANUAL = "manual"


# --- routing -------------------------------------------------------------------------------


def rule_matches(rule: AssignmentRule, case: Case, party_count: int) -> bool:
    if rule.type_codes and case.type_code not in rule.type_codes:
        return False
    if rule.procedures and case.procedure not in rule.procedures:
        return False
    if rule.cause_codes and (case.cause is None or case.cause.code not in rule.cause_codes):
        return False
    if rule.max_amount is not None and (
        case.claim_amount is None or case.claim_amount > rule.max_amount
    ):
        return False
    return rule.max_parties is None or party_count <= rule.max_parties


def _division_kind(type_code: str) -> str:
    if type_code.startswith("行"):
        return DepartmentKind.ADMINISTRATIVE
    if type_code.startswith("执"):
        return DepartmentKind.ENFORCEMENT
    if type_code.startswith("刑"):
        return DepartmentKind.CRIMINAL
    return DepartmentKind.CIVIL


def route(case: Case) -> tuple[Team, AssignmentRule | None]:
    """The team that receives the case (繁简分流), and the rule that sent it there."""
    parties = case.case_parties.count()
    for rule in AssignmentRule.objects.filter(court=case.court, is_active=True).select_related(
        "team"
    ):
        if rule_matches(rule, case, parties):
            return rule.team, rule
    teams = Team.objects.filter(department__court=case.court, is_fast_track=False)
    team = (
        teams.filter(department__kind=_division_kind(case.type_code)).order_by("id").first()
        or teams.filter(quotas__is_active=True).order_by("id").first()
    )
    if team is None:
        raise TrialError.NO_TEAM.exc()
    return team, None


# --- exclusions ----------------------------------------------------------------------------


def excluded_judges(case: Case) -> dict[int, str]:
    """Judges who must not handle the case, with the reason: recorded 回避/conflicts, judges
    who are themselves parties or agents (matched by account or ID number), and the judges of
    an earlier instance of a remanded/retried/appealed case (CPL23 Art 41: 另行组成合议庭)."""
    out: dict[int, str] = {e.judge_id: e.reason for e in Exclusion.objects.filter(case=case)}
    party_ids = list(case.case_parties.values_list("party_id", flat=True))
    ids = set(
        Party.objects.filter(pk__in=party_ids)
        .exclude(id_number="")
        .values_list("id_number", flat=True)
    )
    ids |= set(
        Representation.objects.filter(party_id__in=party_ids)
        .exclude(id_number="")
        .values_list("id_number", flat=True)
    )
    users = set(
        Party.objects.filter(pk__in=party_ids, user__isnull=False).values_list("user_id", flat=True)
    )
    users |= set(
        Representation.objects.filter(party_id__in=party_ids, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    conflict = User.objects.filter(Q(pk__in=users) | Q(id_number__in=ids)).values_list(
        "pk", flat=True
    )
    for uid in conflict:
        out.setdefault(uid, "本人是本案当事人或诉讼代理人")
    parent = case.parent
    seen = 0
    while parent is not None and seen < 5:
        if parent.judge_id:
            out.setdefault(parent.judge_id, f"参与过 {parent.number} 的审理")
        for uid in PanelMember.objects.filter(case=parent).values_list("user_id", flat=True):
            out.setdefault(uid, f"参与过 {parent.number} 的审理")
        parent = parent.parent
        seen += 1
    return out


# --- the draw ------------------------------------------------------------------------------


@dataclass
class Candidate:
    judge_id: int
    weight: Decimal
    pending: int
    max_pending: int | None = None


def pick_judge(
    candidates: list[Candidate],
    *,
    rng: random.Random,
    excluded: set[int] | frozenset[int] = frozenset(),
    window: Decimal | None = None,
) -> Candidate | None:
    """Balanced random choice (see the module docstring). None if nobody is eligible."""
    if window is None:
        window = Decimal(str(getattr(settings, "YIZHAN_ASSIGNMENT_BALANCE_WINDOW", "2")))
    pool = [
        c
        for c in candidates
        if c.weight > 0
        and c.judge_id not in excluded
        and (c.max_pending is None or c.pending < c.max_pending)
    ]
    if not pool:
        return None
    loads = {c.judge_id: Decimal(c.pending) / c.weight for c in pool}
    lightest = min(loads.values())
    eligible = [c for c in pool if loads[c.judge_id] <= lightest + window]
    total = sum(c.weight for c in eligible)
    x = Decimal(str(rng.random())) * total
    for c in eligible:
        x -= c.weight
        if x < 0:
            return c
    return eligible[-1]


def team_candidates(team: Team) -> list[Candidate]:
    quotas = list(JudgeQuota.objects.filter(team=team, is_active=True).order_by("id"))
    pending = dict(
        Case.objects.filter(judge_id__in=[q.judge_id for q in quotas], status=CaseStatus.PENDING)
        .values_list("judge_id")
        .annotate(n=Count("id"))
        .values_list("judge_id", "n")
    )
    return [
        Candidate(q.judge_id, q.weight, pending.get(q.judge_id, 0), q.max_pending) for q in quotas
    ]


def is_leader(user_id: int, court_id: int) -> bool:
    return Membership.objects.filter(
        user_id=user_id, court_id=court_id, role__in=SUPERVISORS
    ).exists()


def _seat(case: Case, judge_id: int) -> None:
    if case.judge_id and case.judge_id != judge_id:
        PanelMember.objects.filter(
            case=case, user_id=case.judge_id, role__in=[PanelRole.PRESIDING, PanelRole.JUDGE]
        ).delete()
    role = PanelRole.PRESIDING if case.procedure == Procedure.ORDINARY else PanelRole.JUDGE
    PanelMember.objects.get_or_create(case=case, user_id=judge_id, role=role)


def _apply(case: Case, team: Team | None, judge_id: int, method: str) -> None:
    _seat(case, judge_id)
    case.team = team
    case.judge_id = judge_id
    case.assigned_at = now()
    case.assignment_method = method
    case.is_leader_case = is_leader(judge_id, case.court_id)
    Case.objects.filter(pk=case.pk).update(
        team=team,
        judge_id=judge_id,
        assigned_at=case.assigned_at,
        assignment_method=method,
        is_leader_case=case.is_leader_case,
    )
    if case.limit_due is None:
        refresh_limit(case)


def _may_trigger_auto(user: User, court_id: int) -> bool:
    return any(has_role(user, r, court_id) for r in (Role.FILING_CLERK, *SUPERVISORS))


def assign_case(case_id: int, *, acting_user: Any, rng: random.Random | None = None) -> Case:
    """Automatic assignment (随机分案) after docketing, by the filing division or a chief."""
    rng = rng or random.Random()  # noqa: S311 (fair draw, not a secret)
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id)
        if not _may_trigger_auto(acting_user, case.court_id):
            raise CommonError.PERMISSION_DENIED.exc()
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("court", "cause")
            .get(pk=case.pk)
        )
        if case.status != CaseStatus.PENDING:
            raise TrialError.CASE_CLOSED.exc()
        if case.judge_id:
            raise TrialError.ALREADY_ASSIGNED.exc()
        team, rule = route(case)
        excluded = excluded_judges(case)
        chosen = pick_judge(team_candidates(team), rng=rng, excluded=set(excluded))
        if chosen is None:
            raise TrialError.NO_JUDGE.exc(fields={"team": team.name})
        _apply(case, team, chosen.judge_id, AUTO)
        judge = User.objects.get(pk=chosen.judge_id)
        docket(
            case,
            "assigned",
            f"随机分案：{team.name}，承办法官 {judge}" + (f"（{rule.name}）" if rule else ""),
            user_or_none(acting_user),
        )
        audit.record(
            "trial.case_assigned",
            actor=acting_user,
            subject=case,
            court=case.court,
            after={
                "method": AUTO,
                "team": team.pk,
                "judge": chosen.judge_id,
                "rule": rule.pk if rule else None,
                "excluded": sorted(excluded),
                "leader": case.is_leader_case,
            },
        )
    return case


def assign_manually(
    case_id: int, *, judge_id: int, reason: str, acting_user: Any, team_id: int | None = None
) -> Case:
    """指定分案 by a division chief or president, with a reason (audited). Also used to
    reassign a case (改分)."""
    if not reason.strip():
        raise TrialError.REASON_REQUIRED.exc(fields={"reason": "指定分案须说明理由。"})
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id)
        require_supervisor(acting_user, case.court_id)
        case = Case.objects.select_for_update(of=("self",)).select_related("court").get(pk=case.pk)
        if case.status != CaseStatus.PENDING:
            raise TrialError.CASE_CLOSED.exc()
        # An id no database column can hold (2**63) is no judge; SQLite raised OverflowError.
        if (
            not 0 < judge_id < 2**63
            or not Membership.objects.filter(
                user_id=judge_id, court_id=case.court_id, role__in=JUDGE_ROLES
            ).exists()
        ):
            raise TrialError.NOT_A_JUDGE.exc(fields={"judge_id": judge_id})
        excluded = excluded_judges(case)
        if judge_id in excluded:
            raise TrialError.JUDGE_EXCLUDED.exc(fields={"judge_id": excluded[judge_id]})
        team = None
        if team_id is not None:
            team = Team.objects.filter(pk=team_id, department__court=case.court).first()
            if team is None:
                raise CommonError.INVALID_INPUT.exc(fields={"team_id": "团队不属于本院。"})
        else:
            q = JudgeQuota.objects.filter(judge_id=judge_id, team__department__court=case.court)
            team = q.first().team if q.exists() else case.team  # type: ignore[union-attr]
        before = {"judge": case.judge_id, "team": case.team_id, "method": case.assignment_method}
        _apply(case, team, judge_id, MANUAL)
        judge = User.objects.get(pk=judge_id)
        docket(case, "assigned", f"指定分案：承办法官 {judge}", acting_user)
        audit.record(
            "trial.case_assigned_manually",
            actor=acting_user,
            subject=case,
            court=case.court,
            before=before,
            after={
                "method": MANUAL,
                "judge": judge_id,
                "team": case.team_id,
                "reason": reason.strip(),
                "leader": case.is_leader_case,
            },
        )
    return case


def set_panel(
    case_id: int, *, members: list[tuple[int, str]], acting_user: Any
) -> list[PanelMember]:
    """Compose the bench (合议庭): (user id, PanelRole). The 承办法官 keeps their seat."""
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id, for_write=True)
        excluded = excluded_judges(case)
        for uid, role in members:
            if role not in PanelRole.values:
                raise CommonError.INVALID_INPUT.exc(fields={"role": role})
            if uid in excluded:
                raise TrialError.JUDGE_EXCLUDED.exc(fields={"user_id": uid})
            if (
                not Membership.objects.filter(user_id=uid, court_id=case.court_id)
                .exclude(role__in=[Role.LITIGANT, Role.LAWYER])
                .exists()
                and role != PanelRole.ASSESSOR
            ):
                raise CommonError.INVALID_INPUT.exc(fields={"user_id": "不是本院工作人员。"})
        before = list(PanelMember.objects.filter(case=case).values_list("user_id", "role"))
        PanelMember.objects.filter(case=case).exclude(user_id=case.judge_id).delete()  # type: ignore[misc]
        for uid, role in members:
            PanelMember.objects.get_or_create(case=case, user_id=uid, role=role)
        after = list(PanelMember.objects.filter(case=case).values_list("user_id", "role"))
        docket(case, "panel_set", f"组成合议庭（{len(after)} 人）", acting_user)
        audit.record(
            "trial.panel_set",
            actor=acting_user,
            subject=case,
            court=case.court,
            before={"panel": before},
            after={"panel": after},
        )
    return list(PanelMember.objects.filter(case=case))


def add_exclusion(case_id: int, *, judge_id: int, reason: str, acting_user: Any) -> Exclusion:
    """回避 / conflict of interest. A recused 承办法官 is removed; the chief reassigns."""
    if not reason.strip():
        raise TrialError.REASON_REQUIRED.exc(fields={"reason": "请说明回避理由。"})
    with transaction.atomic():
        case = access_trial_case(acting_user, case_id)
        require_supervisor(acting_user, case.court_id)
        case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        exc = Exclusion.objects.create(case=case, judge_id=judge_id, reason=reason.strip())
        PanelMember.objects.filter(case=case, user_id=judge_id).delete()
        removed = case.judge_id == judge_id
        if removed:
            Case.objects.filter(pk=case.pk).update(judge=None, is_leader_case=False)
        docket(
            case,
            "recusal",
            "回避：" + reason.strip() + ("，承办法官退出本案，待重新分案" if removed else ""),
            acting_user,
        )
        audit.record(
            "trial.exclusion_added",
            actor=acting_user,
            subject=case,
            court=case.court,
            after={"judge": judge_id, "reason": reason.strip(), "removed": removed},
        )
    return exc


# --- selectors -----------------------------------------------------------------------------

# 法发〔2017〕10号 item 四 (domain-rules §6.3): share of the division's average judge caseload.
DEFAULT_LEADER_QUOTAS: dict[tuple[str, str], tuple[Decimal, Decimal]] = {
    (CourtLevel.BASIC, Role.DIVISION_CHIEF): (Decimal("0.50"), Decimal("0.70")),
    (CourtLevel.INTERMEDIATE, Role.DIVISION_CHIEF): (Decimal("0.50"), Decimal("0.70")),
    (CourtLevel.BASIC, Role.PRESIDENT): (Decimal("0.05"), Decimal("0.10")),
    (CourtLevel.INTERMEDIATE, Role.PRESIDENT): (Decimal("0.05"), Decimal("0.05")),
}


def leader_quota(level: str, role: str) -> tuple[Decimal, Decimal] | None:
    custom = getattr(settings, "YIZHAN_LEADER_QUOTAS", None) or {}
    if (level, role) in custom:
        lo, hi = custom[(level, role)]
        return Decimal(str(lo)), Decimal(str(hi))
    return DEFAULT_LEADER_QUOTAS.get((level, role))


def leader_quota_report(court: Court, *, start: date, end: date) -> list[dict[str, Any]]:
    """Each leader's cases (承办, filed in [start, end]) against the average caseload of the
    ordinary judges of their division (their Membership.department; the whole court when the
    leader has no department), with the quota range and whether the minimum is met."""
    cases = Case.objects.filter(
        court=court, filed_on__gte=start, filed_on__lte=end, judge__isnull=False
    )
    per_judge = dict(
        cases.values_list("judge_id").annotate(n=Count("id")).values_list("judge_id", "n")
    )
    members = list(Membership.objects.filter(court=court).select_related("user"))
    leaders = [m for m in members if m.role in SUPERVISORS]
    leader_ids = {m.user_id for m in leaders}
    rows = []
    for m in leaders:
        judges = {
            j.user_id
            for j in members
            if j.role == Role.JUDGE
            and j.user_id not in leader_ids
            and (m.department_id is None or j.department_id == m.department_id)
        }
        avg = (
            Decimal(sum(per_judge.get(j, 0) for j in judges)) / len(judges)
            if judges
            else Decimal(0)
        )
        mine = per_judge.get(m.user_id, 0)
        ratio = (Decimal(mine) / avg).quantize(Decimal("0.0001")) if avg else None
        quota = leader_quota(court.level, m.role)
        rows.append(
            {
                "leader": m.user,
                "role": m.role,
                "role_label": Role(m.role).label,
                "department": m.department_id,
                "cases": mine,
                "division_average": avg.quantize(Decimal("0.01")),
                "ratio": ratio,
                "quota_min": quota[0] if quota else None,
                "quota_max": quota[1] if quota else None,
                "met": (ratio is not None and quota is not None and ratio >= quota[0]),
            }
        )
    return rows


def unassigned_cases(court_id: int) -> Any:
    return Case.objects.filter(
        court_id=court_id, status=CaseStatus.PENDING, judge__isnull=True
    ).select_related("cause")


def court_judges(court_id: int) -> list[User]:
    ids = Membership.objects.filter(court_id=court_id, role__in=JUDGE_ROLES).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("real_name", "id"))
