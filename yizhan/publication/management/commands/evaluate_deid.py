"""Evaluate de-identification on the public benchmarks (benchmarks.md §8, §9.3).

    manage.py evaluate_deid --benchmark cail2022 --split test
    manage.py evaluate_deid --benchmark lawbench
    manage.py evaluate_deid --benchmark lecard_pii [--limit N] [--jobs 2] [--with-names]
    manage.py evaluate_deid --benchmark lecardv2_pii [--with-names]

The learned person tagger (``settings.YIZHAN_DEID_MODEL``) is used when its file exists;
``--train`` trains it on CAIL2022 train first, ``--rules-only`` ignores it.

Data is read from ``settings.YIZHAN_SHARED_DATA`` (default ``<repo>/../shared/data``); it is
never copied into the project and nothing of it is printed except aggregate figures (and,
with ``--show-leaks``, the leaked strings on the *train* split only, for tuning).
The last line is the figure: ``deid cail2022/test: person recall=R, leak=L, over-masking=O``.
"""

from __future__ import annotations

import collections
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from yizhan.publication.deid import evaluate as ev
from yizhan.publication.deid import tagger as crf


def shared_data_dir() -> Path:
    configured = getattr(settings, "YIZHAN_SHARED_DATA", None)
    return Path(configured) if configured else Path(settings.BASE_DIR).parent / "shared" / "data"


class Command(BaseCommand):
    help = (
        "De-identification figures on CAIL2022, LawBench 2-6 and the LeCaRD and LeCaRDv2 "
        "regex-PII stress sets."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--benchmark",
            required=True,
            choices=["cail2022", "lawbench", "lecard_pii", "lecardv2_pii"],
        )
        parser.add_argument("--split", default="test", choices=["test", "train", "all"])
        parser.add_argument("--policy", default="all_parties", choices=["2016", "all_parties"])
        parser.add_argument(
            "--limit", type=int, default=None, help="stress sets: first N documents"
        )
        parser.add_argument("--jobs", type=int, default=1, help="stress sets: worker processes")
        parser.add_argument(
            "--with-names", action="store_true", help="stress sets: run name detection too (slow)"
        )
        parser.add_argument("--show-leaks", action="store_true", help="train split only")
        parser.add_argument(
            "--train", action="store_true", help="train the person tagger on cail2022/train first"
        )
        parser.add_argument(
            "--rules-only", action="store_true", help="ignore the person tagger model"
        )

    def handle(self, *args: Any, **o: Any) -> None:
        data = shared_data_dir()
        if not data.exists():
            raise CommandError(f"shared data not found at {data} (set YIZHAN_SHARED_DATA)")
        bench, split, policy = o["benchmark"], o["split"], o["policy"]
        if o["train"]:
            from .train_deid import train

            train(data, None, self.stdout)
        model: Any = False if o["rules_only"] else None
        t0 = time.perf_counter()
        if bench in ("lecard_pii", "lecardv2_pii"):
            texts = (ev.iter_lecard if bench == "lecard_pii" else ev.iter_lecardv2)(
                data, o["limit"]
            )
            pc = ev.pii_counts_parallel(texts, policy, o["jobs"], o["with_names"])
            secs = time.perf_counter() - t0
            self.stdout.write(
                f"documents={pc.docs} characters={pc.chars} policy={policy} time={secs:.1f}s"
            )
            self.stdout.write(
                "changes by kind: " + ", ".join(f"{k}={v}" for k, v in sorted(pc.changes.items()))
            )
            self.stdout.write(
                f"before: id-number patterns={pc.id_before}, phone patterns={pc.phone_before}"
            )
            self.stdout.write(
                f"documents failed={sum(pc.errors.values())}"
                + "".join(f"; {k} ×{v}" for k, v in sorted(pc.errors.items()))
            )
            if o["with_names"]:
                self.stdout.write(
                    f"unmasked first-defendant names (被告人XX，): before={pc.names_before}, "
                    f"left={pc.names_left}; introduced (被告人XX，男/女): "
                    f"before={pc.introduced_before}, left={pc.introduced_left}"
                )
            self.stdout.write(
                f"deid {bench}/all: id-number left={pc.id_after}, phone left={pc.phone_after}"
            )
            return
        if bench == "cail2022":
            if split == "all":
                raise CommandError("cail2022 splits: train, test")
            items = ev.load_cail2022(data, split)
        else:
            split = "test"
            items = ev.load_lawbench(data)
        sc = ev.score(items, policy, model=model)
        secs = time.perf_counter() - t0
        tagger = "none" if model is False or crf.load() is None else str(crf.default_model_path())
        self.stdout.write(
            f"items={sc.items} person mentions={sc.persons} policy={policy} time={secs:.1f}s"
        )
        self.stdout.write(f"person tagger: {tagger}")
        self.stdout.write(
            f"unmasked-name recall={sc.plain_recall:.4f} ({sc.plain_covered}/{sc.plain_persons} "
            "gold names without a mask character)"
        )
        self.stdout.write(
            f"masked characters={sc.masked_chars}, outside gold PII spans={sc.masked_outside}"
        )
        self.stdout.write(
            "leaks by kind: " + ", ".join(f"{k}={sc.leak_kinds.get(k, 0)}" for k in ev.LEAK_KINDS)
        )
        if o["show_leaks"]:
            if split != "train":
                raise CommandError("--show-leaks is for the train split only (never tune on test)")
            for text, n in collections.Counter(sc.leaks).most_common(50):
                self.stdout.write(f"  leak {n}× {text}")
        self.stdout.write(
            f"deid {bench}/{split}: person recall={sc.recall:.4f}, leak={sc.leak:.4f}, "
            f"over-masking={sc.over_masking:.4f}"
        )
