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
    # the one leak of the sample is a name nothing masks (counts only, never the string)
    assert lines[-2] == "leaks by kind: weight=0, drug_or_time=0, wider_gold=0, partial=0, missed=1"
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
    assert not any(line.startswith("unmasked first-defendant names") for line in lines)


def test_lecard_pii_with_names_counts_the_first_defendant_names_left() -> None:
    """benchmarks.md §6/§9.3: the unmasked-name stress figure (被告人赵明义， in the sample, with no
    sex after it, so not introduced; 被告人钱立新驾驶 has no comma after the name and is not
    counted)."""
    lines = run("--benchmark", "lecard_pii", "--split", "all", "--with-names")
    assert lines[-3:-1] == [
        "documents failed=0",
        "unmasked first-defendant names (被告人XX，): before=1, left=0; "
        "introduced (被告人XX，男/女): before=0, left=0",
    ]
    assert lines[-1] == "deid lecard_pii/all: id-number left=0, phone left=0"


def test_stress_run_counts_a_failing_document_and_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from yizhan.publication.deid import evaluate

    real = evaluate.deidentify

    def flaky(text: str, *args: object, **kwargs: object) -> object:
        if "坏" in text:
            raise KeyError("辩护人：")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(evaluate, "deidentify", flaky)
    pc = evaluate.pii_counts(["坏", "电话13800138000", "坏"])
    assert pc.docs == 1
    assert (pc.phone_before, pc.phone_after) == (1, 0)
    ((where, count),) = pc.errors.items()
    assert (where.split(":")[0], count) == ("KeyError at test_deid_evaluate.py", 2)


def test_first_defendant_name_left_is_counted() -> None:
    from yizhan.publication.deid.evaluate import pii_counts

    pc = pii_counts(["被告人赵明义，男。", "被告人李某，男。", "审判长赵明义"], names=True)
    assert (pc.names_before, pc.names_left) == (1, 0)
    # under the 2016 rules a criminal defendant's name is kept (Art 8): it is counted as left
    pc = pii_counts(["被告人赵明义，男，因犯盗窃罪被判刑。"], policy="2016", names=True)
    assert (pc.names_before, pc.names_left) == (1, 1)
    # a name the text introduces (被告人XX，男 / 女) is counted apart; the pattern's non-names
    # (被告人系初犯，) never are, and are counted as left
    pc = pii_counts(
        [
            "被告人赵明义，男，因犯盗窃罪被判刑。",
            "被告人系初犯，可从轻处罚。",
            "被告人钱立新，1980年生。",
        ],
        policy="2016",
        names=True,
    )
    assert (pc.names_before, pc.names_left) == (3, 3)
    assert (pc.introduced_before, pc.introduced_left) == (1, 1)


@pytest.mark.parametrize(
    ("text", "gold", "masks", "kind"),
    [
        # CAIL2022 annotation noise: a weight and a drug name marked as persons, the 许 of 时许
        ("毒品“K粉”（净重1.1克）", (9, 13), [], "weight"),
        ("购得毒品麻古及冰毒", (4, 6), [], "drug_or_time"),
        ("于当日13时许在房间内", (6, 7), [], "drug_or_time"),
        # the name is masked; the gold span also takes in a function character or quotes
        ("从被告人李某处查获", (4, 7), [(4, 6)], "wider_gold"),
        ("向“三哥”购买", (1, 5), [(2, 4)], "wider_gold"),
        ("被告人王某伙同他人", (3, 6), [(3, 5)], "wider_gold"),
        # part of the name is left: the mask stops before the last 某, or before a given name
        ("向麦某某贩卖毒品", (1, 4), [(1, 3)], "partial"),
        ("被告人欧阳明华到场", (3, 7), [(3, 5)], "partial"),
        # nothing of the span is masked
        ("到道外区赵子龙处拿到毒品", (4, 7), [], "missed"),
    ],
)
def test_leak_kind(
    text: str, gold: tuple[int, int], masks: list[tuple[int, int]], kind: str
) -> None:
    from yizhan.publication.deid.evaluate import leak_kind

    assert leak_kind(text, *gold, masks) == kind


def test_leak_kinds_add_up_to_the_leaks() -> None:
    from yizhan.publication.deid.engine import Change, Result
    from yizhan.publication.deid.evaluate import Item, score

    text = "从被告人李某处查获净重1.1克冰毒，向麦某某贩卖，赵子龙在场。"
    item = Item(
        text=text,
        persons=[(4, 7), (11, 15), (19, 22), (25, 28)],
        pii=[(4, 7), (11, 15), (19, 22), (25, 28)],
    )
    masks = [(4, 6), (19, 21)]
    changes = [
        Change(start=a, end=b, kind="already_masked", original=text[a:b], replacement=text[a:b])
        for a, b in masks
    ]
    sc = score([item], run=lambda t: Result(text=t, changes=changes))
    assert (sc.persons, sc.covered) == (4, 0)
    assert sc.leak_kinds == {"wider_gold": 1, "weight": 1, "partial": 1, "missed": 1}


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


def test_lecardv2_pii_reads_the_query_judgments() -> None:
    """benchmarks.md §9.3: LeCaRDv2's queries are the second stress set (360 whole judgments);
    the sample has one ID number, one phone number and one plate, and two first defendants."""
    lines = run("--benchmark", "lecardv2_pii", "--with-names")
    assert lines[0].startswith("documents=2 ")
    assert "before: id-number patterns=1, phone patterns=1" in lines
    assert (
        "unmasked first-defendant names (被告人XX，): before=2, left=0; "
        "introduced (被告人XX，男/女): before=1, left=0"
    ) in lines
    assert lines[-1] == "deid lecardv2_pii/all: id-number left=0, phone left=0"
    assert run("--benchmark", "lecardv2_pii", "--limit", "1")[0].startswith("documents=1 ")


@pytest.mark.skipif(
    not (REAL / "lecardv2" / "query" / "test_query.json").exists(),
    reason="../shared/data (LeCaRDv2 queries) is not available on this machine",
)
def test_real_lecardv2_queries_leave_no_id_or_phone_number() -> None:
    """The issue's goal: no ID-number or phone leak anywhere (360 whole judgments, Art 10 only)."""
    lines = run("--benchmark", "lecardv2_pii", data=REAL)
    assert lines[0].startswith("documents=360 ")
    assert "before: id-number patterns=6, phone patterns=5" in lines
    assert lines[-1] == "deid lecardv2_pii/all: id-number left=0, phone left=0"
