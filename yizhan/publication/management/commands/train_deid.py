"""Train the de-identification person tagger (two CRFs, python-crfsuite) on CAIL2022 train.

    manage.py train_deid --benchmark cail2022 --split train [--output PATH] [--cv 3]

Trains on the CAIL2022 *train* split only (the test split is for the final figure) read from
``settings.YIZHAN_SHARED_DATA``, and writes ``settings.YIZHAN_DEID_MODEL`` (default
``<repo>/var/models/deid-person.crfsuite``, gitignored), its second member
(``deid-person.norules.crfsuite``) and a JSON sidecar (``deid-person.crfsuite.json``).
Deterministic: the same data and code give byte-identical files. ``--cv 3`` first prints
3-fold cross-validation figures on train for a few decoding thresholds. ``--augment N`` (default
1) adds N copies of every paragraph with the names replaced by invented ones. The models are derived
from real names: never commit them or copy them into the repository. Without them the engine
runs on its rules.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from yizhan.publication.deid import evaluate as ev
from yizhan.publication.deid import tagger as crf

from .evaluate_deid import shared_data_dir


def train(data: Path, output: Path | None, stdout: Any, **params: Any) -> Path:
    if not crf.available():
        raise CommandError("python-crfsuite is not installed (pip install python-crfsuite)")
    path = Path(output) if output else crf.default_model_path()
    params.setdefault("augment", ev.DEFAULT_AUGMENT)
    items = ev.load_cail2022(data, "train")
    t0 = time.perf_counter()
    n = ev.train_model(
        items,
        path,
        info={
            "data": "cail2022/train.json",
            "threshold": crf.DEFAULT_THRESHOLD,
            "augment": params["augment"],
        },
        **params,
    )
    stdout.write(
        f"trained person tagger on cail2022/train: paragraphs={len(items)} sequences={n} "
        f"time={time.perf_counter() - t0:.1f}s model={path}"
    )
    return path


class Command(BaseCommand):
    help = "Train the de-identification person tagger on the CAIL2022 train split."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--benchmark", default="cail2022", choices=["cail2022"])
        parser.add_argument("--split", default="train", choices=["train"])
        parser.add_argument("--output", default=None, help="model file (default: the setting)")
        parser.add_argument("--max-iterations", type=int, default=150)
        parser.add_argument("--c1", type=float, default=0.05)
        parser.add_argument("--c2", type=float, default=0.01)
        parser.add_argument(
            "--augment",
            type=int,
            default=ev.DEFAULT_AUGMENT,
            help="copies of each paragraph with invented names (0 = none)",
        )
        parser.add_argument(
            "--cv", type=int, default=0, help="k-fold cross-validation on train first (k ≥ 2)"
        )

    def handle(self, *args: Any, **o: Any) -> None:
        data = shared_data_dir()
        if not data.exists():
            raise CommandError(f"shared data not found at {data} (set YIZHAN_SHARED_DATA)")
        params = {
            "c1": o["c1"],
            "c2": o["c2"],
            "max_iterations": o["max_iterations"],
            "augment": o["augment"],
        }
        if o["cv"] >= 2:
            if not crf.available():
                raise CommandError("python-crfsuite is not installed")
            items = ev.load_cail2022(data, "train")
            workdir = crf.default_model_path().parent
            workdir.mkdir(parents=True, exist_ok=True)
            thresholds = (0.02, crf.DEFAULT_THRESHOLD, 0.1, 0.2)
            for th, sc in ev.cross_validate(items, o["cv"], thresholds, workdir, **params).items():
                self.stdout.write(
                    f"cv{o['cv']} threshold={th:.2f}: person recall={sc.recall:.4f}, "
                    f"leak={sc.leak:.4f}, over-masking={sc.over_masking:.4f}"
                )
        train(data, o["output"], self.stdout, **params)
