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
* the baseline: one hand-written aggregate query over the same table computing the core
  counters per court in one grouped scan, best of ``--repeat`` runs.

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

BASELINE = """
SELECT court_id,
       SUM(CASE WHEN filed_on >= %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN filed_on < %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s AND closed_within_limit {t} THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s THEN {days} - suspended_days ELSE 0 END),
       SUM(CASE WHEN closed_on IS NULL OR closed_on > %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closure_method = 'mediation' AND closed_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closure_method = 'withdrawal' AND closed_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on <= %(end)s THEN enforcement_due END),
       SUM(CASE WHEN closed_on <= %(end)s THEN recovered_amount END)
FROM cases_case
WHERE {p}filed_on <= %(end)s AND ({p}closed_on IS NULL OR {p}closed_on >= %(start)s)
GROUP BY court_id
"""


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
    for sql in REQUESTED_INDEXES:
        run_sql(sql)
    run_sql("ANALYZE")


# The indexes requested for yizhan/cases (docs/stats.md); created here until they land.
REQUESTED_INDEXES = [
    "CREATE INDEX IF NOT EXISTS case_relation_parent_idx ON cases_case (relation, parent_id)",
]


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
    args = parser.parse_args()
    prepare(args)

    import datetime as dt

    from django.db import connection

    from yizhan.stats import selectors
    from yizhan.stats.models import DataLoad

    for sql in REQUESTED_INDEXES:
        run_sql(sql)
    year = DataLoad.objects.order_by("-id").values_list("year", flat=True).first()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with connection.cursor() as c:
        c.execute("SELECT COUNT(*) FROM cases_case")
        n = c.fetchone()[0]
    s = selectors.Slice(start, end)
    pg = connection.vendor == "postgresql"
    baseline_sql = BASELINE.format(
        t="" if pg else "= 1",
        days="(closed_on - filed_on)"
        if pg
        else "CAST(julianday(closed_on) - julianday(filed_on) AS INTEGER)",
        p="" if pg else "+",
    )

    def engine() -> int:
        figures = selectors.compute(s, "court")
        return sum(len(f) for f in figures.values())

    def baseline() -> int:
        with connection.cursor() as c:
            c.execute(baseline_sql, {"start": start, "end": end})
            return len(c.fetchall())

    engine()  # warm the caches the same way for both
    baseline()
    t_engine = min(_timed(engine) for _ in range(args.repeat))
    t_base = min(_timed(baseline) for _ in range(args.repeat))
    figures = selectors.compute(s, "court")
    courts = len(figures)
    count = sum(len(f) for f in figures.values())
    print(
        f"{courts} courts x {count // max(courts, 1)} indicators = {count} figures, "
        f"year {year}, {connection.vendor}"
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
