"""Evaluation of the engine on the public benchmarks (benchmarks.md §8, §9.3). No Django.

* ``cail2022``: CAIL2022 信息抽取 paragraphs with gold spans. Test = ``test.json`` without the
  lines whose text also occurs in ``train.json`` (338 paragraphs); train = ``train.json``
  (the only split used for tuning).
* ``lawbench``: LawBench 2-6 (500 sentences, answers without offsets: each gold string is
  located with ``str.find``, every occurrence counts). One split (it is a final-only set).
* ``lecard_pii``: the regex-PII stress set, the 8,950 LeCaRD candidate full texts
  (unlabelled): ID-number-like and mobile-like numbers counted before and after.

Metrics (§8): person recall = share of gold person mentions (CAIL ``Nh``; LawBench
犯罪嫌疑人/受害人) fully covered by the union of the engine's change spans; leak = 1 − recall;
over-masking = masked characters outside all gold PII spans (CAIL Nh ∪ Ns ∪ NT; LawBench
persons, places, times, organisations) / all masked characters. Changes of kind
``already_masked`` (names the court had masked, kept as they are) count as masks: the engine
recognised them; the ``unmasked-name recall`` line isolates gold names that contained no
mask character.
"""

from __future__ import annotations

import json
import lzma
import re
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from . import tagger as crf
from .engine import Result, deidentify, tagger_features

ID_LIKE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE_LIKE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_MASK_CHARS = re.compile(r"[某×XxＸ*＊]")
# benchmarks.md §6: in the LeCaRD candidates "the first 被告人XX， mention is an unmasked 2–3-
# character name in 5,466 documents" — the stress set for unmasked names (§9.3)
FIRST_DEFENDANT = re.compile(r"被告人([\u4e00-\u9fff]{2,3})，")


@dataclass
class Item:
    text: str
    persons: list[tuple[int, int]]
    pii: list[tuple[int, int]]


@dataclass
class Scores:
    items: int = 0
    persons: int = 0
    covered: int = 0
    plain_persons: int = 0
    plain_covered: int = 0
    masked_chars: int = 0
    masked_outside: int = 0
    leaks: list[str] = field(default_factory=list)
    leak_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return self.covered / self.persons if self.persons else 1.0

    @property
    def leak(self) -> float:
        return 1.0 - self.recall

    @property
    def over_masking(self) -> float:
        return self.masked_outside / self.masked_chars if self.masked_chars else 0.0

    @property
    def plain_recall(self) -> float:
        return self.plain_covered / self.plain_persons if self.plain_persons else 1.0


def load_cail2022(data_dir: Path, split: str) -> list[Item]:
    folder = data_dir / "cail2022_xxcq"

    def rows(name: str) -> list[dict[str, Any]]:
        with open(folder / name, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    if split == "train":
        data = rows("train.json")
    elif split == "test":
        train_texts = {r["sentText"] for r in rows("train.json")}
        data = [r for r in rows("test.json") if r["sentText"] not in train_texts]
    else:
        raise ValueError("cail2022 splits: train, test")
    items = []
    for r in data:
        ents = r["entityMentions"]
        items.append(
            Item(
                text=r["sentText"],
                persons=[(e["start"], e["end"]) for e in ents if e["label"] == "Nh"],
                pii=[(e["start"], e["end"]) for e in ents if e["label"] in {"Nh", "Ns", "NT"}],
            )
        )
    return items


LAWBENCH_PERSON = ("犯罪嫌疑人", "受害人")
LAWBENCH_PII = (*LAWBENCH_PERSON, "时间", "地点", "组织机构")


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while needle and i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def load_lawbench(data_dir: Path) -> list[Item]:
    with open(data_dir / "lawbench_subset" / "2-6.json", encoding="utf-8") as f:
        data = json.load(f)
    items = []
    for r in data:
        text = r["question"].split("句子:", 1)[-1].strip()
        persons: list[tuple[int, int]] = []
        pii: list[tuple[int, int]] = []
        for part in r["answer"].split(";"):
            if ":" not in part:
                continue
            kind, values = part.split(":", 1)
            for v in values.split("、"):
                spans = _occurrences(text, v.strip())
                if kind in LAWBENCH_PERSON:
                    persons += spans
                if kind in LAWBENCH_PII:
                    pii += spans
        items.append(Item(text, sorted(set(persons)), sorted(set(pii))))
    return items


def iter_lecard(data_dir: Path, limit: int | None = None) -> Iterator[str]:
    folder = data_dir / "lecard"
    path = folder / "candidates.jsonl.xz"
    opener: Callable[..., Any] = lzma.open
    if not path.exists():
        path, opener = folder / "candidates.jsonl", open
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)["qw"]


# LeCaRDv2's query files (benchmarks.md §9.3: 360 full criminal judgments, a stress set for
# regex-type PII and unmasked names), in this order; JSON Lines {id, query, fact}, ``query``
# being the whole judgment
LECARDV2_QUERY_FILES = ("test_query.json", "controversial_query.json", "procedural_query.json")


def iter_lecardv2(data_dir: Path, limit: int | None = None) -> Iterator[str]:
    folder = data_dir / "lecardv2" / "query"
    n = 0
    for name in LECARDV2_QUERY_FILES:
        path = folder / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                if limit is not None and n >= limit:
                    return
                if line.strip():
                    n += 1
                    yield json.loads(line)["query"]


# Kinds of leaked gold person spans (``leak_kind``), in the order ``evaluate_deid`` prints them.
LEAK_KINDS = ("weight", "drug_or_time", "wider_gold", "partial", "missed")
# Gold "person" spans that are no name: drug names and the 许 of 时许 (CAIL2022 annotation noise).
_NOT_NAMES = frozenset(
    [
        "许",
        "冰毒",
        "麻古",
        "K粉",
        "安钠咖",
        "甲基苯丙胺",
        "海洛因",
        "大麻",
        "摇头丸",
        "氯胺酮",
        "可卡因",
        "鸦片",
        "吗啡",
        "曲马多",
    ]
)
# Characters a gold span may take in around a name without being part of it: quotes and
# brackets, and the function characters the annotators joined to names (李某处, 张某共, 王某伙同).
_BESIDE_NAME = frozenset("“”\"'‘’「」『』《》()（）处共伙经的等和与及在从向背同将把被给对")


def leak_kind(text: str, s: int, e: int, masks: list[tuple[int, int]]) -> str:
    """Why the gold person span [s, e) is not covered by the (sorted) masks, by its shape only:

    * ``weight``: a weight the gold annotates as a person (净重1.1克; :func:`tagger.clean_gold`
      drops these from training too); no engine should mask it;
    * ``drug_or_time``: a drug name or the 许 of 时许 annotated as a person;
    * ``wider_gold``: the name is masked and only characters beside it are not: quotes, or a
      function character the annotation joined to it (李某处, “三哥”);
    * ``partial``: part of the name is left (a mask over 王某 of 王某某);
    * ``missed``: nothing of the span is masked.

    Used to explain the leak figure (``evaluate_deid`` prints the counts, never the strings:
    on the test split nothing may be looked at)."""
    span = text[s:e]
    if crf.is_weight(span):
        return "weight"
    if span in _NOT_NAMES:
        return "drug_or_time"
    covered = [any(a <= i < b for a, b in masks) for i in range(s, e)]
    if not any(covered):
        return "missed"
    left = [c for c, ok in zip(span, covered, strict=True) if not ok]
    return "wider_gold" if all(c in _BESIDE_NAME for c in left) else "partial"


def _covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Is [s, e) inside the union of the (sorted, non-overlapping) spans?"""
    pos = s
    for a, b in spans:
        if a <= pos < b:
            pos = b
            if pos >= e:
                return True
    return pos >= e


def training_sequences(
    items: Iterable[Item], augment: int = 0
) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, B/I/O labels) per paragraph: gold person spans (without the weights
    annotated as persons, :func:`tagger.clean_gold`), and the rules' own decisions (rules
    only, all_parties) as features. ``augment`` > 0 adds that many copies of each paragraph
    in which the names are replaced by invented ones (:func:`augmented`)."""
    for n, it in enumerate(items):
        variants = [(it.text, crf.clean_gold(it.text, it.persons))]
        for k in range(augment):
            variants.append(augmented(it.text, variants[0][1], seed=n * 31 + k))
        for text, spans in variants:
            rules = deidentify(text, [], "all_parties", model=False)
            yield tagger_features(text, rules), crf.bio(len(text), spans)


# copies of each training paragraph with invented names (train_deid --augment)
DEFAULT_AUGMENT = 1
_MASK_TAILS = ("某", "某某", "某甲", "某乙", "某1", "某2", "×", "××", "X", "XX")


def augmented(
    text: str, spans: list[tuple[int, int]], seed: int
) -> tuple[str, list[tuple[int, int]]]:
    """The paragraph with every gold name that starts with a surname replaced by an invented
    one, the same invented name for the same name throughout (names recur). A name is written
    out in full half of the time, whether the court had masked it or not, so that the tagger
    learns unmasked names in masked documents from their context rather than from the few
    real names it has seen; otherwise it is masked in one of the courts' styles (王某, 王某某,
    王某甲, 王×, 王XX). Surnames are drawn from the surname list, given-name characters from
    the dictionary's given names (:func:`tagger.given_name_chars`). Nicknames and names
    without a known surname are kept. Deterministic for a seed."""
    import random

    from .surnames import TAGGER_SINGLE, starts_with_surname

    rng = random.Random(seed)  # noqa: S311 (training data, not secrets: reproducible on purpose)
    # the tagger's own surname list (surnames.TAGGER_SINGLE): a surname added for the rules
    # leaves the training copies as they were
    surnames = sorted(TAGGER_SINGLE)
    given = crf.given_name_chars()
    fresh: dict[str, str] = {}
    out: list[str] = []
    new_spans: list[tuple[int, int]] = []
    pos = 0
    for s, e in sorted(spans):
        name = text[s:e]
        if s < pos:
            continue
        out.append(text[pos:s])
        start = sum(map(len, out))
        pos = e
        if not 2 <= len(name) <= 4 or starts_with_surname(name, single=TAGGER_SINGLE) != 1:
            out.append(name)
            new_spans.append((start, start + len(name)))
            continue
        if name not in fresh:
            surname = rng.choice(surnames)
            if rng.random() < 0.5:
                fresh[name] = surname + "".join(rng.choices(given, k=rng.choice((1, 2, 2))))
            else:
                fresh[name] = surname + rng.choice(_MASK_TAILS)
        out.append(fresh[name])
        new_spans.append((start, start + len(fresh[name])))
    out.append(text[pos:])
    return "".join(out), new_spans


def train_model(
    items: list[Item],
    path: Path | str,
    info: dict[str, Any] | None = None,
    augment: int = 0,
    **params: Any,
) -> int:
    """Train the person tagger on ``items`` (a *train* split, in file order) and write it to
    ``path``; ``info`` goes into the model's JSON sidecar."""
    return crf.train(training_sequences(items, augment), path, info=info, **params)


def cross_validate(
    items: list[Item], folds: int, thresholds: Iterable[float], workdir: Path, **params: Any
) -> dict[float, Scores]:
    """k-fold cross-validation on a train split (for choosing the decoding threshold)."""
    from .engine import learned_names, with_learned

    ths = list(thresholds)
    out = {t: Scores() for t in ths}
    for k in range(folds):
        fit = [it for i, it in enumerate(items) if i % folds != k]
        held = [it for i, it in enumerate(items) if i % folds == k]
        path = Path(workdir) / f"cv-{k}.crfsuite"
        train_model(fit, path, **params)
        tagger = crf.load(path)
        for t in ths:

            def run(text: str, t: float = t, tagger: Any = tagger) -> Result:
                rules = deidentify(text, [], "all_parties", model=False)
                return with_learned(text, rules, learned_names(text, rules, tagger, t))

            sc = score(held, run=run)
            tot = out[t]
            for f in (
                "items",
                "persons",
                "covered",
                "plain_persons",
                "plain_covered",
                "masked_chars",
                "masked_outside",
            ):
                setattr(tot, f, getattr(tot, f) + getattr(sc, f))
        for leftover in (path, crf.member_path(path), crf.info_path(path)):
            leftover.unlink(missing_ok=True)
    return out


def score(
    items: Iterable[Item],
    policy: str = "all_parties",
    run: Callable[[str], Result] | None = None,
    model: Any = None,
) -> Scores:
    sc = Scores()
    for it in items:
        res = run(it.text) if run else deidentify(it.text, [], policy, model=model)
        masks = sorted((c.start, c.end) for c in res.changes)
        sc.items += 1
        for s, e in it.persons:
            ok = _covered(masks, s, e)
            sc.persons += 1
            sc.covered += ok
            if not _MASK_CHARS.search(it.text[s:e]):
                sc.plain_persons += 1
                sc.plain_covered += ok
            if not ok:
                kind = leak_kind(it.text, s, e, masks)
                sc.leak_kinds[kind] = sc.leak_kinds.get(kind, 0) + 1
                if len(sc.leaks) < 10_000:
                    sc.leaks.append(it.text[s:e])
        gold: set[int] = set()
        for s, e in it.pii:
            gold.update(range(s, e))
        for s, e in masks:
            sc.masked_chars += e - s
            sc.masked_outside += sum(1 for i in range(s, e) if i not in gold)
    return sc


@dataclass
class PiiCounts:
    docs: int = 0
    chars: int = 0
    id_before: int = 0
    phone_before: int = 0
    id_after: int = 0
    phone_after: int = 0
    names_before: int = 0
    names_left: int = 0
    # of those, the ones the text introduces as a person (被告人XX，男 / 女): the pattern's
    # non-names (被告人系初犯，, 被告人会游泳，) never are
    introduced_before: int = 0
    introduced_left: int = 0
    changes: dict[str, int] = field(default_factory=dict)
    # documents the engine failed on, by exception type and innermost frame (never the text)
    errors: dict[str, int] = field(default_factory=dict)


def pii_counts(texts: Iterable[str], policy: str = "all_parties", names: bool = False) -> PiiCounts:
    """Regex-PII counts before/after. Name detection is off by default: it is the slow part
    (jieba) and cannot change these counts, since Art 10 hits win every overlap. With
    ``names``, also the unmasked-name stress figure: documents whose first 被告人XX， names an
    unmasked defendant (``names_before``), and those in which that name is still anywhere in
    the output (``names_left``); ``introduced_*``: the same for the names followed by the sex
    (被告人XX，男), all of them names."""
    pc = PiiCounts()
    for text in texts:
        try:
            res = deidentify(text, [], policy, detect_names=names)
        except Exception as exc:  # a stress run reports every failure and goes on
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            pc.errors[where] = pc.errors.get(where, 0) + 1
            continue
        if names:
            m = FIRST_DEFENDANT.search(text)
            if m and not _MASK_CHARS.search(m.group(1)):
                left = m.group(1) in res.text
                pc.names_before += 1
                pc.names_left += left
                if text[m.end() : m.end() + 1] in ("男", "女"):
                    pc.introduced_before += 1
                    pc.introduced_left += left
        pc.docs += 1
        pc.chars += len(text)
        pc.id_before += len(ID_LIKE.findall(text))
        pc.phone_before += len(MOBILE_LIKE.findall(text))
        pc.id_after += len(ID_LIKE.findall(res.text))
        pc.phone_after += len(MOBILE_LIKE.findall(res.text))
        for c in res.changes:
            pc.changes[c.kind] = pc.changes.get(c.kind, 0) + 1
    return pc


def _pii_one(args: tuple[str, str, bool]) -> PiiCounts:
    return pii_counts([args[0]], args[1], args[2])


def pii_counts_parallel(
    texts: Iterable[str], policy: str, jobs: int, names: bool = False
) -> PiiCounts:
    if jobs <= 1:
        return pii_counts(texts, policy, names)
    from multiprocessing import Pool

    total = PiiCounts()
    with Pool(jobs) as pool:
        for pc in pool.imap_unordered(_pii_one, ((t, policy, names) for t in texts), chunksize=16):
            for f in fields(PiiCounts):
                mine, theirs = getattr(total, f.name), getattr(pc, f.name)
                if isinstance(mine, dict):
                    for k, v in theirs.items():
                        mine[k] = mine.get(k, 0) + v
                else:
                    setattr(total, f.name, mine + theirs)
    return total
