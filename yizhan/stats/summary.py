"""The summary: per-(court, month) partial aggregates of everything the indicators read, kept
exact and never stale (docs/stats.md, "Summary").

A year for every court is then read from a few tens of thousands of summary rows instead of
the million cases. The engine (:func:`yizhan.stats.selectors.scan`) reads the summary when
the slice allows it (whole months, by court or case type, no department / team / judge
filter) and the cases otherwise; drill-downs always read the cases.

**Refresh units.** Every summary row belongs to one unit ``(kind, court, month)``:

* ``case``: the cases filed by a court in a month (a case's filing month does not move), and
  what hangs off them: their hearings, service records, the appeals filed against them (the
  parent's unit), the enforcement chains (the enforcement case's unit; it reads the parent
  and the parent's fee notice);
* ``filing`` / ``mediation`` / ``ticket``: filings by received month, mediation matters by
  end month, 12368 tickets by due month.

**Staleness.** Database triggers on ``cases_case``, ``trial_hearing``,
``trial_servicerecord``, ``cases_feenotice``, ``filing_filing``, ``mediation_matter`` and
``services_ticket`` append the units a row change touches (old and new values) to
``stats_summarydirty``, in the writer's transaction, whoever writes (actions, bulk loaders,
admin, raw SQL). Before reading, :func:`ensure_fresh` rebuilds the dirty units from the
source tables and deletes exactly the marker rows it saw (by id, under the state row's lock:
a marker committed later stays for the next reader). So a read never sees a unit older than
the changes committed before it. No unique key on the markers on purpose: a writer's marker
must never be absorbed by a row that a concurrent refresh is about to delete.

Bulk loads (``generate_demo``) drop the triggers for the load and rebuild everything at the
end (:func:`rebuild`). ``manage.py stats_refresh`` refreshes (or ``--full`` rebuilds) ahead of
the readers.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Exists
from django.utils import timezone

from .selectors import (
    _bucket_sql,
    _cents,
    _chain_sql,
    _daynum_sql,
    _int,
    _optional_table,
    _true,
)

CELL_TABLES = (
    "stats_casecell",
    "stats_closedcell",
    "stats_histcell",
    "stats_leadercell",
    "stats_chaincell",
)
FULL_REBUILD_FROM = 40  # dirty units: from this many, one full rebuild is cheaper (1M: ~0.3 s a
# unit, 12-15 s in all)


def month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def month_start(m: int) -> dt.date:
    return dt.date(m // 12, m % 12 + 1, 1)


def _vendor(conn: BaseDatabaseWrapper | None = None) -> str:
    return (conn or connection).vendor


def fm_sql(col: str, vendor: str | None = None) -> str:
    """The month index of a date column (NULL stays NULL)."""
    if (vendor or _vendor()) == "postgresql":
        return (
            f"(CAST(EXTRACT(YEAR FROM {col}) AS integer) * 12"
            f" + CAST(EXTRACT(MONTH FROM {col}) AS integer) - 1)"
        )
    return f"(CAST(substr({col}, 1, 4) AS INTEGER) * 12 + CAST(substr({col}, 6, 2) AS INTEGER) - 1)"


# --- building the units -------------------------------------------------------------------


def _case_inserts(where: str, source: str = "cases_case") -> list[str]:
    """INSERT … SELECT statements that build the case-derived rows of the cases matching
    ``where`` (a fragment on alias ``c``: empty for all) read from ``source`` (the cases, or
    a temporary copy of one unit's: :data:`UNIT_COLUMNS`)."""
    pg = _vendor() == "postgresql"
    fmc, cmc = fm_sql("c.filed_on"), fm_sql("c.closed_on")
    hearing = _optional_table("trial.Hearing")
    hearings = (
        "CASE WHEN c.closure_method = 'judgment' THEN "  # noqa: S608
        f"(SELECT COUNT(*) FROM {hearing} h WHERE h.case_id = c.id) END"
        if hearing
        else "CAST(NULL AS integer)"
    )
    barrier = "OFFSET 0" if pg else "LIMIT -1"  # keep the inner query a co-routine (SQLite)
    net = f"{_daynum_sql('c.closed_on')} - {_daynum_sql('c.filed_on')} - c.suspended_days"
    sqls = [
        f"""
        INSERT INTO stats_casecell (court_id, fmonth, cmonth, type_code, method, n, filed_day,
            last_day, within, pronounced, reversed, due, recovered, origin, auto, appealed)
        SELECT c.court_id, {fmc}, {cmc}, c.type_code, c.closure_method, COUNT(*),
               SUM({_daynum_sql("c.filed_on")}),
               SUM(CASE WHEN {_last_day_sql("c.filed_on")} THEN 1 ELSE 0 END),
               SUM({_int("c.closed_within_limit")}),
               SUM({_int("c.pronounced_in_court")}),
               SUM(CASE WHEN c.appeal_outcome IN ('revised', 'partly_revised', 'remanded')
                   THEN 1 ELSE 0 END),
               SUM({_cents("c.enforcement_due")}), SUM({_cents("c.recovered_amount")}),
               SUM(CASE WHEN c.origin_id IS NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.assignment_method = 'auto' THEN 1 ELSE 0 END),
               SUM(CASE WHEN c.closed_on IS NOT NULL AND EXISTS (SELECT 1 FROM cases_case a
                   WHERE a.relation = 'appeal' AND a.parent_id = c.id) THEN 1 ELSE 0 END)
        FROM {source} c WHERE 1 = 1 {where}
        GROUP BY 1, 2, 3, 4, 5""",  # noqa: S608
        f"""
        INSERT INTO stats_closedcell (court_id, fmonth, cmonth, type_code, n, days, hearings,
            tried)
        SELECT x.court_id, x.fm, x.cm, x.t, COUNT(*), SUM(x.d), SUM(x.h),
               SUM(CASE WHEN x.h > 0 THEN 1 ELSE 0 END)
        FROM (SELECT c.court_id, {fmc} AS fm, {cmc} AS cm, c.type_code AS t, {net} AS d,
                     {hearings} AS h
              FROM {source} c WHERE c.closed_on IS NOT NULL {where} {barrier}) x
        GROUP BY 1, 2, 3, 4""",  # noqa: S608
        f"""
        INSERT INTO stats_histcell (court_id, fmonth, cmonth, type_code, procedure, bucket, n)
        SELECT x.court_id, x.fm, x.cm, x.t, x.p, {_bucket_sql("x.d")}, COUNT(*)
        FROM (SELECT c.court_id, {fmc} AS fm, {cmc} AS cm, c.type_code AS t,
                     c.procedure AS p, {net} AS d
              FROM {source} c WHERE c.closed_on IS NOT NULL {where} {barrier}) x
        GROUP BY 1, 2, 3, 4, 5, 6""",  # noqa: S608
        f"""
        INSERT INTO stats_leadercell (court_id, fmonth, cmonth, type_code, judge_id, n)
        SELECT c.court_id, {fmc}, {cmc}, c.type_code, c.judge_id, COUNT(*)
        FROM {source} c
        WHERE c.closed_on IS NOT NULL AND {_true("c.is_leader_case")}
              AND c.judge_id IS NOT NULL {where}
        GROUP BY 1, 2, 3, 4, 5""",  # noqa: S608
    ]
    sqls.append(
        """
        INSERT INTO stats_chaincell (court_id, fmonth, cmonth, type_code, stage, days, n,
            chains, fee, claim)"""
        + _chain_sql(
            ["c.court_id", fmc, cmc, "c.type_code"], "c.closed_on IS NOT NULL", where, source
        )
    )
    service = _optional_table("trial.ServiceRecord")
    if service:
        sqls.append(
            f"""
            INSERT INTO stats_flatcell (kind, court_id, umonth, month, key, n, e)
            SELECT 'service', c.court_id, {fmc}, {fm_sql("r.served_on")}, '', COUNT(*),
                   SUM(CASE WHEN r.method = 'electronic' THEN 1 ELSE 0 END)
            FROM {service} r JOIN {source} c ON c.id = r.case_id
            WHERE r.served_on IS NOT NULL {where}
            GROUP BY 1, 2, 3, 4, 5"""  # noqa: S608
        )
    return sqls


def _last_day_sql(col: str) -> str:
    if _vendor() == "postgresql":
        return f"EXTRACT(DAY FROM {col} + 1) = 1"
    return f"substr(date({col}, '+1 day'), 9, 2) = '01'"


# kind -> (model label, date column, INSERT … SELECT with {where} on alias x)
def _flat_sources() -> dict[str, tuple[str | None, str, str]]:
    from .selectors import _reply_on_time

    out: dict[str, tuple[str | None, str, str]] = {}
    filing = _optional_table("filing.Filing")
    out["filing"] = (
        filing,
        "received_on",
        f"""
        INSERT INTO stats_flatcell (kind, court_id, umonth, month, key, n, e)
        SELECT 'filing', x.court_id, {fm_sql("x.received_on")}, {fm_sql("x.received_on")}, '',
               COUNT(*), SUM(CASE WHEN x.channel IN ('web', 'api') THEN 1 ELSE 0 END)
        FROM {filing} x WHERE x.received_on IS NOT NULL {{where}}
        GROUP BY 1, 2, 3, 4, 5""",  # noqa: S608
    )
    matter = _optional_table("mediation.Matter")
    out["mediation"] = (
        matter,
        "ended_on",
        f"""
        INSERT INTO stats_flatcell (kind, court_id, umonth, month, key, n, e)
        SELECT 'mediation', x.court_id, {fm_sql("x.ended_on")}, {fm_sql("x.ended_on")},
               x.status, COUNT(*), NULL
        FROM {matter} x WHERE x.ended_on IS NOT NULL {{where}}
        GROUP BY 1, 2, 3, 4, 5""",  # noqa: S608
    )
    ticket = _optional_table("services.Ticket")
    out["ticket"] = (
        ticket,
        "due_on",
        f"""
        INSERT INTO stats_flatcell (kind, court_id, umonth, month, key, n, e)
        SELECT 'ticket', x.court_id, {fm_sql("x.due_on")}, {fm_sql("x.due_on")}, '', COUNT(*),
               SUM(CASE WHEN x.replied_at IS NOT NULL AND {_reply_on_time("x")}
                   THEN 1 ELSE 0 END)
        FROM {ticket} x WHERE x.due_on IS NOT NULL {{where}}
        GROUP BY 1, 2, 3, 4, 5""",  # noqa: S608
    )
    return {k: v for k, v in out.items() if v[0] is not None}


def _execute(sqls: Iterable[str], params: dict[str, Any] | None = None) -> None:
    with connection.cursor() as c:
        for sql in sqls:
            c.execute(sql, params)


def _build_all() -> None:
    _execute([f"DELETE FROM {t}" for t in (*CELL_TABLES, "stats_flatcell")])  # noqa: S608
    _execute(_case_inserts(""))
    for _label, _col, sql in _flat_sources().values():
        _execute([sql.format(where="")])
    _execute([f"ANALYZE {t}" for t in (*CELL_TABLES, "stats_flatcell")])


# The columns of a case the case-derived rows read (the unit's temporary copy).
UNIT_COLUMNS = (
    "id, court_id, filed_on, closed_on, type_code, procedure, closure_method, "
    "closed_within_limit, pronounced_in_court, appeal_outcome, enforcement_due, "
    "recovered_amount, origin_id, assignment_method, suspended_days, is_leader_case, judge_id, "
    "relation, parent_id"
)


def _refresh_unit(kind: str, court: int, month: int) -> None:
    params: dict[str, Any] = {
        "court": court,
        "m0": month_start(month),
        "m1": month_start(month + 1),
    }
    if kind == "case":
        where = "AND c.court_id = %(court)s AND c.filed_on >= %(m0)s AND c.filed_on < %(m1)s"
        deletes = [
            f"DELETE FROM {t} WHERE court_id = %(court)s AND fmonth = %(month)s"  # noqa: S608
            for t in CELL_TABLES
        ]
        deletes.append(
            "DELETE FROM stats_flatcell WHERE kind = 'service' AND court_id = %(court)s "
            "AND umonth = %(month)s"
        )
        _execute(deletes, {"court": court, "month": month})
        # The unit's cases are read once into a temporary table (one index search and one row
        # lookup per case, instead of one per statement), then each statement scans the copy.
        with connection.cursor() as c:
            c.execute("DROP TABLE IF EXISTS stats_unit")
            c.execute(
                f"CREATE TEMPORARY TABLE stats_unit AS SELECT {UNIT_COLUMNS} "  # noqa: S608
                f"FROM cases_case c WHERE 1 = 1 {where}",
                params,
            )
            if _vendor() == "postgresql":
                c.execute("ANALYZE stats_unit")
            for sql in _case_inserts("", source="stats_unit"):
                c.execute(sql)
            c.execute("DROP TABLE stats_unit")
        return
    source = _flat_sources().get(kind)
    _execute(
        [
            "DELETE FROM stats_flatcell WHERE kind = %(kind)s AND court_id = %(court)s "
            "AND umonth = %(month)s"
        ],
        {"kind": kind, "court": court, "month": month},
    )
    if source is None:
        return
    _label, col, sql = source
    where = f"AND x.court_id = %(court)s AND x.{col} >= %(m0)s AND x.{col} < %(m1)s"
    _execute([sql.format(where=where)], params)


# --- freshness ----------------------------------------------------------------------------


# Within a read-only request (GET, HEAD, OPTIONS) the summary is brought up to date once, by
# its first read: None = not in such a request (every read checks), False = not yet checked in
# this request, True = checked. Set by the request signals (apps.StatsConfig.ready).
_request_checked: ContextVar[bool | None] = ContextVar("stats_summary_checked", default=None)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def request_started(
    sender: Any,
    environ: dict[str, Any] | None = None,
    scope: dict[str, Any] | None = None,
    **kwargs: Any,
) -> None:
    """``request_started`` (WSGI ``environ`` or ASGI ``scope``): a read-only request checks
    the summary once; any other request checks at every read (it may write in between)."""
    method = (environ or {}).get("REQUEST_METHOD") or (scope or {}).get("method")
    _request_checked.set(False if method in SAFE_METHODS else None)


def request_finished(sender: Any, **kwargs: Any) -> None:
    _request_checked.set(None)


def ensure_fresh() -> int:
    """Bring the summary up to date before a read: build it if it never was, else rebuild
    the dirty units. Returns the number of units rebuilt (-1: full build).

    One query when nothing is dirty, and none after the first read of a read-only request
    (a console dashboard reads the summary twice: the figures and the court comparison), so
    a request serves the summary as of its first read."""
    from .models import SummaryDirty, SummaryState

    checked = _request_checked.get()
    if checked:
        return 0
    fresh = (
        SummaryState.objects.filter(pk=1, built=True)
        .filter(~Exists(SummaryDirty.objects.all()))
        .exists()
    )
    done = 0 if fresh else refresh()
    if checked is False:
        _request_checked.set(True)
    return done


def refresh(*, full: bool = False) -> int:
    """Rebuild the dirty units (or everything). Returns the number of units rebuilt, -1 for
    a full build.

    One short transaction per unit, each under the state row's lock (PostgreSQL: row lock;
    SQLite: the IMMEDIATE write lock), so that writers wait for one unit at most, never for
    the whole refresh. Each transaction deletes exactly the marker rows of its unit that it
    read before rebuilding it: a change committed meanwhile leaves its own marker behind."""
    from .models import SummaryDirty, SummaryState

    units = sorted(set(SummaryDirty.objects.values_list("kind", "court_id", "month")))
    built = SummaryState.objects.filter(pk=1).values_list("built", flat=True).first()
    if full or not built or len(units) >= FULL_REBUILD_FROM:
        with transaction.atomic():
            state, _ = SummaryState.objects.select_for_update().get_or_create(pk=1)
            ids = list(SummaryDirty.objects.values_list("id", flat=True))
            _build_all()
            _delete_marks(ids)
            state.built = True
            state.built_at = state.refreshed_at = timezone.now()
            state.save()
        return -1
    done = 0
    for kind, court, month in units:
        with transaction.atomic():
            state, _ = SummaryState.objects.select_for_update().get_or_create(pk=1)
            ids = list(
                SummaryDirty.objects.filter(kind=kind, court_id=court, month=month).values_list(
                    "id", flat=True
                )
            )
            if not ids:  # refreshed by another reader meanwhile
                continue
            _refresh_unit(kind, court, month)
            _delete_marks(ids)
            state.refreshed_at = timezone.now()
            state.save(update_fields=["refreshed_at"])
            done += 1
    return done


def _delete_marks(ids: list[int]) -> None:
    from .models import SummaryDirty

    for i in range(0, len(ids), 500):
        SummaryDirty.objects.filter(id__in=ids[i : i + 500]).delete()


def rebuild() -> float:
    """Everything from scratch (after a bulk load); returns the seconds it took."""
    t0 = time.perf_counter()
    refresh(full=True)
    return time.perf_counter() - t0


def mark_unbuilt() -> None:
    """The next read rebuilds everything (a bulk load is writing behind the triggers)."""
    from .models import SummaryState

    with transaction.atomic():
        state, _ = SummaryState.objects.select_for_update().get_or_create(pk=1)
        state.built = False
        state.save(update_fields=["built"])


# --- triggers -----------------------------------------------------------------------------


def _marks(table: str, row: str, vendor: str) -> list[str]:
    """SELECTs of the units (kind, court, month) that a row of ``table`` touches."""

    def fm(col: str) -> str:
        return fm_sql(col, vendor)

    def unit_of_case(case_id: str) -> str:
        return (
            f"SELECT 'case', u.court_id, {fm('u.filed_on')} FROM cases_case u "  # noqa: S608
            f"WHERE u.id = {case_id}"
        )

    def enforcement_children(case_id: str) -> str:
        return (
            f"SELECT 'case', k.court_id, {fm('k.filed_on')} FROM cases_case k "  # noqa: S608
            f"WHERE k.relation = 'enforcement' AND k.parent_id = {case_id}"
        )

    if table == "cases_case":
        return [
            f"SELECT 'case', {row}.court_id, {fm(row + '.filed_on')}",
            unit_of_case(f"{row}.parent_id"),  # appeals of the parent
            enforcement_children(f"{row}.id"),  # chains read the parent
        ]
    if table == "cases_feenotice":
        return [enforcement_children(f"{row}.case_id")]
    if table in (_optional_table("trial.Hearing"), _optional_table("trial.ServiceRecord")):
        return [unit_of_case(f"{row}.case_id")]
    for kind, (name, col, _sql) in _flat_sources().items():
        if table == name:
            return [
                f"SELECT '{kind}', {row}.court_id, {fm(f'{row}.{col}')} "
                f"WHERE {row}.{col} IS NOT NULL"
            ]
    raise KeyError(table)


# The columns the summary reads, per table: an UPDATE that changes none of them marks nothing
# (Django's save() writes every column, and daily jobs rewrite deadlines on many cases).
WATCHED = {
    "cases_case": (
        "court_id",
        "filed_on",
        "closed_on",
        "type_code",
        "procedure",
        "closure_method",
        "closed_within_limit",
        "pronounced_in_court",
        "appeal_outcome",
        "enforcement_due",
        "recovered_amount",
        "claim_amount",
        "origin_id",
        "parent_id",
        "relation",
        "assignment_method",
        "suspended_days",
        "is_leader_case",
        "judge_id",
    ),
    "cases_feenotice": ("case_id", "full_fee"),
    "trial.Hearing": ("case_id",),
    "trial.ServiceRecord": ("case_id", "served_on", "method"),
    "filing.Filing": ("court_id", "received_on", "channel"),
    "mediation.Matter": ("court_id", "ended_on", "status"),
    "services.Ticket": ("court_id", "due_on", "replied_at"),
}


def _changed(table: str, vendor: str) -> str:
    """SQL: the UPDATE changed a watched column (NULL-safe)."""
    names = {(_optional_table(k) if "." in k else k): cols for k, cols in WATCHED.items()}
    op = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    return " OR ".join(f"OLD.{c} {op} NEW.{c}" for c in names[table])


def trigger_tables() -> list[str]:
    names = [
        "cases_case",
        "cases_feenotice",
        _optional_table("trial.Hearing"),
        _optional_table("trial.ServiceRecord"),
        *(v[0] for v in _flat_sources().values()),
    ]
    return [n for n in names if n]


def _insert(selects: list[str]) -> str:
    return "INSERT INTO stats_summarydirty (kind, court_id, month) " + " UNION ".join(selects)


def create_triggers(conn: BaseDatabaseWrapper | None = None) -> None:
    conn = conn or connection
    vendor = conn.vendor
    with conn.cursor() as c:
        for table in trigger_tables():
            new, old = _marks(table, "NEW", vendor), _marks(table, "OLD", vendor)
            if vendor == "postgresql":
                c.execute(
                    f"""
                    CREATE OR REPLACE FUNCTION stats_mark_{table}() RETURNS trigger
                    LANGUAGE plpgsql AS $f$
                    BEGIN
                        IF TG_OP = 'INSERT' THEN {_insert(new)};
                        ELSIF TG_OP = 'UPDATE' THEN
                            IF {_changed(table, vendor)} THEN {_insert(old + new)}; END IF;
                        ELSE {_insert(old)};
                        END IF;
                        RETURN NULL;
                    END $f$"""
                )
                c.execute(f"DROP TRIGGER IF EXISTS stats_mark ON {table}")
                c.execute(
                    f"CREATE TRIGGER stats_mark AFTER INSERT OR UPDATE OR DELETE ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION stats_mark_{table}()"
                )
            else:
                for event, selects in (("INSERT", new), ("UPDATE", old + new), ("DELETE", old)):
                    name = f"stats_mark_{table}_{event.lower()}"
                    when = f"WHEN {_changed(table, vendor)} " if event == "UPDATE" else ""
                    c.execute(f"DROP TRIGGER IF EXISTS {name}")
                    c.execute(
                        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW "
                        f"{when}BEGIN {_insert(selects)}; END"
                    )


def drop_triggers(conn: BaseDatabaseWrapper | None = None) -> None:
    conn = conn or connection
    with conn.cursor() as c:
        for table in trigger_tables():
            if conn.vendor == "postgresql":
                c.execute(f"DROP TRIGGER IF EXISTS stats_mark ON {table}")
                c.execute(f"DROP FUNCTION IF EXISTS stats_mark_{table}()")
            else:
                for event in ("insert", "update", "delete"):
                    c.execute(f"DROP TRIGGER IF EXISTS stats_mark_{table}_{event}")
