"""The similarity snapshot build alone (what ``manage.py rebuild_search_index`` runs after
indexing): peak RSS, wall and CPU time, and the SHA-256 of the file written.

Builds the snapshot of an index already in the database named by DATABASE_URL (e.g. the
``bench`` index left by ``bench/search.py``: PostgreSQL ``yizhan_sim1x_bench`` holds the 8,950
LeCaRD candidates, ``yizhan_search_bench`` 10x) into a temporary folder, once per process:
ru_maxrss is the peak of the whole process (Django and numpy imported, the rows read), so run
one build per invocation. Nothing is written to the database.

Usage: DATABASE_URL=postgres://.../yizhan_sim1x_bench python bench/snapshot_build.py
       [--index bench] [--keep FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _rss_mb() -> float:
    """Current resident set size (MB), from /proc (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--index", default="bench", help="the index name (default bench)")
    ap.add_argument("--keep", help="copy the snapshot to this file")
    args = ap.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from yizhan.publication.search import similar, store

    tmp = tempfile.mkdtemp(prefix="yizhan-snapshot-build-")
    try:
        settings.YIZHAN_SEARCH_DIR = tmp
        store.ensure_schema()
        with connection.cursor() as cur:  # the connection is opened before the clock starts
            cur.execute("SELECT count(*) FROM search_document WHERE index_name = %s",
                        [args.index])  # fmt: skip
            n = cur.fetchone()[0]
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}), "
              f"index {args.index!r}: {n} documents")  # fmt: skip
        print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        rss0 = _rss_mb()
        r0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        path = similar.build_snapshot(args.index)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        h = hashlib.sha256()
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                h.update(block)
        print(
            f"build: {wall:.1f} s wall, {cpu:.1f} s CPU "
            f"(user {r1.ru_utime - r0.ru_utime:.1f}, sys {r1.ru_stime - r0.ru_stime:.1f})"
        )
        print(f"peak RSS (ru_maxrss, whole process): {r1.ru_maxrss / 1e3:.0f} MB; "
              f"RSS before the build {rss0:.0f} MB")  # fmt: skip
        print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"snapshot: {path.stat().st_size} bytes, SHA-256 {h.hexdigest()}")
        if args.keep:
            shutil.copyfile(path, args.keep)
    finally:
        shutil.rmtree(tmp, True)


if __name__ == "__main__":
    main()
