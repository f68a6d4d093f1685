"""Indicator benchmark (issue #7): every indicator for every court, for a year.

    python bench/stats.py --cases 1000000 --db sqlite
    DATABASE_URL=postgres://yizhan:yizhan@127.0.0.1:5432/yizhan_stats \\
        python bench/stats.py --cases 1000000 --db postgres

The data is made by ``manage.py generate_demo --cases N --seed 1`` and reused when the
database already holds exactly that load (SQLite: var/bench/stats_<N>.sqlite3; PostgreSQL:
the database named in DATABASE_URL, which must contain "stats" and is dropped and created
again when it holds another load). The run then times:

* the engine: ``yizhan.stats.selectors.compute`` for the year, grouped by court (every
  catalogue indicator, every court), best of ``--repeat`` runs;
* the baseline: ONE hand-written SQL statement over the same tables and period (cases,
  appeals, hearings, enforcement chains with fees, filings, service records, mediation
  matters, 12368 tickets), each table read once, per court (``BASELINE``), best of
  ``--repeat`` runs, interleaved with the engine's so that load spikes hit both alike.
  The old baseline (one scan of ``cases_case`` with 10 counters) is printed on the line
  before, for comparison, with the load average.

Last line: ``indicators: N cases, X.XX s; single SQL baseline Y.YY s; ratio R.RR; peak RSS M MB``
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The old baseline: one grouped scan of cases_case with the core counters (printed for
# comparison; it reads one table of the several the indicators need).
NARROW_BASELINE = """
SELECT court_id,
       SUM(CASE WHEN filed_on >= %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN filed_on < %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s AND {within} THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s THEN {net} - suspended_days
           ELSE 0 END),
       SUM(CASE WHEN closed_on IS NULL OR closed_on > %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closure_method = 'mediation' AND closed_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closure_method = 'withdrawal' AND closed_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s THEN enforcement_due END),
       SUM(CASE WHEN closed_on <= %(end)s THEN recovered_amount END)
FROM cases_case
WHERE {p}filed_on <= %(end)s AND ({p}closed_on IS NULL OR {p}closed_on >= %(start)s)
GROUP BY court_id
"""

# The baseline: ONE hand-written statement over the same tables and period as the engine,
# each table read once, per court: the case counters of the active caseload (cases_case),
# the appealed cases (cases_case × appeals), the hearings of cases closed by judgment
# (trial_hearing), the enforcement chains with their fees (cases_case × cases_feenotice), the
# e-filing share (filing_filing), the e-service share (trial_servicerecord), the mediation
# outcomes (mediation_matter) and the 12368 replies (services_ticket). It leaves out what a
# single statement cannot do portably (percentiles, per-type scopes, per-stage medians).
BASELINE = """
SELECT 'cases', court_id,
       COUNT(*),
       SUM(CASE WHEN filed_on >= %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s AND {within} THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s THEN {net} - suspended_days
           END),
       SUM(CASE WHEN closed_on <= %(end)s THEN 0 WHEN filed_on <= %(y12)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s THEN NULL ELSE {age} END),
       SUM(CASE WHEN closed_on <= %(end)s AND closure_method IN ('mediation', 'withdrawal')
           THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s AND closure_method = 'judgment'
           AND {pronounced} THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s
           AND appeal_outcome IN ('revised', 'partly_revised', 'remanded') THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s THEN enforcement_due END),
       SUM(CASE WHEN closed_on <= %(end)s THEN recovered_amount END),
       SUM(CASE WHEN filed_on >= %(start)s AND origin_id IS NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s AND {leader} THEN 1 ELSE 0 END)
FROM cases_case
WHERE {p}filed_on <= %(end)s AND ({p}closed_on IS NULL OR {p}closed_on >= %(start)s)
GROUP BY court_id
UNION ALL
SELECT 'appealed', c.court_id, COUNT(DISTINCT c.id), {pad13}
FROM cases_case a JOIN cases_case c ON c.id = a.parent_id
WHERE a.relation = 'appeal' AND c.closed_on >= %(start)s AND c.closed_on <= %(end)s
GROUP BY c.court_id
UNION ALL
SELECT 'hearings', c.court_id, COUNT(*), COUNT(DISTINCT c.id), {pad12}
FROM cases_case c JOIN trial_hearing h ON h.case_id = c.id
WHERE c.closed_on >= %(start)s AND c.closed_on <= %(end)s AND c.closure_method = 'judgment'
GROUP BY c.court_id
UNION ALL
SELECT 'chains', c.court_id, COUNT(*), SUM(f.full_fee), SUM(p.claim_amount), {pad11}
FROM cases_case c JOIN cases_case p ON p.id = c.parent_id
     LEFT JOIN cases_feenotice f ON f.case_id = p.id
WHERE c.relation = 'enforcement' AND c.closed_on >= %(start)s AND c.closed_on <= %(end)s
      AND p.closure_method = 'judgment'
GROUP BY c.court_id
UNION ALL
SELECT 'filings', court_id, COUNT(*), SUM(CASE WHEN channel IN ('web', 'api') THEN 1 ELSE 0 END),
       {pad12}
FROM filing_filing WHERE received_on >= %(start)s AND received_on <= %(end)s
GROUP BY court_id
UNION ALL
SELECT 'service', c.court_id, COUNT(*),
       SUM(CASE WHEN r.method = 'electronic' THEN 1 ELSE 0 END), {pad12}
FROM trial_servicerecord r JOIN cases_case c ON c.id = r.case_id
WHERE r.served_on >= %(start)s AND r.served_on <= %(end)s
GROUP BY c.court_id
UNION ALL
SELECT 'mediation', court_id, COUNT(*), SUM(CASE WHEN status = 'settled' THEN 1 ELSE 0 END),
       {pad12}
FROM mediation_matter WHERE ended_on >= %(start)s AND ended_on <= %(end)s
GROUP BY court_id
UNION ALL
SELECT 'hotline', court_id, COUNT(*), SUM(CASE WHEN replied_at IS NOT NULL
       AND {reply_on_time} THEN 1 ELSE 0 END), {pad12}
FROM services_ticket WHERE due_on >= %(start)s AND due_on <= %(end)s
GROUP BY court_id
"""


def baseline_sql(template: str, vendor: str) -> str:
    """The template with the vendor's date arithmetic and boolean tests."""
    pg = vendor == "postgresql"

    def days(later: str, earlier: str) -> str:
        if pg:
            return f"({later} - {earlier})"
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"

    def t(col: str) -> str:
        return col if pg else f"{col} = 1"

    end = "CAST(%(end)s AS date)" if pg else "%(end)s"
    pads = {f"pad{n}": ", ".join(["NULL"] * n) for n in (11, 12, 13)}
    return template.format(
        p="" if pg else "+",
        within=t("closed_within_limit"),
        pronounced=t("pronounced_in_court"),
        leader=t("is_leader_case"),
        net=days("closed_on", "filed_on"),
        age=days(end, "filed_on"),
        reply_on_time="(replied_at AT TIME ZONE 'Asia/Shanghai')::date <= due_on"
        if pg
        else "date(replied_at, '+8 hours') <= due_on",
        **pads,
    )


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(args: argparse.Namespace) -> None:
    if args.db == "sqlite":
        path = ROOT / "var" / "bench" / f"stats_{args.cases}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres") or "stats" not in url.rsplit("/", 1)[-1]:
            sys.exit("--db postgres needs DATABASE_URL=postgres://…/<name containing 'stats'>")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.db.utils import OperationalError, ProgrammingError

    try:
        from yizhan.stats.models import DataLoad

        load = DataLoad.objects.order_by("-id").first()
        ok = load is not None and load.cases == args.cases and load.seed == args.seed
        if ok and DataLoad.objects.count() == 1:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)  # the stats indexes (stats 0003) included
            _fresh_summary()
            return
    except (OperationalError, ProgrammingError):
        pass
    connection.close()
    if args.db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                p.unlink()
    else:
        import psycopg

        url = os.environ["DATABASE_URL"]
        name = url.rsplit("/", 1)[-1]
        admin_url = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
    env = dict(os.environ)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    subprocess.run(
        [*manage, "generate_demo", "--cases", str(args.cases), "--seed", str(args.seed)],
        check=True,
        env=env,
        cwd=ROOT,
    )
    run_sql("ANALYZE")
    _fresh_summary()


def _fresh_summary() -> None:
    """The summary is brought up to date before timing (a database migrated from before the
    summary is built here; generate_demo builds it at the end of a load). Readers do the same
    by themselves: this only keeps the one-off build out of the timed runs, and prints it."""
    from yizhan.stats import summary

    t0 = time.perf_counter()
    done = summary.ensure_fresh()
    what = "built" if done < 0 else f"{done} dirty unit(s) refreshed"
    print(f"summary: {what} in {time.perf_counter() - t0:.2f} s")


def run_sql(sql: str) -> None:
    from django.db import connection

    with connection.cursor() as c:
        c.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--check",
        action="store_true",
        help="also compute every figure from the cases (summary off) and require equality",
    )
    args = parser.parse_args()
    prepare(args)

    import datetime as dt

    from django.db import connection

    from yizhan.stats import selectors
    from yizhan.stats.models import DataLoad

    year = DataLoad.objects.order_by("-id").values_list("year", flat=True).first()
    if year is None:
        raise SystemExit("no generated data: run manage.py generate_demo first")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with connection.cursor() as c:
        c.execute("SELECT COUNT(*) FROM cases_case")
        n = c.fetchone()[0]
    s = selectors.Slice(start, end)
    base_sql = baseline_sql(BASELINE, connection.vendor)
    narrow_sql = baseline_sql(NARROW_BASELINE, connection.vendor)
    params = {"start": start, "end": end, "y12": s.year_before_end}

    def engine() -> int:
        figures = selectors.compute(s, "court")
        return sum(len(f) for f in figures.values())

    def baseline() -> int:
        with connection.cursor() as c:
            c.execute(base_sql, params)
            return len(c.fetchall())

    def narrow() -> int:
        with connection.cursor() as c:
            c.execute(narrow_sql, params)
            return len(c.fetchall())

    engine()  # warm the caches the same way for both
    baseline()
    narrow()
    # Interleaved, best of --repeat each: a load spike on a shared machine hits both alike.
    t_engine = t_base = t_narrow = float("inf")
    for _ in range(args.repeat):
        t_engine = min(t_engine, _timed(engine))
        t_base = min(t_base, _timed(baseline))
        t_narrow = min(t_narrow, _timed(narrow))
    figures = selectors.compute(s, "court")
    if args.check:
        from django.test.utils import override_settings

        with override_settings(YIZHAN_STATS_SUMMARY=False):
            t_live = _timed(lambda: selectors.compute(s, "court"))
            live = selectors.compute(s, "court")
        plain = {k: {c: f.as_dict() for c, f in v.items()} for k, v in figures.items()}
        same = plain == {k: {c: f.as_dict() for c, f in v.items()} for k, v in live.items()}
        print(f"check: live engine (cases, no summary) {t_live:.2f} s; figures identical: {same}")
        if not same:
            raise SystemExit("summary and live figures differ")
    courts = len(figures)
    count = sum(len(f) for f in figures.values())
    print(
        f"{courts} courts x {count // max(courts, 1)} indicators = {count} figures, "
        f"year {year}, {connection.vendor}"
    )
    print(
        f"cases_case-only baseline (the old one, 10 counters) {t_narrow:.2f} s; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(
        f"indicators: {n} cases, {t_engine:.2f} s; single SQL baseline {t_base:.2f} s; "
        f"ratio {t_engine / t_base:.2f}; peak RSS {rss_mb():.0f} MB"
    )


def _timed(fn: object) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
