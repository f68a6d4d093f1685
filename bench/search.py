"""Search benchmark (issue #8): indexing speed and query latency on the LeCaRD candidates.

Indexes the 8,950 LeCaRD candidate judgments (../shared/data/lecard) into the ``bench`` index
of a throw-away database (never the public index), then measures:

* indexing docs/s (segmentation + rows + full-text index, batches of 200 in a transaction);
* whole-fact similar-case queries: the 105 complete LeCaRD query fact descriptions against the
  whole index (top 30, with explanations and the divergence alert), p50/p95;
* keyword queries (charge names, 1- and 2-character terms, two-term queries, with a filter),
  first page with highlighted snippets and the total count, p50/p95;
* the same at ``--scale`` times the corpus (default 10), replicated in SQL (copies of the rows
  and of their full-text entries under new ids, no re-segmentation).

``--db sqlite`` (default) uses a temporary SQLite file; ``--db postgres`` uses DATABASE_URL
(its database name must contain "bench"; the search tables in it are dropped first).
The similarity snapshot (var/search/ normally; a temporary folder here) is built after
indexing and after replicating, and its build and load times are printed. The run stops by
itself after ``--max-minutes`` (default 60), printing what it has measured so far.
Usage: python bench/search.py [--db sqlite|postgres] [--scale 10] [--limit N] [--max-minutes M]
"""

from __future__ import annotations

import argparse
import atexit
import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KEYWORDS = [
    "盗窃", "诈骗", "危险驾驶", "醉酒", "自首", "故意伤害", "毒品", "交通肇事", "抢劫", "贩卖",
    "强奸", "寻衅滋事", "毒", "赌", "盗窃 自首", "醉酒 驾驶", "电动车", "信用卡", "受贿罪",
    "非法拘禁", "合同诈骗", "开设赌场", "缓刑", "累犯", "冰毒", "甲基苯丙胺", "网络", "银行卡",
    "出租车", "掩饰",
]  # fmt: skip


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--scale", type=int, default=10, help="replication factor (1 to skip)")
    ap.add_argument("--limit", type=int, default=0, help="index only the first N candidates")
    ap.add_argument("--max-minutes", type=float, default=60.0, help="stop after this long")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (SQLite file)")
    ap.add_argument(
        "--sqlite-file", help="SQLite: use (and keep) this file instead of a temporary one"
    )
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="re-measure the queries on the bench index already in the database "
        "(no indexing; copies from an earlier --scale run are deleted first)",
    )
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(max(1, int(args.max_minutes * 60)))
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    tmp = tempfile.mkdtemp(prefix="yizhan-search-bench-")
    if not args.keep:  # the SQLite file and snapshots are GBs at 10x
        atexit.register(shutil.rmtree, tmp, True)
        _cleanup.append(tmp)
    if args.db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{args.sqlite_file or tmp + '/bench.sqlite3'}"
    else:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres") or "bench" not in url.rsplit("/", 1)[-1]:
            sys.exit('--db postgres needs DATABASE_URL=postgres://.../<name containing "bench">')
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction

    settings.YIZHAN_SEARCH_DIR = tmp  # similarity snapshots of this throw-away database

    from yizhan.publication import search
    from yizhan.publication.search import benchmarks, store

    folder = benchmarks.shared_data() / "lecard"
    data = benchmarks.load_lecard(folder)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    if args.reuse:
        n = len(_query(connection, "SELECT id FROM search_document WHERE index_name = 'bench'"))
        copies = len(_query(connection, "SELECT id FROM search_document WHERE index_name = "
                            "'bench' AND doc_id LIKE '%-r%'"))  # fmt: skip
        if args.scale > 1 and n == args.scale * (n - copies):  # already replicated: as is
            optimize(connection)
            print(f"reusing the bench index: {n} docs, {args.scale}x (indexing not measured)")
            measure(f"{args.scale}x", data)
            return
        drop_copies(connection)
        n -= copies
        print(f"reusing the bench index: {n} docs (indexing not measured)")
        measure_and_scale(args, connection, data)
        return
    with connection.cursor() as cur:
        cascade = " CASCADE" if connection.vendor == "postgresql" else ""
        for table in store._OLD_TABLES:  # every search table of any layout
            cur.execute(f"DROP TABLE IF EXISTS {table}{cascade}")
        if connection.vendor == "postgresql":
            cur.execute("ALTER DATABASE " + connection.settings_dict["NAME"]
                        + " SET statement_timeout = '10min'")  # fmt: skip
    store.ensure_schema(force=True)
    drop_indexes(connection)  # bulk load: the full-text indexes are built once, after it

    # --- indexing ---------------------------------------------------------------------------
    t0 = time.perf_counter()
    batch: list[store.IndexRecord] = []
    n = 0
    for i, r in enumerate(benchmarks.lecard_candidates(folder)):
        if args.limit and i >= args.limit:
            break
        f = benchmarks.lecard_record_fields(r)
        batch.append(store.IndexRecord(
            doc_id=f["doc_id"], text=f["text"], title=f["title"], facts=f["facts"],
            outcome=f["outcome"], charges=f["charges"], year=2018 + int(f["doc_id"]) % 3,
            court_code="bench", case_type="刑事",
        ))  # fmt: skip
        if len(batch) == 200:
            with transaction.atomic():
                n += search.index_records(batch, index_name="bench")
            batch = []
    if batch:
        with transaction.atomic():
            n += search.index_records(batch, index_name="bench")
    optimize(connection)
    el = time.perf_counter() - t0
    print(f"indexed {n} docs in {el:.1f} s: {n / el:.1f} docs/s")

    measure_and_scale(args, connection, data)


def measure_and_scale(args: argparse.Namespace, connection: Any, data: dict[str, Any]) -> None:
    measure("1x", data)
    if args.scale > 1:
        t = time.perf_counter()
        drop_indexes(connection)
        replicate(connection, args.scale)
        print(f"replicated to {args.scale}x in {time.perf_counter() - t:.1f} s")
        measure(f"{args.scale}x", data)


def drop_copies(connection: Any) -> None:
    """Deletes the copies made by replicate() (then VACUUM on PostgreSQL: dead rows would
    stay in the bitmap heap scans)."""
    from django.db import transaction

    from yizhan.publication.search import store

    where = "index_name = 'bench' AND doc_id LIKE '%%-r%%'"
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "sqlite":
            store._fts_delete(cur, where, [])
        cur.execute(f"DELETE FROM search_document WHERE {where}", [])
        store._bump(cur, "bench", connection.vendor)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET statement_timeout = 0")
            cur.execute("VACUUM ANALYZE search_key")
            cur.execute("VACUUM ANALYZE search_document")
    optimize(connection)


def _query(connection: Any, sql: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cur:
        cur.execute(sql)
        return list(cur.fetchall())


def measure(label: str, data: dict[str, Any]) -> None:
    from yizhan.publication import search
    from yizhan.publication.search import similar

    t = time.perf_counter()
    similar.build_snapshot("bench")
    print(f"[{label}] similarity snapshot build (once, rebuild_search_index): "
          f"{time.perf_counter() - t:.1f} s")  # fmt: skip
    similar._cache.clear()
    t = time.perf_counter()
    idx = similar.load("bench")
    print(f"[{label}] similarity index load (per process): {time.perf_counter() - t:.1f} s, "
          f"{idx.bi.n_docs} docs")  # fmt: skip
    sim, sim_cpu = [], []
    for qid in data["splits"]["all"]:
        qr = data["queries"][qid]
        t, c = time.perf_counter(), time.process_time()
        search.similar_cases(qr["q"], charges=qr["crime"], limit=30, index_name="bench")
        sim.append((time.perf_counter() - t) * 1000)
        sim_cpu.append((time.process_time() - c) * 1000)
    kw, kw_cpu = [], []
    for rep in range(3):
        for q in KEYWORDS:
            flt = search.Filters(year=2019) if rep == 2 else None
            t, c = time.perf_counter(), time.process_time()
            search.keyword_search(q, flt, index_name="bench")
            kw.append((time.perf_counter() - t) * 1000)
            kw_cpu.append((time.process_time() - c) * 1000)
    # wall-clock latency is the goal; the CPU time of this process alone (the whole query
    # on SQLite, the client side on PostgreSQL) shows how much of it is waiting for a CPU
    print(f"[{label}] similar-case queries ({len(sim)}): p50 {pct(sim, 50):.1f} ms, "
          f"p95 {pct(sim, 95):.1f} ms (CPU time of this process: p50 "
          f"{pct(sim_cpu, 50):.1f}, p95 {pct(sim_cpu, 95):.1f} ms)")  # fmt: skip
    print(f"[{label}] keyword queries ({len(kw)}): p50 {pct(kw, 50):.1f} ms, "
          f"p95 {pct(kw, 95):.1f} ms, mean {statistics.mean(kw):.1f} ms (CPU time of this "
          f"process: p50 {pct(kw_cpu, 50):.1f}, p95 {pct(kw_cpu, 95):.1f} ms)")  # fmt: skip
    print(f"[{label}] load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


_cleanup: list[str] = []


def _timeout(signum: int, frame: object) -> None:
    print("stopped: --max-minutes reached", flush=True)
    for d in _cleanup:
        shutil.rmtree(d, True)
    os._exit(2)


def drop_indexes(connection) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL: drops the key table's indexes before a bulk load (re-created by optimize()
    and counted in the timing: one GIN build is much cheaper than upkeep row by row)."""
    if connection.vendor == "postgresql":
        from yizhan.publication.search import store

        with connection.cursor() as cur:
            for stmt in store.PG_KEY_INDEXES:  # the names come from the statements that build them
                name = re.search(r"INDEX IF NOT EXISTS (\w+)", stmt).group(1)  # type: ignore[union-attr]
                cur.execute(f"DROP INDEX IF EXISTS {name}")


def optimize(connection) -> None:  # type: ignore[no-untyped-def]
    from yizhan.publication.search import store

    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("INSERT INTO search_fts_bi(search_fts_bi) VALUES ('optimize')")
            cur.execute("INSERT INTO search_fts_uni(search_fts_uni) VALUES ('optimize')")
        else:
            cur.execute("SET statement_timeout = 0")  # a GIN build at 10x takes > 10 min
            cur.execute("SET maintenance_work_mem = '512MB'")
            for stmt in store.PG_KEY_INDEXES:
                cur.execute(stmt)
            cur.execute("ANALYZE search_document")
            cur.execute("ANALYZE search_key")


def replicate(connection, scale: int) -> None:  # type: ignore[no-untyped-def]
    """Copies of the bench rows under new ids; on SQLite the contentless FTS entries are
    re-tokenised once per original (no jieba, no legal parsing) and inserted per copy."""
    from django.db import transaction

    from yizhan.publication.search import store

    cols = [c for c in store._COLUMNS if c != "doc_id"]
    cl = ", ".join(cols)
    originals: list[tuple[int, int | None, str]] = []
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("SELECT id, year, body FROM search_document WHERE index_name = 'bench' "
                        "ORDER BY id")  # fmt: skip
            originals = cur.fetchall()
    offsets = []
    for k in range(1, scale):
        with transaction.atomic(), connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute(
                    f"INSERT INTO search_document (doc_id, {cl}) "
                    f"SELECT doc_id || '-r{k}', {cl} FROM search_document "
                    f"WHERE index_name = 'bench' AND doc_id NOT LIKE '%%-r%%' ORDER BY id"
                )
                kc = ", ".join(f"k.{c}" for c in store._PG_KEY_COLUMNS)
                cur.execute(
                    f"INSERT INTO search_key (id, {store._KEY_COLS}, tsv_bi, tsv_uni, "
                    f"tsv_tri) SELECT n.id, {kc}, k.tsv_bi, k.tsv_uni, k.tsv_tri "
                    "FROM search_key k JOIN search_document o ON o.id = k.id "
                    "JOIN search_document n ON n.index_name = o.index_name "
                    f"AND n.doc_id = o.doc_id || '-r{k}' "
                    "WHERE o.index_name = 'bench' AND o.doc_id NOT LIKE '%%-r%%'"
                )
            else:
                cur.execute("SELECT max(id) FROM search_document")
                off = cur.fetchone()[0]
                offsets.append(off)
                cur.execute(
                    f"INSERT INTO search_document (id, doc_id, {cl}) SELECT id + {off}, "
                    f"doc_id || '-r{k}', {cl} FROM search_document WHERE index_name = 'bench' "
                    f"AND doc_id NOT LIKE '%-r%'"
                )
            store._bump(cur, "bench", connection.vendor)
    if offsets:
        with transaction.atomic(), connection.cursor() as cur:
            for row_id, year, body in originals:
                bi, uni = store.fts_tokens(body)
                for off in offsets:
                    store.fts_insert(cur, store.fts_key(year, row_id + off), bi, uni)
    optimize(connection)


if __name__ == "__main__":
    main()
