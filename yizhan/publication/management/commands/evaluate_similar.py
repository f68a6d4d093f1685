"""manage.py evaluate_similar --benchmark lecard|cail2019_scm --split ... --protocol ...

LeCaRD (benchmarks.md §2, §8, §9): the last line is exactly
``similar lecard/<split>/<protocol>: NDCG@10=a NDCG@20=b NDCG@30=c MAP=d``.
Splits: test20 (final figure only), train85 (tuning), all (the 105 complete queries).
``--baseline bm25|lm`` scores the authors' shipped run instead (metric sanity check).
CAIL2019-SCM: ``similar cail2019_scm/<split>: accuracy=a`` (split final|dev|all, §9).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from yizhan.publication.search import benchmarks


class Command(BaseCommand):
    help = "Evaluates similar-case ranking on LeCaRD or the CAIL2019-SCM sample."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--benchmark", choices=["lecard", "cail2019_scm"], default="lecard")
        parser.add_argument("--split", default="test20")
        parser.add_argument("--protocol", choices=["labelled30", "pool100"], default="labelled30")
        parser.add_argument("--data", help="benchmark folder (default: shared data/<benchmark>)")
        parser.add_argument("--baseline", choices=["bm25", "lm", "tfidf"])

    def handle(self, *args: Any, **opts: Any) -> None:
        bench = opts["benchmark"]
        folder = Path(opts["data"]) if opts["data"] else benchmarks.shared_data() / bench
        if not folder.exists():
            raise CommandError(f"benchmark data not found: {folder}")
        t = time.perf_counter()
        if bench == "cail2019_scm":
            split = opts["split"] if opts["split"] in ("final", "dev", "all") else "final"
            trip = benchmarks.scm_split(benchmarks.scm_triplets(folder))[split]
            acc = benchmarks.scm_accuracy(trip)
            self.stdout.write(f"{len(trip)} triplets, {time.perf_counter() - t:.1f} s")
            self.stdout.write(f"similar cail2019_scm/{split}: accuracy={acc:.4f}")
            return
        split, protocol = opts["split"], opts["protocol"]
        if split not in ("test20", "train85", "all"):
            raise CommandError("--split must be test20, train85 or all")
        if opts["baseline"]:
            m = benchmarks.evaluate_official_run(folder, opts["baseline"], split, protocol)
            name = f"baseline-{opts['baseline']} lecard/{split}/{protocol}"
        else:
            m = benchmarks.evaluate_lecard(folder, split, protocol)
            name = f"similar lecard/{split}/{protocol}"
        self.stdout.write(f"{time.perf_counter() - t:.1f} s")
        self.stdout.write(
            f"{name}: NDCG@10={m['NDCG@10']:.4f} NDCG@20={m['NDCG@20']:.4f} "
            f"NDCG@30={m['NDCG@30']:.4f} MAP={m['MAP']:.4f}"
        )
