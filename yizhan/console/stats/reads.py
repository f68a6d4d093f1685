"""Read helpers of the statistics pages (console and portal).

They only combine the public functions of :mod:`yizhan.stats.selectors` and
:mod:`yizhan.stats.permissions` with small lookups of the organisation (courts, departments,
teams, judges) and the case-number sequences; they never reach into the engine's internals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from yizhan.accounts.models import Membership, Role, User
from yizhan.cases.models import CaseNumberSequence, ClosureMethod, Procedure
from yizhan.cases.selectors import visible_cases
from yizhan.core.models import Court, Department, Team
from yizhan.core.time import today
from yizhan.stats import selectors
from yizhan.stats.permissions import StatsScope

# --- years -----------------------------------------------------------------------------------


def data_years() -> list[int]:
    """Years that have case numbers (the small sequence table, not the case table)."""
    years = CaseNumberSequence.objects.values_list("year", flat=True).distinct()
    return sorted({int(y) for y in years}, reverse=True)


def default_year() -> int:
    """This year when it has cases, else the latest year that has some."""
    this = today().year
    years = [y for y in data_years() if y <= this]
    if not years or this in years:
        return this
    return years[0]


def year_choices(selected: int | None = None) -> list[int]:
    this = today().year
    years = set(data_years()) | {this}
    if selected:
        years.add(selected)
    return sorted((y for y in years if 2000 <= y <= this + 1), reverse=True)


# --- monthly trends --------------------------------------------------------------------------


def monthly_figures(
    s: selectors.Slice, codes: Sequence[str]
) -> dict[str, list[tuple[str, float | None]]]:
    """Several indicators month by month over the slice (``selectors.monthly_totals``: one
    read of the summary for all the months when it holds them)."""
    series: dict[str, list[tuple[str, float | None]]] = {c: [] for c in codes}
    for label, figs in selectors.monthly_totals(s):
        for code in codes:
            f = figs.get(code)
            series[code].append((label, f.value if f else None))
    return series


# --- drill-down ------------------------------------------------------------------------------


def drill_parts(code: str) -> tuple[bool, bool]:
    """(numerator, denominator): which parts of an indicator list cases. Indicators that are
    not counts of cases (mediation matters, 12368 tickets, the QJP checklist) list none."""
    table = getattr(selectors, "DRILL", None)
    if not isinstance(table, dict):  # the engine no longer exposes it: let drill() decide
        return True, True
    parts = table.get(code)
    if parts is None:
        return False, False
    return parts[0] is not None, parts[1] is not None


def visible_case_ids(user: User, ids: Iterable[int]) -> set[int]:
    """The ids among ``ids`` whose case page the user may open (yizhan.cases access rule)."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return set()
    return set(visible_cases(user).filter(pk__in=wanted).values_list("pk", flat=True))


# --- the slice form's choices ----------------------------------------------------------------


@dataclass
class SliceChoices:
    courts: list[Court]
    departments: list[Department]
    teams: list[Team]
    judges: list[tuple[int, str, int | None]]  # (user id, name, court id)
    types: list[str]


def slice_choices(scope: StatsScope) -> SliceChoices:
    """What the viewer may pick: full-scope courts and everything in them, else their own
    courts, departments, teams and themselves."""
    court_ids = scope.courts | scope.judge_courts
    courts = list(Court.objects.filter(pk__in=court_ids).order_by("code"))
    if scope.courts:
        departments = list(
            Department.objects.filter(court_id__in=scope.courts)
            .select_related("court")
            .order_by("court__code", "pk")
        )
        teams = list(
            Team.objects.filter(department__court_id__in=scope.courts)
            .select_related("department__court")
            .order_by("department__court__code", "department_id", "pk")
        )
        judges: list[tuple[int, str, int | None]] = [
            (uid, name or username, court_id)
            for uid, name, username, court_id in Membership.objects.filter(
                role=Role.JUDGE, court_id__in=scope.courts
            )
            .order_by("court__code", "user__real_name", "user_id")
            .values_list("user_id", "user__real_name", "user__username", "court_id")
        ]
    else:
        departments = list(
            Department.objects.filter(pk__in=scope.departments).select_related("court")
        )
        teams = list(Team.objects.filter(pk__in=scope.teams).select_related("department__court"))
        judges = []
    if scope.user_id is not None and scope.judge_courts:
        me = User.objects.filter(pk=scope.user_id).values_list("real_name", "username").first()
        if me and not any(j[0] == scope.user_id for j in judges):
            judges.insert(0, (scope.user_id, me[0] or me[1], None))
    types = sorted(
        set(
            CaseNumberSequence.objects.filter(court_id__in=court_ids)
            .values_list("type_code", flat=True)
            .distinct()
        )
    )
    return SliceChoices(courts, departments, teams, judges, types)


def court_names(ids: Iterable[Any]) -> dict[Any, Court]:
    return {c.pk: c for c in Court.objects.filter(pk__in=[i for i in ids if i is not None])}


def case_labels(row: dict[str, Any]) -> dict[str, Any]:
    """A drill-down row with the procedure and closure method in words."""
    procedures = dict(Procedure.choices)
    methods = dict(ClosureMethod.choices)
    return {
        **row,
        "procedure_label": procedures.get(row.get("procedure") or "", row.get("procedure")),
        "method_label": methods.get(row.get("closure_method") or "", row.get("closure_method")),
    }
