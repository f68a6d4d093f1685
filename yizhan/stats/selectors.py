"""The indicator engine (read-only over cases, trial, filing, mediation, services, publication).

Design (docs/stats.md): every indicator is a ratio of *measures*; a measure is a predicate on
a case row (``closed``, ``received``, ``pending_12m`` ...). One grouped scan of ``cases_case``
with conditional aggregates (``SUM(CASE WHEN … THEN 1 ELSE 0 END)``) yields the counters per
(slice group, case type, closure method, leader judge); the indicators, with their catalogue
type scopes and exclusions, are then summed in Python from that small result. A handful of
further grouped queries over small subsets (appeals, enforcement chains, hearings, the
duration histogram, mediation, 12368) fill the rest. Nothing loads case rows into memory;
drill-downs page through the same predicates.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection

from .catalogue import WORKLOAD_EXCLUDED

DIMENSIONS = {
    "court": "court_id",
    "department": "department_id",
    "team": "team_id",
    "judge": "judge_id",
    "type": "type_code",
}
CLOSED_METHODS_ACTUAL = ("executed", "enforcement_settled")
REVERSED = ("revised", "partly_revised", "remanded")

# Time standards for CourTools 3 = the statutory limits without extension (§3.3, §3.4), in
# days; first match wins: (type codes, procedures, days).
TIME_STANDARDS: list[tuple[tuple[str, ...], tuple[str, ...], int]] = [
    (("民终", "行终"), (), 90),  # CPL23 Art 183, ALL Art 88
    (("执", "执恢"), (), 180),  # EXEC Art 63
    (("执保",), (), 30),
    (("执异",), (), 15),
    (("行初",), ("simple",), 45),  # ALL Art 83
    ((), ("small_claims",), 60),  # CPL23 Art 165
    ((), ("simple",), 90),  # CPL23 Art 164
    ((), ("special",), 30),  # CPL23 Art 187
    ((), ("ordinary",), 180),  # CPL23 Art 152, ALL Art 81
]
DEFAULT_STANDARD = 90


def min_count() -> int:
    """Open data: counts below this are suppressed (YIZHAN_STATS_OPEN_MIN_COUNT, default 5)."""
    return int(getattr(settings, "YIZHAN_STATS_OPEN_MIN_COUNT", 5))


# --- slices -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slice:
    """What to compute over: a period (inclusive dates) and optional filters."""

    start: dt.date
    end: dt.date
    court_ids: tuple[int, ...] | None = None
    department_id: int | None = None
    team_id: int | None = None
    judge_id: int | None = None
    type_code: str | None = None

    @property
    def year_before_end(self) -> dt.date:
        try:
            return self.end.replace(year=self.end.year - 1)
        except ValueError:  # 29 February
            return self.end.replace(year=self.end.year - 1, day=28)


def period(kind: str, year: int, index: int = 1) -> tuple[dt.date, dt.date]:
    """(start, end) of a month, quarter or year of the court calendar."""
    if kind == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind == "quarter":
        first = 3 * (index - 1) + 1
        start = dt.date(year, first, 1)
        end = dt.date(year + 1, 1, 1) if first == 10 else dt.date(year, first + 3, 1)
        return start, end - dt.timedelta(days=1)
    if kind == "month":
        start = dt.date(year, index, 1)
        end = dt.date(year + 1, 1, 1) if index == 12 else dt.date(year, index + 1, 1)
        return start, end - dt.timedelta(days=1)
    raise ValueError(kind)


def _filters(s: Slice, alias: str = "c") -> tuple[str, dict[str, Any]]:
    parts, params = [], {}
    if s.court_ids is not None:
        if not s.court_ids:
            parts.append("1 = 0")
        else:
            names = []
            for i, cid in enumerate(s.court_ids):
                params[f"court{i}"] = cid
                names.append(f"%(court{i})s")
            parts.append(f"{alias}.court_id IN ({', '.join(names)})")
    for name in ("department_id", "team_id", "judge_id", "type_code"):
        value = getattr(s, name)
        if value is not None:
            params[name] = value
            parts.append(f"{alias}.{name} = %({name})s")
    return "".join(f" AND {p}" for p in parts), params


def _days(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _scan(col: str) -> str:
    """A column in a WHERE clause of a full scan: on SQLite the unary ``+`` keeps the planner
    from an OR-of-indexes plan with a row lookup per case (slower than one sequential pass)."""
    return col if connection.vendor == "postgresql" else f"+{col}"


def _date_param(name: str) -> str:
    return f"CAST(%({name})s AS date)" if connection.vendor == "postgresql" else f"%({name})s"


def _true(expr: str) -> str:
    return expr if connection.vendor == "postgresql" else f"{expr} = 1"


def _standard_sql(alias: str = "c") -> str:
    whens = []
    for types, procs, days in TIME_STANDARDS:
        cond = []
        if types:
            cond.append(f"{alias}.type_code IN ({', '.join(repr(t) for t in types)})")
        if procs:
            cond.append(f"{alias}.procedure IN ({', '.join(repr(p) for p in procs)})")
        whens.append(f"WHEN {' AND '.join(cond)} THEN {days}")
    return f"(CASE {' '.join(whens)} ELSE {DEFAULT_STANDARD} END)"


def standard_days(type_code: str, procedure: str) -> int:
    for types, procs, days in TIME_STANDARDS:
        if (not types or type_code in types) and (not procs or procedure in procs):
            return days
    return DEFAULT_STANDARD


def _fetch(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as c:
        c.execute(sql, params)
        return c.fetchall()


def _num(v: Any) -> float:
    if v is None:
        return 0.0
    return float(v)


# --- counters ------------------------------------------------------------------------------

COUNTERS = (
    "received",
    "old_pending",
    "closed",
    "closed_within",
    "net_days",
    "pending",
    "pending_12m",
    "pending_age",
    "pronounced",
    "reversed",
    "due",  # cents
    "recovered",  # cents
    "received_origin",
    "auto_assigned",
    "leader_closed",
)


@dataclass
class TypeCounters:
    values: dict[str, float] = field(default_factory=lambda: dict.fromkeys(COUNTERS, 0.0))
    methods: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    appealed: float = 0.0
    within_standard: float = 0.0
    tried: float = 0.0
    hearings: float = 0.0


@dataclass
class Group:
    """Everything measured for one group (a court, a department, a judge ...)."""

    key: Any
    types: dict[str, TypeCounters] = field(default_factory=dict)
    leaders: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    histogram: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    stage_hist: dict[int, dict[int, float]] = field(
        default_factory=lambda: {
            1: defaultdict(float),
            2: defaultdict(float),
            3: defaultdict(float),
        }
    )
    chain_fee: float = 0.0
    chain_claim: float = 0.0
    chains: float = 0.0
    mediation: dict[str, float] | None = None
    hotline: tuple[float, float] | None = None
    judges: int = 0
    qjp: dict[str, Any] = field(default_factory=dict)

    def t(self, type_code: str) -> TypeCounters:
        tc = self.types.get(type_code)
        if tc is None:
            tc = self.types[type_code] = TypeCounters()
        return tc

    def sum(self, name: str, scope: Iterable[str] = (), excluded: Iterable[str] = ()) -> float:
        scope_set, excl = set(scope), set(excluded)
        total = 0.0
        for code, tc in self.types.items():
            if (scope_set and code not in scope_set) or code in excl:
                continue
            if name.startswith("m:"):
                total += sum(tc.methods.get(m, 0.0) for m in name[2:].split(","))
            elif name in ("appealed", "within_standard", "tried", "hearings"):
                total += getattr(tc, name)
            else:
                total += tc.values[name]
        return total


def _daynum(d: dt.date) -> int:
    """The day number that :func:`_daynum_sql` gives for ``d`` on this database."""
    if connection.vendor == "postgresql":
        return d.toordinal() - _PG_EPOCH
    return d.toordinal() + 1721424  # CAST(julianday(d) AS INTEGER)


_PG_EPOCH = dt.date(2000, 1, 1).toordinal()


def _daynum_sql(col: str) -> str:
    """A date column as an integer day number (differences are days)."""
    if connection.vendor == "postgresql":
        return f"({col} - DATE '2000-01-01')"
    return f"CAST(julianday({col}) AS INTEGER)"


def _cents(col: str) -> str:
    """A money column as integer cents: sums are exact on both databases (and the same in
    any order, so the summary's partial sums add up to the live figure exactly)."""
    return f"CAST(ROUND({col} * 100) AS bigint)"


def _int(expr: str) -> str:
    """A boolean column as 0/1 for SUM (NULL stays NULL)."""
    return f"CAST({expr} AS integer)" if connection.vendor == "postgresql" else expr


# Net-days histogram buckets (the key is the bucket's upper bound, in days): exact to 60 days,
# then 5-day buckets to 120, 10-day to 180, 30-day to 720 and 365-day beyond. Every time
# standard (TIME_STANDARDS) is a bucket bound, so "within the standard" stays exact.
BUCKETS: tuple[tuple[int, int], ...] = ((60, 1), (120, 5), (180, 10), (720, 30))
LAST_BUCKET = 365


def bucket(days: int) -> int:
    """Upper bound of the histogram bucket of ``days`` (Python twin of :func:`_bucket_sql`)."""
    lower = 0
    for upper, width in BUCKETS:
        if days <= upper:
            if width == 1:
                return days
            return lower + ((days - lower - 1) // width + 1) * width
        lower = upper
    return lower + ((days - lower - 1) // LAST_BUCKET + 1) * LAST_BUCKET


def _bucket_sql(d: str) -> str:
    whens, lower = [], 0
    for upper, width in BUCKETS:
        if width == 1:
            whens.append(f"WHEN {d} <= {upper} THEN {d}")
        else:
            whens.append(
                f"WHEN {d} <= {upper} THEN {lower} + (({d} - {lower + 1}) / {width} + 1) * {width}"
            )
        lower = upper
    tail = f"{lower} + (({d} - {lower + 1}) / {LAST_BUCKET} + 1) * {LAST_BUCKET}"
    return f"(CASE {' '.join(whens)} ELSE {tail} END)"


def _stream(sql: str, params: dict[str, Any], size: int = 5000) -> Iterable[tuple[Any, ...]]:
    """Rows of a query in chunks (memory stays flat whatever the result size)."""
    with connection.cursor() as c:
        c.execute(sql, params)
        while True:
            rows = c.fetchmany(size)
            if not rows:
                return
            yield from rows


def _main_sql(dim: str, filt: str) -> str:
    """Scan 1: every case active in the slice (filed by its end, not closed before its start),
    grouped by (slice dimension, type, closure method). By court it reads
    ``stats_case_scan_idx`` in group order, so SQLite aggregates while scanning (no sort).
    Being pending at the end is "not closed by the end", so the pending counters are taken as
    the complement of the closed ones (no second predicate per row)."""
    closed = "c.closed_on <= %(end)s"
    return f"""
        SELECT c.{dim}, c.type_code, c.closure_method, COUNT(*),
               SUM(CASE WHEN c.filed_on >= %(start)s THEN 1 ELSE 0 END),
               SUM(CASE WHEN {closed} THEN 1 ELSE 0 END),
               SUM(CASE WHEN {closed} THEN {_int("c.closed_within_limit")} END),
               SUM(CASE WHEN {closed} THEN {_int("c.pronounced_in_court")} END),
               SUM(CASE WHEN {closed} AND c.appeal_outcome IN
                   ('revised', 'partly_revised', 'remanded') THEN 1 ELSE 0 END),
               SUM(CASE WHEN {closed} THEN {_cents("c.enforcement_due")} END),
               SUM(CASE WHEN {closed} THEN {_cents("c.recovered_amount")} END),
               SUM(CASE WHEN {closed} THEN 0 WHEN c.filed_on <= %(y12)s THEN 1 ELSE 0 END),
               SUM(CASE WHEN {closed} THEN NULL ELSE {_daynum_sql("c.filed_on")} END),
               SUM(CASE WHEN c.filed_on >= %(start)s AND c.origin_id IS NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.filed_on >= %(start)s AND c.assignment_method = 'auto'
                   THEN 1 ELSE 0 END)
        FROM cases_case c
        WHERE {_scan("c.filed_on")} <= %(end)s
              AND ({_scan("c.closed_on")} IS NULL OR {_scan("c.closed_on")} >= %(start)s)
              {filt}
        GROUP BY 1, 2, 3
    """  # noqa: S608 (only our own fragments; values are parameters)


def _closed_sql(dim: str, filt: str) -> str:
    """Scan 2: the cases closed in the slice (a range on ``closed_on``, read from
    ``stats_case_closed_idx``), grouped by (dimension, type, procedure, leader judge, net-days
    bucket): the net days, the histogram, the within-standard count, the leaders' closures and
    (CourTools 5) the hearings of the cases closed by judgment, probed per case through the
    hearing index. On SQLite the inner query stays a co-routine (``LIMIT -1`` stops the
    flattening that would evaluate ``julianday`` once per reference)."""
    pg = connection.vendor == "postgresql"
    d = "x.d"
    hearings = "CAST(NULL AS integer)"
    join = ""
    if apps.is_installed("yizhan.trial"):
        if pg:  # one hash aggregate + hash join beats a probe per case on PostgreSQL
            join = (
                "LEFT JOIN (SELECT case_id, COUNT(*) AS n FROM trial_hearing GROUP BY case_id) h"
                " ON h.case_id = c.id AND c.closure_method = 'judgment'"
            )
            hearings = "h.n"
        else:
            hearings = (
                "CASE WHEN c.closure_method = 'judgment' THEN "
                "(SELECT COUNT(*) FROM trial_hearing h WHERE h.case_id = c.id) END"
            )
    return f"""
        SELECT x.g, x.t, x.p, x.l, {_bucket_sql(d)}, COUNT(*), SUM({d}), SUM(x.h),
               SUM(CASE WHEN x.h > 0 THEN 1 ELSE 0 END)
        FROM (
            SELECT c.{dim} AS g, c.type_code AS t, c.procedure AS p,
                   CASE WHEN {_true("c.is_leader_case")} THEN c.judge_id END AS l,
                   {_daynum_sql("c.closed_on")} - {_daynum_sql("c.filed_on")}
                   - c.suspended_days AS d,
                   {hearings} AS h
            FROM cases_case c {join}
            WHERE c.closed_on >= %(start)s AND c.closed_on <= %(end)s {filt}
            {"OFFSET 0" if pg else "LIMIT -1"}
        ) x
        GROUP BY 1, 2, 3, 4, 5
    """  # noqa: S608


def scan(s: Slice, by: str = "court") -> dict[Any, Group]:
    """The grouped scans. Returns one Group per value of the ``by`` dimension.

    Two scans of ``cases_case`` (:func:`_main_sql`, :func:`_closed_sql`), each reading a
    covering index, give every per-case counter, the closure methods, the leaders' closures,
    the net-days histogram, the within-standard count and the hearings; small index-driven
    queries add the appeals and enforcement chains, and (by court) the mediation, 12368 and
    QJP facts from their own tables. Results are streamed: memory does not grow with N."""
    if summary_applies(s, by):
        from . import summary

        summary.ensure_fresh()
        return _scan_summary(s, by)
    return _scan_live(s, by)


def summary_applies(s: Slice, by: str) -> bool:
    """The summary (:mod:`yizhan.stats.summary`) holds whole months per court and case type:
    it serves slices of whole months, grouped by court or type, filtered at most by courts and
    a type, whose "pending over 12 months" cut-off is a month end too. Setting
    ``YIZHAN_STATS_SUMMARY = False`` turns it off (every read scans the cases)."""
    if not settings.YIZHAN_STATS_SUMMARY:
        return False
    if by not in ("court", "type") or s.start > s.end:
        return False
    if s.department_id is not None or s.team_id is not None or s.judge_id is not None:
        return False
    one = dt.timedelta(days=1)
    # The 12-month cut-off is a month end, or 28 February of a leap year (the end is 28
    # February of the year after): the cells count the cases filed on a month's last day.
    y12 = s.year_before_end
    return (
        s.start.day == 1
        and (s.end + one).day == 1
        and ((y12 + one).day == 1 or (y12.month, y12.day) == (2, 28))
    )


def _groups() -> tuple[dict[Any, Group], Any]:
    groups: dict[Any, Group] = {}

    def g(key: Any) -> Group:
        grp = groups.get(key)
        if grp is None:
            grp = groups[key] = Group(key)
        return grp

    return groups, g


def _add_main(g: Any, row: tuple[Any, ...], end_n: int) -> None:
    """One row of the active-caseload scan (live or summary) into the counters."""
    key, type_code, method, n, rcv, closed = row[:6]
    within, pron, rev, due, rec, p12, sum_f, orig, auto = row[6:]
    tc = g(key).t(type_code)
    vals = tc.values
    n, rcv, closed = _num(n), _num(rcv), _num(closed)
    pending = n - closed
    vals["received"] += rcv
    vals["old_pending"] += n - rcv
    vals["closed"] += closed
    vals["closed_within"] += _num(within)
    vals["pronounced"] += _num(pron)
    vals["reversed"] += _num(rev)
    vals["due"] += _num(due)
    vals["recovered"] += _num(rec)
    vals["pending"] += pending
    vals["pending_12m"] += _num(p12)
    vals["pending_age"] += pending * end_n - _num(sum_f)
    vals["received_origin"] += _num(orig)
    vals["auto_assigned"] += _num(auto)
    if method and closed:
        tc.methods[method] += closed


# The accumulators below are shared by the live scans and the summary reads: both feed the
# same counters through the same code, so the two stay exact by construction.


def _add_closed(tc: TypeCounters, days: Any, hearings: Any, tried: Any) -> None:
    """Net days, hearings and tried cases of closed cases (one row of either read)."""
    tc.values["net_days"] += _num(days)
    tc.hearings += _num(hearings)
    tc.tried += _num(tried)


def _add_leader(grp: Group, tc: TypeCounters, judge: Any, n: Any) -> None:
    """Closures of a leader judge (院庭长)."""
    tc.values["leader_closed"] += _num(n)
    grp.leaders[judge] += _num(n)


_standard = functools.cache(standard_days)


def _add_hist(grp: Group, tc: TypeCounters, type_code: str, procedure: str, b: Any, n: Any) -> None:
    """``n`` closures in net-days bucket ``b``: the histogram and the within-standard count
    (every time standard is a bucket bound, so the comparison with the bound is exact)."""
    b = int(b)
    grp.histogram[b] += _num(n)
    if b <= _standard(type_code, procedure):
        tc.within_standard += _num(n)


def _add_chain(
    grp: Group, stage: Any, days: Any, n: Any, chains: Any, fee: Any, claim: Any
) -> None:
    """One row of :func:`_chain_sql`: the stage histogram; the first stage's copy of each
    chain with a claim also carries the chain count, its fee and its claim (cents)."""
    grp.stage_hist[int(stage)][int(days)] += _num(n)
    if chains:
        grp.chains += _num(chains)
        grp.chain_fee += _num(fee)
        grp.chain_claim += _num(claim)


def _add_mediation(grp: Group, status: str, n: Any) -> None:
    """Mediation matters ended in the period, by status."""
    if grp.mediation is None:
        grp.mediation = defaultdict(float)
    grp.mediation[status] += _num(n)


def _scan_live(s: Slice, by: str) -> dict[Any, Group]:
    dim = DIMENSIONS[by]
    filt, params = _filters(s)
    params.update(start=s.start, end=s.end, y12=s.year_before_end)
    end_n = _daynum(s.end)
    groups, g = _groups()
    for row in _stream(_main_sql(dim, filt), params):
        _add_main(g, row, end_n)
    for key, type_code, procedure, leader, b, n, sum_d, hearings, tried in _stream(
        _closed_sql(dim, filt), params
    ):
        grp = g(key)
        tc = grp.t(type_code)
        _add_closed(tc, sum_d, hearings, tried)
        if leader is not None:
            _add_leader(grp, tc, leader, n)
        _add_hist(grp, tc, type_code, procedure, b, n)
    _appeals(dim, filt, params, g)
    _chains(dim, filt, params, g)
    if by == "court":
        _mediation(s, g)
        _hotline(s, g)
        _qjp(s, g)
    _judges(s, by, groups)
    return groups


def _scan_summary(s: Slice, by: str) -> dict[Any, Group]:
    """:func:`scan` from the summary tables (one period)."""
    return _scan_summary_periods(s, by, [(s.start, s.end)])[0]


def _scan_summary_periods(
    s: Slice, by: str, periods: list[tuple[dt.date, dt.date]]
) -> list[dict[Any, Group]]:
    """:func:`scan` from the summary tables, for several periods at once (the slice's
    filters; each period whole months): the live scans' queries summed over the (court,
    month) cells, fed to the same counters, so every figure equals the live one exactly
    (tested). Every predicate of the live scans is on whole months here: active = filed by
    the end month and not closed before the start month, and so on. The periods are a
    VALUES list joined to the cells, so a monthly series is one query per table."""
    from .summary import month_index

    dim = {"court": "court_id", "type": "type_code"}[by]
    filt, params = _filters(s, "x")
    rows, end_ns = [], []
    for k, (start, end) in enumerate(periods):
        y12 = Slice(start, end).year_before_end
        # the cut-off month counts all its cases, or (cut-off 28 February of a leap year) all
        # but those filed on the 29th
        cut = 0 if (y12 + dt.timedelta(days=1)).day == 1 else 1
        rows.append(f"({k}, {month_index(start)}, {month_index(end)}, {month_index(y12)}, {cut})")
        end_ns.append(_daynum(end))
    cte = f"WITH p(k, s, e, y12, cut) AS (VALUES {', '.join(rows)})"
    made = [_groups() for _ in periods]
    out = [m[0] for m in made]
    gs = [m[1] for m in made]
    closed = "x.cmonth <= p.e"
    main = f"""{cte}
        SELECT p.k, x.{dim}, x.type_code, x.method, SUM(x.n),
               SUM(CASE WHEN x.fmonth >= p.s THEN x.n ELSE 0 END),
               SUM(CASE WHEN {closed} THEN x.n ELSE 0 END),
               SUM(CASE WHEN {closed} THEN x.within END),
               SUM(CASE WHEN {closed} THEN x.pronounced END),
               SUM(CASE WHEN {closed} THEN x.reversed ELSE 0 END),
               SUM(CASE WHEN {closed} THEN x.due END),
               SUM(CASE WHEN {closed} THEN x.recovered END),
               SUM(CASE WHEN {closed} THEN 0 WHEN x.fmonth < p.y12 THEN x.n
                   WHEN x.fmonth = p.y12 THEN x.n - p.cut * x.last_day ELSE 0 END),
               SUM(CASE WHEN {closed} THEN NULL ELSE x.filed_day END),
               SUM(CASE WHEN x.fmonth >= p.s THEN x.origin ELSE 0 END),
               SUM(CASE WHEN x.fmonth >= p.s THEN x.auto ELSE 0 END)
        FROM p JOIN stats_casecell x
             ON x.fmonth <= p.e AND (x.cmonth IS NULL OR x.cmonth >= p.s)
        WHERE 1 = 1 {filt}
        GROUP BY 1, 2, 3, 4
    """  # noqa: S608
    for row in _stream(main, params):
        k = row[0]
        _add_main(gs[k], row[1:], end_ns[k])

    def flow(table: str, cols: str, group: str, extra: str = "") -> Iterable[tuple[Any, ...]]:
        return _stream(
            f"""{cte} SELECT p.k, x.{dim}, {cols}
                FROM p JOIN {table} x ON x.cmonth >= p.s AND x.cmonth <= p.e
                WHERE 1 = 1 {filt} GROUP BY 1, 2, {group} {extra}""",  # noqa: S608
            params,
        )

    for k, key, type_code, days, hearings, tried in flow(
        "stats_closedcell", "x.type_code, SUM(x.days), SUM(x.hearings), SUM(x.tried)", "3"
    ):
        _add_closed(gs[k](key).t(type_code), days, hearings, tried)
    for k, key, type_code, procedure, b, n in flow(
        "stats_histcell", "x.type_code, x.procedure, x.bucket, SUM(x.n)", "3, 4, 5"
    ):
        grp = gs[k](key)
        _add_hist(grp, grp.t(type_code), type_code, procedure, b, n)
    for k, key, type_code, judge, n in flow(
        "stats_leadercell", "x.type_code, x.judge_id, SUM(x.n)", "3, 4"
    ):
        grp = gs[k](key)
        _add_leader(grp, grp.t(type_code), judge, n)
    for k, key, type_code, n in flow(
        "stats_casecell", "x.type_code, SUM(x.appealed)", "3", "HAVING SUM(x.appealed) > 0"
    ):
        gs[k](key).t(type_code).appealed += _num(n)
    for k, key, *chain in flow(
        "stats_chaincell",
        "x.stage, x.days, SUM(x.n), SUM(x.chains), SUM(x.fee), SUM(x.claim)",
        "3, 4",
    ):
        _add_chain(gs[k](key), *chain)
    if by == "court":
        cfilt, cparams = _court_filter(s, "x")

        def flat(kind: str, cols: str, group: str) -> list[tuple[Any, ...]]:
            return _fetch(
                f"""{cte} SELECT p.k, x.court_id, {cols}
                    FROM p JOIN stats_flatcell x ON x.month >= p.s AND x.month <= p.e
                    WHERE x.kind = '{kind}' {cfilt}
                    GROUP BY {group}""",  # noqa: S608
                cparams,
            )

        if not s.type_code:  # as the live scan: per type, no mediation or 12368
            for k, court, status, n in flat("mediation", "x.key, SUM(x.n)", "1, 2, 3"):
                _add_mediation(gs[k](court), status, n)
            for k, court, n, on_time in flat("ticket", "SUM(x.n), SUM(x.e)", "1, 2"):
                gs[k](court).hotline = (_num(on_time), _num(n))
        for k, court, n, e in flat("filing", "SUM(x.n), SUM(x.e)", "1, 2"):
            gs[k](court).qjp["efiling"] = (_num(e), _num(n))
        for k, court, n, e in flat("service", "SUM(x.n), SUM(x.e)", "1, 2"):
            gs[k](court).qjp["eservice"] = (_num(e), _num(n))
        published = _published_counts(s)  # no period: read once for every period
        for g in gs:
            for court, e, n in published:
                g(court).qjp["published"] = (e, n)
    judges = _judge_counts(s, by)
    for groups in out:
        _set_judges(groups, judges)
    return out


def _appeals(dim: str, filt: str, params: dict[str, Any], g: Any) -> None:
    sql = f"""
        SELECT c.{dim}, c.type_code, COUNT(DISTINCT c.id)
        FROM cases_case a JOIN cases_case c ON c.id = a.parent_id
        WHERE a.relation = 'appeal' AND c.closed_on >= %(start)s AND c.closed_on <= %(end)s
              {filt}
        GROUP BY 1, 2
    """  # noqa: S608
    for key, type_code, n in _fetch(sql, params):
        g(key).t(type_code).appealed += n


def _chain_sql(keys: Sequence[str], closed: str, where: str, source: str = "cases_case") -> str:
    """World Bank enforcing contracts: filing → judgment → enforcement filed → enforcement
    closed, for the enforcement cases ``c`` (read from ``source``: the cases, or a unit's copy)
    matching ``closed`` and ``where`` whose parent ``p`` was closed by judgment. One pass over
    the chains: each chain row is repeated for the three stages (stage histograms), and the
    first copy also carries the fee and the claim (cost, in cents). Columns: ``keys``
    (expressions on ``c``, grouped), stage, days, count, chains with a claim, fee, claim —
    the rows :func:`_add_chain` adds up. The live scan and the summary's ``stats_chaincell``
    both use it, so the two agree by construction."""
    d1 = _days("p.closed_on", "p.filed_on")
    d2 = _days("c.filed_on", "p.closed_on")
    d3 = _days("c.closed_on", "c.filed_on")
    inner = ", ".join(f"{k} AS k{i}" for i, k in enumerate(keys))
    outer = ", ".join(f"x.k{i}" for i in range(len(keys)))
    group = ", ".join(str(i) for i in range(1, len(keys) + 3))
    # Live, this reads the partial index stats_case_enforcement_idx (enforcement cases by
    # closing date), then each parent by key.
    return f"""
        SELECT {outer}, s.k, CASE s.k WHEN 1 THEN x.d1 WHEN 2 THEN x.d2 ELSE x.d3 END, COUNT(*),
               SUM(CASE WHEN s.k = 1 AND x.claim > 0 THEN 1 ELSE 0 END),
               SUM(CASE WHEN s.k = 1 AND x.claim > 0 THEN x.fee END),
               SUM(CASE WHEN s.k = 1 AND x.claim > 0 THEN x.claim END)
        FROM (SELECT {inner}, {d1} AS d1, {d2} AS d2, {d3} AS d3,
                     {_cents("f.full_fee")} AS fee, {_cents("p.claim_amount")} AS claim
              FROM {source} c JOIN cases_case p ON p.id = c.parent_id
                   LEFT JOIN cases_feenotice f ON f.case_id = p.id
              WHERE c.relation = 'enforcement' AND {closed}
                    AND p.closure_method = 'judgment' {where}
              {"OFFSET 0" if connection.vendor == "postgresql" else "LIMIT -1"}
             ) x
        CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) s
        GROUP BY {group}
    """  # noqa: S608 (only our own fragments; values are parameters)


def _chains(dim: str, filt: str, params: dict[str, Any], g: Any) -> None:
    """The enforcement chains closed in the period (:func:`_chain_sql`)."""
    closed = "c.closed_on >= %(start)s AND c.closed_on <= %(end)s"
    for key, *chain in _fetch(_chain_sql([f"c.{dim}"], closed, filt), params):
        _add_chain(g(key), *chain)


def _optional_table(label: str) -> str | None:
    """The table of a model in an app that may not be installed (yet)."""
    app_label, _, model = label.partition(".")
    try:
        return apps.get_model(app_label, model)._meta.db_table
    except LookupError:
        return None


def _court_filter(s: Slice, alias: str) -> tuple[str, dict[str, Any]]:
    return _filters(Slice(s.start, s.end, court_ids=s.court_ids), alias)


def _mediation(s: Slice, g: Any) -> None:
    table = _optional_table("mediation.Matter")
    if table is None or s.department_id or s.team_id or s.judge_id or s.type_code:
        return
    filt, params = _court_filter(s, "m")
    params.update(start=s.start, end=s.end)
    sql = f"""
        SELECT m.court_id, m.status, COUNT(*) FROM {table} m
        WHERE m.ended_on >= %(start)s AND m.ended_on <= %(end)s {filt}
        GROUP BY 1, 2
    """  # noqa: S608
    for court, status, n in _fetch(sql, params):
        _add_mediation(g(court), status, n)


MEDIATION_ENDED = ("settled", "failed", "expired", "converted")


def _hotline(s: Slice, g: Any) -> None:
    table = _optional_table("services.Ticket")
    if table is None or s.department_id or s.team_id or s.judge_id or s.type_code:
        return
    filt, params = _court_filter(s, "t")
    params.update(start=s.start, end=s.end)
    sql = f"""
        SELECT t.court_id, COUNT(*),
               SUM(CASE WHEN t.replied_at IS NOT NULL AND {_reply_on_time("t")}
                   THEN 1 ELSE 0 END)
        FROM {table} t
        WHERE t.due_on >= %(start)s AND t.due_on <= %(end)s {filt}
        GROUP BY 1
    """  # noqa: S608
    for court, due, on_time in _fetch(sql, params):
        g(court).hotline = (_num(on_time), _num(due))


def _reply_on_time(alias: str) -> str:
    """replied_at (a UTC timestamp) falls on or before the due day, court time (UTC+8)."""
    if connection.vendor == "postgresql":
        return f"({alias}.replied_at AT TIME ZONE 'Asia/Shanghai')::date <= {alias}.due_on"
    return f"date({alias}.replied_at, '+8 hours') <= {alias}.due_on"


def _judges(s: Slice, by: str, groups: dict[Any, Group]) -> None:
    """Headcount of judges (Membership role judge) per group, for 人均结案数."""
    _set_judges(groups, _judge_counts(s, by))


def _set_judges(groups: dict[Any, Group], counts: dict[Any, int]) -> None:
    for key, n in counts.items():
        grp = groups.get(key)
        if grp is not None:
            grp.judges = n


def _judge_counts(s: Slice, by: str) -> dict[Any, int]:
    """Judges (Membership role judge) per key of ``by`` within the slice's who-filters."""
    from yizhan.accounts.models import Membership, Role

    qs = Membership.objects.filter(role=Role.JUDGE)
    if s.court_ids is not None:
        qs = qs.filter(court_id__in=s.court_ids)
    if s.department_id:
        qs = qs.filter(department_id=s.department_id)
    if s.team_id:
        qs = qs.filter(team_id=s.team_id)
    if s.judge_id:
        qs = qs.filter(user_id=s.judge_id)
    field_name = {
        "court": "court_id",
        "department": "department_id",
        "team": "team_id",
        "judge": "user_id",
    }.get(by)
    if field_name is None:
        return {}
    from django.db.models import Count

    rows = qs.values(field_name).annotate(n=Count("user_id", distinct=True))
    return {row[field_name]: row["n"] for row in rows}


def _qjp(s: Slice, g: Any) -> None:
    """Facts for the DB quality-of-judicial-processes self-assessment, per court."""
    filt, params = _court_filter(s, "x")
    params.update(start=s.start, end=s.end)
    table = _optional_table("filing.Filing")
    if table:
        sql = f"""
            SELECT x.court_id, SUM(CASE WHEN x.channel IN ('web', 'api') THEN 1 ELSE 0 END),
                   COUNT(*)
            FROM {table} x WHERE x.received_on >= %(start)s AND x.received_on <= %(end)s {filt}
            GROUP BY 1
        """  # noqa: S608
        for court, e, n in _fetch(sql, params):
            g(court).qjp["efiling"] = (_num(e), _num(n))
    table = _optional_table("trial.ServiceRecord")
    if table:
        sql = f"""
            SELECT x.court_id, SUM(CASE WHEN r.method = 'electronic' THEN 1 ELSE 0 END), COUNT(*)
            FROM {table} r JOIN cases_case x ON x.id = r.case_id
            WHERE r.served_on >= %(start)s AND r.served_on <= %(end)s {filt}
            GROUP BY 1
        """  # noqa: S608
        for court, e, n in _fetch(sql, params):
            g(court).qjp["eservice"] = (_num(e), _num(n))
    _qjp_published(s, g)


def _qjp_published(s: Slice, g: Any) -> None:
    """Publication drafts published / all, per court (no period: a small table)."""
    for court, e, n in _published_counts(s):
        g(court).qjp["published"] = (e, n)


def _published_counts(s: Slice) -> list[tuple[Any, float, float]]:
    filt, params = _court_filter(s, "x")
    table = _optional_table("publication.PublicationDraft")
    if not table:
        return []
    sql = f"""
        SELECT x.court_id, SUM(CASE WHEN x.status = 'published' THEN 1 ELSE 0 END), COUNT(*)
        FROM {table} x WHERE 1 = 1 {filt} GROUP BY 1
    """  # noqa: S608
    return [(court, _num(e), _num(n)) for court, e, n in _fetch(sql, params)]


# --- figures -------------------------------------------------------------------------------


@dataclass
class Figure:
    code: str
    name: str
    unit: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    ref_low: float | None = None
    ref_high: float | None = None
    detail: dict[str, Any] | None = None

    @property
    def in_range(self) -> bool | None:
        if self.value is None or (self.ref_low is None and self.ref_high is None):
            return None
        lo = self.ref_low if self.ref_low is not None else float("-inf")
        hi = self.ref_high if self.ref_high is not None else float("inf")
        return lo <= self.value <= hi

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "unit": self.unit,
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "ref_low": self.ref_low,
            "ref_high": self.ref_high,
            "in_range": self.in_range,
            "detail": self.detail,
        }


def _ratio(num: float, den: float, scale: float = 100.0) -> float | None:
    if not den:
        return None
    return round(num * scale / den, 2)


def percentile(hist: dict[int, float], p: float) -> float | None:
    """Nearest-rank percentile from a histogram {value: count}."""
    total = sum(hist.values())
    if not total:
        return None
    rank = max(1, -(-p * total // 100))
    seen = 0.0
    for value in sorted(hist):
        seen += hist[value]
        if seen >= rank:
            return float(value)
    return float(max(hist))


def catalogue() -> list[Any]:
    from .models import Indicator

    return list(Indicator.objects.filter(is_active=True))


SIMPLE_RATIOS: dict[str, tuple[str, str]] = {
    # indicator code: (numerator counter, denominator counter), as a percentage
    "within_limit_rate": ("closed_within", "closed"),
    "over_12m_ratio": ("pending_12m", "pending"),
    "appeal_revise_remand_ratio": ("m:revised,remanded", "closed"),
    "first_instance_reversed_rate": ("reversed", "closed"),
    "mediation_rate": ("m:mediation", "closed"),
    "withdrawal_rate": ("m:withdrawal", "closed"),
    "mediation_withdrawal_rate": ("m:mediation,withdrawal", "closed"),
    "pronounced_rate": ("pronounced", "m:judgment"),
    "recovery_rate": ("recovered", "due"),
    "actual_enforcement_rate": ("m:executed,enforcement_settled", "closed"),
}


def figures(
    grp: Group,
    indicators: list[Any],
    *,
    court_level: str | None = None,
    leader_roles: dict[int, tuple[str, str]] | None = None,
) -> dict[str, Figure]:
    """Each catalogue indicator computed from one group's counters."""
    out: dict[str, Figure] = {}
    for ind in indicators:
        scope, excl = ind.scope_types or (), ind.excluded_types or ()

        def S(name: str, scope: Any = scope, excl: Any = excl) -> float:
            return grp.sum(name, scope, excl)

        num: float | None = None
        den: float | None = None
        value: float | None = None
        detail: dict[str, Any] | None = None
        code = ind.code
        if code in SIMPLE_RATIOS:
            num_name, den_name = SIMPLE_RATIOS[code]
            num, den = S(num_name), S(den_name)
            value = _ratio(num, den)
            if code == "recovery_rate":  # counters in cents
                num, den = num / 100, den / 100
        elif code == "closure_rate":
            num, den = S("closed"), S("old_pending") + S("received")
            value = _ratio(num, den)
        elif code in ("closed_received_ratio", "clearance_rate"):
            num, den = S("closed"), S("received")
            value = _ratio(num, den)
        elif code == "avg_days":
            num, den = S("net_days"), S("closed")
            value = _ratio(num, den, 1)
        elif code == "acceptance_rate":
            den = S("closed")
            num = den - S("appealed")
            value = _ratio(num, den)
        elif code == "case_ratio":
            num, den = S("received"), S("received_origin")
            value = _ratio(num, den, 1)
        elif code == "per_judge_closed":
            num, den = S("closed"), float(grp.judges)
            value = _ratio(num, den, 1)
        elif code == "leader_share":
            num, den = S("leader_closed"), S("closed")
            value = _ratio(num, den)
            detail = _leader_detail(grp, ind, court_level, leader_roles or {}, S("closed"))
        elif code == "time_to_disposition":
            num, den = S("within_standard"), S("closed")
            value = _ratio(num, den)
            detail = {f"p{p}": percentile(grp.histogram, p) for p in (50, 75, 90)}
        elif code == "pending_age":
            num, den = S("pending_age"), S("pending")
            value = _ratio(num, den, 1)
        elif code == "trial_date_certainty":
            num, den = S("hearings"), S("tried")
            value = _ratio(num, den, 1)
        elif code == "enforce_time":
            stages = {k: percentile(h, 50) for k, h in grp.stage_hist.items()}
            if all(v is not None for v in stages.values()):
                value = float(sum(v for v in stages.values() if v is not None))
            den = grp.chains
            detail = {
                "filing_to_judgment": stages[1],
                "judgment_to_enforcement": stages[2],
                "enforcement": stages[3],
            }
        elif code == "enforce_cost":
            num, den = grp.chain_fee, grp.chain_claim
            value = _ratio(num, den)
            num, den = num / 100, den / 100  # cents
        elif code == "mediation_settlement_rate":
            if grp.mediation is not None:
                num = grp.mediation.get("settled", 0.0)
                den = sum(grp.mediation.get(k, 0.0) for k in MEDIATION_ENDED)
                value = _ratio(num, den)
        elif code == "hotline_on_time_rate":
            if grp.hotline is not None:
                num, den = grp.hotline
                value = _ratio(num, den)
        elif code == "qjp_checklist":
            detail = qjp_items(grp)
            value = float(sum(1 for item in detail.values() if item["answer"] == "yes"))
        out[code] = Figure(
            code,
            ind.name,
            ind.unit,
            value,
            num,
            den,
            float(ind.ref_low) if ind.ref_low is not None else None,
            float(ind.ref_high) if ind.ref_high is not None else None,
            detail,
        )
    return out


def _leader_detail(
    grp: Group, ind: Any, court_level: str | None, roles: dict[int, tuple[str, str]], closed: float
) -> dict[str, Any]:
    """§6.3: each leader's closures against the average judge's, and the quota interval."""
    quotas = (ind.params or {}).get("quotas", {}).get(court_level or "basic", {})
    avg = closed / grp.judges if grp.judges else None
    rows = []
    for judge_id, n in sorted(grp.leaders.items()):
        role, name = roles.get(judge_id, ("division_chief", str(judge_id)))
        share = round(n * 100 / avg, 2) if avg else None
        lo, hi = quotas.get(role, [None, None])
        rows.append(
            {
                "judge_id": judge_id,
                "name": name,
                "role": role,
                "closed": n,
                "share_of_average": share,
                "quota": [lo, hi],
                "meets_quota": None if share is None or lo is None else share >= lo,
            }
        )
    return {"average_per_judge": round(avg, 2) if avg else None, "leaders": rows}


def qjp_items(grp: Group) -> dict[str, dict[str, Any]]:
    """The checklist answered from records: yes / no / unknown with the evidence figure."""

    def share(key: str) -> dict[str, Any]:
        e, n = grp.qjp.get(key, (0.0, 0.0))
        if not n:
            return {"answer": "unknown", "evidence": None}
        return {"answer": "yes" if e > 0 else "no", "evidence": round(e * 100 / n, 2)}

    received = grp.sum("received")
    auto = grp.sum("auto_assigned")
    small = sum(1 for tc in grp.types.values() if tc.values["received"]) and grp.sum(
        "received", ("执保",)
    )
    return {
        "efiling": share("efiling"),  # Filing.channel web/api share
        "eservice": share("eservice"),  # trial.ServiceRecord electronic share
        "published": share("published"),  # publication drafts published
        "random_assignment": {
            "answer": "yes" if auto else ("no" if received else "unknown"),
            "evidence": _ratio(auto, received),
        },
        "pretrial_attachment": {
            "answer": "yes" if small else "unknown",
            "evidence": grp.sum("received", ("执保",)),
        },
        "time_standards": {"answer": "yes", "evidence": "审限届满日 (Case.limit_due)"},
        "performance_reports": {"answer": "yes", "evidence": "/console/stats/"},
        "adr_mediation": {
            "answer": "yes" if grp.mediation else "unknown",
            "evidence": sum(grp.mediation.values()) if grp.mediation else None,
        },
        "e_payment": {"answer": "unknown", "evidence": None},
    }


# --- public entry points ------------------------------------------------------------------


def leader_roles(court_ids: Iterable[int] | None) -> dict[int, tuple[str, str]]:
    from yizhan.accounts.models import Membership, Role

    qs = Membership.objects.filter(role__in=[Role.PRESIDENT, Role.DIVISION_CHIEF])
    if court_ids is not None:
        qs = qs.filter(court_id__in=list(court_ids))
    out: dict[int, tuple[str, str]] = {}
    for uid, role, name, username in qs.values_list(
        "user_id", "role", "user__real_name", "user__username"
    ):
        if uid not in out or role == Role.PRESIDENT:
            out[uid] = (role, name or username)
    return out


def _figure_context(s: Slice) -> tuple[str | None, dict[int, tuple[str, str]]]:
    """What :func:`figures` needs besides the counts: the court level of a one-court slice
    and the court leaders (院庭长) of the slice's courts."""
    from yizhan.core.models import Court

    level = None
    if s.court_ids and len(s.court_ids) == 1:
        level = Court.objects.filter(pk=s.court_ids[0]).values_list("level", flat=True).first()
    return level, leader_roles(s.court_ids)


def compute(s: Slice, by: str = "court") -> dict[Any, dict[str, Figure]]:
    """Every active catalogue indicator for every group of ``by`` over the slice."""
    from yizhan.core.models import Court

    indicators = catalogue()
    groups = scan(s, by)
    levels = dict(Court.objects.values_list("id", "level")) if by == "court" else {}
    level, roles = _figure_context(s)
    return {
        key: figures(grp, indicators, court_level=levels.get(key, level), leader_roles=roles)
        for key, grp in groups.items()
    }


def compute_grouped_total(s: Slice) -> dict[str, Figure]:
    """Whole-slice figures: scan grouped by court, then merge the groups."""
    return _total_figures(s, scan(s, "court"))


def _total_figures(
    s: Slice,
    groups: dict[Any, Group],
    indicators: list[Any] | None = None,
    context: tuple[str | None, dict[int, tuple[str, str]]] | None = None,
) -> dict[str, Figure]:
    merged = Group("total")
    for grp in groups.values():
        _merge(merged, grp)
    if context is None:
        context = _figure_context(s)
    return figures(
        merged,
        catalogue() if indicators is None else indicators,
        court_level=context[0],
        leader_roles=context[1],
    )


def monthly_totals(s: Slice) -> list[tuple[str, dict[str, Figure]]]:
    """:func:`compute_grouped_total` for each month of the slice (clipped to the slice),
    labelled ``YYYY-MM``. The months the summary holds are served by one multi-period read
    of it; the others (cut short by the slice, or sliced by judge) are computed one by one."""
    months = []
    d = dt.date(s.start.year, s.start.month, 1)
    while d <= s.end:
        a, b = period("month", d.year, d.month)
        sub = Slice(
            max(a, s.start),
            min(b, s.end),
            s.court_ids,
            s.department_id,
            s.team_id,
            s.judge_id,
            s.type_code,
        )
        months.append((f"{d.year}-{d.month:02d}", sub))
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    # The months the summary holds are read from it in one multi-period read; the others (a
    # month cut short by the slice, a judge's slice) are computed on their own.
    whole = [i for i, (_, sub) in enumerate(months) if summary_applies(sub, "court")]
    out: dict[int, dict[str, Figure]] = {}
    if whole:
        from . import summary

        summary.ensure_fresh()
        periods = [(months[i][1].start, months[i][1].end) for i in whole]
        scans = _scan_summary_periods(s, "court", periods)
        context = _figure_context(s)
        indicators = catalogue()
        for i, groups in zip(whole, scans, strict=True):
            out[i] = _total_figures(months[i][1], groups, indicators, context)
    return [
        (label, out[i] if i in out else compute_grouped_total(sub))
        for i, (label, sub) in enumerate(months)
    ]


def _merge(into: Group, grp: Group) -> None:
    for code, tc in grp.types.items():
        t = into.t(code)
        for k, v in tc.values.items():
            t.values[k] += v
        for k, v in tc.methods.items():
            t.methods[k] += v
        t.appealed += tc.appealed
        t.within_standard += tc.within_standard
        t.tried += tc.tried
        t.hearings += tc.hearings
    for leader, n in grp.leaders.items():
        into.leaders[leader] += n
    for bucket, n in grp.histogram.items():
        into.histogram[bucket] += n
    for stage, h in grp.stage_hist.items():
        for bucket, n in h.items():
            into.stage_hist[stage][bucket] += n
    into.chain_fee += grp.chain_fee
    into.chain_claim += grp.chain_claim
    into.chains += grp.chains
    if grp.mediation is not None:
        if into.mediation is None:
            into.mediation = defaultdict(float)
        for k, v in grp.mediation.items():
            into.mediation[k] += v
    if grp.hotline is not None:
        a, b = into.hotline or (0.0, 0.0)
        into.hotline = (a + grp.hotline[0], b + grp.hotline[1])
    into.judges += grp.judges
    for k, (e, n) in grp.qjp.items():
        a, b = into.qjp.get(k, (0.0, 0.0))
        into.qjp[k] = (a + e, b + n)


# --- drill-down ----------------------------------------------------------------------------

# indicator code -> (numerator measure, denominator measure)
DRILL: dict[str, tuple[str | None, str | None]] = {
    "closure_rate": ("closed", "active"),
    "closed_received_ratio": ("closed", "received"),
    "clearance_rate": ("closed", "received"),
    "within_limit_rate": ("closed_within", "closed"),
    "avg_days": ("closed", "closed"),
    "over_12m_ratio": ("pending_12m", "pending"),
    "acceptance_rate": ("not_appealed", "closed"),
    "appeal_revise_remand_ratio": ("revised_remanded", "closed"),
    "first_instance_reversed_rate": ("reversed", "closed"),
    "mediation_rate": ("mediation", "closed"),
    "withdrawal_rate": ("withdrawal", "closed"),
    "mediation_withdrawal_rate": ("mediation_withdrawal", "closed"),
    "pronounced_rate": ("pronounced", "judgment"),
    "recovery_rate": ("closed", "closed"),
    "actual_enforcement_rate": ("actual", "closed"),
    "case_ratio": ("received", "received_origin"),
    "per_judge_closed": ("closed", None),
    "leader_share": ("leader_closed", "closed"),
    "time_to_disposition": ("within_standard", "closed"),
    "pending_age": ("pending", "pending"),
    "trial_date_certainty": ("tried", "tried"),
    "enforce_time": ("chain", "chain"),
    "enforce_cost": ("chain", "chain"),
}


def measure_sql(measure: str) -> str:
    closed = "c.closed_on >= %(start)s AND c.closed_on <= %(end)s"
    pending = "c.filed_on <= %(end)s AND (c.closed_on IS NULL OR c.closed_on > %(end)s)"
    m = {
        "received": "c.filed_on >= %(start)s AND c.filed_on <= %(end)s",
        "active": "c.filed_on <= %(end)s AND (c.closed_on IS NULL OR c.closed_on >= %(start)s)",
        "closed": closed,
        "closed_within": f"{closed} AND {_true('c.closed_within_limit')}",
        "pending": pending,
        "pending_12m": f"{pending} AND c.filed_on <= %(y12)s",
        "not_appealed": f"{closed} AND NOT EXISTS (SELECT 1 FROM cases_case a "  # noqa: S608
        "WHERE a.parent_id = c.id AND a.relation = 'appeal')",
        "appealed": f"{closed} AND EXISTS (SELECT 1 FROM cases_case a "  # noqa: S608
        "WHERE a.parent_id = c.id AND a.relation = 'appeal')",
        "revised_remanded": f"{closed} AND c.closure_method IN ('revised', 'remanded')",
        "reversed": f"{closed} AND c.appeal_outcome IN ('revised', 'partly_revised', 'remanded')",
        "mediation": f"{closed} AND c.closure_method = 'mediation'",
        "withdrawal": f"{closed} AND c.closure_method = 'withdrawal'",
        "mediation_withdrawal": f"{closed} AND c.closure_method IN ('mediation', 'withdrawal')",
        "judgment": f"{closed} AND c.closure_method = 'judgment'",
        "pronounced": f"{closed} AND c.closure_method = 'judgment' AND "
        f"{_true('c.pronounced_in_court')}",
        "actual": f"{closed} AND c.closure_method IN ('executed', 'enforcement_settled')",
        "received_origin": "c.filed_on >= %(start)s AND c.filed_on <= %(end)s "
        "AND c.origin_id IS NULL",
        "leader_closed": f"{closed} AND {_true('c.is_leader_case')}",
        "within_standard": f"{closed} AND {_days('c.closed_on', 'c.filed_on')} - "
        f"c.suspended_days <= {_standard_sql()}",
        "tried": f"{closed} AND c.closure_method = 'judgment' AND EXISTS (SELECT 1 FROM "  # noqa: S608
        "trial_hearing h WHERE h.case_id = c.id)",
        "chain": f"{closed} AND c.relation = 'enforcement' AND EXISTS (SELECT 1 FROM "  # noqa: S608
        "cases_case p WHERE p.id = c.parent_id AND p.closure_method = 'judgment')",
    }
    return m[measure]


@dataclass
class Page:
    count: int
    rows: list[dict[str, Any]]
    page: int
    size: int


def drill(s: Slice, code: str, part: str = "numerator", *, page: int = 1, size: int = 50) -> Page:
    """The cases behind a figure: the numerator's or the denominator's, paged by id."""
    from .models import Indicator

    ind = Indicator.objects.filter(code=code).first()
    if ind is None or code not in DRILL:
        raise KeyError(code)
    measure = DRILL[code][0 if part == "numerator" else 1]
    if measure is None:
        raise KeyError(part)
    filt, params = _filters(s)
    params.update(start=s.start, end=s.end, y12=s.year_before_end)
    scope = ""
    for i, t in enumerate(ind.scope_types or []):
        params[f"scope{i}"] = t
    if ind.scope_types:
        names = ", ".join(f"%(scope{i})s" for i in range(len(ind.scope_types)))
        scope += f" AND c.type_code IN ({names})"
    for i, t in enumerate(ind.excluded_types or []):
        params[f"excl{i}"] = t
    if ind.excluded_types:
        names = ", ".join(f"%(excl{i})s" for i in range(len(ind.excluded_types)))
        scope += f" AND c.type_code NOT IN ({names})"
    where = f"{measure_sql(measure)}{scope}{filt}"
    count = _fetch(f"SELECT COUNT(*) FROM cases_case c WHERE {where}", params)[0][0]  # noqa: S608
    params.update(limit=size, offset=(page - 1) * size)
    rows = _fetch(
        f"""SELECT c.id, c.number, c.type_code, c.procedure, c.filed_on, c.closed_on,
                   c.closure_method, c.suspended_days
            FROM cases_case c WHERE {where}
            ORDER BY c.id LIMIT %(limit)s OFFSET %(offset)s""",  # noqa: S608
        params,
    )
    keys = (
        "id",
        "number",
        "type_code",
        "procedure",
        "filed_on",
        "closed_on",
        "closure_method",
        "suspended_days",
    )
    return Page(count, [dict(zip(keys, r, strict=True)) for r in rows], page, size)


# --- open data -----------------------------------------------------------------------------


def _month(expr: str) -> str:
    if connection.vendor == "postgresql":
        return f"to_char({expr}, 'YYYY-MM')"
    return f"substr({expr}, 1, 7)"


OPEN_FIELDS = (
    "received",
    "closed",
    "pending_end",
    "closed_within_limit",
    "mediated",
    "withdrawn",
    "avg_days",
)


def open_data(
    year: int, court_ids: Iterable[int] | None = None, excluded: Iterable[str] = WORKLOAD_EXCLUDED
) -> list[dict[str, Any]]:
    """Aggregate figures per court per month (no personal data). Two grouped flow scans: cases
    received by filing month, cases closed by closing month; the month-end pending count is
    carried forward from the pending count at the start of the year. Small counts are
    suppressed (see :func:`suppress`)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    s = Slice(start, end, court_ids=tuple(court_ids) if court_ids is not None else None)
    use_summary = summary_applies(s, "court")  # a calendar year by court: the setting decides
    alias = "x" if use_summary else "c"
    filt, params = _filters(s, alias)
    excl = list(excluded)
    for i, t in enumerate(excl):
        params[f"excl{i}"] = t
    if excl:
        filt += (
            f" AND {alias}.type_code NOT IN ("
            + ", ".join(f"%(excl{i})s" for i in range(len(excl)))
            + ")"
        )
    params.update(start=start, end=end)
    cells: dict[tuple[int, str], dict[str, float]] = defaultdict(
        lambda: dict.fromkeys(
            ("received", "closed", "closed_within_limit", "mediated", "withdrawn", "net_days"), 0.0
        )
    )
    if use_summary:
        from . import summary

        summary.ensure_fresh()
        opening = _open_data_cells(year, filt, params, cells)
    else:
        opening = _open_data_live(filt, params, cells)
    return _open_data_rows(year, cells, opening)


def _open_data_cells(
    year: int,
    filt: str,
    params: dict[str, Any],
    cells: dict[tuple[int, str], dict[str, float]],
) -> dict[int, int]:
    """:func:`open_data`'s three queries over the summary's (court, month) cells."""
    from .summary import month_index

    first = month_index(dt.date(year, 1, 1))
    params.update(S=first, E=first + 11)

    def label(m: int) -> str:
        return f"{m // 12}-{m % 12 + 1:02d}"

    for court, m, n in _fetch(
        f"""SELECT x.court_id, x.fmonth, SUM(x.n) FROM stats_casecell x
            WHERE x.fmonth >= %(S)s AND x.fmonth <= %(E)s {filt} GROUP BY 1, 2""",  # noqa: S608
        params,
    ):
        cells[(court, label(m))]["received"] += _num(n)
    for court, m, n, within, med, wd in _fetch(
        f"""SELECT x.court_id, x.cmonth, SUM(x.n), SUM(x.within),
                   SUM(CASE WHEN x.method = 'mediation' THEN x.n ELSE 0 END),
                   SUM(CASE WHEN x.method = 'withdrawal' THEN x.n ELSE 0 END)
            FROM stats_casecell x
            WHERE x.cmonth >= %(S)s AND x.cmonth <= %(E)s {filt} GROUP BY 1, 2""",  # noqa: S608
        params,
    ):
        cell = cells[(court, label(m))]
        cell["closed"] += _num(n)
        cell["closed_within_limit"] += _num(within)
        cell["mediated"] += _num(med)
        cell["withdrawn"] += _num(wd)
    for court, m, days in _fetch(
        f"""SELECT x.court_id, x.cmonth, SUM(x.days) FROM stats_closedcell x
            WHERE x.cmonth >= %(S)s AND x.cmonth <= %(E)s {filt} GROUP BY 1, 2""",  # noqa: S608
        params,
    ):
        cells[(court, label(m))]["net_days"] += _num(days)
    return {
        court: int(_num(n))
        for court, n in _fetch(
            f"""SELECT x.court_id, SUM(x.n) FROM stats_casecell x
                WHERE x.fmonth < %(S)s AND (x.cmonth IS NULL OR x.cmonth >= %(S)s) {filt}
                GROUP BY 1""",  # noqa: S608
            params,
        )
    }


def _open_data_live(
    filt: str, params: dict[str, Any], cells: dict[tuple[int, str], dict[str, float]]
) -> dict[int, int]:
    for court, month, n in _fetch(
        f"""
            SELECT c.court_id, {_month("c.filed_on")}, COUNT(*) FROM cases_case c
            WHERE c.filed_on >= %(start)s AND c.filed_on <= %(end)s {filt}
            GROUP BY 1, 2""",  # noqa: S608
        params,
    ):
        cells[(court, month)]["received"] += n
    for court, month, n, within, med, wd, days in _fetch(
        f"""
            SELECT c.court_id, {_month("c.closed_on")}, COUNT(*),
                   SUM(CASE WHEN {_true("c.closed_within_limit")} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c.closure_method = 'mediation' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c.closure_method = 'withdrawal' THEN 1 ELSE 0 END),
                   SUM({_days("c.closed_on", "c.filed_on")} - c.suspended_days)
            FROM cases_case c
            WHERE c.closed_on >= %(start)s AND c.closed_on <= %(end)s {filt}
            GROUP BY 1, 2""",  # noqa: S608
        params,
    ):
        cell = cells[(court, month)]
        cell["closed"] += n
        cell["closed_within_limit"] += _num(within)
        cell["mediated"] += _num(med)
        cell["withdrawn"] += _num(wd)
        cell["net_days"] += _num(days)
    opening = dict(
        _fetch(
            f"""
            SELECT c.court_id, COUNT(*) FROM cases_case c
            WHERE c.filed_on < %(start)s AND (c.closed_on IS NULL OR c.closed_on >= %(start)s)
            {filt} GROUP BY 1""",  # noqa: S608
            params,
        )
    )
    return opening


def _open_data_rows(
    year: int, cells: dict[tuple[int, str], dict[str, float]], opening: dict[int, int]
) -> list[dict[str, Any]]:
    from yizhan.core.models import Court

    courts = {c.pk: c for c in Court.objects.all()}
    court_keys = sorted({k[0] for k in cells} | set(opening), key=lambda k: courts[k].code)
    out = []
    for court in court_keys:
        pending = float(opening.get(court, 0))
        for m in range(1, 13):
            month = f"{year}-{m:02d}"
            cell = cells.get((court, month)) or dict.fromkeys(
                ("received", "closed", "closed_within_limit", "mediated", "withdrawn", "net_days"),
                0.0,
            )
            pending += cell["received"] - cell["closed"]
            out.append(
                {
                    "court_code": courts[court].code,
                    "court_name": courts[court].name,
                    "month": month,
                    "received": int(cell["received"]),
                    "closed": int(cell["closed"]),
                    "pending_end": int(pending),
                    "closed_within_limit": int(cell["closed_within_limit"]),
                    "mediated": int(cell["mediated"]),
                    "withdrawn": int(cell["withdrawn"]),
                    "avg_days": round(cell["net_days"] / cell["closed"], 1)
                    if cell["closed"]
                    else None,
                }
            )
    return [suppress(r) for r in out]


def suppress(row: dict[str, Any], threshold: int | None = None) -> dict[str, Any]:
    """Counts in 1..threshold-1 become None ("<5" in the CSV); an average over fewer than
    ``threshold`` cases too. Zero is published (it identifies nobody)."""
    k = min_count() if threshold is None else threshold
    out = dict(row)
    for name in (
        "received",
        "closed",
        "pending_end",
        "closed_within_limit",
        "mediated",
        "withdrawn",
    ):
        v = out.get(name)
        if v is not None and 0 < v < k:
            out[name] = None
    if row.get("closed") is not None and row["closed"] < k:
        out["avg_days"] = None
    return out


def monthly_series(s: Slice, code: str) -> list[tuple[str, float | None]]:
    """One indicator month by month inside the slice (for the dashboard trend charts)."""
    out = []
    for label, figs in monthly_totals(s):
        f = figs.get(code)
        out.append((label, f.value if f else None))
    return out
