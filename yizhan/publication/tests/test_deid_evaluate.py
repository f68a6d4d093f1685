"""manage.py evaluate_deid on the tiny bundled sample (exact figures) and on the real data."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

SAMPLE = Path(__file__).parent / "data"
REAL = Path(
    getattr(settings, "YIZHAN_SHARED_DATA", None)
    or Path(settings.BASE_DIR).parent / "shared" / "data"
)


@pytest.fixture(autouse=True)
def _rules_only(tmp_path: Path) -> Iterator[None]:
    """These tests pin the rules' exact output: never pick up a trained model from var/."""
    with override_settings(YIZHAN_DEID_MODEL=str(tmp_path / "no-model.crfsuite")):
        yield


def run(*args: str, data: Path = SAMPLE) -> list[str]:
    out = io.StringIO()
    with override_settings(YIZHAN_SHARED_DATA=str(data)):
        call_command("evaluate_deid", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_cail2022_test_split_excludes_texts_also_in_train() -> None:
    lines = run("--benchmark", "cail2022", "--split", "test")
    assert lines[0].startswith("items=3 person mentions=6 ")
    assert lines[-1] == "deid cail2022/test: person recall=0.8333, leak=0.1667, over-masking=0.0000"


def test_cail2022_train_split() -> None:
    assert run("--benchmark", "cail2022", "--split", "train")[-1] == (
        "deid cail2022/train: person recall=1.0000, leak=0.0000, over-masking=0.0000"
    )


def test_lawbench() -> None:
    assert run("--benchmark", "lawbench")[-1] == (
        "deid lawbench/test: person recall=1.0000, leak=0.0000, over-masking=0.0000"
    )


def test_lecard_pii_leaves_no_id_or_phone_pattern() -> None:
    lines = run("--benchmark", "lecard_pii", "--split", "all")
    assert "before: id-number patterns=1, phone patterns=2" in lines
    assert lines[-1] == "deid lecard_pii/all: id-number left=0, phone left=0"


def test_show_leaks_refused_on_test_split() -> None:
    with pytest.raises(CommandError):
        run("--benchmark", "cail2022", "--split", "test", "--show-leaks")


def test_missing_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="shared data not found"):
        run("--benchmark", "lawbench", data=tmp_path / "nope")


@pytest.mark.slow
@pytest.mark.skipif(
    not (REAL / "cail2022_xxcq" / "test.json").exists(),
    reason="../shared/data (CAIL2022 xxcq) is not available on this machine",
)
def test_real_cail2022_test_figures() -> None:
    """Rules only (the fixture hides any model). Guards regressions of the rules; the figures
    (recall 0.9553, over-masking 0.0450 at the last release) and the goal (leak ≤ 1 %, not
    reached) are in docs/publication.md. Never tune on this split."""
    lines = run("--benchmark", "cail2022", "--split", "test", data=REAL)
    assert lines[0].startswith("items=338 person mentions=1542 ")
    last = lines[-1]
    assert last.startswith("deid cail2022/test: person recall=")
    recall = float(last.split("recall=")[1].split(",")[0])
    over = float(last.split("over-masking=")[1])
    assert recall >= 0.95
    assert over <= 0.06
